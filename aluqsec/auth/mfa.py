"""TOTP second factor: enrolment, verification (each code once) and recovery codes."""
import hashlib
import hmac
import io
import secrets
import time

import pyotp
import segno
from sqlalchemy import delete, or_, select, update

from ..extensions import db
from ..models import utcnow
from .models import RecoveryCode, Role, User

ISSUER = "AluQSec"
STEP = 30
RECOVERY_CODES = 10
# Staff see many companies: they cannot reach any page without a second factor.
STAFF_ROLES = frozenset({Role.ADVISOR, Role.ORGANIZER, Role.ADMIN})


def mfa_required(user):
    """Return True when *user* must pass a second factor to log in."""
    return user.mfa_enabled or bool(user.roles & STAFF_ROLES)


def new_secret():
    return pyotp.random_base32()


def provisioning_svg(user, secret):
    """Return the otpauth:// QR code for *secret* as an inline SVG string (drawn here, no outside service)."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, xmldecl=False, svgns=True,
                                    title=f"{ISSUER} {user.email}", nl=False)
    return out.getvalue().decode()


def _matching_step(secret, code, now=None):
    """Return the time step (current one or either neighbour, for clock drift) whose code is *code*."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = int((now if now is not None else time.time()) // STEP)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def check_enrolment_code(secret, code):
    """Return the step of a valid *code* for a secret being enrolled, or None."""
    return _matching_step(secret, code)


def verify_totp(user, code):
    """Accept *code* once: a step already used (or older) is refused, so a seen code cannot be replayed.

    The check and the update are one conditional UPDATE, so two requests racing with the
    same code cannot both pass.
    """
    step = _matching_step(user.totp_secret, code)
    if step is None:
        return False
    claimed = db.session.execute(
        update(User).where(User.id == user.id,
                           or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step).execution_options(synchronize_session=False)).rowcount
    db.session.expire(user, ["totp_last_step"])
    return claimed == 1


def _hash(code):
    # Recovery codes carry 80 random bits: a plain SHA-256 cannot be reversed by guessing.
    return hashlib.sha256(normalize_recovery(code).encode()).hexdigest()


def normalize_recovery(code):
    return "".join(ch for ch in code.upper() if ch.isalnum())


def enable(user, secret, step):
    """Turn on TOTP for *user* and return fresh recovery codes (plain, to be shown once)."""
    user.totp_secret, user.totp_last_step = secret, step
    return new_recovery_codes(user)


def new_recovery_codes(user):
    """Replace *user*'s recovery codes; return the new ones in plain text (shown once, stored hashed)."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = secrets.token_hex(10).upper()
        codes.append("-".join(raw[i:i + 5] for i in range(0, 20, 5)))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash(raw)))
    db.session.flush()
    return codes


def use_recovery_code(user, code):
    """Spend one unused recovery code of *user*; return True if *code* was one."""
    if len(normalize_recovery(code)) != 20:
        return False
    spent = db.session.execute(
        update(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(code),
                                   RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow()).execution_options(synchronize_session=False)).rowcount
    return spent == 1


def remaining_recovery_codes(user):
    return len(db.session.scalars(select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))).all())


def reset(user):
    """Remove *user*'s second factor and recovery codes (an admin's decision, audited by the caller)."""
    user.totp_secret, user.totp_last_step = None, None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
