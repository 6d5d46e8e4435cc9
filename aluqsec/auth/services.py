"""Accounts: creation, authentication with throttling, signed tokens."""
import hashlib
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from ..extensions import db
from ..models import utcnow
from ..security.passwords import hash_password, needs_rehash, verify_password
from .models import LoginAttempt, User, UserRole

# Verified against when the e-mail is unknown, so both cases take the same time.
_DUMMY_HASH = {}


def load_user(user_id):
    """Flask-Login loader: the active user with this id, or None."""
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active else None


def find_user(email):
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(email, name, password, language="fr", roles=()):
    """Add a user to the session.

    :return: the new User (flushed, so it has an id).
    """
    user = User(email=email.strip().lower(), name=name, password_hash=hash_password(password),
                language=language)
    user.role_grants = [UserRole(role=str(role)) for role in roles]
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user, password):
    user.password_hash = hash_password(password)


def is_throttled(email, address):
    """Return True when recent failures for this account or address exceed the limits.

    Kept in the database so that every worker and every server sees the same counts.
    """
    limits = current_app.config["LOGIN_THROTTLE"]
    since = utcnow() - timedelta(seconds=limits["window"])
    last_success = (select(func.max(LoginAttempt.attempted_at))
                    .where(LoginAttempt.email == email, LoginAttempt.succeeded)
                    .scalar_subquery())
    account_failures = db.session.scalar(
        select(func.count()).select_from(LoginAttempt).where(
            LoginAttempt.email == email, ~LoginAttempt.succeeded,
            LoginAttempt.attempted_at >= since,
            LoginAttempt.attempted_at > func.coalesce(last_success, since)))
    if account_failures >= limits["per_account"]:
        return True
    address_failures = db.session.scalar(
        select(func.count()).select_from(LoginAttempt).where(
            LoginAttempt.address == address, ~LoginAttempt.succeeded,
            LoginAttempt.attempted_at >= since))
    return address_failures >= limits["per_address"]


def authenticate(email, password, address):
    """Check credentials and record the attempt.

    :return: the User on success, None on bad credentials.
    """
    user = find_user(email)
    if user is None:
        _dummy_verify(password)
        ok = False
    else:
        ok = user.active and verify_password(user.password_hash, password)
    db.session.add(LoginAttempt(email=email, address=address, succeeded=ok))
    if not ok:
        return None
    if needs_rehash(user.password_hash):
        set_password(user, password)
    user.last_login_at = utcnow()
    return user


def _dummy_verify(password):
    params = tuple(sorted(current_app.config["ARGON2_PARAMETERS"].items()))
    if params not in _DUMMY_HASH:
        _DUMMY_HASH[params] = hash_password("not-a-real-password")
    verify_password(_DUMMY_HASH[params], password)


def _serializer(purpose):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"aluqsec.{purpose}")


def _fingerprint(user):
    # Changes whenever the password changes, so a reset link works only once.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def reset_token(user):
    """Return a signed password-reset token for *user*."""
    return _serializer("reset").dumps({"u": user.id, "f": _fingerprint(user)})


def user_from_reset_token(token):
    """Return the user a valid, unused, unexpired reset token names, else None."""
    try:
        data = _serializer("reset").loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or not user.active or data.get("f") != _fingerprint(user):
        return None
    return user
