"""Password hashing with argon2 and the password strength rules."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

MIN_LENGTH = 12
# The most used passwords that still pass the length rule.
COMMON = frozenset({
    "123456789012", "password1234", "motdepasse123", "qwertyuiop12", "azertyuiop12",
    "aaaaaaaaaaaa", "password12345", "motdepasse1234", "bienvenue1234", "welcome12345",
    "iloveyou1234", "1234567890ab", "abcdefghijkl", "changeme1234", "letmein12345",
})


def _hasher():
    return PasswordHasher(**current_app.config["ARGON2_PARAMETERS"])


def hash_password(password):
    """Return an argon2id hash of *password*."""
    return _hasher().hash(password)


def verify_password(password_hash, password):
    """Return True when *password* matches *password_hash*."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash):
    """Return True when the hash was made with other parameters than today's."""
    return _hasher().check_needs_rehash(password_hash)


def weakness(password, email=""):
    """Return a reason code why *password* is too weak, or None.

    :return: ``"short"``, ``"common"``, ``"email"`` or ``"simple"``.
    """
    lowered = password.lower()
    if len(password) < MIN_LENGTH:
        return "short"
    if lowered in COMMON:
        return "common"
    local_part = email.split("@")[0].lower()
    if len(local_part) >= 4 and local_part in lowered:
        return "email"
    if len(set(password)) < 5:
        return "simple"
    return None
