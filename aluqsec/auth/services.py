"""Accounts: creation, authentication with throttling, signed tokens."""
import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from ..extensions import db
from ..models import utcnow
from ..security.passwords import hash_password, needs_rehash, verify_password
from .models import User, UserRole

# Verified against when the e-mail is unknown, so both cases take the same time.
_DUMMY_HASH = {}


def find_user(email):
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(email, name, password, language="fr", roles=(), confirmed=False, password_hash=None):
    """Add a user to the session.

    :param confirmed: whether the caller has proof that the address belongs to this person
        (a followed confirmation or invitation link, an admin creating the account).
    :param password_hash: an already computed hash, used instead of *password*.
    :return: the new User (flushed, so it has an id).
    """
    user = User(email=email.strip().lower(), name=name,
                password_hash=password_hash or hash_password(password), language=language,
                email_confirmed_at=utcnow() if confirmed else None)
    user.role_grants = [UserRole(role=str(role)) for role in roles]
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user, password):
    user.password_hash = hash_password(password)


def authenticate(email, password, attempt):
    """Check credentials, marking the reserved *attempt* as succeeded when they match.

    Deactivated and unconfirmed accounts are returned too: the caller explains
    why they cannot log in, but only to someone who knew the password.
    :return: the User on success, None on bad credentials.
    """
    user = find_user(email)
    if user is None:
        _dummy_verify(password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    attempt.succeeded = True
    if needs_rehash(user.password_hash):
        set_password(user, password)
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
