"""Mail to everyone registered or waiting, sent by a worker: an organizer's message, the cancellation notice.

The request fixes the recipients (one row each) and queues one job. The job records each
recipient as being sent to, and commits, before their message goes out, then records the
outcome: a retried job, or one another worker took over after this one died, never writes
to the same person twice. People who register after the organizer pressed Send do not get
the message; people on the list who cancel in between still do.
"""
import hashlib
from types import SimpleNamespace

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..jobs import queue
from ..mail import send_mail
from ..models import utcnow
from .delivery import delivery
from .models import EventMailing, MailingRecipient, MailingStatus, Registration, RegistrationStatus
from .services import STATUS_ORDER

KIND = "event_mailing"
MESSAGE, CANCELLATION = "organizer_message", "event_cancelled"  # the mail templates
SHOWN = 5  # mailings listed on the event page


class DeliveryFailed(Exception):
    """The mail relay refused a message: the job stops here and its next try resumes with that person."""


def _key(event, template, subject, body):
    digest = hashlib.sha256(f"{subject}\0{body}".encode()).hexdigest()[:32]
    return f"{KIND}:{event.id}:{template}:{digest}"


def _people(event):
    """The ids of everyone confirmed or waiting for *event*, in list order."""
    return select(Registration.user_id).where(
        Registration.event_id == event.id,
        Registration.status.in_((RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED))) \
        .order_by(STATUS_ORDER, Registration.queued_at, Registration.id)


def has_recipients(event):
    """Return True when someone is confirmed or waiting for *event* (a mailing would reach them)."""
    return db.session.scalar(_people(event).limit(1)) is not None


def queue_mailing(event, template, sender, subject="", body=""):
    """Fix who gets *template* about *event* (everyone confirmed or waiting) and queue its job.

    The job's key names the event and the text, so the same message sent twice at once
    (a double click) makes one mailing. Nobody on the list: no mailing and no job.
    Flushes; the request commits.
    :return: ``(mailing or None, created)``; *created* is False when the same mailing was already queued.
    """
    people = list(db.session.scalars(_people(event)))
    if not people:
        return None, False
    job, created = queue.enqueue(KIND, key=_key(event, template, subject, body), requested_by=sender)
    if not created:
        return db.session.scalar(select(EventMailing).where(EventMailing.job_id == job.id)), False
    mailing = EventMailing(event_id=event.id, template=template, subject=subject, body=body,
                           sender_id=sender.id, job_id=job.id, recipients=len(people))
    db.session.add(mailing)
    db.session.flush()
    db.session.execute(insert(MailingRecipient), [
        {"mailing_id": mailing.id, "user_id": user_id, "status": MailingStatus.PENDING} for user_id in people])
    job.args = {"mailing": mailing.id, "event": event.id}
    db.session.flush()
    return mailing, True


def retry_mailing(mailing, sender):
    """Queue another try of *mailing* for the people it did not reach (whose job gave up); flushes.

    Those it reached are never written to again: the job sends only to recipients not marked sent.
    :return: the job, or the one already trying again.
    """
    job, _created = queue.enqueue(KIND, {"mailing": mailing.id, "event": mailing.event_id},
                                  key=f"{KIND}:retry:{mailing.id}", requested_by=sender)
    mailing.job_id = job.id
    db.session.flush()
    return job


def _take(recipient_id):
    """Mark one recipient as being sent to, unless another try already did; commit. Return True if taken."""
    taken = db.session.execute(
        update(MailingRecipient).where(MailingRecipient.id == recipient_id,
                                       MailingRecipient.status.in_((MailingStatus.PENDING, MailingStatus.FAILED)))
        .values(status=MailingStatus.SENDING)).rowcount
    db.session.commit()
    return bool(taken)


def _context(mailing, user):
    if mailing.template == CANCELLATION:
        return {"user": user, "event": mailing.event}
    # The organizer's account may be gone by now: the message still says who wrote it.
    sender = mailing.sender or SimpleNamespace(name="AluQSec")
    return {"event": mailing.event, "subject": mailing.subject, "body": mailing.body, "sender": sender}


def send_mailing(mailing, progress):
    """Send *mailing* to each recipient not yet sent to, committing after each one.

    :param progress: ``progress(percent)``, which also renews the job's lease.
    :raises DeliveryFailed: when the relay refuses a message (the job is tried again later).
    :return: how many messages this call sent.
    """
    waiting = list(db.session.scalars(
        select(MailingRecipient.id).where(MailingRecipient.mailing_id == mailing.id,
                                          MailingRecipient.status.in_((MailingStatus.PENDING, MailingStatus.FAILED)))
        .order_by(MailingRecipient.id)))
    sent = 0
    for done, recipient_id in enumerate(waiting, start=1):
        if not _take(recipient_id):
            continue
        recipient = db.session.get(MailingRecipient, recipient_id)
        user = recipient.user
        message = send_mail(user.email, mailing.template, user.language, **_context(mailing, user))
        delivered = message.status != "failed"
        recipient.status = MailingStatus.SENT if delivered else MailingStatus.FAILED
        recipient.sent_at = utcnow() if delivered else None
        db.session.commit()
        if not delivered:
            raise DeliveryFailed(f"mailing {mailing.id}: the relay refused the message to recipient {recipient_id}")
        sent += 1
        progress(100 * (mailing.recipients - len(waiting) + done) // max(mailing.recipients, 1))
    return sent


def still_to_try(mailing):
    """Return how many of *mailing*'s recipients a new try would write to (neither sent nor possibly sent).

    Someone being written to when a worker died may have got the message: they are not tried again.
    """
    return db.session.scalar(select(func.count()).where(
        MailingRecipient.mailing_id == mailing.id,
        MailingRecipient.status.in_((MailingStatus.PENDING, MailingStatus.FAILED))))


def recent_mailings(event, limit=SHOWN):
    """Return the event's last *limit* mailings, newest first, each with its :class:`~.delivery.Delivery`.

    Two queries whatever the number of recipients.
    :return: a list of ``(mailing, delivery)``.
    """
    mailings = list(db.session.scalars(
        select(EventMailing).where(EventMailing.event_id == event.id).order_by(EventMailing.id.desc()).limit(limit)
        .options(selectinload(EventMailing.job))))
    sent = dict(db.session.execute(
        select(MailingRecipient.mailing_id, func.count())
        .where(MailingRecipient.mailing_id.in_([m.id for m in mailings]),
               MailingRecipient.status == MailingStatus.SENT)
        .group_by(MailingRecipient.mailing_id)).all()) if mailings else {}
    return [(m, delivery(m.recipients, sent.get(m.id, 0), m.job is not None and m.job.is_active)) for m in mailings]


def purge_mailings(bodies_before, rows_before):
    """Blank the text of mailings made before *bodies_before*; delete those made before *rows_before*.

    The same periods as the outbox's (``OUTBOX_BODIES``, ``OUTBOX_MESSAGES``): a mailing's text
    lives no longer than the messages it became.
    :return: ``(blanked, deleted)``.
    """
    blanked = db.session.execute(update(EventMailing).where(
        EventMailing.created_at < bodies_before, EventMailing.body != "").values(body="")).rowcount
    deleted = db.session.execute(delete(EventMailing).where(EventMailing.created_at < rows_before)).rowcount
    return blanked, deleted
