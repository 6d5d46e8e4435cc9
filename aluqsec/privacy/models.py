"""Consents to the privacy notice and the notices sent before retention deletes a draft."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models import UTCDateTime, utcnow


class PrivacyConsent(db.Model):
    """A user accepted a given version of the privacy notice (at sign-up or on an invitation)."""

    __tablename__ = "privacy_consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    notice_version: Mapped[str] = mapped_column(String(20))
    context: Mapped[str] = mapped_column(String(20))  # signup, invitation
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DraftNotice(db.Model):
    """The owners were told that an idle draft will be deleted; the retention purge acts later."""

    __tablename__ = "draft_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), unique=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
