"""The assessment journey: start, answer domain by domain, submit."""
import dataclasses

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..actions.services import sync_with_gaps
from ..authz import (
    assessment_or_404,
    can_answer,
    can_manage_evidence,
    can_set_scope,
    can_work_on_company,
    can_work_on_company_of,
    company_or_404,
    login_required,
)
from ..events.queries import active_ids, my_statuses, upcoming
from ..evidence.questions import attach_urls
from ..evidence.status import certification_status
from ..extensions import db
from ..forms import ButtonForm
from ..i18n import current_language
from ..questionnaires.services import get_bank, offered_questionnaires
from ..recommendations.services import for_company
from . import bp, labels, verdicts
from .answering import (
    BadPayload,
    Entry,
    UnknownQuestion,
    autosave_fields,
    confirmed_ids,
    parse_domain,
    progress,
)
from .forms import ScopeForm, StartForm, TargetsForm, fill_scope, scope_of
from .models import Assessment
from .results import build as build_results
from .saving import StillRacing, save_domain
from .services import (
    answers_of,
    entry_of,
    open_draft,
    previous_submitted,
    questionnaire_of,
    set_scope,
    start_assessment,
    submit,
    submitted_assessments,
)

# Shown first, in this order; questionnaires uploaded by an admin follow.
QUESTIONNAIRES = ("quick-scan", "baseline")


def _offered_order(offered):
    return [qid for qid in QUESTIONNAIRES if qid in offered] + sorted(set(offered) - set(QUESTIONNAIRES))


def _start_form(company, offered):
    form = StartForm()
    form.questionnaire.choices = [(qid, offered[qid].title.get(current_language())) for qid in _offered_order(offered)]
    if request.method == "GET":
        form.targets.data = list(company.certifications)
        form.questionnaire.data = "baseline" if submitted_assessments(company) else "quick-scan"
        form.copy_previous.data = True
    return form


def _continue_draft(draft):
    flash(_("A draft of this questionnaire is already open: continue it here."), "info")
    return redirect(url_for("assessments.show", assessment_id=draft.id))


@bp.route("/companies/<int:company_id>/assessments", methods=["GET", "POST"])
@login_required
def index(company_id):
    """List the company's assessments and start a new one (one draft per questionnaire)."""
    company = company_or_404(company_id, can_work_on_company)
    offered = offered_questionnaires()
    form = _start_form(company, offered)
    if form.validate_on_submit():
        questionnaire = offered[form.questionnaire.data]
        draft = open_draft(company, questionnaire.id)
        if draft is not None:
            return _continue_draft(draft)
        previous = submitted_assessments(company, questionnaire.id)
        copy_from = previous[0] if previous and form.copy_previous.data else None
        try:
            assessment = start_assessment(company, questionnaire, form.targets.data, current_user, copy_from)
        except IntegrityError:  # the same Start, clicked twice at once: the other click made the draft
            db.session.rollback()
            return _continue_draft(open_draft(company, questionnaire.id) or abort(409))
        set_scope(assessment, scope_of(form))
        audit.record("assessments.started", f"assessment:{assessment.id}", company=company.id)
        db.session.commit()
        return redirect(url_for("assessments.show", assessment_id=assessment.id))
    assessments = db.session.scalars(db.select(Assessment).where(Assessment.company_id == company.id)
                                     .order_by(Assessment.created_at.desc())).all()
    titles = {qid: questionnaire.title.get(current_language()) for qid, questionnaire in offered.items()}
    return render_template("assessments/index.html", company=company, form=form, assessments=assessments,
                           titles=titles), 400 if form.errors else 200


@bp.route("/assessments/<int:assessment_id>")
@login_required
def show(assessment_id):
    """Show the domains of an assessment with their progress."""
    assessment = assessment_or_404(assessment_id)
    if not assessment.is_draft:
        return redirect(url_for("assessments.results", assessment_id=assessment.id))
    questionnaire = questionnaire_of(assessment)
    answers = answers_of(assessment)
    per_domain, overall = progress(questionnaire.domains, {q for q, a in answers.items() if a.value})
    form = TargetsForm(targets=assessment.targets)
    return render_template("assessments/show.html", assessment=assessment, questionnaire=questionnaire,
                           per_domain=per_domain, overall=overall, form=form,
                           scope_editable=can_set_scope(current_user, assessment),
                           to_confirm=sum(1 for a in answers.values() if a.to_confirm))


@bp.route("/assessments/<int:assessment_id>/scope", methods=["GET", "POST"])
@login_required
def scope(assessment_id):
    """Set what the certification covers; a submitted assessment is re-scored without re-answering."""
    assessment = assessment_or_404(assessment_id, can_set_scope)
    form = ScopeForm()
    if form.validate_on_submit():
        set_scope(assessment, scope_of(form))
        audit.record("assessments.scope_changed", f"assessment:{assessment.id}", company=assessment.company_id)
        db.session.commit()
        if assessment.is_draft:
            flash(_("Scope saved."), "success")
            return redirect(url_for("assessments.show", assessment_id=assessment.id))
        flash(_("Scope saved: the results were recomputed from your answers."), "success")
        return redirect(url_for("assessments.results", assessment_id=assessment.id))
    if request.method == "GET":
        fill_scope(form, assessment.scope)
    return render_template("assessments/scope.html", assessment=assessment, form=form,
                           questionnaire=questionnaire_of(assessment)), 400 if form.errors else 200


@bp.route("/assessments/<int:assessment_id>/targets", methods=["POST"])
@login_required
def change_targets(assessment_id):
    """Change the certifications a draft is measured against."""
    assessment = assessment_or_404(assessment_id, can_answer)
    form = TargetsForm()
    if not form.validate_on_submit():
        abort(400)
    assessment.targets = list(form.targets.data)
    db.session.commit()
    flash(_("Targeted certifications saved."), "success")
    return redirect(url_for("assessments.show", assessment_id=assessment.id))


def _domain_or_404(questionnaire, domain_id):
    domain = next((d for d in questionnaire.domains if d.id == domain_id), None)
    if domain is None:
        abort(404)
    return domain


def _rows(domain, answers, typed=None, errors=None, conflicts=None, evidence=None):
    """Pair each question with what to show: typed values win over stored ones."""
    rows = []
    for question in domain.questions:
        stored = answers.get(question.id)
        stored_entry = entry_of(stored) if stored else None
        shown = (typed or {}).get(question.id) or stored_entry
        conflict = (conflicts or {}).get(question.id)
        rows.append({"question": question, "entry": shown, "answer": stored,
                     "fingerprint": (stored_entry or Entry(None)).fingerprint,
                     "error": (errors or {}).get(question.id), "conflict": conflict,
                     "evidence_url": (evidence or {}).get(question.id)})
    return rows


@bp.route("/assessments/<int:assessment_id>/domains/<domain_id>", methods=["GET", "POST"])
@login_required
def answer(assessment_id, domain_id):
    """Answer the questions of one domain; every save keeps others' answers."""
    assessment = assessment_or_404(assessment_id)
    questionnaire = questionnaire_of(assessment)
    domain = _domain_or_404(questionnaire, domain_id)
    if request.method == "POST" and not can_answer(current_user, assessment):
        if not assessment.is_draft and can_work_on_company(current_user, assessment.company):
            return _already_submitted(assessment, _("These answers were not saved: the assessment was submitted "
                                                    "in the meantime and can no longer change."), "warning")
        abort(403)
    status, typed, errors, conflicts = 200, None, None, None
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            typed, loaded, errors = parse_domain(domain, request.form)
        except UnknownQuestion:
            abort(400)
        if errors:
            status = 400
        else:
            try:
                _read, _saved, conflicts = save_domain(assessment, typed, loaded, confirmed_ids(request.form),
                                                       current_user)
            except StillRacing:
                abort(409)
            if not conflicts:
                flash(_("Answers saved."), "success")
                return redirect(_after_save(assessment_id, questionnaire, domain))
            status = 409
    answers = answers_of(assessment)  # for the page only: a save reads them itself, in its transaction
    ids = [d.id for d in questionnaire.domains]
    index = ids.index(domain.id)
    per_domain, overall = progress(questionnaire.domains, {q for q, a in answers.items() if a.value})
    evidence = attach_urls(assessment, domain) if can_manage_evidence(current_user, assessment.company) else None
    return render_template(
        "assessments/answer.html", assessment=assessment, questionnaire=questionnaire, domain=domain,
        rows=_rows(domain, answers, typed, errors, conflicts, evidence), form=form, per_domain=per_domain,
        overall=overall, previous_domain=ids[index - 1] if index else None,
        next_domain=ids[index + 1] if index + 1 < len(ids) else None,
        editable=can_answer(current_user, assessment)), status


def _after_save(assessment_id, questionnaire, domain):
    """Go where the button pressed leads: the next or previous section, the review, or back here.

    Takes the id from the URL: the assessment row expired at the commit, and reading it would cost a query.
    """
    ids = [d.id for d in questionnaire.domains]
    index, then = ids.index(domain.id), request.form.get("then")
    if then == "next":
        if index + 1 < len(ids):
            return url_for("assessments.answer", assessment_id=assessment_id, domain_id=ids[index + 1])
        return url_for("assessments.confirm_submit", assessment_id=assessment_id)
    if then == "previous" and index > 0:
        return url_for("assessments.answer", assessment_id=assessment_id, domain_id=ids[index - 1])
    return url_for("assessments.answer", assessment_id=assessment_id, domain_id=domain.id)


AUTOSAVE_MAX = 20_000  # bytes: one answer with two texts of 4,000 characters, in UTF-8 and JSON escapes
ERRORS = {"choice": _l("Choose one of the proposed answers."),
          "na_not_allowed": _l("This question cannot be marked not applicable."),
          "justification": _l("Explain why the question does not apply to your company."),
          "too_long": _l("The text is too long (4,000 characters at most).")}


@bp.route("/assessments/<int:assessment_id>/domains/<domain_id>/autosave", methods=["POST"])
@login_required
def autosave(assessment_id, domain_id):
    """Save one answer as it changes (JSON); 409 when someone else changed it or it was submitted."""
    assessment = assessment_or_404(assessment_id, can_work_on_company_of)
    domain = _domain_or_404(questionnaire_of(assessment), domain_id)
    if (request.content_length or 0) > AUTOSAVE_MAX:
        abort(413)
    try:
        question_id, fields = autosave_fields(request.get_json(silent=True), {q.id for q in domain.questions})
    except BadPayload:
        return jsonify(error=400, message=_("This answer could not be read: reload the page.")), 400
    if not assessment.is_draft:
        return jsonify(error=409, submitted=True, message=_(
            "Not saved: the assessment was submitted in the meantime and can no longer change.")), 409
    one = dataclasses.replace(domain, questions=tuple(q for q in domain.questions if q.id == question_id))
    typed, loaded, errors = parse_domain(one, fields)
    if errors:
        return jsonify(error=400, question=question_id, message=str(ERRORS[errors[question_id]])), 400
    try:
        _answers, _saved, conflicts = save_domain(assessment, typed, loaded, confirmed_ids(fields), current_user)
    except StillRacing:
        conflicts = {question_id: None}
    if conflicts:
        return jsonify(error=409, question=question_id, message=_(
            "Not saved: someone else changed this answer while you were editing. Save the page to see both "
            "answers.")), 409
    return jsonify(saved=True, question=question_id, fingerprint=typed[question_id].fingerprint)


def _already_submitted(assessment, message, category="info"):
    flash(message, category)
    return redirect(url_for("assessments.results", assessment_id=assessment.id))


@bp.route("/assessments/<int:assessment_id>/submit", methods=["GET", "POST"])
@login_required
def confirm_submit(assessment_id):
    """Show every answer and note, domain by domain, and what is unanswered; submit on confirmation."""
    assessment = assessment_or_404(assessment_id, can_work_on_company_of)
    if not assessment.is_draft:  # Back after submitting, or a second tab
        return _already_submitted(assessment, _("This assessment is already submitted: here are its results."))
    questionnaire = questionnaire_of(assessment)
    answers = answers_of(assessment)
    form = ButtonForm()
    if form.validate_on_submit():
        scorecard = submit(assessment, current_user)
        created, carried, closed = sync_with_gaps(assessment, scorecard)
        audit.record("assessments.submitted", f"assessment:{assessment.id}", company=assessment.company_id)
        db.session.commit()
        flash(_("Assessment submitted: %(new)s, %(closed)s.",
                new=ngettext("%(num)d new action", "%(num)d new actions", created),
                closed=ngettext("%(num)d action closed", "%(num)d actions closed", closed)), "success")
        return redirect(url_for("assessments.results", assessment_id=assessment.id))
    unanswered = [(domain, [q for q in domain.questions if not (answers.get(q.id) and answers[q.id].value)])
                  for domain in questionnaire.domains]
    to_confirm = [q for q in questionnaire.questions if answers.get(q.id) and answers[q.id].to_confirm]
    return render_template("assessments/submit.html", assessment=assessment, questionnaire=questionnaire,
                           unanswered=[(d, qs) for d, qs in unanswered if qs], to_confirm=to_confirm,
                           answers=answers, form=form)


@bp.route("/assessments/<int:assessment_id>/results")
@login_required
def results(assessment_id):
    """Show maturity, readiness, priority gaps and progress of a submitted assessment."""
    assessment = assessment_or_404(assessment_id)
    if assessment.is_draft:
        return redirect(url_for("assessments.show", assessment_id=assessment.id))
    previous = previous_submitted(assessment)
    events = upcoming(sessions=False)
    data = build_results(questionnaire_of(assessment), get_bank().frameworks, assessment.scorecard,
                         assessment.targets, current_language(), previous.scorecard if previous else None,
                         assessment.validated_scorecard)
    side_by_side = certification_status(assessment.company, assessment, assessment.targets or [])
    return render_template("assessments/results.html", assessment=assessment, data=data,
                           certification_status=side_by_side,
                           questionnaire=questionnaire_of(assessment), previous=previous,
                           member=can_work_on_company(current_user, assessment.company),
                           scope_editable=can_set_scope(current_user, assessment),
                           recommended=for_company(assessment.company, events, limit=3,
                                                   exclude=active_ids(my_statuses(current_user, events))))


def company_home(company):
    """Return the company page the current user may open: its assessments for members, else its profile."""
    if can_work_on_company(current_user, company):
        return url_for("assessments.index", company_id=company.id)
    return url_for("companies.show", company_id=company.id)


@bp.app_context_processor
def inject_labels():
    """Give templates the labels of the maturity scale and of assessment states."""
    return {"company_home": company_home, "level_labels": labels.LEVELS, "status_labels": labels.STATUSES,
            "effort_labels": labels.EFFORTS, "verdict_label": verdicts.verdict_label,
            "readiness_count": verdicts.count_sentence, "readiness_rule": verdicts.rule_sentence,
            "readiness_notes": verdicts.notes, "level2_notice": verdicts.level2_notice,
            "scope_labels": verdicts.SCOPE_LABELS}
