"""The company's action plan: edit, reorder, export."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from .. import audit
from ..authz import action_item_or_404, can_work_on_company, company_or_404, login_required
from ..companies.services import members
from ..exports import write_csv, write_xlsx
from ..extensions import db
from ..i18n import current_language
from ..questionnaires.services import get_bank
from . import bp
from .forms import STATUS_LABELS, ActionForm, MoveForm
from .models import ActionStatus
from .services import move, plan, update


def _text(item):
    """Return the item's ``(question text, recommendation)`` in the user's language."""
    question = get_bank().find_question(item.questionnaire_id, item.question_id)
    if question is None:
        return item.question_id, ""
    language = current_language()
    return question.text.get(language), question.recommendation.get(language)


def _texts(items):
    return {item.id: _text(item) for item in items}


@bp.app_template_global()
def action_title(item):
    return _text(item)[0]


def _assignees(company):
    return [SelectChoice("", _("Nobody yet"))] + [SelectChoice(str(m.user_id), m.user.name)
                                                  for m in members(company)]


def _form_for(item, assignees, formdata=None):
    form = ActionForm(formdata=formdata, prefix=f"a{item.id}", data={
        "assignee": str(item.assignee_id or ""), "due_date": item.due_date, "status": item.status})
    form.assignee.choices = assignees
    return form


def _render(company, items, forms, status=200):
    return render_template("actions/index.html", company=company, items=items, forms=forms,
                           texts=_texts(items), move_form=MoveForm(), statuses=STATUS_LABELS), status


@bp.route("/companies/<int:company_id>/plan")
@login_required
def index(company_id):
    """Show the action plan."""
    company = company_or_404(company_id, can_work_on_company)
    items, assignees = plan(company.id), _assignees(company)
    return _render(company, items, {item.id: _form_for(item, assignees) for item in items})


@bp.route("/actions/<int:item_id>", methods=["POST"])
@login_required
def edit(item_id):
    """Change an item's assignee, due date or status."""
    item, company = action_item_or_404(item_id)
    assignees = _assignees(company)
    form = _form_for(item, assignees, formdata=request.form)
    if not form.validate_on_submit():
        items = plan(company.id)
        forms = {other.id: (form if other.id == item.id else _form_for(other, assignees)) for other in items}
        return _render(company, items, forms, 400)
    assignee = int(form.assignee.data) if form.assignee.data else None
    update(item, assignee, form.due_date.data, ActionStatus(form.status.data))
    audit.record("actions.updated", f"action:{item.id}", company=company.id)
    db.session.commit()
    flash(_("Action saved."), "success")
    return redirect(url_for("actions.index", company_id=company.id) + f"#action-{item.id}")


@bp.route("/actions/<int:item_id>/move", methods=["POST"])
@login_required
def reorder(item_id):
    """Move an item up or down the plan."""
    item, company = action_item_or_404(item_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    move(item, -1 if form.direction.data == "up" else 1)
    db.session.commit()
    return redirect(url_for("actions.index", company_id=company.id) + f"#action-{item.id}")


def _table(company):
    items = plan(company.id)
    texts = _texts(items)
    header = [_("Order"), _("Gap"), _("What to do"), _("Priority"), _("Assignee"), _("Due date"), _("Status")]
    rows = [[index, texts[item.id][0], texts[item.id][1], item.priority,
             item.assignee.name if item.assignee else "", item.due_date.isoformat() if item.due_date else "",
             str(STATUS_LABELS[ActionStatus(item.status)])] for index, item in enumerate(items, start=1)]
    return header, rows


@bp.route("/companies/<int:company_id>/plan.csv")
@login_required
def export_csv(company_id):
    """Download the action plan as CSV."""
    company = company_or_404(company_id, can_work_on_company)
    header, rows = _table(company)
    return Response(write_csv(header, rows), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="plan-{company.neq}.csv"'})


@bp.route("/companies/<int:company_id>/plan.xlsx")
@login_required
def export_xlsx(company_id):
    """Download the action plan as an Excel workbook."""
    company = company_or_404(company_id, can_work_on_company)
    header, rows = _table(company)
    return Response(write_xlsx(_("Action plan"), header, rows),
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="plan-{company.neq}.xlsx"'})
