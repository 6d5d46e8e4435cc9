"""Platform administration: accounts and roles."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..audit.models import AuditEvent
from ..auth.models import Role, User, UserRole
from ..authz import can_manage_users, permission_required
from ..extensions import db
from ..security.inputs import page_number
from . import bp
from .forms import ROLE_LABELS, RoleForm

PAGE_SIZE = 50


@bp.route("/users")
@permission_required(can_manage_users)
def users():
    """List accounts, searchable by name or e-mail."""
    search = request.args.get("q", "").strip()
    page = page_number(request.args.get("page", 1, type=int))
    query = select(User).order_by(User.email)
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(or_(func.lower(User.email).like(pattern), func.lower(User.name).like(pattern)))
    pagination = db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)
    return render_template("admin/users.html", pagination=pagination, search=search,
                           role_labels=ROLE_LABELS, form=RoleForm())


@bp.route("/users/<int:user_id>/roles", methods=["POST"])
@permission_required(can_manage_users)
def change_role(user_id):
    """Grant or revoke a platform role."""
    user = db.session.get(User, user_id) or abort(404)
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    role = Role(form.role.data)
    if form.action.data == "grant":
        if role not in user.roles:
            user.role_grants.append(UserRole(role=str(role), granted_by_id=current_user.id))
            audit.record("admin.role_granted", f"user:{user.id}", role=str(role))
        flash(_("%(name)s is now %(role)s.", name=user.name, role=ROLE_LABELS[role]), "success")
    else:
        if role == Role.ADMIN and user.id == current_user.id:
            flash(_("You cannot remove your own administrator role."), "danger")
            return redirect(url_for("admin.users"))
        grant = next((g for g in user.role_grants if g.role == role), None)
        if grant is not None:
            user.role_grants.remove(grant)
            audit.record("admin.role_revoked", f"user:{user.id}", role=str(role))
        flash(_("%(name)s is no longer %(role)s.", name=user.name, role=ROLE_LABELS[role]), "success")
    db.session.commit()
    return redirect(url_for("admin.users", q=request.args.get("q", "")))


@bp.route("/audit")
@permission_required(can_manage_users)
def audit_log():
    """Show the audit log, newest first."""
    page = page_number(request.args.get("page", 1, type=int))
    query = (select(AuditEvent).options(selectinload(AuditEvent.actor))
             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    action = request.args.get("action", "").strip()
    if action:
        query = query.where(AuditEvent.action.startswith(action))
    pagination = db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)
    return render_template("admin/audit.html", pagination=pagination, action=action)
