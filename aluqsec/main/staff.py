"""What organizers and admins see first on their dashboard, in a handful of bounded queries."""
from sqlalchemy import func, select

from ..audit.models import AuditEvent
from ..auth.models import User, UserRole
from ..companies.models import Company
from ..events.models import Event, Registration, RegistrationStatus
from ..extensions import db
from ..models import utcnow

NEXT_EVENTS = 5
RECENT_AUDIT = 5


def organizer_summary(now=None):
    """Return the next events with their seats and waitlists, and how many are scheduled.

    :returns: ``{"next": [(event, waitlisted)], "scheduled": int}``.
    """
    now = now or utcnow()
    upcoming = select(Event).where(Event.cancelled_at.is_(None), Event.starts_at > now)
    events = list(db.session.scalars(upcoming.order_by(Event.starts_at, Event.id).limit(NEXT_EVENTS)))
    waiting = dict(db.session.execute(
        select(Registration.event_id, func.count()).where(
            Registration.event_id.in_([event.id for event in events]),
            Registration.status == RegistrationStatus.WAITLISTED).group_by(Registration.event_id)).all())
    scheduled = db.session.scalar(select(func.count()).select_from(upcoming.subquery()))
    return {"next": [(event, waiting.get(event.id, 0)) for event in events], "scheduled": scheduled}


def admin_summary():
    """Return account and company counts, staff per role and the latest audit entries."""
    staff = dict(db.session.execute(select(UserRole.role, func.count()).group_by(UserRole.role)).all())
    return {
        "accounts": db.session.scalar(select(func.count()).select_from(User)),
        "companies": db.session.scalar(select(func.count()).select_from(Company)),
        "staff": staff,
        "recent": list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                                          .limit(RECENT_AUDIT))),
    }
