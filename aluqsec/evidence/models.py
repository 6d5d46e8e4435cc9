"""Evidence items of a company, their file versions and the requirements they serve."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import UTCDateTime, utcnow
from .rules import PENDING


class ItemKind(StrEnum):
    FILE = "file"
    LINK = "link"
    NOTE = "note"


class EvidenceItem(db.Model):
    """A document, link or note a company keeps to show that a requirement is in place."""

    __tablename__ = "evidence_items"
    __table_args__ = (Index("ix_evidence_items_company", "company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # The person who keeps the document up to date (a member), and the date the document bears.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    dated_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    review: Mapped[str] = mapped_column(String(12), default=PENDING)
    review_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    owner: Mapped["User | None"] = relationship(foreign_keys=[owner_id])  # noqa: F821
    reviewed_by: Mapped["User | None"] = relationship(foreign_keys=[reviewed_by_id])  # noqa: F821
    versions: Mapped[list["EvidenceVersion"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="EvidenceVersion.number")
    links: Mapped[list["EvidenceLink"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="EvidenceLink.id")

    @property
    def current(self):
        """Return the latest file version, or None for a link or a note."""
        return self.versions[-1] if self.versions else None


class EvidenceVersion(db.Model):
    """One uploaded file of an item; replacing the file adds a version and keeps the old ones."""

    __tablename__ = "evidence_versions"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    file_type: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(200))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    item: Mapped[EvidenceItem] = relationship(back_populates="versions")
    uploaded_by: Mapped["User | None"] = relationship()  # noqa: F821


class EvidenceLink(db.Model):
    """An item serves one expected evidence kind of one requirement of one framework."""

    __tablename__ = "evidence_links"
    __table_args__ = (UniqueConstraint("item_id", "framework_id", "requirement_id", "kind_id"),
                      Index("ix_evidence_links_requirement", "framework_id", "requirement_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id", ondelete="CASCADE"))
    framework_id: Mapped[str] = mapped_column(String(40))
    requirement_id: Mapped[str] = mapped_column(String(40))
    kind_id: Mapped[str] = mapped_column(String(60))

    item: Mapped[EvidenceItem] = relationship(back_populates="links")


class EvidenceReminder(db.Model):
    """A reminder that an item stops counting soon, already e-mailed; unique so it is never sent twice.

    Keyed by the expiry date too: a new date (a renewed document) starts its own reminders.
    """

    __tablename__ = "evidence_reminders"
    __table_args__ = (UniqueConstraint("item_id", "expires_on", "lead_days"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id", ondelete="CASCADE"))
    expires_on: Mapped[date] = mapped_column(Date)
    lead_days: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Attestation(db.Model):
    """Who signs a certification's annual self-assessment for the company, and when they last did.

    CPCSC Level 1: the senior official's attestation. CMMC Level 1: the affirming official's
    affirmation (entered in SPRS). Both are renewed every year.
    """

    __tablename__ = "evidence_attestations"
    __table_args__ = (UniqueConstraint("company_id", "framework_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    framework_id: Mapped[str] = mapped_column(String(40))
    official_name: Mapped[str] = mapped_column(String(120))
    official_title: Mapped[str] = mapped_column(String(120))
    signed_on: Mapped[date | None] = mapped_column(Date)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
