"""``flask reminders send``: e-mail reminders 7 days and 1 day before each session (for cron)."""
from datetime import timedelta

import click
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..mail import send_mail
from ..models import utcnow
from .models import Event, EventSession, Registration, RegistrationStatus, SentReminder

reminders_cli = AppGroup("reminders", help="Send due reminders.")

WINDOWS = (("1d", timedelta(days=1)), ("7d", timedelta(days=7)))


def due_kind(starts_at, now):
    """Return which reminder a session starting at *starts_at* is due for: "1d", "7d" or None."""
    for kind, ahead in WINDOWS:
        if now < starts_at <= now + ahead:
            return kind
    return None


def send_due_reminders(now=None):
    """Send every due event reminder not sent before; return how many were sent.

    Each reminder is recorded (unique per registration, session and kind) and
    committed before its e-mail goes out, so a second run, even a concurrent
    one, never sends it again.
    """
    now = now or utcnow()
    sessions = db.session.scalars(
        select(EventSession).join(EventSession.event)
        .where(Event.cancelled_at.is_(None), EventSession.starts_at > now,
               EventSession.starts_at <= now + timedelta(days=7))
        .options(selectinload(EventSession.event))).all()
    confirmed = {}
    for registration in db.session.scalars(
            select(Registration).where(Registration.event_id.in_({s.event_id for s in sessions}),
                                       Registration.status == RegistrationStatus.CONFIRMED)
            .options(selectinload(Registration.user))):
        confirmed.setdefault(registration.event_id, []).append(registration)
    sent = 0
    for session in sessions:
        kind = due_kind(session.starts_at, now)
        for registration in confirmed.get(session.event_id, []):
            db.session.add(SentReminder(registration_id=registration.id, session_id=session.id, kind=kind))
            try:
                db.session.commit()
            except IntegrityError:
                db.session.rollback()
                continue
            send_mail(registration.user.email, "event_reminder", registration.user.language,
                      user=registration.user, event=session.event, session=session, kind=kind)
            db.session.commit()
            sent += 1
    return sent


@reminders_cli.command("send")
def send():
    """Send the reminders that are due (run it from cron, e.g. every hour)."""
    from ..evidence.reminders import send_evidence_reminders
    from ..progress.reminders import send_journey_reminders

    click.echo(f"reminders sent: {send_due_reminders()}")
    click.echo(f"journey reminders sent: {send_journey_reminders()}")
    click.echo(f"evidence reminders sent: {send_evidence_reminders()}")
