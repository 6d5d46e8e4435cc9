"""Offboarding: an owner removes a member, after a confirmation step."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..authz import can_remove_member, company_or_404, login_required
from ..extensions import db
from ..forms import ButtonForm
from . import bp
from .models import Membership
from .services import remove_member


@bp.route("/<int:company_id>/members/<int:membership_id>/remove", methods=["GET", "POST"])
@login_required
def remove(company_id, membership_id):
    """Ask for confirmation, then remove a member: their access and sessions end at once."""
    company = company_or_404(company_id)
    found = db.session.get(Membership, membership_id)
    if found is None or found.company_id != company.id:
        abort(404)
    if not can_remove_member(current_user, found):
        abort(403)
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        user = found.user
        remove_member(found)
        audit.record("companies.member_removed", f"company:{company.id}", user=user.id, email=user.email)
        db.session.commit()
        flash(_("%(name)s no longer has access to %(company)s.", name=user.name, company=company.legal_name),
              "success")
        if user.id == current_user.id:
            return redirect(url_for("main.index"))
        return redirect(url_for("companies.show", company_id=company.id))
    return render_template("companies/remove.html", company=company, membership=found, form=form)

