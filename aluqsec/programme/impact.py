"""Did companies that came to an event on a topic improve more on it than those that did not? (pure)

The comparison, for one topic and one period:

- *attendees*: companies present at an event on the topic during the period. Their change is
  their maturity on the topic in the first assessment submitted after the event (and within the
  period) minus the one in the last assessment submitted before it.
- *others*: companies with no such attendance in the period and at least two assessments in it.
  Their change is the last assessment of the period minus the first.

Only companies with a maturity on the topic in both assessments count. A group of fewer than
``min_group`` companies shows no figure at all, and neither does the difference.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from statistics import mean

MIN_GROUP = 5


@dataclass(frozen=True)
class Snapshot:
    """One submitted assessment reduced to what the comparison needs."""

    company_id: int
    on: date
    topics: Mapping[str, float | None]


@dataclass(frozen=True)
class Group:
    companies: int  # how many companies are behind the figure (always shown)
    change: float | None  # mean change in maturity on the topic; None when hidden


@dataclass(frozen=True)
class Uplift:
    topic: str
    attendees: Group
    others: Group

    @property
    def difference(self):
        """Return attendees' change minus others', or None when either group is hidden."""
        if self.attendees.change is None or self.others.change is None:
            return None
        return self.attendees.change - self.others.change


def _group(changes, min_group):
    return Group(len(changes), mean(changes) if len(changes) >= min_group and changes else None)


def _attendee_change(history, topic, attended_on, end):
    before = [s for s in history if s.on < attended_on and s.topics.get(topic) is not None]
    after = [s for s in history if attended_on <= s.on <= end and s.topics.get(topic) is not None]
    if not before or not after:
        return None
    return after[0].topics[topic] - before[-1].topics[topic]


def _other_change(history, topic, start, end):
    inside = [s for s in history if start <= s.on <= end and s.topics.get(topic) is not None]
    if len(inside) < 2:
        return None
    return inside[-1].topics[topic] - inside[0].topics[topic]


def uplift(snapshots: Iterable[Snapshot], attended: Mapping[int, Mapping[str, date]], topics: Iterable[str],
           start: date, end: date, min_group: int = MIN_GROUP) -> list[Uplift]:
    """Compare the change in maturity per topic of attendees and of the other companies.

    :param snapshots: submitted assessments of the companies that may count (verified members only).
    :param attended: ``{company id: {topic: first day present at an event on it within the period}}``.
    :param topics: the topics to report, in the order wanted.
    :param start: first day of the period; :param end: last day.
    :return: one :class:`Uplift` per topic.
    """
    histories = {}
    for snapshot in sorted(snapshots, key=lambda s: (s.company_id, s.on)):
        histories.setdefault(snapshot.company_id, []).append(snapshot)
    rows = []
    for topic in topics:
        came, others = [], []
        for company_id, history in histories.items():
            attended_on = attended.get(company_id, {}).get(topic)
            if attended_on is not None and start <= attended_on <= end:
                change = _attendee_change(history, topic, attended_on, end)
                target = came
            else:
                change = _other_change(history, topic, start, end)
                target = others
            if change is not None:
                target.append(change)
        rows.append(Uplift(topic, _group(came, min_group), _group(others, min_group)))
    return rows
