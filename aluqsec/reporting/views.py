"""Download the PDF reports: a company's assessment report and the organizers' sector report."""
import re
import unicodedata

from flask import Response, abort, current_app, request
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from flask_login import current_user

from ..authz import assessment_or_404, can_manage_events, is_advisor, login_required, permission_required
from ..i18n import current_language
from ..models import utcnow
from . import bp, services
from .render import render_pdf


def _language():
    """Return the language asked for with ``?lang=``, else the user's."""
    asked = request.args.get("lang")
    return asked if asked in current_app.config["LANGUAGES"] else current_language()


def _today():
    return to_user_timezone(utcnow()).date()


def _slug(text):
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _pdf(content, filename):
    return Response(content, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        # The report shows the company's security posture: never kept in a shared cache.
        "Cache-Control": "no-store"})


@bp.route("/assessments/<int:assessment_id>/report.pdf")
@login_required
def download_assessment(assessment_id):
    """Send the report of a submitted assessment as PDF, in French or English (``?lang=``)."""
    assessment = assessment_or_404(assessment_id)
    if assessment.is_draft:
        abort(404)
    language, company = _language(), assessment.company
    data = services.company_report(assessment, language, _today())
    title = _l("Cybersecurity assessment report: %(company)s", company=company.legal_name)
    filename = f"aluqsec-{_slug(company.legal_name)}-{assessment.submitted_at:%Y-%m-%d}-{language}.pdf"
    return _pdf(render_pdf("company.html", data, language, title), filename)


@bp.route("/organizer/demand/report.pdf")
@permission_required(can_manage_events)
def download_demand():
    """Send the sector report (demand by topic, region and sector; small groups hidden) as PDF."""
    language, today = _language(), _today()
    data = services.sector_report(language, today)
    title = _l("Sector report: cybersecurity needs of member companies")
    return _pdf(render_pdf("sector.html", data, language, title), f"aluqsec-sector-report-{today}-{language}.pdf")


@bp.route("/advisor/portfolio/report.pdf")
@permission_required(is_advisor)
def download_portfolio():
    """Send the advisor's portfolio report: a line per company, then a page per company."""
    language, today = _language(), _today()
    data = services.portfolio_report(current_user, language, today)
    title = _l("Portfolio report of %(advisor)s", advisor=current_user.name)
    return _pdf(render_pdf("portfolio.html", data, language, title), f"aluqsec-portfolio-{today}-{language}.pdf")
