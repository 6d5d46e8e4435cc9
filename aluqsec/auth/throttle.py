"""Login and MFA-code throttling, counted in the database so that every worker agrees.

An attempt is recorded *before* the password or code is checked, in a
transaction that also counts the recent failures: concurrent attempts are
serialized (SQLite's write lock, a PostgreSQL advisory lock per key), so a
burst of requests gets no more evaluations than the limit allows.
"""
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..models import utcnow
from .models import LoginAttempt


def _lock(keys):
    # SQLite: the INSERT that follows, first statement of its transaction, takes the
    # database write lock until commit. PostgreSQL: lock each key, always in the same order.
    if db.session.get_bind().dialect.name == "postgresql":
        for key in keys:
            db.session.execute(select(func.pg_advisory_xact_lock(func.hashtext(key))))


def _failures(since, *conditions, after_success_of=None):
    query = select(func.count()).select_from(LoginAttempt).where(
        ~LoginAttempt.succeeded, LoginAttempt.attempted_at >= since, *conditions)
    if after_success_of is not None:
        last_success = (select(func.max(LoginAttempt.attempted_at))
                        .where(LoginAttempt.succeeded, *after_success_of).scalar_subquery())
        query = query.where(LoginAttempt.attempted_at > func.coalesce(last_success, since))
    return db.session.scalar(query)


def _over_limits(email, address, kind, since, limits):
    same_kind = (LoginAttempt.email == email, LoginAttempt.kind == kind)
    if kind == "mfa":
        return _failures(since, *same_kind, after_success_of=same_kind) > limits["mfa_per_account"]
    here = (*same_kind, LoginAttempt.address == address)
    return (_failures(since, *here, after_success_of=here) > limits["per_account_address"]
            or _failures(since, *same_kind, after_success_of=same_kind) > limits["per_account"]
            or _failures(since, LoginAttempt.address == address) > limits["per_address"])


def reserve_attempt(email, address, kind="password"):
    """Record a failed-until-proven-otherwise attempt, unless the limits are reached.

    Commits the caller's session first.
    :param kind: ``password`` or ``mfa``.
    :return: the recorded LoginAttempt, or None when throttled (nothing recorded).
    """
    limits = current_app.config["LOGIN_THROTTLE"]
    db.session.commit()
    _lock([f"login:{kind}:{email}", f"login:address:{address}"])
    now = utcnow()
    attempt = LoginAttempt(email=email, address=address, kind=kind, succeeded=False, attempted_at=now)
    db.session.add(attempt)
    db.session.flush()
    if _over_limits(email, address, kind, now - timedelta(seconds=limits["window"]), limits):
        db.session.rollback()
        return None
    db.session.commit()
    return attempt
