"""Attendance per session and the completion rule of a series (reads and writes; the rule itself is pure)."""
import math

from sqlalchemy import delete, select

from ..extensions import db
from ..models import utcnow
from .models import RegistrationStatus, SessionAttendance
from .services import registrants


class AttendanceError(ValueError):
    """Attendance was sent for a session that has not started, or for someone not confirmed."""


def sessions_needed(total_sessions, share):
    """Return how many sessions of *total_sessions* a person attends to complete the event (at least 1).

    >>> sessions_needed(3, 0.66), sessions_needed(4, 0.66), sessions_needed(1, 0.66)
    (2, 3, 1)
    """
    return max(1, math.ceil(round(total_sessions * share, 9))) if total_sessions else 0


def is_completed(attended_sessions, total_sessions, share):
    """Tell whether attending *attended_sessions* of *total_sessions* completes the event."""
    return total_sessions > 0 and attended_sessions >= sessions_needed(total_sessions, share)


def started_sessions(event, now=None):
    """Return the event's sessions that have started: only those can have attendance."""
    now = now or utcnow()
    return [session for session in event.sessions if session.starts_at <= now]


def presence(event):
    """Return ``{(registration id, session id)}`` for everyone marked present at the event's sessions."""
    session_ids = [session.id for session in event.sessions]
    rows = db.session.execute(select(SessionAttendance.registration_id, SessionAttendance.session_id)
                              .where(SessionAttendance.session_id.in_(session_ids)))
    return {(registration_id, session_id) for registration_id, session_id in rows}


def record_attendance(event, present, share, now=None):
    """Replace the attendance of the started sessions with *present* ``{session id: {registration ids}}``.

    Each confirmed registration's ``attended`` becomes whether it completed the event.
    :raises AttendanceError: for a session that has not started or a person who is not confirmed.
    """
    started = {session.id for session in started_sessions(event, now)}
    confirmed = {r.id: r for r in registrants(event, statuses=(RegistrationStatus.CONFIRMED,))}
    if set(present) - started:
        raise AttendanceError("session")
    if any(set(ids) - set(confirmed) for ids in present.values()):
        raise AttendanceError("registration")
    if started:
        db.session.execute(delete(SessionAttendance).where(SessionAttendance.session_id.in_(started)))
    db.session.add_all(SessionAttendance(registration_id=registration_id, session_id=session_id)
                       for session_id, ids in present.items() for registration_id in ids)
    total = len(event.sessions)
    for registration_id, registration in confirmed.items():
        count = sum(registration_id in ids for ids in present.values())
        registration.attended = is_completed(count, total, share) if started else None
    db.session.flush()
    return sum(len(ids) for ids in present.values())
