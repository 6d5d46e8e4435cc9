"""The funders' report (PDF or XLSX) of a period, prepared by a worker."""
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..formatting import date_text
from ..jobs.registry import Result, job_kind
from ..reporting.render import render_pdf
from .dashboard import programme_dashboard
from .presenting import view_model, workbook
from .stored import KIND, ask_for, compute, default_period

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_title(args):
    return _("Programme report, %(start)s to %(end)s (%(kind)s, %(language)s)",
             start=date_text(date.fromisoformat(args["start"])),
             end=date_text(date.fromisoformat(args["end"])), kind=args["kind"].upper(),
             language=args["language"].upper())


def _origin(args):
    return "programme.dashboard", {"start": args["start"], "end": args["end"]}


@job_kind("programme_report", title=report_title, notify=True, origin=_origin, isolated=True)
def programme_report(job, progress):
    """Compute the programme's figures for the period and lay them out as PDF or XLSX."""
    args = job.args
    start, end, language = date.fromisoformat(args["start"]), date.fromisoformat(args["end"]), args["language"]
    with force_locale(language):
        data = view_model(programme_dashboard(start, end))
        progress(40)
        if args["kind"] == "pdf":
            title = _l("Programme report, %(start)s to %(end)s", start=date_text(start), end=date_text(end))
            content = render_pdf("programme.html", {**data, "today": date.fromisoformat(args["today"])},
                                 language, title)
            content_type = "application/pdf"
        else:
            content, content_type = workbook(data), XLSX
    return Result(content, f"aluqsec-programme-{start}-{end}-{language}.{args['kind']}", content_type)


def figures_title(args):
    return _("Programme results, %(start)s to %(end)s", start=date_text(date.fromisoformat(args["start"])),
             end=date_text(date.fromisoformat(args["end"])))


@job_kind(KIND, title=figures_title, origin=_origin, isolated=True)
def programme_figures(job, progress):
    """Compute the programme's figures of a period and keep them for the page (no file)."""
    compute(date.fromisoformat(job.args["start"]), date.fromisoformat(job.args["end"]))
    db.session.commit()


@job_kind("programme_figures_refresh", scheduled=True, max_attempts=2)
def programme_figures_refresh(job, progress):
    """Ask for the default period's figures (the last twelve months) so the page usually has them ready."""
    ask_for(*default_period())
    db.session.commit()
