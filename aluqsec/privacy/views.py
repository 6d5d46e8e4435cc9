"""The privacy notice, "my data" (export, account deletion), company data, and verification."""
import re
import unicodedata

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from .. import audit
from ..authz import (
    can_take_out_company_data,
    can_verify_companies,
    company_or_404,
    login_required,
    permission_required,
)
from ..companies.models import Company
from ..extensions import db
from ..formatting import date_text
from ..forms import ButtonForm
from ..security.passwords import verify_password
from . import bp, deletion, verification
from .export import company_documents, user_documents, write_zip
from .files import company_files
from .forms import DeleteAccountForm, DeleteCompanyForm, OwnerForm, VerifyForm
from .notice import NOTICE_VERSION, consents_of, officer, retention_days


def _zip(content, filename):
    return Response(content, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


def _slug(text):
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "company"


@bp.route("/")
def notice():
    """Show the privacy notice."""
    return render_template("privacy/notice.html", officer=officer(), days=retention_days(), version=NOTICE_VERSION)


@bp.route("/me")
@login_required
def mine():
    """Show what the user can take away or erase."""
    return render_template("privacy/mine.html", export_form=ButtonForm(), delete_form=DeleteAccountForm(),
                           blocked=deletion.sole_owner_of(current_user), consents=consents_of(current_user))


@bp.route("/me/export", methods=["POST"])
@login_required
def export_mine():
    """Download the user's personal data as a ZIP of JSON files."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    content = write_zip("user", current_user.id, user_documents(current_user))
    audit.record("privacy.user_exported", f"user:{current_user.id}")
    db.session.commit()
    return _zip(content, f"aluqsec-my-data-{current_user.id}.zip")


@bp.route("/me/delete", methods=["POST"])
@login_required
def delete_mine():
    """Delete the user's account once the password and the confirmation are given."""
    form = DeleteAccountForm()
    blocked = deletion.sole_owner_of(current_user)
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.password.data):
            form.password.errors.append(_("This password is not correct."))
        elif blocked:
            flash(_("You are the only owner of a company: give another member the owner role or delete the "
                    "company first."), "danger")
        else:
            deletion.delete_account(current_user._get_current_object())
            db.session.commit()
            logout_user()
            flash(_("Your account and your personal data are deleted."), "success")
            return redirect(url_for("main.index"))
    return render_template("privacy/mine.html", export_form=ButtonForm(), delete_form=form, blocked=blocked,
                           consents=consents_of(current_user)), 400


def _owner_form(company, formdata=None):
    form = OwnerForm(formdata=formdata) if formdata is not None else OwnerForm()
    form.member.choices = [(m.id, f"{m.user.name} <{m.user.email}>") for m in deletion.members_not_owners(company)]
    return form


def _company_page(company, delete_form=None, owner_form=None, status=200):
    return render_template("privacy/company.html", company=company, export_form=ButtonForm(),
                           delete_form=delete_form or DeleteCompanyForm(), cancel_form=ButtonForm(),
                           owner_form=owner_form or _owner_form(company),
                           purge_on=deletion.purge_date(company) if company.deletion_pending else None), status


@bp.route("/companies/<int:company_id>")
@login_required
def company(company_id):
    """Show the owner what the company can take away or erase."""
    return _company_page(company_or_404(company_id, can_take_out_company_data))


@bp.route("/companies/<int:company_id>/export", methods=["POST"])
@login_required
def export_company(company_id):
    """Download everything the company holds: JSON files, plan CSV/XLSX and report PDFs, in one ZIP."""
    company = company_or_404(company_id, can_take_out_company_data)
    if not ButtonForm().validate_on_submit():
        abort(400)
    content = write_zip("company", company.id, company_documents(company), company_files(company))
    audit.record("privacy.company_exported", f"company:{company.id}")
    db.session.commit()
    return _zip(content, f"aluqsec-{_slug(company.legal_name)}-{company.id}.zip")


@bp.route("/companies/<int:company_id>/delete", methods=["POST"])
@login_required
def delete_company(company_id):
    """Start the company's deletion once its legal name is typed; cancellable during the grace period."""
    company = company_or_404(company_id, can_take_out_company_data)
    form = DeleteCompanyForm()
    if not form.validate_on_submit():
        return _company_page(company, form, status=400)
    if company.deletion_pending:
        return redirect(url_for("privacy.company", company_id=company.id))
    if form.name.data.casefold() != company.legal_name.strip().casefold():
        form.name.errors.append(_("The name typed is not the company's legal name."))
        return _company_page(company, form, status=400)
    deletion.request_company_deletion(company, current_user)
    db.session.commit()
    flash(_("The deletion of %(name)s is scheduled for %(date)s. Until then you can cancel it here.",
            name=company.legal_name, date=date_text(deletion.purge_date(company))), "warning")
    return redirect(url_for("privacy.company", company_id=company.id))


@bp.route("/companies/<int:company_id>/owners", methods=["POST"])
@login_required
def add_owner(company_id):
    """Give the owner role to a member (how the last owner hands the company over before leaving)."""
    company = company_or_404(company_id, can_take_out_company_data)
    form = _owner_form(company, request.form)
    if not form.validate_on_submit():
        return _company_page(company, owner_form=form, status=400)
    membership = next(m for m in company.memberships if m.id == form.member.data)
    deletion.make_owner(membership, current_user)
    db.session.commit()
    flash(_("%(name)s is now an owner of the company.", name=membership.user.name), "success")
    return redirect(url_for("privacy.company", company_id=company.id))


@bp.route("/companies/<int:company_id>/cancel-deletion", methods=["POST"])
@login_required
def cancel_deletion(company_id):
    """Cancel a pending deletion during the grace period."""
    company = company_or_404(company_id, can_take_out_company_data)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if company.deletion_pending:
        deletion.cancel_company_deletion(company, current_user)
        db.session.commit()
        flash(_("The deletion is cancelled."), "success")
    return redirect(url_for("privacy.company", company_id=company.id))


verifier_required = permission_required(can_verify_companies)


def _queue(forms=None, status=200):
    return render_template("privacy/verification.html", waiting=verification.waiting(),
                           verified=verification.recently_verified(), forms=forms or {},
                           verify_form=VerifyForm(), withdraw_form=ButtonForm()), status


@bp.route("/verification")
@verifier_required
def queue():
    """List the companies waiting for verification and the last ones verified."""
    return _queue()


@bp.route("/verification/<int:company_id>", methods=["POST"])
@verifier_required
def verify(company_id):
    """Mark a company a verified member once its NEQ was checked against its documents."""
    company = db.session.get(Company, company_id) or abort(404)
    form = VerifyForm()
    if not form.validate_on_submit():
        return _queue({company.id: form}, 400)
    if not company.is_verified:
        verification.verify(company, current_user)
        db.session.commit()
    flash(_("%(name)s is a verified member.", name=company.legal_name), "success")
    return redirect(url_for("privacy.queue"))


@bp.route("/verification/<int:company_id>/withdraw", methods=["POST"])
@verifier_required
def withdraw(company_id):
    """Withdraw a company's verification: it stops counting in aggregates at once."""
    company = db.session.get(Company, company_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if company.is_verified:
        verification.unverify(company, current_user)
        db.session.commit()
    flash(_("%(name)s is no longer a verified member.", name=company.legal_name), "info")
    return redirect(url_for("privacy.queue"))
