"""How many companies have gaps on each topic, by region and sector (pure, no Flask, no database).

Organizers see aggregates only. A count of fewer than ``min_group`` companies, zero included,
is shown as None; within a breakdown, a second cell is hidden whenever the shown topic total
would otherwise give back the one hidden cell by subtraction.
"""
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MIN_GROUP = 5
ONLINE = "online"  # seats_by_region key for events without a region


@dataclass(frozen=True)
class CompanyGaps:
    """One company's region, sector and gap topics, from its latest scorecard."""

    region: str
    sector: str
    gap_topics: frozenset[str]


@dataclass(frozen=True)
class Seats:
    """The topics, region (None = online) and capacity of one upcoming scheduled event."""

    topics: tuple[str, ...]
    region: str | None
    capacity: int


@dataclass(frozen=True)
class TopicDemand:
    """Demand for one topic; a None count means fewer than ``min_group`` companies."""

    companies: int | None
    by_region: dict[str, int | None]
    by_sector: dict[str, int | None]
    seats: int  # capacity of the upcoming events on the topic: public, never hidden
    seats_by_region: dict[str, int]  # region code or ONLINE -> capacity


def shown(count: int, min_group: int = MIN_GROUP) -> int | None:
    """Return *count*, or None when it covers fewer than *min_group* companies."""
    return count if count >= min_group else None


def suppress(counts: Mapping[str, int], total_shown: bool, min_group: int = MIN_GROUP) -> dict[str, int | None]:
    """Hide the cells of one breakdown that are too small or could be recovered by subtraction.

    Each cell below *min_group* is hidden. Then, while the total is shown and exactly one cell
    is hidden, the smallest visible cell is hidden too (ties: first key in sorted order), since
    total minus the visible cells would otherwise give the hidden one back. A hidden true zero
    is protected the same way: it too says something about the few companies of that cell.

    :param counts: ``{key: true count}``.
    :param total_shown: whether the total of this breakdown is visible beside it.
    :return: ``{key: count or None}``, keys sorted.
    """
    cells = {key: shown(counts[key], min_group) for key in sorted(counts)}
    while total_shown:
        hidden = [key for key, value in cells.items() if value is None]
        visible = [key for key, value in cells.items() if value is not None]
        if len(hidden) != 1 or not visible:
            break
        cells[min(visible, key=lambda key: (counts[key], key))] = None
    return cells


def demand(companies: Iterable[CompanyGaps], seats: Iterable[Seats], topics: Iterable[str],
           min_group: int = MIN_GROUP) -> dict[str, TopicDemand]:
    """Count, for each topic, the companies with a gap on it and the seats scheduled on it.

    :param companies: one entry per company, from its latest scorecard.
    :param seats: one entry per upcoming scheduled event.
    :param topics: the topic ids to report, in order; each appears even with nothing on it.
    :param min_group: smallest company count shown; smaller counts, zero included, are None.
    :return: ``{topic id: TopicDemand}`` in the order of *topics*. ``by_region`` and
        ``by_sector`` list every region and sector found among *companies* (sorted), so each
        topic's table has the same columns; ``seats_by_region`` lists only where seats exist.
    """
    companies = list(companies)
    gaps = Counter((topic, company.region, company.sector) for company in companies for topic in company.gap_topics)
    return demand_from_counts(gaps, {company.region for company in companies},
                              {company.sector for company in companies}, seats, topics, min_group)


def demand_from_counts(gaps: Mapping[tuple[str, str, str], int], regions: Iterable[str], sectors: Iterable[str],
                       seats: Iterable[Seats], topics: Iterable[str],
                       min_group: int = MIN_GROUP) -> dict[str, TopicDemand]:
    """Return what :func:`demand` returns, from counts a database aggregated.

    :param gaps: ``{(topic, region, sector): number of companies with a gap on topic}``.
    :param regions: every region among the counted companies, gaps or not; *sectors* likewise.
    """
    seats = list(seats)
    regions, sectors = set(regions), set(sectors)
    result = {}
    for topic in topics:
        by_region, by_sector, count = Counter(), Counter(), 0
        for (gap_topic, region, sector), number in gaps.items():
            if gap_topic == topic:
                by_region[region] += number
                by_sector[sector] += number
                count += number
        total = shown(count, min_group)
        seats_by_region = Counter()
        for event in seats:
            if topic in event.topics:
                seats_by_region[ONLINE if event.region is None else event.region] += event.capacity
        result[topic] = TopicDemand(
            companies=total,
            by_region=suppress({region: by_region[region] for region in regions}, total is not None, min_group),
            by_sector=suppress({sector: by_sector[sector] for sector in sectors}, total is not None, min_group),
            seats=sum(seats_by_region.values()),
            seats_by_region={key: seats_by_region[key] for key in sorted(seats_by_region)},
        )
    return result
