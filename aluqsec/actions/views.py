"""The company's action plan: filter, page, edit, reorder."""
from urllib.parse import parse_qsl, urlencode

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from .. import audit
from ..assessments.labels import EFFORTS
from ..authz import action_item_or_404, can_work_on_company, company_or_404, login_required
from ..companies.services import members
from ..extensions import db
from . import bp, downloads  # noqa: F401  (the export routes)
from .filters import BadFilter, parse, query_args
from .forms import STATUS_LABELS, WEIGHTS, ActionForm, MoveForm
from .models import ActionStatus
from .services import PAGE_SIZE, counts, facets, highlights, move, page_of, update
from .texts import certification_names, describe, domain_names

BACK_KEYS = ("domain", "certification", "effort", "status", "assignee", "group", "sort", "page")


@bp.app_template_global()
def action_title(item):
    """Return the title of *item*'s practice in the user's language (dashboard)."""
    return describe(item)["title"]


def _people(company):
    return [(str(m.user_id), m.user.name) for m in members(company)]


def _clean_back(back):
    """Keep only the plan page's own query arguments from a posted ``back`` value."""
    back = back or ""
    if len(back) > 500:
        abort(400)
    return urlencode([(key, value) for key, value in parse_qsl(back) if key in BACK_KEYS])


def _plan_url(company, back):
    return url_for("actions.index", company_id=company.id) + (f"?{back}" if back else "")


def _filter_fields(domains, certifications, people):
    """Return ``[(name, label, [(value, text)])]`` for the filter selects."""
    return [
        ("status", _("Status"), [("open", _("Open")), *[(str(k), str(v)) for k, v in STATUS_LABELS.items()],
                                 ("all", _("All"))]),
        ("domain", _("Domain"), [("", _("All domains")), *sorted(domains.items(), key=lambda kv: kv[1])]),
        ("certification", _("Certification held back"), [("", _("Any")), *certifications.items()]),
        ("effort", _("Effort"), [("", _("Any")), *[(k, str(v)) for k, v in EFFORTS.items()]]),
        ("assignee", _("Assignee"), [("", _("Everybody")), ("none", _("Nobody yet")), *people]),
        ("group", _("Group by"), [("", _("No grouping")), ("domain", _("Domain")), ("status", _("Status")),
                                  ("assignee", _("Assignee")), ("effort", _("Effort"))]),
        ("sort", _("Order"), [("priority", _("By priority")), ("order", _("Your own order"))]),
    ]


def _texts(items, certifications):
    texts = {}
    for item in items:
        texts[item.id] = {**describe(item), "blocks": ", ".join(certifications.get(c, c) for c in item.blocked)}
    return texts


def _group_of(filters, domains, people):
    names = dict(people)

    def group_of(item):
        if filters.group == "domain":
            return domains.get(item.domain_id, item.domain_id or _("Other"))
        if filters.group == "status":
            return str(STATUS_LABELS[ActionStatus(item.status)])
        if filters.group == "assignee":
            return names.get(str(item.assignee_id), _("Nobody yet"))
        return str(EFFORTS.get(item.effort, _("Other")))
    return group_of


def _render(company, args, failed=None, status=200):
    """Render the plan page for *args*; *failed* is ``(item, form)`` of an edit that did not validate."""
    domain_ids, certification_ids = facets(company.id)
    people = _people(company)
    try:
        filters, page = parse(args, {d for _q, d in domain_ids}, certification_ids, [uid for uid, _n in people])
    except BadFilter:
        abort(400)
    items, total = page_of(company.id, filters, page)
    top, quick = highlights(company.id)
    domains, certifications = domain_names(domain_ids), certification_names(certification_ids)
    failed_item, failed_form = failed or (None, None)
    shown = {item.id: item for item in [*items, *top, *quick, *([failed_item] if failed_item else [])]}
    back = urlencode(query_args(filters, page))
    # Lazy labels translate on every use: resolve them once, not once per row.
    ctx = {"statuses": {str(k): str(v) for k, v in STATUS_LABELS.items()},
           "weights": {k: str(v) for k, v in WEIGHTS.items()}, "efforts": {k: str(v) for k, v in EFFORTS.items()},
           "people": people, "back": back, "movable": filters.sort == "order"}
    return render_template(
        "actions/index.html", company=company, items=items, total=total, page=page,
        pages=max(1, -(-total // PAGE_SIZE)), first_number=(page - 1) * PAGE_SIZE + 1, filters=filters,
        top=top, quick=quick, counts=counts(company.id), texts=_texts(shown.values(), certifications), ctx=ctx,
        filter_fields=_filter_fields(domains, certifications, people),
        group_of=_group_of(filters, domains, people), failed=failed, failed_item=failed_item,
        failed_values=failed_form and {name: (getattr(failed_form, name).raw_data or [""])[0]
                                       for name in ("assignee", "due_date", "status", "notes")},
        failed_errors=failed_form and failed_form.errors or {},
        page_url=lambda number: url_for("actions.index", company_id=company.id, **query_args(filters, number))
    ), status


@bp.route("/companies/<int:company_id>/plan")
@login_required
def index(company_id):
    """Show the action plan, filtered, grouped and paged."""
    company = company_or_404(company_id, can_work_on_company)
    return _render(company, request.args)


@bp.route("/actions/<int:item_id>", methods=["POST"])
@login_required
def edit(item_id):
    """Change an item's assignee, due date, status or notes."""
    item, company = action_item_or_404(item_id)
    form = ActionForm(prefix=f"a{item.id}")
    form.assignee.choices = [("", "")] + _people(company)
    back = _clean_back(form.back.data)
    if not form.validate_on_submit():
        return _render(company, MultiDict(parse_qsl(back)), failed=(item, form), status=400)
    assignee = int(form.assignee.data) if form.assignee.data else None
    update(item, assignee, form.due_date.data, ActionStatus(form.status.data), (form.notes.data or "").strip())
    audit.record("actions.updated", f"action:{item.id}", company=company.id)
    db.session.commit()
    flash(_("Action saved: %(title)s", title=describe(item)["title"]), "success")
    return redirect(_plan_url(company, back) + f"#action-{item.id}")


@bp.route("/actions/<int:item_id>/move", methods=["POST"])
@login_required
def reorder(item_id):
    """Move an item up or down the company's own order."""
    item, company = action_item_or_404(item_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    move(item, -1 if form.direction.data == "up" else 1)
    db.session.commit()
    return redirect(_plan_url(company, _clean_back(form.back.data)) + f"#action-{item.id}")
