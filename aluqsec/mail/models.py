"""Every message the platform sends, kept as an outbox."""
from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models import UTCDateTime, utcnow


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # stored: no SMTP server configured; sent; failed: the SMTP server refused or was down.
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MailQuota(db.Model):
    """One message counted against a sending limit (per address, per sender).

    Kept in the database so that the limits hold across workers and servers.
    """

    __tablename__ = "mail_quotas"
    __table_args__ = (Index("ix_mail_quotas_kind_key_at", "kind", "key", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(270))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
