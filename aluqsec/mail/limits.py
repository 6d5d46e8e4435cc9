"""Limits on what makes the platform send mail, counted in the database (all workers agree)."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..models import utcnow
from .models import MailQuota


class MailLimitReached(Exception):
    """Raised when sending would exceed a limit; nothing was sent."""


def _count(kind, key, since):
    return db.session.scalar(select(func.count()).select_from(MailQuota).where(
        MailQuota.kind == kind, MailQuota.key == key, MailQuota.sent_at >= since))


def spend(kind, **keys):
    """Count one message of *kind* against each limit, or refuse.

    :param kind: ``reset``, ``signup``, ``confirm``, ``invitation`` or ``organizer_message``.
    :param keys: the scopes to count on and their values, e.g. ``address="ana@x.ca", sender=12``.
        Each scope needs a ``(count, seconds)`` entry in ``MAIL_LIMITS[kind]``.
    :raises MailLimitReached: when any limit is already reached (nothing counted).
    """
    limits = current_app.config["MAIL_LIMITS"][kind]
    now = utcnow()
    scoped = [(f"{scope}:{str(value).lower()}", limits[scope]) for scope, value in sorted(keys.items())]
    for key, (count, seconds) in scoped:
        if _count(kind, key, now - timedelta(seconds=seconds)) >= count:
            raise MailLimitReached(kind)
    for key, _limit in scoped:
        db.session.add(MailQuota(kind=kind, key=key, sent_at=now))
    db.session.flush()
