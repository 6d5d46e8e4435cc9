"""Platform administration: accounts and roles."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..audit.models import AuditEvent
from ..auth import mfa
from ..auth.models import Role, User, UserRole
from ..auth.sessions import end_all_sessions, end_other_sessions
from ..authz import can_manage_users, can_receive_access, permission_required
from ..extensions import db
from ..forms import ButtonForm
from ..security.inputs import page_number
from . import bp
from .forms import ROLE_LABELS, RoleForm, StatusForm

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
        if not can_receive_access(user):
            flash(_("%(name)s must confirm their e-mail address and be active before receiving a role.",
                    name=user.name), "danger")
            return redirect(url_for("admin.users", q=request.args.get("q", "")))
        if role not in user.roles:
            end_other_sessions(user)
            user.role_grants.append(UserRole(role=str(role), granted_by_id=current_user.id))
            audit.record("admin.role_granted", f"user:{user.id}", role=str(role))
        flash(_("%(name)s is now %(role)s.", name=user.name, role=ROLE_LABELS[role]), "success")
    else:
        if role == Role.ADMIN and user.id == current_user.id:
            flash(_("You cannot remove your own administrator role."), "danger")
            return redirect(url_for("admin.users"))
        grant = next((g for g in user.role_grants if g.role == role), None)
        if grant is not None:
            end_other_sessions(user)
            user.role_grants.remove(grant)
            audit.record("admin.role_revoked", f"user:{user.id}", role=str(role))
        flash(_("%(name)s is no longer %(role)s.", name=user.name, role=ROLE_LABELS[role]), "success")
    db.session.commit()
    return redirect(url_for("admin.users", q=request.args.get("q", "")))


@bp.route("/users/<int:user_id>/status", methods=["POST"])
@permission_required(can_manage_users)
def change_status(user_id):
    """Deactivate an account (its sessions end, login is refused) or reactivate it."""
    user = db.session.get(User, user_id) or abort(404)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    if user.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "danger")
    elif form.action.data == "deactivate":
        user.active = False
        end_all_sessions(user)
        audit.record("admin.user_deactivated", f"user:{user.id}")
        flash(_("%(name)s is deactivated: every session has ended and login is refused.", name=user.name), "success")
    else:
        user.active = True
        audit.record("admin.user_reactivated", f"user:{user.id}")
        flash(_("%(name)s can log in again.", name=user.name), "success")
    db.session.commit()
    return redirect(url_for("admin.users", q=request.args.get("q", "")))


@bp.route("/users/<int:user_id>/mfa-reset", methods=["POST"])
@permission_required(can_manage_users)
def reset_mfa(user_id):
    """Remove an account's second factor (lost phone); staff enrol again at their next login."""
    user = db.session.get(User, user_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    mfa.reset(user)
    end_all_sessions(user)
    audit.record("admin.mfa_reset", f"user:{user.id}")
    db.session.commit()
    flash(_("Two-step verification of %(name)s is reset.", name=user.name), "success")
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


from . import outbox  # noqa: E402, F401  (its route joins this blueprint)
