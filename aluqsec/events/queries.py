"""Reading events: upcoming lists with filters, a person's registrations."""
from sqlalchemy import select
from sqlalchemy.orm import raiseload, selectinload

from ..extensions import db
from ..models import utcnow
from .models import Event, Registration, RegistrationStatus

ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


def _filtered(query, filters):
    if filters.get("region"):
        query = query.where(Event.region == filters["region"])
    if filters.get("language"):
        query = query.where(Event.language == filters["language"])
    if filters.get("kind"):
        query = query.where(Event.kind == filters["kind"])
    return query


def _with_topic(events, topic):
    # Topics are a JSON list: filtered here, portable across SQLite and PostgreSQL.
    return [event for event in events if not topic or topic in event.topics]


def upcoming(filters=None, now=None, sessions=True):
    """Return the scheduled events that have not started, soonest first.

    :param sessions: load each event's sessions; recommendations and demand read none of them
        (then reading them raises instead of querying once per event).
    """
    filters = filters or {}
    query = (select(Event).where(Event.cancelled_at.is_(None), Event.starts_at > (now or utcnow()))
             .order_by(Event.starts_at, Event.id))
    if not sessions:
        query = query.options(raiseload(Event.sessions))
    return _with_topic(list(db.session.scalars(_filtered(query, filters))), filters.get("topic"))


def all_events(filters=None, include_past=False, now=None):
    """Return events for organizers: upcoming (or all), cancelled ones included."""
    filters = filters or {}
    query = select(Event).order_by(Event.starts_at.desc() if include_past else Event.starts_at, Event.id)
    if not include_past:
        query = query.where(Event.ends_at > (now or utcnow()))
    return _with_topic(list(db.session.scalars(_filtered(query, filters))), filters.get("topic"))


def registrations_of(user, active_only=True):
    """Return the person's registrations with their events, soonest first."""
    query = (select(Registration).join(Registration.event).where(Registration.user_id == user.id)
             .options(selectinload(Registration.event)).order_by(Event.starts_at))
    if active_only:
        query = query.where(Registration.status.in_(ACTIVE))
    return list(db.session.scalars(query))


def my_statuses(user, events):
    """Return ``{event id: registration status}`` for *user* among *events*, in one query."""
    ids = [event.id for event in events]
    if not ids or not user.is_authenticated:
        return {}
    rows = db.session.execute(select(Registration.event_id, Registration.status).where(
        Registration.user_id == user.id, Registration.event_id.in_(ids)))
    return dict(rows.all())


def active_ids(statuses):
    """Return the ids of events where a ``my_statuses`` result shows an active registration."""
    return {event_id for event_id, status in statuses.items() if status in ACTIVE}
