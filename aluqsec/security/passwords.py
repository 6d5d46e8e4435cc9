"""Password hashing with argon2 and the password strength rules."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

MIN_LENGTH = 12
MAX_LENGTH = 256
# zxcvbn scores 0..4 (about 10^3, 10^6, 10^8, 10^10, more guesses); below 3 is found quickly by
# guessing from its dictionaries (common passwords, words, names, keyboard patterns, dates).
MIN_SCORE = 3
# zxcvbn refuses longer input (its matching grows fast with the length); a longer passphrase is
# judged on its first characters, which are enough to find a repeated or dictionary pattern.
ZXCVBN_LENGTH = 72


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


def weakness(password, email="", name=""):
    """Return a reason code why *password* is too weak, or None.

    Works offline: zxcvbn ships its own lists of common passwords and words.
    :return: ``"short"``, ``"long"``, ``"email"`` or ``"common"``.
    """
    # Imported when a password is judged: its dictionaries weigh some 12 MB in every process
    # (the job workers never judge one).
    from zxcvbn import zxcvbn

    if len(password) < MIN_LENGTH:
        return "short"
    if len(password) > MAX_LENGTH:
        return "long"
    local_part = email.split("@")[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        return "email"
    hints = [part for part in [local_part, *name.split()] if part]
    if zxcvbn(password[:ZXCVBN_LENGTH], user_inputs=hints)["score"] < MIN_SCORE:
        return "common"
    return None
