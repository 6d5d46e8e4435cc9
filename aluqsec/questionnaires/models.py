"""Questionnaires uploaded by an admin, published only once valid."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models import UTCDateTime, utcnow


class CustomQuestionnaire(db.Model):
    __tablename__ = "custom_questionnaires"
    __table_args__ = (UniqueConstraint("questionnaire_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(80))
    version: Mapped[str] = mapped_column(String(40))
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(200))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
