"""The action plan: generated from gaps, then owned by the company."""
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import utcnow
from .models import ActionItem, ActionStatus


def open_items(company_id):
    return list(db.session.scalars(
        select(ActionItem).where(ActionItem.company_id == company_id, ActionItem.status != ActionStatus.DONE)))


def sync_with_gaps(assessment, scorecard):
    """Bring the company's plan in line with a newly submitted assessment.

    One item per gap: an open item for the same question carries over (its
    assignee, due date and status are kept); a new gap adds an item at the end;
    an open item whose gap is gone closes itself. Items of another
    questionnaire (e.g. the quick scan versus the full assessment) are left
    alone unless the question is the same.

    :return: ``(created, carried, closed)`` counts.
    """
    gaps = {gap.question: gap for gap in scorecard.gaps}
    existing = {item.question_id: item for item in open_items(assessment.company_id)
                if item.questionnaire_id == assessment.questionnaire_id}
    created = carried = closed = 0
    position = db.session.scalar(select(func.coalesce(func.max(ActionItem.position), 0))
                                 .where(ActionItem.company_id == assessment.company_id))
    for question_id, gap in gaps.items():
        item = existing.pop(question_id, None)
        if item is not None:
            item.priority, item.last_assessment_id = gap.priority, assessment.id
            carried += 1
            continue
        position += 1
        db.session.add(ActionItem(company_id=assessment.company_id,
                                  questionnaire_id=assessment.questionnaire_id, question_id=question_id,
                                  source_assessment_id=assessment.id, last_assessment_id=assessment.id,
                                  priority=gap.priority, position=position))
        created += 1
    for item in existing.values():
        item.status, item.closed_automatically, item.closed_at = ActionStatus.DONE, True, utcnow()
        item.last_assessment_id = assessment.id
        closed += 1
    db.session.flush()
    return created, carried, closed


def plan(company_id):
    """Return the company's items: open ones in their order, then done ones."""
    return list(db.session.scalars(
        select(ActionItem).where(ActionItem.company_id == company_id).options(selectinload(ActionItem.assignee))
        .order_by((ActionItem.status == ActionStatus.DONE), ActionItem.position, ActionItem.id)))


def move(item, direction):
    """Swap *item* with its open neighbour above (-1) or below (+1)."""
    siblings = [i for i in plan(item.company_id) if i.status != ActionStatus.DONE]
    if item not in siblings:
        return False
    index = siblings.index(item)
    other = index + direction
    if not 0 <= other < len(siblings):
        return False
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    item.position, siblings[other].position = siblings[other].position, item.position
    db.session.flush()
    return True


def update(item, assignee_id, due_date, status):
    item.assignee_id, item.due_date = assignee_id, due_date
    if status != item.status:
        item.status = status
        item.closed_at = utcnow() if status == ActionStatus.DONE else None
        item.closed_automatically = False
    db.session.flush()


def next_due(company_id, limit=5):
    """Return the open items with the nearest due dates (undated last)."""
    return list(db.session.scalars(
        select(ActionItem).where(ActionItem.company_id == company_id, ActionItem.status != ActionStatus.DONE)
        .order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.position).limit(limit)))
