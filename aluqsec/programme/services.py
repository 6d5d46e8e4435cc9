"""Send feedback surveys after events; read feedback and certificates from the database."""
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..events.attendance import presence
from ..events.forms import ZONE
from ..events.models import Event, Registration, RegistrationStatus, SessionAttendance
from ..extensions import db
from ..mail import send_mail
from ..models import utcnow
from .models import EventFeedback
from .summary import Answer, summarise

WINDOW_DAYS = 7  # events that ended more than a week ago are not surveyed any more


def events_to_survey(now):
    """Return the events whose last session ended on an earlier day (Montreal time), within the window."""
    today_starts = now.astimezone(ZONE).replace(hour=0, minute=0, second=0, microsecond=0)
    return list(db.session.scalars(select(Event).where(
        Event.cancelled_at.is_(None), Event.ends_at < today_starts,
        Event.ends_at >= today_starts - timedelta(days=WINDOW_DAYS))))


def send_feedback_requests(now=None):
    """E-mail the survey, once, to every person present at a session of a recently ended event.

    :return: how many surveys were sent by this call (0 when run again).
    """
    sent = 0
    for event in events_to_survey(now or utcnow()):
        attendees = {registration_id for registration_id, _session in presence(event)}
        already = set(db.session.scalars(select(EventFeedback.registration_id)
                                         .where(EventFeedback.event_id == event.id)))
        for registration in db.session.scalars(select(Registration).where(
                Registration.id.in_(attendees - already), Registration.status == RegistrationStatus.CONFIRMED)):
            request = EventFeedback(registration_id=registration.id, event_id=event.id,
                                    token=secrets.token_urlsafe(32))
            try:
                with db.session.begin_nested():  # another worker may have sent it in the meantime
                    db.session.add(request)
            except IntegrityError:
                continue
            send_mail(registration.user.email, "event_feedback", registration.user.language,
                      user=registration.user, event=event, token=request.token)
            sent += 1
    db.session.flush()
    return sent


def feedback_summary(event):
    """Return the :class:`~.summary.FeedbackSummary` of *event*."""
    rows = db.session.scalars(select(EventFeedback).where(EventFeedback.event_id == event.id)).all()
    answers = [Answer(row.usefulness, row.will_apply or "", tuple(row.topics_wanted or ()))
               for row in rows if row.answered_at is not None]
    return summarise(len(rows), answers)


def certificate_facts(registration):
    """Return what an attendance certificate states, or None when the person did not complete the event."""
    event = registration.event
    if registration.attended is not True or event.is_cancelled:
        return None
    attended_ids = set(db.session.scalars(select(SessionAttendance.session_id)
                                          .where(SessionAttendance.registration_id == registration.id)))
    sessions = [session for session in event.sessions if session.id in attended_ids]
    hours = sum((session.ends_at - session.starts_at).total_seconds() for session in sessions) / 3600
    return {"participant": registration.user.name,
            "company": registration.company.legal_name if registration.company else None,
            "event": event, "sessions": sessions, "hours": round(hours, 1), "topics": list(event.topics),
            "of_sessions": len(event.sessions)}


def answered_count(event_id):
    return db.session.scalar(select(func.count()).select_from(EventFeedback).where(
        EventFeedback.event_id == event_id, EventFeedback.answered_at.is_not(None)))


def secret():
    return current_app.config["SECRET_KEY"]
