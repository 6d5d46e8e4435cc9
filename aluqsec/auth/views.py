"""Login, logout and password reset.

A reset answers the same way whether or not the address has an account; the
mail sent to the address says what happened.
"""
from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..authz import login_required, safe_next_url
from ..extensions import db
from ..i18n import current_language
from ..mail import send_mail
from ..mail.limits import MailLimitReached, spend
from ..models import utcnow
from . import bp
from .confirmation import address_token
from .forms import LoginForm, ResetPasswordForm, ResetRequestForm
from .mfa import mfa_required
from .services import authenticate, find_user, reset_token, set_password, user_from_reset_token
from .sessions import end_all_sessions, end_session
from .steps import external_url, finish_login, mail_limit_page
from .throttle import reserve_attempt


def refuse_login(user):
    """Explain, to someone who knew the password, why this account cannot log in yet."""
    if not user.active:
        flash(_("This account is deactivated. Contact the platform administrator."), "danger")
        return
    try:
        spend("confirm", address=user.email)
        send_mail(user.email, "confirm_address", user.language, user=user,
                  link=external_url("auth.confirm_account_address", token=address_token(user)))
    except MailLimitReached:
        pass  # the links already sent still work
    flash(_("Confirm your e-mail address first: we sent you a link. It works for 24 hours."), "warning")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in, refusing while too many attempts failed recently; staff go on to their second factor."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        email, address = form.email.data, request.remote_addr or ""
        attempt = reserve_attempt(email, address)
        if attempt is None:
            flash(_("Too many failed attempts. Wait 15 minutes or reset your password."), "danger")
            return render_template("auth/login.html", form=form), 429
        user = authenticate(email, form.password.data, attempt)
        if user is None:
            audit.record("auth.login_failed", email)
            db.session.commit()
            flash(_("E-mail or password incorrect."), "danger")
            status = 401
        elif not user.active or not user.email_confirmed:
            refuse_login(user)
            db.session.commit()
            status = 403
        elif mfa_required(user):
            session["mfa_pending"] = {"u": user.id, "v": user.session_version,
                                      "at": int(utcnow().timestamp()), "next": safe_next_url("")}
            db.session.commit()
            return redirect(url_for("auth.mfa"))
        else:
            finish_login(user)
            return redirect(safe_next_url(url_for("main.index")))
    elif form.errors:
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log out, ending this session wherever its cookie was copied; keep the person's language."""
    user = current_user._get_current_object()
    language = user.language
    end_session(user)
    db.session.commit()
    session["language"] = language
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/reset", methods=["GET", "POST"])
def request_reset():
    """E-mail a password-reset link; answer the same whether the account exists or not."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        email = form.email.data
        try:
            spend("reset", address=email)
        except MailLimitReached:
            return mail_limit_page("auth/request_reset.html", form)
        user = find_user(email)
        if user is not None and user.active:
            send_mail(user.email, "password_reset", user.language, user=user,
                      link=external_url("auth.reset_password", token=reset_token(user)))
        else:
            send_mail(email, "reset_unknown", current_language(), signup_link=external_url("auth.signup"))
        audit.record("auth.reset_requested", email)
        db.session.commit()
        flash(_("If an account uses this address, a reset link is on its way. It works for one hour."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/request_reset.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    """Choose a new password from a valid reset link; every open session ends."""
    user = user_from_reset_token(token)
    if user is None:
        flash(_("This reset link is invalid, expired or already used. Ask for a new one."), "danger")
        return redirect(url_for("auth.request_reset"))
    form = ResetPasswordForm()
    form.account_email = user.email
    if form.validate_on_submit():
        set_password(user, form.password.data)
        # Following the mailed link proves the address.
        user.email_confirmed_at = user.email_confirmed_at or utcnow()
        end_all_sessions(user)
        audit.record("auth.password_reset", f"user:{user.id}", actor=user)
        db.session.commit()
        flash(_("Your password is changed and every open session has ended. You can log in."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form), 400 if form.errors else 200


from . import mfa_views, profile_views, signup_views  # noqa: E402, F401  (their routes join this blueprint)
