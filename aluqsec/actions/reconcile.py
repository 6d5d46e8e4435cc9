"""Bring a company's plan in line with its latest submitted assessment."""
from sqlalchemy import func, select

from ..assessments.services import questionnaire_of
from ..companies.services import lock_company
from ..extensions import db
from ..models import utcnow
from ..questionnaires.services import get_bank
from .matching import gaps_by_practice, practice_key
from .models import ActionItem, ActionStatus


def _measure(item, gap, assessment):
    """Copy what the assessment measured about the gap onto *item*."""
    item.questionnaire_id, item.question_id, item.domain_id = assessment.questionnaire_id, gap.question, gap.domain
    item.priority, item.level, item.threshold, item.shortfall = gap.priority, gap.level, gap.threshold, gap.shortfall
    item.weight, item.effort = gap.weight, gap.effort
    item.blocks = "," + ",".join(gap.blocked) + "," if gap.blocked else ""
    item.last_assessment_id = assessment.id


def sync_with_gaps(assessment, scorecard):
    """Reconcile the company's plan with *assessment*, just submitted.

    One item per practice and company. A practice with a gap keeps its item
    (assignee, due date and notes kept; the measured gap updated; reopened if
    it was done) or gets a new one at the end. An open item whose practice the
    assessment asked about and found without a gap closes by itself, whatever
    questionnaire created it. Practices the questionnaire does not ask about
    are left as they are: no evidence either way.

    :return: ``(created, carried, closed)`` counts; a reopened item counts as created.
    """
    bank = get_bank()
    lock_company(assessment.company_id)  # two tabs submitting at once reconcile one after the other
    gaps = gaps_by_practice(bank, scorecard.gaps)
    questionnaire = questionnaire_of(assessment)
    asked = {practice_key(bank, question.id) for question in questionnaire.questions} if questionnaire else set(gaps)
    items = {item.practice_id: item for item in db.session.scalars(
        select(ActionItem).where(ActionItem.company_id == assessment.company_id))}
    position = db.session.scalar(select(func.coalesce(func.max(ActionItem.position), 0))
                                 .where(ActionItem.company_id == assessment.company_id))
    created = carried = closed = 0
    for practice_id, gap in gaps.items():
        item = items.get(practice_id)
        if item is None:
            position += 1
            item = ActionItem(company_id=assessment.company_id, practice_id=practice_id,
                              source_assessment_id=assessment.id, position=position, status=ActionStatus.TODO)
            db.session.add(item)
            created += 1
        elif item.status == ActionStatus.DONE:
            item.status, item.closed_at, item.closed_automatically = ActionStatus.TODO, None, False
            created += 1
        else:
            carried += 1
        _measure(item, gap, assessment)
    for practice_id, item in items.items():
        if item.status != ActionStatus.DONE and practice_id in asked and practice_id not in gaps:
            item.status, item.closed_automatically, item.closed_at = ActionStatus.DONE, True, utcnow()
            item.last_assessment_id = assessment.id
            closed += 1
    db.session.flush()
    return created, carried, closed
