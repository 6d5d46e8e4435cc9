"""Home page, role dashboards and the health check."""
from flask import jsonify, render_template
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..admin.forms import ROLE_LABELS
from ..assessments.services import company_summary
from ..auth.models import Role
from ..extensions import db
from ..i18n import current_language
from . import bp
from .staff import admin_summary, organizer_summary


@bp.route("/")
def index():
    """Show the landing page, or the dashboard of a signed-in user."""
    if not current_user.is_authenticated:
        return render_template("main/landing.html")
    language = current_language()
    companies = [company_summary(m.company, language, current_user) for m in current_user.memberships]
    roles = current_user.roles
    return render_template("main/dashboard.html", companies=companies,
                           organizer=organizer_summary() if Role.ORGANIZER in roles else None,
                           admin=admin_summary() if Role.ADMIN in roles else None, role_labels=ROLE_LABELS)


@bp.route("/healthz")
def healthz():
    """Report whether the application and its database answer."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify({"status": "error", "database": "unavailable"}), 503
    return jsonify({"status": "ok", "database": "ok"})
