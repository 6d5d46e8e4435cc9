"""The action plan as CSV and Excel, in the user's language and number conventions."""
from flask import Response
from flask_babel import format_decimal
from flask_babel import gettext as _

from ..assessments.labels import EFFORTS
from ..authz import can_work_on_company, company_or_404, login_required
from ..exports import csv_delimiter, write_csv, write_xlsx
from ..i18n import current_language
from . import bp
from .forms import STATUS_LABELS
from .models import ActionStatus
from .services import facets, plan
from .texts import certification_names, describe, domain_names

PRIORITY_COLUMN = 6


def _table(company, for_csv):
    items = plan(company.id)
    domains, certifications = facets(company.id)
    domain_title, certification_name = domain_names(domains), certification_names(certifications)
    header = [_("Order"), _("Action"), _("Why it matters"), _("Next step"), _("Domain"),
              _("Certifications it blocks"), _("Priority"), _("Effort"), _("Assignee"), _("Due date"),
              _("Status"), _("Notes")]
    rows = []
    for index, item in enumerate(items, start=1):
        text = describe(item)
        priority = format_decimal(item.priority, format="#,##0.#") if for_csv else item.priority
        rows.append([index, text["title"], text["why"], text["next_step"],
                     domain_title.get(item.domain_id, "") if item.domain_id else "",
                     ", ".join(certification_name[c] for c in item.blocked), priority,
                     str(EFFORTS[item.effort]) if item.effort in EFFORTS else "",
                     item.assignee.name if item.assignee else "",
                     (item.due_date.isoformat() if item.due_date else "") if for_csv else item.due_date,
                     str(STATUS_LABELS[ActionStatus(item.status)]), item.notes or ""])
    return header, rows


def plan_csv(company):
    """Return the company's plan as CSV bytes in the user's language and separator."""
    header, rows = _table(company, for_csv=True)
    return write_csv(header, rows, delimiter=csv_delimiter(current_language()))


def plan_xlsx(company):
    """Return the company's plan as an .xlsx workbook."""
    header, rows = _table(company, for_csv=False)
    return write_xlsx(_("Action plan"), header, rows, number_formats={PRIORITY_COLUMN: "0"})


def _attachment(company, extension):
    return {"Content-Disposition": f'attachment; filename="plan-{company.neq}.{extension}"'}


@bp.route("/companies/<int:company_id>/plan.csv")
@login_required
def export_csv(company_id):
    """Download the action plan as CSV (``;`` in French, ``,`` in English)."""
    company = company_or_404(company_id, can_work_on_company)
    return Response(plan_csv(company), mimetype="text/csv", headers=_attachment(company, "csv"))


@bp.route("/companies/<int:company_id>/plan.xlsx")
@login_required
def export_xlsx(company_id):
    """Download the action plan as an Excel workbook with real dates, numbers and an autofilter."""
    company = company_or_404(company_id, can_work_on_company)
    return Response(plan_xlsx(company), mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers=_attachment(company, "xlsx"))
