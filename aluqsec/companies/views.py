"""Company profile, members and invitations."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from .. import audit
from ..auth.forms import AcceptInvitationForm
from ..auth.services import create_user, find_user
from ..authz import can_manage_company, company_or_404, login_required
from ..extensions import db
from ..mail import send_mail
from ..privacy.forms import ConsentForm
from ..privacy.notice import record_consent
from . import bp
from .forms import CompanyForm, InviteForm
from .reference import CERTIFICATIONS, LANGUAGES, REGIONS, SECTORS, SIZE_BANDS
from .services import accept_invitation, create_invitation, invitation_from_token, members, neq_taken

PROFILE_FIELDS = ("legal_name", "neq", "sector", "region", "size_band", "certifications", "benchmark_opt_in")


@bp.route("/<int:company_id>")
@login_required
def show(company_id):
    """Show the company profile and its members."""
    company = company_or_404(company_id)
    return render_template("companies/show.html", company=company, members=members(company),
                           invite_form=InviteForm(),
                           can_manage=can_manage_company(current_user, company))


@bp.route("/<int:company_id>/edit", methods=["GET", "POST"])
@login_required
def edit(company_id):
    """Edit the company profile (owners only)."""
    company = company_or_404(company_id, can_manage_company)
    form = CompanyForm(obj=company)
    if request.method == "GET":
        form.company_language.data = company.language
    if form.validate_on_submit():
        if neq_taken(form.neq.data, except_company=company):
            form.neq.errors.append(_("A company with this NEQ is already registered."))
        else:
            for name in PROFILE_FIELDS:
                setattr(company, name, getattr(form, name).data)
            company.language = form.company_language.data
            audit.record("companies.edited", f"company:{company.id}")
            db.session.commit()
            flash(_("Company profile saved."), "success")
            return redirect(url_for("companies.show", company_id=company.id))
    return render_template("companies/edit.html", form=form, company=company), \
        400 if form.errors else 200


@bp.route("/<int:company_id>/invite", methods=["POST"])
@login_required
def invite(company_id):
    """E-mail an invitation to join the company (owners only)."""
    company = company_or_404(company_id, can_manage_company)
    form = InviteForm()
    if not form.validate_on_submit():
        return render_template("companies/show.html", company=company, members=members(company),
                               invite_form=form, can_manage=True), 400
    if any(m.user.email == form.email.data for m in company.memberships):
        form.email.errors.append(_("This person is already a member."))
        return render_template("companies/show.html", company=company, members=members(company),
                               invite_form=form, can_manage=True), 400
    invitation, token = create_invitation(company, form.email.data, current_user)
    link = current_app.config["BASE_URL"].rstrip("/") + url_for("companies.accept", token=token)
    existing = find_user(form.email.data)
    send_mail(form.email.data, "invitation", existing.language if existing else company.language,
              company=company, inviter=current_user, link=link)
    audit.record("companies.invited", f"company:{company.id}", email=form.email.data)
    db.session.commit()
    flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
    return redirect(url_for("companies.show", company_id=company.id))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept(token):
    """Join a company from an invitation link, creating the account if needed."""
    invitation = invitation_from_token(token)
    if invitation is None:
        flash(_("This invitation is invalid, expired or already used."), "danger")
        return redirect(url_for("main.index"))
    existing = find_user(invitation.email)
    if existing is not None:
        if not current_user.is_authenticated:
            flash(_("Log in with %(email)s to accept the invitation.", email=invitation.email), "info")
            return redirect(url_for("auth.login", next=request.path))
        if current_user.id != existing.id:
            flash(_("This invitation is for %(email)s.", email=invitation.email), "danger")
            return redirect(url_for("main.index"))
        consent = ConsentForm()
        if consent.validate_on_submit():
            accept_invitation(invitation, current_user)
            record_consent(current_user, "invitation")
            audit.record("companies.joined", f"company:{invitation.company_id}")
            db.session.commit()
            flash(_("You have joined the team of the company “%(name)s”.", name=invitation.company.legal_name),
                  "success")
            return redirect(url_for("companies.show", company_id=invitation.company_id))
        return render_template("companies/accept.html", invitation=invitation, form=None, consent=consent), \
            400 if consent.errors else 200
    form = AcceptInvitationForm()
    form.account_email = invitation.email
    if form.validate_on_submit():
        user = create_user(invitation.email, form.name.data, form.password.data,
                           language=invitation.company.language)
        accept_invitation(invitation, user)
        record_consent(user, "invitation")
        audit.record("companies.joined", f"company:{invitation.company_id}", actor=user)
        db.session.commit()
        login_user(user)
        flash(_("Welcome! You have joined the team of the company “%(name)s”.",
                name=invitation.company.legal_name), "success")
        return redirect(url_for("companies.show", company_id=invitation.company_id))
    return render_template("companies/accept.html", invitation=invitation, form=form), \
        400 if form.errors else 200


@bp.app_context_processor
def inject_labels():
    """Give every template the labels of the reference lists."""
    return {"labels": {"sectors": SECTORS, "regions": REGIONS, "sizes": SIZE_BANDS,
                       "certifications": CERTIFICATIONS, "languages": LANGUAGES}}
