"""Sign-up with address confirmation.

No account exists before its address is confirmed. Sign-up answers the same
way whether or not the address has an account; the mail says what happened.
"""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..extensions import db
from ..mail import send_mail
from ..mail.limits import MailLimitReached, spend
from ..privacy.notice import record_consent
from ..security.passwords import hash_password, verify_password
from . import bp
from .confirmation import complete_signup, confirm_address, pend_signup, pending_signup
from .forms import ConfirmSignupForm, SignupForm
from .services import find_user
from .steps import external_url, finish_login, mail_limit_page


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    """Ask for an account and its company; the account exists once the address is confirmed."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = SignupForm()
    if request.method == "GET":
        form.company_language.data = form.company_language.data or "fr"
    if form.validate_on_submit():
        email = form.email.data
        try:
            spend("signup", address=email)
        except MailLimitReached:
            return mail_limit_page("auth/signup.html", form)
        existing = find_user(email)
        if existing is None:
            company = {key: getattr(form, key).data for key in
                       ("legal_name", "neq", "sector", "region", "size_band", "certifications")}
            company["language"] = form.company_language.data
            token = pend_signup(email, form.name.data, form.password.data, form.company_language.data, company)
            send_mail(email, "signup_confirm", form.company_language.data, name=form.name.data,
                      link=external_url("auth.confirm_signup", token=token))
        else:
            # The same work as a new sign-up, so that both answers take as long.
            hash_password(form.password.data)
            send_mail(email, "signup_exists", existing.language, user=existing,
                      login_link=external_url("auth.login"), reset_link=external_url("auth.request_reset"))
        audit.record("auth.signup_requested", email)
        db.session.commit()
        return render_template("auth/check_mail.html", email=email)
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_signup(token):
    """Create the account a sign-up link names, once its password is typed again."""
    pending = pending_signup(token)
    if pending is None:
        flash(_("This confirmation link is invalid, expired or already used. Sign up again."), "danger")
        return redirect(url_for("auth.signup"))
    form = ConfirmSignupForm()
    if not form.validate_on_submit():
        return render_template("auth/confirm.html", email=pending.email, form=form), 400 if form.errors else 200
    if not verify_password(pending.payload["password_hash"], form.password.data):
        form.password.errors.append(_("This is not the password chosen at sign-up. If you did not sign up, "
                                      "ignore the message: no account will be created."))
        return render_template("auth/confirm.html", email=pending.email, form=form), 400
    user, company = complete_signup(pending)
    if user is None:
        db.session.commit()
        flash(_("An account already uses this address. Log in or reset your password."), "info")
        return redirect(url_for("auth.login"))
    # Consent was given on the sign-up form; it is recorded once the account exists.
    record_consent(user, "signup")
    audit.record("auth.signup", f"company:{company.neq}" if company else "", actor=user)
    finish_login(user)
    if company is None:
        flash(_("Your account is ready, but a company with this NEQ is already registered. "
                "Ask its owner to invite you."), "warning")
    else:
        flash(_("Welcome! Your account and your company are ready."), "success")
    return redirect(url_for("main.index"))


@bp.route("/confirm-address/<token>", methods=["GET", "POST"])
def confirm_account_address(token):
    """Confirm the address of an account created before confirmation existed."""
    if request.method == "GET":
        return render_template("auth/confirm.html", email=None, form=None)
    user = confirm_address(token)
    if user is None:
        flash(_("This confirmation link is invalid, expired or already used. Log in to get a new one."), "danger")
        return redirect(url_for("auth.login"))
    audit.record("auth.address_confirmed", f"user:{user.id}", actor=user)
    db.session.commit()
    flash(_("Your address is confirmed. You can log in."), "success")
    return redirect(url_for("auth.login"))
