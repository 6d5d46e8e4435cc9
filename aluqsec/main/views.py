"""Home page, role dashboards and the health check."""
from flask import jsonify, render_template
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..assessments.services import company_summary
from ..extensions import db
from ..i18n import current_language
from . import bp


@bp.route("/")
def index():
    """Show the landing page, or the dashboard of a signed-in user."""
    if not current_user.is_authenticated:
        return render_template("main/landing.html")
    language = current_language()
    companies = [company_summary(m.company, language, current_user) for m in current_user.memberships]
    return render_template("main/dashboard.html", companies=companies)


@bp.route("/healthz")
def healthz():
    """Report whether the application and its database answer."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify({"status": "error", "database": "unavailable"}), 503
    return jsonify({"status": "ok", "database": "ok"})
