"""The second factor at login, its enrolment and the recovery codes.

Between a correct password and a correct code the browser holds only a
short-lived "pending" marker: no session exists, so no page with company
data can be reached.
"""
from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..authz import login_required, safe_next_url
from ..extensions import db
from ..forms import ButtonForm
from ..models import utcnow
from . import bp
from .forms import MfaForm, MfaSetupForm
from .mfa import (
    check_enrolment_code,
    enable,
    new_recovery_codes,
    new_secret,
    provisioning_svg,
    use_recovery_code,
    verify_totp,
)
from .models import User
from .steps import finish_login
from .throttle import reserve_attempt


def pending_user():
    """Return the user who passed the password step in this browser a moment ago, or None."""
    pending = session.get("mfa_pending")
    if not isinstance(pending, dict) or not isinstance(pending.get("u"), int):
        return None
    age = utcnow().timestamp() - pending.get("at", 0)
    user = db.session.get(User, pending["u"])
    if (age > current_app.config["MFA_PENDING_MAX_AGE"] or user is None or not user.active
            or not user.email_confirmed or pending.get("v") != user.session_version):
        session.pop("mfa_pending", None)
        return None
    return user


def _after_login():
    target = (session.get("mfa_pending") or {}).get("next") or ""
    return target if target.startswith("/") and not target.startswith("//") else url_for("main.index")


def _expired():
    flash(_("Your login has expired. Enter your password again."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/mfa", methods=["GET", "POST"])
def mfa():
    """Ask for the second factor: a code from the app or a recovery code."""
    user = pending_user()
    if user is None:
        return _expired()
    if not user.mfa_enabled:
        return redirect(url_for("auth.mfa_setup"))
    form = MfaForm()
    status = 400 if form.is_submitted() and not form.validate() else 200
    if status == 200 and form.is_submitted():
        attempt = reserve_attempt(user.email, request.remote_addr or "", kind="mfa")
        if attempt is None:
            flash(_("Too many wrong codes. Wait 15 minutes, then try again."), "danger")
            return render_template("auth/mfa.html", form=form), 429
        code = form.code.data
        if verify_totp(user, code) or use_recovery_code(user, code):
            attempt.succeeded = True
            target = _after_login()
            finish_login(user)
            return redirect(target)
        db.session.commit()
        form.code.errors.append(_("This code is incorrect or already used."))
        status = 401
    return render_template("auth/mfa.html", form=form), status


def _setup_user():
    if current_user.is_authenticated:
        return current_user._get_current_object(), False
    user = pending_user()
    return user, user is not None


@bp.route("/mfa/setup", methods=["GET", "POST"])
def mfa_setup():
    """Turn on the second factor: scan the QR code, confirm with a code, keep the recovery codes."""
    user, at_login = _setup_user()
    if user is None:
        return _expired()
    if user.mfa_enabled:
        flash(_("Two-step verification is already on."), "info")
        return redirect(url_for("auth.profile" if current_user.is_authenticated else "auth.mfa"))
    secret = session.get("mfa_setup_secret")
    if not isinstance(secret, str) or len(secret) != 32:
        secret = session["mfa_setup_secret"] = new_secret()
    form = MfaSetupForm()
    status = 200
    if form.validate_on_submit():
        step = check_enrolment_code(secret, form.code.data)
        if step is not None:
            codes = enable(user, secret, step)
            session.pop("mfa_setup_secret", None)
            audit.record("auth.mfa_enabled", f"user:{user.id}", actor=user)
            target = _after_login() if at_login else url_for("auth.profile")
            if at_login:
                finish_login(user)
            else:
                db.session.commit()
            return render_template("auth/recovery_codes.html", codes=codes, target=target)
        form.code.errors.append(_("This code does not match. Check the time on your phone and try again."))
        status = 400
    elif form.errors:
        status = 400
    return render_template("auth/mfa_setup.html", form=form, secret=secret, at_login=at_login,
                           qr_svg=provisioning_svg(user, secret)), status


@bp.route("/mfa/recovery-codes", methods=["POST"])
@login_required
def renew_recovery_codes():
    """Replace the recovery codes (the old ones stop working) and show the new ones once."""
    user = current_user._get_current_object()
    if not user.mfa_enabled or not ButtonForm().validate_on_submit():
        return redirect(url_for("auth.profile")), 400
    codes = new_recovery_codes(user)
    audit.record("auth.recovery_codes_renewed", f"user:{user.id}", actor=user)
    db.session.commit()
    return render_template("auth/recovery_codes.html", codes=codes, target=safe_next_url(url_for("auth.profile")))
