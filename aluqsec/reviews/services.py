"""Reviews: validated levels beside declared ones, comments, and marking reviewed."""
from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..advisors.models import ReviewComment
from ..aggregates.services import refresh_company
from ..assessments.answering import CHOICES
from ..assessments.models import Answer, Status
from ..assessments.services import answers_of, plain_answers, questionnaire_of
from ..extensions import db
from ..mail import send_mail
from ..models import utcnow
from ..questionnaires.services import get_bank
from ..scoring.scoring import score


def comments_of(assessment, question_ids=None):
    """Return ``{question id: [ReviewComment]}`` oldest first, in one query."""
    query = (select(ReviewComment).where(ReviewComment.assessment_id == assessment.id)
             .options(selectinload(ReviewComment.author)).order_by(ReviewComment.created_at, ReviewComment.id))
    if question_ids is not None:
        query = query.where(ReviewComment.question_id.in_(list(question_ids)))
    threads = {}
    for comment in db.session.scalars(query):
        threads.setdefault(comment.question_id, []).append(comment)
    return threads


def add_comment(assessment, question_id, body, author):
    comment = ReviewComment(assessment_id=assessment.id, question_id=question_id, body=body, author_id=author.id)
    db.session.add(comment)
    db.session.flush()
    return comment


def set_validated(assessment, levels, advisor):
    """Record validated levels ``{question id: value or None}``; the declared answers never change.

    :returns: how many validated levels actually changed (for the audit log).
    :raises ValueError: on a value that is not an answer choice, or N/A where not allowed.
    """
    questions = {q.id: q for q in questionnaire_of(assessment).questions}
    answers = answers_of(assessment)
    for question_id, value in levels.items():
        question = questions.get(question_id)
        if question is None or (value is not None and value not in CHOICES) or (
                value == "na" and not question.na_allowed):
            raise ValueError(question_id)
    now, changed = utcnow(), 0
    for question_id, value in levels.items():
        row = answers.get(question_id)
        if row is None:
            if value is None:
                continue
            row = Answer(assessment_id=assessment.id, question_id=question_id, value=None, revision=0)
            db.session.add(row)
        if row.validated_value != value:
            row.validated_value, row.validated_by_id, row.validated_at = value, advisor.id, now
            changed += 1
    db.session.flush()
    return changed


def validated_answers(answers):
    """Return the answers with each validated level in place of the declared one."""
    merged = plain_answers(answers)
    for question_id, row in answers.items():
        if row.validated_value is not None:
            value = row.validated_value
            merged[question_id] = int(value) if value.isdigit() else value
    return merged


def mark_reviewed(assessment, advisor):
    """Store the validated scorecard, mark the assessment reviewed and tell the owners by e-mail."""
    answers = answers_of(assessment)
    scorecard = score(questionnaire_of(assessment), get_bank().frameworks, validated_answers(answers),
                      targets=assessment.targets, submitted=True, scope=assessment.scope)
    assessment.validated_scorecard = asdict(scorecard)
    assessment.status = Status.REVIEWED
    assessment.reviewed_at, assessment.reviewed_by_id = utcnow(), advisor.id
    for membership in assessment.company.memberships:
        if membership.role == "owner":
            send_mail(membership.user.email, "assessment_reviewed", membership.user.language,
                      user=membership.user, advisor=advisor, assessment=assessment)
    db.session.flush()
    refresh_company(assessment.company_id, get_bank().frameworks)
