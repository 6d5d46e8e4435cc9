"""Registration to events, waitlist promotion, cancellation.

Every change to an event's seats starts by locking the event row (a no-op
UPDATE: a row lock on PostgreSQL, the write lock on SQLite), so that two
requests never both take the last seat or both promote the same person.
"""
from sqlalchemy import case, select, update
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..mail import send_mail
from ..models import utcnow
from .models import Event, Registration, RegistrationStatus


class RegistrationClosed(Exception):
    """Registration is refused; ``reason`` says why (cancelled, started, deadline)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def lock(event):
    """Take the event's lock for the rest of the transaction and reload its counters."""
    db.session.execute(update(Event).where(Event.id == event.id).values(seats_taken=Event.seats_taken))
    db.session.refresh(event)


def registration_of(event, user):
    return db.session.scalar(select(Registration).where(Registration.event_id == event.id,
                                                        Registration.user_id == user.id))


def closed_reason(event, now=None):
    """Return why registration is closed (``cancelled``, ``past``, ``deadline``), or None."""
    now = now or utcnow()
    if event.is_cancelled:
        return "cancelled"
    if event.starts_at <= now:
        return "past"
    if event.registration_deadline < now:
        return "deadline"
    return None


def register(event, user, company):
    """Register *user* (for *company*): a seat when one is left, else the waitlist.

    :return: the Registration (confirmed or waitlisted); unchanged when already active.
    :raises RegistrationClosed: when the event is cancelled, started or past its deadline.
    """
    reason = closed_reason(event)
    if reason:
        raise RegistrationClosed(reason)
    lock(event)
    registration = registration_of(event, user)
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        return registration
    if registration is None:
        registration = Registration(event_id=event.id, user_id=user.id)
        db.session.add(registration)
    registration.company_id = company.id if company else None
    registration.queued_at = utcnow()
    if event.seats_taken < event.capacity:
        event.seats_taken += 1
        registration.status = RegistrationStatus.CONFIRMED
    else:
        registration.status = RegistrationStatus.WAITLISTED
    db.session.flush()
    return registration


def waitlist(event):
    """Return the waitlisted registrations in the order they joined."""
    return list(db.session.scalars(
        select(Registration).where(Registration.event_id == event.id,
                                   Registration.status == RegistrationStatus.WAITLISTED)
        .order_by(Registration.queued_at, Registration.id)))


def cancel_registration(registration):
    """Cancel a registration; a freed seat goes to the first in line, who is told by e-mail.

    :return: the promoted Registration, or None.
    """
    event = registration.event
    lock(event)
    db.session.refresh(registration)
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    registration.status = RegistrationStatus.CANCELLED
    promoted = None
    if was_confirmed:
        line = waitlist(event)
        if line and not event.is_cancelled and event.starts_at > utcnow():
            promoted = line[0]
            promoted.status = RegistrationStatus.CONFIRMED
            send_mail(promoted.user.email, "waitlist_promoted", promoted.user.language,
                      user=promoted.user, event=event)
        else:
            event.seats_taken -= 1
    db.session.flush()
    return promoted


# Confirmed people first, then the waitlist in line, then those who cancelled (never alphabetical).
STATUS_ORDER = case({RegistrationStatus.CONFIRMED: 0, RegistrationStatus.WAITLISTED: 1},
                    value=Registration.status, else_=2)


def registrants(event, statuses=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)):
    """Return the event's registrations with the given statuses, confirmed first then in line."""
    return list(db.session.scalars(
        select(Registration).where(Registration.event_id == event.id, Registration.status.in_(statuses))
        .options(selectinload(Registration.user), selectinload(Registration.company))
        .order_by(STATUS_ORDER, Registration.queued_at, Registration.id)))


def cancel_event(event):
    """Mark the event cancelled under its lock; return False when it already was (a second click).

    Everyone registered or waiting is told by a mailing the caller queues (:mod:`.mailings`).
    """
    lock(event)
    if event.is_cancelled:
        return False
    event.cancelled_at = utcnow()
    db.session.flush()
    return True
