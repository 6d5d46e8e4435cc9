"""The progress page: maturity over time, changes, plan completion, journeys, benchmark."""
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit
from ..authz import can_view_company, can_work_on_company, company_or_404, login_required
from ..evidence.status import certification_status
from ..extensions import db
from ..i18n import current_language
from ..questionnaires.services import get_bank
from . import bp, metrics, requirements
from .forms import STAGE_NAMES, JourneyForm
from .linechart import line_chart
from .services import FIELDS, history, journey_view, peer_benchmark, plan_completion, save_journey


def _comparison(assessments):
    """Pick the two assessments to compare from ``?a=&b=`` (default: the last two of the same questionnaire).

    :return: ``(first, second, domain changes or None when the questionnaires differ)``.
    """
    by_id = {a.id: a for a in assessments}
    first, second = by_id.get(request.args.get("a", type=int)), by_id.get(request.args.get("b", type=int))
    if first is None or second is None:
        latest = assessments[-1] if assessments else None
        same = [a for a in assessments if latest and a.questionnaire_id == latest.questionnaire_id]
        # Requirements compare across questionnaires: fall back on the last two assessments.
        pair = same if len(same) > 1 else assessments
        first, second = (pair[-2], pair[-1]) if len(pair) > 1 else (None, None)
    if first is None or first.questionnaire_id != second.questionnaire_id:
        return first, second, None
    return first, second, metrics.change_between(first.scorecard["domains"], second.scorecard["domains"])


def _journey_form(certification, row):
    data = {"stage": row.stage, "target": row.target_on} if row else {}
    if row:
        data.update({stage: getattr(row, field) for stage, field in FIELDS.items()})
    return JourneyForm(prefix=certification, data=data) if row else JourneyForm(prefix=certification)


def _render(company, posted=None, status=200):
    """Render the progress page; *posted* is ``(certification, form)`` kept after a validation error."""
    assessments = history(company)
    bank = get_bank()
    chart = line_chart([(a.submitted_at.date(), a.scorecard.get("overall")) for a in assessments])
    first, second, changes = _comparison(assessments)
    by_requirement = (requirements.compare(first.scorecard, second.scorecard, bank.frameworks, current_language())
                      if first is not None and second is not None else None)
    latest = assessments[-1] if assessments else None
    benchmarks = {}
    if latest is not None and company.benchmark_opt_in:
        for by in ("sector", "region"):
            benchmarks[by] = peer_benchmark(company, latest.questionnaire_id, latest.scorecard["domains"], by)
    questionnaires = {a.id: bank.get(a.questionnaire_id, a.questionnaire_version) for a in assessments}
    views = journey_view(company, latest.submitted_at.date() if latest else None)
    forms = {view["certification"]: _journey_form(view["certification"], view["row"]) for view in views}
    if posted:
        forms[posted[0]] = posted[1]
    return render_template(
        "progress/show.html", company=company, assessments=assessments, chart=chart, first=first, second=second,
        changes=changes, by_requirement=by_requirement, latest=latest, questionnaires=questionnaires,
        completion=plan_completion(company), certification_status=certification_status(company, latest),
        journeys=views, benchmarks=benchmarks, editable=can_work_on_company(current_user, company),
        stage_names=STAGE_NAMES, forms=forms), status


@bp.route("/companies/<int:company_id>/progress")
@login_required
def show(company_id):
    """Show the company's progress toward certification."""
    return _render(company_or_404(company_id, can_view_company))


@bp.route("/companies/<int:company_id>/journeys/<certification>", methods=["POST"])
@login_required
def edit_journey(company_id, certification):
    """Record the stage and dates of one certification journey (members only)."""
    company = company_or_404(company_id, can_work_on_company)
    if certification not in company.certifications:
        abort(404)
    form = JourneyForm(prefix=certification)
    if not form.validate_on_submit():
        return _render(company, (certification, form), 400)
    save_journey(company, certification, form.stage.data, form.dates(), form.target.data)
    audit.record("progress.journey", f"company:{company.id}", certification=certification, stage=form.stage.data)
    db.session.commit()
    flash(_("Journey saved."), "success")
    return redirect(url_for("progress.show", company_id=company.id) + f"#journey-{certification}")


@bp.app_template_filter("dateformat_iso")
def dateformat_iso(value, format="MMM y"):
    """Format an ISO date string (as the pure chart module gives) in the user's language."""
    return format_date(date.fromisoformat(value), format)


REQUIREMENT_STATUSES = {requirements.MET: _l("Met"), requirements.NOT_MET: _l("Not met"),
                        requirements.NOT_ASSESSED: _l("Not assessed"), None: _l("Unknown")}
DUE_LABELS = {"maintenance_audit": _l("Maintenance audit (12 months after certification)"),
              "recertification": _l("Certificate expires: recertification audit"),
              "annual_self_assessment": _l("Annual self-assessment and affirmation"),
              "target": _l("Target date"), "reassessment": _l("Re-assessment due (one year after the last one)")}


@bp.app_context_processor
def inject_due_labels():
    return {"due_labels": DUE_LABELS, "requirement_statuses": REQUIREMENT_STATUSES}
