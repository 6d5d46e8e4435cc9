"""PDF reports: the company's assessment report (in the request), the sector and portfolio reports (prepared)."""
import re
import unicodedata

from flask import Response, abort, current_app, request
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from flask_login import current_user

from ..authz import assessment_or_404, can_manage_events, is_advisor, login_required, permission_required
from ..i18n import current_language
from ..jobs.services import ask, prepare_page
from ..models import utcnow
from . import bp, services
from .render import render_pdf


def _language():
    """Return the language asked for with ``?lang=``, else the user's."""
    asked = request.values.get("lang")
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
    """Send the report of a submitted assessment as PDF, in French or English (``?lang=``).

    Rendered in the request: one company, a few pages, about half a second.
    """
    assessment = assessment_or_404(assessment_id)
    if assessment.is_draft:
        abort(404)
    language, company = _language(), assessment.company
    data = services.company_report(assessment, language, _today())
    title = _l("Cybersecurity assessment report: %(company)s", company=company.legal_name)
    filename = f"aluqsec-{_slug(company.legal_name)}-{assessment.submitted_at:%Y-%m-%d}-{language}.pdf"
    return _pdf(render_pdf("company.html", data, language, title), filename)


@bp.route("/organizer/demand/report.pdf", methods=["GET", "POST"])
@permission_required(can_manage_events)
def download_demand():
    """Ask a worker for the sector report (demand by topic, region and sector; small groups hidden)."""
    if request.method == "GET":
        return prepare_page(_l("Sector report"), _l(
            "The report is prepared in the background; you can download it from the next page when it is ready."))
    language, today = _language(), _today()
    return ask("sector_report", {"language": language, "today": today.isoformat()},
               key=f"sector_report:{language}:{today}")


@bp.route("/advisor/portfolio/report.pdf", methods=["GET", "POST"])
@permission_required(is_advisor)
def download_portfolio():
    """Ask a worker for the advisor's portfolio report: a line per company, then a page per company."""
    if request.method == "GET":
        return prepare_page(_l("Portfolio report"), _l(
            "The report is prepared in the background, a page per company; we also e-mail you the link when "
            "it is ready."))
    language, today = _language(), _today()
    return ask("portfolio_report", {"advisor_id": current_user.id, "language": language,
                                    "today": today.isoformat()},
               key=f"portfolio_report:{current_user.id}:{language}:{today}")
