"""Accounts, platform roles and login attempts."""
from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import UTCDateTime, utcnow


class Role(StrEnum):
    """Platform roles granted by an admin; company roles live on Membership."""

    ADVISOR = "advisor"
    ORGANIZER = "organizer"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(2), default="fr")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Secret part of the personal calendar feed URL; regenerating it revokes old links.
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Set once the owner of the address followed a confirmation, invitation or reset link.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Copied into the session at login; raising it ends every session signed with an older value.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # TOTP second factor: the shared secret, and the last time step accepted (a code works once).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None]

    role_grants: Mapped[list["UserRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin",
        foreign_keys="UserRole.user_id")
    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan", lazy="selectin")

    @property
    def is_active(self):
        return self.active

    @property
    def is_authenticated(self):
        # Only the session loader makes a user current, and it refuses inactive ones: reading
        # ``active`` again here would cost a query after every commit.
        return True

    @property
    def email_confirmed(self):
        return self.email_confirmed_at is not None

    @property
    def mfa_enabled(self):
        return self.totp_secret is not None

    @property
    def roles(self):
        return frozenset(Role(grant.role) for grant in self.role_grants)

    def __repr__(self):
        return f"<User {self.email}>"


@event.listens_for(User.language, "set")
def _follow_language(user, value, _old, _initiator):
    """Keep the request's language (``sessions.load_user``) with a change made during the request."""
    user.request_language = value


class UserRole(db.Model):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(back_populates="role_grants", foreign_keys=[user_id])


class RecoveryCode(db.Model):
    """A single-use MFA recovery code, stored hashed like a password."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginAttempt(db.Model):
    """One password or MFA-code attempt; throttling counts recent failures."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_at", "email", "attempted_at"),
        Index("ix_login_attempts_address_at", "address", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    # "password" or "mfa": a correct password must not reset the count of wrong codes.
    kind: Mapped[str] = mapped_column(String(10), default="password", server_default="password")
    succeeded: Mapped[bool]
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PendingSignup(db.Model):
    """A sign-up waiting for its address to be confirmed; no account exists before that.

    The link mailed to the address carries a signed token naming this row and
    a nonce whose hash is kept here; confirming deletes the row (single use).
    """

    __tablename__ = "pending_signups"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    nonce_hash: Mapped[str] = mapped_column(String(64))
    # Name, language, password hash and company fields, applied at confirmation.
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
