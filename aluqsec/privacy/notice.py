"""The privacy notice's version, the person in charge and the consents recorded against it."""
from flask import current_app
from sqlalchemy import select

from ..extensions import db
from .models import PrivacyConsent

# Change whenever the notice's content changes: consents name the version people accepted.
NOTICE_VERSION = "2026-12-01"


def officer():
    """Return the person in charge of personal information, as configured."""
    config = current_app.config
    return {key: config.get(f"PRIVACY_OFFICER_{key.upper()}", "")
            for key in ("name", "title", "email", "address", "phone")}


def retention_days():
    """Return the configured retention periods in days (``RETENTION_DAYS``)."""
    return dict(current_app.config["RETENTION_DAYS"])


def record_consent(user, context):
    """Record that *user* accepted the current notice (``signup`` or ``invitation``)."""
    db.session.add(PrivacyConsent(user_id=user.id, notice_version=NOTICE_VERSION, context=context))


def consents_of(user):
    return list(db.session.scalars(select(PrivacyConsent).where(PrivacyConsent.user_id == user.id)
                                   .order_by(PrivacyConsent.accepted_at)))
