"""Rank upcoming events for one company by the gaps they address (pure, no Flask, no database)."""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

DEFAULT_THRESHOLD = 3.0
BILINGUAL = "bilingual"


@dataclass(frozen=True)
class EventInfo:
    """What ranking needs to know about one scheduled event."""

    id: int
    starts_at: datetime  # timezone-aware
    topics: tuple[str, ...]
    language: str  # "fr", "en" or "bilingual"
    region: str | None  # Quebec region code "01".."17"; None for an online event
    seats_left: int  # 0 = full, waitlist only
    kind: str

    def __post_init__(self):
        if self.starts_at.tzinfo is None:
            raise ValueError(f"event {self.id}: starts_at must be timezone-aware")


@dataclass(frozen=True)
class CompanyProfile:
    """A company's topic maturities (latest scorecard), language of service and region."""

    topics: Mapping[str, float | None]  # topic id -> maturity 0-5; None = not assessed
    language: str  # "fr" or "en"
    region: str


@dataclass(frozen=True)
class Recommendation:
    """One event recommended to a company, with the gap that makes it relevant."""

    event_id: int
    topic: str  # the most severe gap the event addresses: the reason shown to the user
    maturity: float  # the company's maturity on that topic
    severity: float  # threshold - maturity
    language_match: bool
    region_match: bool
    has_seats: bool


def gaps(profile: CompanyProfile, threshold: float = DEFAULT_THRESHOLD) -> dict[str, float]:
    """Return ``{topic id: maturity}`` for the assessed topics below *threshold*."""
    return {topic: maturity for topic, maturity in profile.topics.items()
            if maturity is not None and maturity < threshold}


def _recommendation(profile, event, company_gaps, threshold) -> Recommendation | None:
    shared = [(company_gaps[topic], topic) for topic in set(event.topics) if topic in company_gaps]
    if not shared:
        return None
    maturity, topic = min(shared)  # lowest maturity = most severe; ties go to the first topic id
    return Recommendation(
        event_id=event.id,
        topic=topic,
        maturity=maturity,
        severity=threshold - maturity,
        language_match=event.language in (profile.language, BILINGUAL),
        region_match=event.region is None or event.region == profile.region,
        has_seats=event.seats_left > 0,
    )


def recommend(profile: CompanyProfile, events: Iterable[EventInfo], now: datetime,
              threshold: float = DEFAULT_THRESHOLD, limit: int | None = None) -> list[Recommendation]:
    """Recommend the upcoming *events* that address the company's gaps, best first.

    A gap is a topic whose maturity is assessed (not None) and below *threshold*. An event
    is relevant when it starts after *now*, is given in the company's language (or is
    bilingual) and carries at least one gap topic; its severity is ``threshold - maturity``
    of the most severe gap it shares, which is also the reason given (``topic``,
    ``maturity``; equal maturities go to the alphabetically first topic).

    Order, each key breaking ties of the previous one:

    1. events in the company's region first (online events count as in its region): an
       in-person event elsewhere in Quebec only fills the places nearer ones leave;
    2. severity, highest first;
    3. events with seats left before full ones (waitlist only);
    4. start date, earliest first;
    5. event id, ascending (ids are assumed unique).

    :param profile: the company's topic maturities, language and region.
    :param events: the candidate events, in any order.
    :param now: timezone-aware; events starting at or before it are left out.
    :param threshold: the maturity a topic must reach to stop being a gap.
    :param limit: keep at most this many recommendations; None keeps all.
    :return: a list of :class:`Recommendation`.
    :raises ValueError: if *now* is naive or *limit* is negative.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    company_gaps = gaps(profile, threshold)
    ranked = []
    for event in events:
        if event.starts_at <= now:
            continue
        recommendation = _recommendation(profile, event, company_gaps, threshold)
        if recommendation is not None and recommendation.language_match:
            ranked.append((event, recommendation))
    ranked.sort(key=lambda pair: (
        not pair[1].region_match,
        -pair[1].severity,
        not pair[1].has_seats,
        pair[0].starts_at,
        pair[0].id,
    ))
    recommendations = [recommendation for _event, recommendation in ranked]
    return recommendations if limit is None else recommendations[:limit]
