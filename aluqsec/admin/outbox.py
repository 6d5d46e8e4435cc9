"""The outbox page: while no SMTP server is configured, admins read here the mail the platform wrote."""
from flask import abort, current_app, render_template, request
from sqlalchemy import select

from ..authz import can_manage_users, permission_required
from ..extensions import db
from ..mail.models import OutboxMessage
from . import bp

PAGE_SIZE = 20


@bp.route("/outbox")
@permission_required(can_manage_users)
def outbox():
    """List the messages kept instead of sent, newest first (absent once SMTP is configured)."""
    if current_app.config.get("SMTP_HOST"):
        abort(404)
    page = max(request.args.get("page", 1, type=int), 1)
    query = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    pagination = db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)
    return render_template("admin/outbox.html", pagination=pagination)


@bp.app_context_processor
def inject_outbox():
    """Tell the navigation whether the outbox page exists (only while SMTP is unset)."""
    return {"outbox_enabled": not current_app.config.get("SMTP_HOST")}
