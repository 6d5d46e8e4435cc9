"""Proof of address ownership: pending sign-ups and confirmation links.

No account exists before its address is confirmed: a sign-up is kept as a
pending row, and the signed, expiring link mailed to the address creates the
account (and its company) once, then the row is gone. Accounts that predate
confirmation confirm through a link bound to their current address.
"""
import hashlib
import secrets

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, select

from ..companies.services import create_company, neq_taken
from ..extensions import db
from ..models import utcnow
from ..security.passwords import hash_password
from .models import PendingSignup, User
from .services import create_user, find_user

COMPANY_FIELDS = ("legal_name", "neq", "sector", "region", "size_band", "certifications", "language")


def _serializer(purpose):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"aluqsec.{purpose}")


def _digest(nonce):
    return hashlib.sha256(nonce.encode()).hexdigest()


def _load(purpose, token):
    try:
        data = _serializer(purpose).loads(token, max_age=current_app.config["CONFIRMATION_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    return data if isinstance(data, dict) else None


def pend_signup(email, name, password, language, company):
    """Keep a sign-up until its address is confirmed; return the token for the link.

    :param company: the company fields (COMPANY_FIELDS).
    """
    nonce = secrets.token_urlsafe(16)
    # An address asks again: only the newest link stays valid.
    db.session.execute(delete(PendingSignup).where(PendingSignup.email == email))
    pending = PendingSignup(email=email, nonce_hash=_digest(nonce), payload={
        "name": name, "language": language, "password_hash": hash_password(password),
        "company": {key: company[key] for key in COMPANY_FIELDS}})
    db.session.add(pending)
    db.session.flush()
    return _serializer("signup").dumps({"p": pending.id, "n": nonce})


def pending_signup(token):
    """Return the pending sign-up a valid, unused, unexpired *token* names, else None."""
    data = _load("signup", token)
    if data is None:
        return None
    pending = db.session.get(PendingSignup, data.get("p")) if isinstance(data.get("p"), int) else None
    if pending is None or not secrets.compare_digest(pending.nonce_hash, _digest(str(data.get("n")))):
        return None
    return pending


def complete_signup(pending):
    """Create the confirmed account and, when its NEQ is still free, its company; spend the link.

    :return: ``(user, company)``; user is None when the address got an account meanwhile,
        company is None when its NEQ was registered meanwhile.
    """
    db.session.delete(pending)
    if find_user(pending.email) is not None:
        return None, None
    data = pending.payload
    user = create_user(pending.email, data["name"], None, data["language"], confirmed=True,
                       password_hash=data["password_hash"])
    fields = data["company"]
    company = None if neq_taken(fields["neq"]) else create_company(owner=user, **fields)
    return user, company


def _address_fingerprint(user):
    return hashlib.sha256(f"{user.email}|{user.email_confirmed_at}".encode()).hexdigest()[:16]


def address_token(user):
    """Return a signed token confirming *user*'s current address (accounts made before confirmation)."""
    return _serializer("address").dumps({"u": user.id, "f": _address_fingerprint(user)})


def confirm_address(token):
    """Confirm the address a valid *token* names, once; return the user or None."""
    data = _load("address", token)
    if data is None or not isinstance(data.get("u"), int):
        return None
    user = db.session.scalar(select(User).where(User.id == data["u"]))
    if user is None or user.email_confirmed or data.get("f") != _address_fingerprint(user):
        return None
    user.email_confirmed_at = utcnow()
    return user
