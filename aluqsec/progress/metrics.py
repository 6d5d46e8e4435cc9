"""Progress toward certification: journey dates, reminders, benchmark (pure).

Plain data in, plain data out: no Flask, no database. The views and the
reminder job load journeys, assessment dates and score snapshots, and call
these functions; what a reminder job has already sent is stored by the caller
so that running it twice sends nothing twice.
"""
import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..privacy.anonymity import safe_median

# The stages of a certification journey, in order (DESIGN.md "Certification journey").
STAGES = ("self_assessment", "remediation", "pre_audit", "audit_booked", "certified")

CYBERSECURE_CANADA = "cybersecure-canada"
# Certifications renewed by an annual self-assessment (and affirmation).
ANNUAL_SELF_ASSESSMENT = ("cpcsc-l1", "cmmc-l1")

# Kinds of due dates returned by next_steps.
MAINTENANCE_AUDIT = "maintenance_audit"
RECERTIFICATION = "recertification"
ANNUAL = "annual_self_assessment"
TARGET = "target"
REASSESSMENT = "reassessment"

REMINDER_LEADS = (30, 7)  # days before a due date when a reminder goes out
MIN_GROUP = 5  # aggregates over fewer companies are not shown (DESIGN.md)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (negative goes back).

    The day of month is clamped to the target month's last day:
    2024-01-31 + 1 = 2024-02-29, 2024-02-29 + 12 = 2025-02-28.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Journey:
    """A company's journey toward one certification.

    ``stage`` is the current stage (one of STAGES); ``dates`` maps a stage to
    the date it was reached (missing or None when not reached or not known);
    ``target`` is the date the company aims to be certified by.
    """

    certification: str
    stage: str
    dates: Mapping[str, date | None] = field(default_factory=dict)
    target: date | None = None

    def __post_init__(self):
        if self.stage not in STAGES:
            raise ValueError(f"unknown stage {self.stage!r}")

    @property
    def certified_on(self) -> date | None:
        """The certification date, when the journey is at the certified stage."""
        return self.dates.get("certified") if self.stage == "certified" else None


@dataclass(frozen=True)
class Due:
    """Something due on a date for a certification; ``overdue`` when the date is past."""

    kind: str
    due: date
    certification: str
    overdue: bool = False


def next_steps(journey: Journey, last_assessment: date | None, today: date) -> list[Due]:
    """The dates coming up (or missed) for ``journey``, earliest first.

    - CyberSecure Canada, certified on C: maintenance audit at C + 12 months,
      recertification at C + 24 months (the certificate lasts two years).
    - CPCSC Level 1 and CMMC Level 1, certified (self-assessment and
      affirmation done) on C: annual self-assessment at C + 12 months.
    - Any certification not yet certified: its target date, when set.
    - Any certification: a reassessment 12 months after ``last_assessment``.

    A journey at the certified stage without a certification date yields no
    certification-specific due. Past dates are kept, flagged ``overdue``.
    """
    found = []  # (kind, date)
    certified = journey.certified_on
    if journey.stage != "certified":
        if journey.target is not None:
            found.append((TARGET, journey.target))
    elif certified is not None:
        if journey.certification == CYBERSECURE_CANADA:
            found.append((MAINTENANCE_AUDIT, add_months(certified, 12)))
            found.append((RECERTIFICATION, add_months(certified, 24)))
        elif journey.certification in ANNUAL_SELF_ASSESSMENT:
            found.append((ANNUAL, add_months(certified, 12)))
    if last_assessment is not None:
        found.append((REASSESSMENT, add_months(last_assessment, 12)))
    dues = [Due(kind, when, journey.certification, when < today) for kind, when in found]
    return sorted(dues, key=lambda due: (due.due, due.kind))


def next_stage(journey: Journey) -> str | None:
    """The stage after the journey's current one; None once certified."""
    index = STAGES.index(journey.stage)
    return STAGES[index + 1] if index + 1 < len(STAGES) else None


def reminder_dates(due: date, lead_days: Iterable[int] = REMINDER_LEADS) -> list[date]:
    """The days reminders for ``due`` go out, earliest first (``due`` minus each lead)."""
    return sorted(due - timedelta(days=lead) for lead in lead_days)


def reminders_due(dues: Iterable[Due], today: date,
                  lead_days: Iterable[int] = REMINDER_LEADS) -> list[tuple[Due, int]]:
    """The ``(due, lead)`` reminders to send on ``today``.

    A reminder is due from its day (``due.due - lead``) up to the due date
    itself, so a job that missed a day still sends it, and nothing is sent
    once the due date has passed. The caller stores what it sent, keyed by
    (due, lead), and skips those next time: that keeps the job idempotent.
    Ordered by due date, then longest lead first.
    """
    leads = sorted(set(lead_days), reverse=True)
    found = [(due, lead) for due in dues for lead in leads
             if due.due - timedelta(days=lead) <= today <= due.due]
    return sorted(found, key=lambda pair: (pair[0].due, pair[0].kind, pair[0].certification, -pair[1]))


def median(values: Iterable[float | None]) -> float | None:
    """The median of the values that are not None; None when there are none."""
    ordered = sorted(value for value in values if value is not None)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class BenchmarkRow:
    """One domain of a benchmark: the company's own maturity, the group's median
    (None when fewer than the minimum group have a value) and how many have one."""

    own: float | None
    median: float | None
    count: int


def benchmark(own: Mapping[str, float | None], peers: Sequence[Mapping[str, float | None]],
              min_group: int = MIN_GROUP, own_counts: bool = True) -> dict[str, BenchmarkRow] | None:
    """Compare a company's domain maturities with its peers'.

    ``peers`` are the other consenting, verified companies' domain maturities.
    The group is the peers plus the company itself when ``own_counts`` (a
    company not yet verified by the cluster sees the peers' medians but does
    not count in them); under ``min_group`` companies there is no benchmark
    (None). Per domain (the company's domains first, then any other a peer
    has), the count is over the group members with a value for it and the
    median is :func:`aluqsec.privacy.anonymity.safe_median` of those values:
    rounded to 0.5, None when fewer than ``min_group`` values or when one
    company's value could be recovered from it.
    """
    values = {}
    for peer in peers:
        for domain, value in peer.items():
            values.setdefault(domain, []).append(value)
    return benchmark_of_values(own, len(peers), values, min_group, own_counts)


def benchmark_of_values(own: Mapping[str, float | None], peer_count: int, peer_values: Mapping[str, Sequence[float]],
                        min_group: int = MIN_GROUP, own_counts: bool = True) -> dict[str, BenchmarkRow] | None:
    """Return what :func:`benchmark` returns, from the peers' values per domain.

    :param peer_count: the number of peers (companies), with values or not.
    :param peer_values: ``{domain: [each peer's value, None when it has none]}``.
    """
    if peer_count + (1 if own_counts else 0) < min_group:
        return None
    rows = {}
    for domain in dict.fromkeys([*own, *peer_values]):
        values = [value for value in peer_values.get(domain, ()) if value is not None]
        if own_counts and own.get(domain) is not None:
            values.append(own[domain])
        rows[domain] = BenchmarkRow(own.get(domain), safe_median(values, min_group), len(values))
    return rows


def change_between(first: Mapping[str, float | None],
                   second: Mapping[str, float | None]) -> dict[str, float | None]:
    """Per domain, ``second - first`` rounded to 2 decimals; None when either is missing.

    Domains come in ``first``'s order, then any only ``second`` has.
    """
    changes = {}
    for domain in dict.fromkeys([*first, *second]):
        before, after = first.get(domain), second.get(domain)
        changes[domain] = None if before is None or after is None else round(after - before, 2)
    return changes
