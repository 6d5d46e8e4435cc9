"""Record sensitive actions in the audit log."""
from flask import has_request_context, request
from flask_login import current_user

from ..extensions import db
from .models import AuditEvent


def record(action, target="", actor=None, **details):
    """Add an audit event to the session; the request's commit stores it.

    :param action: dotted verb such as ``auth.login`` or ``admin.role_granted``.
    :param target: what was acted on, e.g. ``user:12``.
    :param actor: the acting user; defaults to the logged-in user.
    """
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    address = (request.remote_addr or "") if has_request_context() else ""
    db.session.add(AuditEvent(actor_id=actor.id if actor else None, action=action,
                              target=target, address=address, details=details))
