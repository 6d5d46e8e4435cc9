"""The programme's figures over a period, from plain rows (pure: no Flask, no database)."""
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from ..privacy.anonymity import safe_median

STAGES = ("registered", "assessed", "reviewed")


@dataclass(frozen=True)
class CompanyDates:
    """When one verified company reached each step (None: not yet)."""

    company_id: int
    registered: date
    assessed: date | None
    reviewed: date | None
    certified: tuple[tuple[str, date], ...]  # (certification, date)


def month_ends(start, end):
    """Return the last day of every month from *start*'s month to *end*'s, *end* itself for the last."""
    days, current = [], date(start.year, start.month, 1)
    while current <= end:
        following = date(current.year + current.month // 12, current.month % 12 + 1, 1)
        days.append(min(following - timedelta(days=1), end))
        current = following
    return days


def _reached(company, step, day):
    """Say whether *company* had reached *step* by *day*: a later step reached means this one was too.

    An account created after its first assessment (imported, back-dated) still counts as registered
    from that assessment on, so the funnel never shows more companies assessed than registered.
    """
    return any(getattr(company, later) and getattr(company, later) <= day for later in STAGES[STAGES.index(step):])


def reach(companies, days, certifications):
    """Return ``{step: [count of companies that had reached it by each day]}``, certifications included."""
    series = {step: [sum(1 for c in companies if _reached(c, step, day)) for day in days] for step in STAGES}
    for certification in certifications:
        series[certification] = [sum(1 for c in companies if any(cert == certification and on <= day
                                                                for cert, on in c.certified)) for day in days]
    return series


def participation(rows):
    """Count distinct companies and people present per event kind, region and sector.

    :param rows: ``(company_id or None, user_id, kind, region or None, sector or None)`` per presence.
    :return: ``{"kind"|"region"|"sector": [(key, companies, people)]}``, largest first.
    """
    result = {}
    for index, name in ((2, "kind"), (3, "region"), (4, "sector")):
        companies, people = {}, {}
        for row in rows:
            key = row[index] or ""
            people.setdefault(key, set()).add(row[1])
            if row[0] is not None:
                companies.setdefault(key, set()).add(row[0])
        counts = Counter({key: len(ids) for key, ids in people.items()})
        result[name] = [(key, len(companies.get(key, ())), count) for key, count in
                        sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    return result


def maturity_over_time(snapshots, topics, days):
    """Return ``{topic: [safe median of each company's latest maturity on the topic as of each day]}``.

    A value is None when fewer than 5 companies have one, or when one company could be recognized
    (see :func:`aluqsec.privacy.anonymity.safe_median`).
    """
    ordered = sorted(snapshots, key=lambda s: (s.on, s.company_id))
    series = {topic: [] for topic in topics}
    for day in days:
        latest = {}
        for snapshot in ordered:
            if snapshot.on <= day:
                latest[snapshot.company_id] = snapshot
        for topic in topics:
            values = [s.topics.get(topic) for s in latest.values() if s.topics.get(topic) is not None]
            series[topic].append(safe_median(values))
    return series
