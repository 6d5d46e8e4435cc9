"""The files the pages already produce, added to the company's export (needs a request: labels)."""
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from sqlalchemy import select

from ..actions.downloads import plan_csv, plan_xlsx
from ..assessments.models import Assessment, Status
from ..evidence.services import items_of, read_version
from ..extensions import db
from ..i18n import current_language
from ..models import utcnow
from ..reporting.render import render_pdf
from ..reporting.services import company_report


def company_files(company):
    """Return ``[(path in the archive, bytes)]``: plan (CSV, XLSX), a PDF per submitted assessment, evidence."""
    files = [("plan.csv", plan_csv(company)), ("plan.xlsx", plan_xlsx(company))]
    language, today = current_language(), to_user_timezone(utcnow()).date()
    for assessment in db.session.scalars(select(Assessment).where(
            Assessment.company_id == company.id, Assessment.status != Status.DRAFT).order_by(Assessment.id)):
        title = _l("Cybersecurity assessment report: %(company)s", company=company.legal_name)
        content = render_pdf("company.html", company_report(assessment, language, today), language, title)
        files.append((f"reports/assessment-{assessment.id}-{language}.pdf", content))
    for item in items_of(company.id):
        for version in item.versions:  # every version: the export is everything the company holds
            files.append((f"evidence/{item.id}/v{version.number}-{version.filename}", read_version(version)))
    return files
