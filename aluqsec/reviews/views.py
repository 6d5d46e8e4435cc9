"""Review pages: declared and validated levels side by side, one comment thread per question."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..assessments.services import answers_of, questionnaire_of
from ..authz import assessment_or_404, can_comment, can_review, login_required
from ..extensions import db
from ..forms import ButtonForm
from . import bp
from .services import add_comment, comments_of, mark_reviewed, set_validated

COMMENT_MAX = 4000


@bp.route("/assessments/<int:assessment_id>/review")
@login_required
def overview(assessment_id):
    """List the domains with their comments and validated levels."""
    assessment = assessment_or_404(assessment_id)
    if assessment.is_draft:
        abort(404)
    questionnaire = questionnaire_of(assessment)
    threads, answers = comments_of(assessment), answers_of(assessment)
    counts = {domain.id: (sum(len(threads.get(q.id, [])) for q in domain.questions),
                          sum(1 for q in domain.questions if answers.get(q.id) and answers[q.id].validated_value))
              for domain in questionnaire.domains}
    return render_template("reviews/overview.html", assessment=assessment, questionnaire=questionnaire,
                           counts=counts, form=ButtonForm(), reviewer=can_review(current_user, assessment))


def _read(domain, form, reviewer):
    """Return ``(levels, comments, errors)`` posted for *domain*."""
    ids = {question.id for question in domain.questions}
    posted = {key[2:] for key in form if key[:2] in ("v-", "c-")}
    if posted - ids:
        abort(400)
    levels, comments, errors = {}, {}, {}
    for question_id in ids:
        if reviewer and f"v-{question_id}" in form:
            levels[question_id] = form[f"v-{question_id}"] or None
        body = (form.get(f"c-{question_id}") or "").strip()
        if len(body) > COMMENT_MAX:
            errors[question_id] = "too_long"
        elif body:
            comments[question_id] = body
    return levels, comments, errors


@bp.route("/assessments/<int:assessment_id>/review/<domain_id>", methods=["GET", "POST"])
@login_required
def domain(assessment_id, domain_id):
    """Show one domain for review; reviewers validate levels, everyone allowed comments."""
    assessment = assessment_or_404(assessment_id)
    if assessment.is_draft:
        abort(404)
    questionnaire = questionnaire_of(assessment)
    section = next((d for d in questionnaire.domains if d.id == domain_id), None) or abort(404)
    reviewer = can_review(current_user, assessment)
    status, typed, errors = 200, {}, {}
    if request.method == "POST":
        if not can_comment(current_user, assessment) or not ButtonForm().validate_on_submit():
            abort(403 if not can_comment(current_user, assessment) else 400)
        levels, typed, errors = _read(section, request.form, reviewer)
        if not errors:
            try:
                changed = set_validated(assessment, levels, current_user)
            except ValueError:
                db.session.rollback()
                abort(400)
            for question_id, body in typed.items():
                add_comment(assessment, question_id, body, current_user)
            audit.record("reviews.saved", f"assessment:{assessment.id}", comments=len(typed), levels=changed)
            db.session.commit()
            flash(_("Review saved."), "success")
            return redirect(url_for("reviews.domain", assessment_id=assessment.id, domain_id=section.id))
        status = 400
    return render_template("reviews/domain.html", assessment=assessment, questionnaire=questionnaire,
                           domain=section, answers=answers_of(assessment),
                           threads=comments_of(assessment, [q.id for q in section.questions]), form=ButtonForm(),
                           reviewer=reviewer, can_comment=can_comment(current_user, assessment), typed=typed,
                           errors=errors), status


@bp.route("/assessments/<int:assessment_id>/reviewed", methods=["POST"])
@login_required
def reviewed(assessment_id):
    """Mark the assessment reviewed; the owners are told by e-mail."""
    assessment = assessment_or_404(assessment_id, can_review)
    if not ButtonForm().validate_on_submit():
        abort(400)
    mark_reviewed(assessment, current_user)
    audit.record("reviews.completed", f"assessment:{assessment.id}", company=assessment.company_id)
    db.session.commit()
    flash(_("Assessment marked reviewed; the owners are notified."), "success")
    return redirect(url_for("assessments.results", assessment_id=assessment.id))
