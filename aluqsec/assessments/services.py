"""Assessments: start, answer, submit; the rows behind the pure scoring."""
from dataclasses import asdict

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError

from ..aggregates.services import refresh_company, store_topic_history
from ..extensions import db
from ..models import utcnow
from ..questionnaires.services import find_questionnaire, get_bank
from ..scoring.scoring import SCORING_VERSION, score
from .answering import Entry
from .models import Answer, Assessment, Status
from .results import readiness_row


def start_assessment(company, questionnaire, targets, user, copy_from=None):
    """Add a draft assessment pinned to *questionnaire*.

    :param copy_from: a submitted assessment of the same questionnaire whose
        answers are copied and marked "to re-confirm".
    :return: the new Assessment, flushed.
    """
    assessment = Assessment(company_id=company.id, questionnaire_id=questionnaire.id,
                            questionnaire_version=questionnaire.version,
                            content_hash=questionnaire.content_hash, targets=list(targets),
                            status=Status.DRAFT, created_by_id=user.id,
                            previous_id=copy_from.id if copy_from else None)
    db.session.add(assessment)
    db.session.flush()
    if copy_from is not None:
        known = {question.id for question in questionnaire.questions}
        for old in answers_of(copy_from).values():
            if old.question_id in known:
                db.session.add(Answer(assessment_id=assessment.id, question_id=old.question_id,
                                      value=old.value, justification=old.justification, note=old.note,
                                      to_confirm=True, answered_by_id=old.answered_by_id,
                                      answered_at=old.answered_at))
        db.session.flush()
    return assessment


def open_draft(company, questionnaire_id):
    """Return the company's draft of *questionnaire_id*, or None."""
    return db.session.scalar(select(Assessment).where(
        Assessment.company_id == company.id, Assessment.questionnaire_id == questionnaire_id,
        Assessment.status == Status.DRAFT))


def questionnaire_of(assessment):
    """Return the exact questionnaire version the assessment was taken on."""
    return find_questionnaire(assessment.questionnaire_id, assessment.questionnaire_version)


def answers_of(assessment):
    """Return ``{question id: Answer}`` in one query."""
    rows = db.session.scalars(select(Answer).where(Answer.assessment_id == assessment.id))
    return {row.question_id: row for row in rows}


def entry_of(answer):
    return Entry(answer.value, answer.justification or "", answer.note or "")


class AnswerChanged(RuntimeError):
    """Someone else wrote one of these answers between our read and our write."""


_ANSWERS = Answer.__table__
# Built once: a save writes a domain's questions with the same two statements (Core, not the ORM:
# a tenth of the cost per row), each row still guarded by the revision it was read at.
_UPDATE = (update(_ANSWERS).where(_ANSWERS.c.id == bindparam("row_id"), _ANSWERS.c.revision == bindparam("seen"))
           .values(value=bindparam("new_value"), justification=bindparam("new_justification"),
                   note=bindparam("new_note"), to_confirm=False, revision=_ANSWERS.c.revision + 1,
                   answered_by_id=bindparam("user_id"), answered_at=bindparam("now")))
_DELETE = delete(_ANSWERS).where(_ANSWERS.c.id == bindparam("row_id"), _ANSWERS.c.revision == bindparam("seen"))


def save_entries(assessment, to_save, user, existing):
    """Write the planned changes; an emptied answer is deleted.

    Each change applies only to the revision read in *existing*
    (``UPDATE … WHERE revision = :seen``), so of two simultaneous saves exactly
    one writes.

    :raises AnswerChanged: when a row changed or appeared since it was read;
        the caller rolls back and plans again from what is stored now.
    """
    now = utcnow()
    updates, deletes = [], []
    for question_id, entry in to_save.items():
        row = existing.get(question_id)
        if row is None:
            if not entry.is_empty:
                db.session.add(Answer(assessment_id=assessment.id, question_id=question_id, value=entry.value,
                                      justification=entry.justification, note=entry.note, to_confirm=False,
                                      revision=1, answered_by_id=user.id, answered_at=now))
            continue
        seen = {"row_id": row.id, "seen": row.revision}
        if entry.is_empty:
            deletes.append(seen)
        else:
            updates.append({**seen, "new_value": entry.value, "new_justification": entry.justification,
                            "new_note": entry.note, "user_id": user.id, "now": now})
        db.session.expire(row)
    connection = db.session.connection()
    # One executemany per statement (one round trip on PostgreSQL's pipeline); the rows
    # changed add up, and each row can change at most once, so a shortfall is a lost race.
    for statement, params in ((_UPDATE, updates), (_DELETE, deletes)):
        if params and connection.execute(statement, params).rowcount != len(params):
            raise AnswerChanged("a row changed since it was read")
    try:
        db.session.flush()
    except IntegrityError as error:  # a colleague's first answer to the same question came first
        raise AnswerChanged(str(error.orig)) from error


def confirm(existing, question_ids, user):
    """Mark copied answers as re-confirmed by *user* without changing them."""
    for question_id in question_ids:
        row = existing.get(question_id)
        if row is not None and row.to_confirm:
            db.session.execute(update(Answer).where(Answer.id == row.id, Answer.revision == row.revision)
                               .values(to_confirm=False, revision=Answer.revision + 1, answered_by_id=user.id,
                                       answered_at=utcnow()).execution_options(synchronize_session=False))
            db.session.expire(row)
    db.session.flush()


def plain_answers(answers):
    """Turn answer rows into the scoring's plain values (levels as int)."""
    plain = {}
    for question_id, row in answers.items():
        if row.value is None:
            continue
        plain[question_id] = int(row.value) if row.value.isdigit() else row.value
    return plain


def scorecard_for(assessment, answers=None, submitted=True):
    """Score an assessment's current answers (used at submission and for drafts)."""
    questionnaire = questionnaire_of(assessment)
    answers = answers_of(assessment) if answers is None else answers
    return score(questionnaire, get_bank().frameworks, plain_answers(answers),
                 targets=assessment.targets, submitted=submitted, scope=assessment.scope)


def submit(assessment, user):
    """Freeze the assessment and store its scorecard.

    :return: the Scorecard.
    """
    scorecard = scorecard_for(assessment)
    assessment.status = Status.SUBMITTED
    assessment.submitted_at = utcnow()
    assessment.submitted_by_id = user.id
    assessment.scorecard = asdict(scorecard)
    assessment.scoring_version = SCORING_VERSION
    db.session.flush()
    store_topic_history(assessment.id, scorecard.topics)
    refresh_company(assessment.company_id, get_bank().frameworks)
    return scorecard


def set_scope(assessment, scope):
    """Store *scope* (a Scope) on the assessment; a submitted one is re-scored from its answers.

    Nothing is re-answered: the stored scorecard (and the validated one, once reviewed) is
    recomputed with the new scope, and the action plan follows when it is the latest assessment.
    :return: the new Scorecard, or None for a draft (scored at submission).
    """
    assessment.scope_contract_systems = scope.contract_systems
    assessment.scope_cui, assessment.scope_controlled_goods = scope.cui, scope.controlled_goods
    assessment.scope_controlled_drawings = scope.controlled_drawings
    if assessment.is_draft:
        db.session.flush()
        return None
    from ..actions.services import sync_with_gaps
    from ..reviews.services import validated_answers

    answers = answers_of(assessment)
    scorecard = scorecard_for(assessment, answers)
    assessment.scorecard = asdict(scorecard)
    assessment.scoring_version = SCORING_VERSION
    if assessment.validated_scorecard is not None:
        assessment.validated_scorecard = asdict(score(
            questionnaire_of(assessment), get_bank().frameworks, validated_answers(answers),
            targets=assessment.targets, submitted=True, scope=scope))
    latest = submitted_assessments(assessment.company)
    if latest and latest[0].id == assessment.id:
        sync_with_gaps(assessment, scorecard)
    db.session.flush()
    store_topic_history(assessment.id, scorecard.topics)
    refresh_company(assessment.company_id, get_bank().frameworks)
    return scorecard


def submitted_assessments(company, questionnaire_id=None):
    """Return the company's submitted (or reviewed) assessments, newest first."""
    query = (select(Assessment)
             .where(Assessment.company_id == company.id, Assessment.status != Status.DRAFT)
             .order_by(Assessment.submitted_at.desc(), Assessment.id.desc()))
    if questionnaire_id is not None:
        query = query.where(Assessment.questionnaire_id == questionnaire_id)
    return list(db.session.scalars(query))


def previous_submitted(assessment):
    """Return the submitted assessment of the same questionnaire before *assessment*."""
    return db.session.scalar(
        select(Assessment)
        .where(Assessment.company_id == assessment.company_id,
               Assessment.questionnaire_id == assessment.questionnaire_id,
               Assessment.status != Status.DRAFT, Assessment.id != assessment.id,
               Assessment.submitted_at <= (assessment.submitted_at or utcnow()))
        .order_by(Assessment.submitted_at.desc(), Assessment.id.desc()).limit(1))


def company_summary(company, language, user=None):
    """Return what a company's dashboard shows: latest results, open draft, next actions.

    A bounded number of queries whatever the history: the stored scorecard is
    read, never recomputed.
    """
    from ..actions.services import counts, next_due

    latest = db.session.scalar(
        select(Assessment).where(Assessment.company_id == company.id, Assessment.status != Status.DRAFT)
        .order_by(Assessment.submitted_at.desc(), Assessment.id.desc()).limit(1))
    draft = db.session.scalar(
        select(Assessment).where(Assessment.company_id == company.id, Assessment.status == Status.DRAFT)
        .order_by(Assessment.created_at.desc()).limit(1))
    readiness = []
    if latest is not None:
        frameworks = get_bank().frameworks
        for framework_id in latest.targets:
            data = latest.scorecard["readiness"].get(framework_id)
            if data is not None and framework_id in frameworks:
                readiness.append(readiness_row(frameworks[framework_id], data, True, language))
    return {"company": company, "latest": latest, "draft": draft, "readiness": readiness,
            "actions": next_due(company.id), "action_counts": counts(company.id),
            "recommended": _recommended(company, user, latest.scorecard if latest else None)}


def _recommended(company, user, scorecard):
    from ..events.queries import active_ids, my_statuses, upcoming
    from ..recommendations.services import for_company

    events = upcoming(sessions=False)
    joined = active_ids(my_statuses(user, events)) if user is not None else set()
    return for_company(company, events, limit=3, exclude=joined, scorecard=scorecard)
