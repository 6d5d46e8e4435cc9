"""Sign-up, login, logout, password reset and profile."""
from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_user, logout_user

from .. import audit
from ..authz import login_required, safe_next_url
from ..companies.services import create_company, neq_taken
from ..extensions import db
from ..mail import send_mail
from ..privacy.notice import record_consent
from . import bp
from .forms import LoginForm, ProfileForm, ResetPasswordForm, ResetRequestForm, SignupForm
from .services import (
    authenticate,
    create_user,
    find_user,
    is_throttled,
    reset_token,
    set_password,
    user_from_reset_token,
)


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    """Create an account together with its company."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = SignupForm()
    if request.method == "GET":
        form.company_language.data = form.company_language.data or "fr"
    if form.validate_on_submit():
        taken = False
        if find_user(form.email.data):
            form.email.errors.append(_("An account already uses this e-mail. Log in or reset your password."))
            taken = True
        if neq_taken(form.neq.data):
            form.neq.errors.append(_("A company with this NEQ is already registered. Ask its owner to invite you."))
            taken = True
        if not taken:
            user = create_user(form.email.data, form.name.data, form.password.data,
                               language=form.company_language.data)
            record_consent(user, "signup")
            company = create_company(
                owner=user, legal_name=form.legal_name.data, neq=form.neq.data,
                sector=form.sector.data, region=form.region.data, size_band=form.size_band.data,
                certifications=form.certifications.data, language=form.company_language.data)
            audit.record("auth.signup", f"company:{company.neq}", actor=user)
            db.session.commit()
            login_user(user)
            flash(_("Welcome! Your account and your company are ready."), "success")
            return redirect(url_for("main.index"))
    status = 400 if form.errors else 200
    return render_template("auth/signup.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in, refusing while too many attempts failed recently."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        address = request.remote_addr or ""
        if is_throttled(form.email.data, address):
            flash(_("Too many failed attempts. Wait 15 minutes or reset your password."), "danger")
            return render_template("auth/login.html", form=form), 429
        user = authenticate(form.email.data, form.password.data, address)
        if user is not None:
            audit.record("auth.login", f"user:{user.id}", actor=user)
            db.session.commit()
            login_user(user)
            return redirect(safe_next_url(url_for("main.index")))
        audit.record("auth.login_failed", form.email.data)
        db.session.commit()
        flash(_("E-mail or password incorrect."), "danger")
        status = 401
    elif form.errors:
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log out, keeping the person's language for the pages that follow."""
    language = current_user.language
    logout_user()
    session["language"] = language
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/reset", methods=["GET", "POST"])
def request_reset():
    """E-mail a password-reset link; say the same whether the account exists or not."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = find_user(form.email.data)
        if user is not None and user.active:
            link = current_app.config["BASE_URL"].rstrip("/") + url_for(
                "auth.reset_password", token=reset_token(user))
            send_mail(user.email, "password_reset", user.language, user=user, link=link)
            audit.record("auth.reset_requested", f"user:{user.id}", actor=user)
            db.session.commit()
        flash(_("If an account uses this address, a reset link is on its way. It works for one hour."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/request_reset.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    """Choose a new password from a valid reset link."""
    user = user_from_reset_token(token)
    if user is None:
        flash(_("This reset link is invalid, expired or already used. Ask for a new one."), "danger")
        return redirect(url_for("auth.request_reset"))
    form = ResetPasswordForm()
    form.account_email = user.email
    if form.validate_on_submit():
        set_password(user, form.password.data)
        audit.record("auth.password_reset", f"user:{user.id}", actor=user)
        db.session.commit()
        flash(_("Your password is changed. You can log in."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form), 400 if form.errors else 200


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """Edit one's name and language."""
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        current_user.name = form.name.data
        current_user.language = form.language.data
        db.session.commit()
        refresh()
        flash(_("Profile saved."), "success")
        return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form), 400 if form.errors else 200
