"""The organizers' sector report and the advisors' portfolio report, prepared by a worker."""
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..auth.models import User
from ..authz import is_advisor
from ..extensions import db
from ..jobs.registry import Result, job_kind
from . import services
from .render import render_pdf, render_pdf_parts


def sector_title(args):
    return _("Sector report (%(language)s)", language=args["language"].upper())


def portfolio_title(args):
    return _("Portfolio report (%(language)s)", language=args["language"].upper())


@job_kind("sector_report", title=sector_title, origin=lambda args: ("organizer.demand", {}), isolated=True)
def sector_report(job, progress):
    """Render the sector report (aggregates only) in the language asked."""
    language, today = job.args["language"], date.fromisoformat(job.args["today"])
    data = services.sector_report(language, today)
    progress(30)
    title = _l("Sector report: cybersecurity needs of member companies")
    return Result(render_pdf("sector.html", data, language, title),
                  f"aluqsec-sector-report-{today}-{language}.pdf", "application/pdf")


class NotAnAdvisor(Exception):
    """The account that asked is no longer an advisor: its portfolio is empty by definition."""


@job_kind("portfolio_report", title=portfolio_title, notify=True, isolated=True,
          origin=lambda args: ("advisors.portfolio_view", {}))
def portfolio_report(job, progress):
    """Render an advisor's portfolio report: the companies that granted access when it runs."""
    advisor = db.session.get(User, job.args["advisor_id"])
    if advisor is None or not advisor.active or not is_advisor(advisor):
        raise NotAnAdvisor(job.args["advisor_id"])
    language, today = job.args["language"], date.fromisoformat(job.args["today"])
    data = services.portfolio_report(advisor, language, today)
    progress(10)
    title = _l("Portfolio report of %(advisor)s", advisor=advisor.name)
    size = current_app.config["REPORT_PART_COMPANIES"]
    companies = data["companies"]
    # The list first, then the companies' pages a few at a time: the worker's memory stays bounded.
    parts = [{**data, "summary": True, "pages": []}] + [
        {**data, "summary": False, "pages": companies[start:start + size]} for start in range(0, len(companies), size)]
    pdf = render_pdf_parts("portfolio.html", parts, language, title, lambda done: progress(10 + 85 * done))
    return Result(pdf,
                  f"aluqsec-portfolio-{today}-{language}.pdf", "application/pdf",
                  covers=tuple(data["company_ids"]))
