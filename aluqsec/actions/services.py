"""Reading and editing the action plan; reconciliation lives in :mod:`.reconcile`."""
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import utcnow
from .models import ActionItem, ActionStatus
from .reconcile import sync_with_gaps  # noqa: F401  (the submit view and the demo call it from here)

PAGE_SIZE = 20
HIGHLIGHTS = 5
GROUPS = ("domain", "status", "assignee", "effort")
SORTS = ("priority", "order")
EFFORT_RANK = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True)
class Filters:
    """What the plan page shows: every field already checked against the allowed values."""

    domain: str = ""
    certification: str = ""
    effort: str = ""
    status: str = "open"  # open | todo | in_progress | done | all
    assignee: str = ""  # "" everybody, "none" unassigned, or a user id
    group: str = ""
    sort: str = "priority"


def _filtered(company_id, filters):
    query = select(ActionItem).where(ActionItem.company_id == company_id)
    if filters.domain:
        query = query.where(ActionItem.domain_id == filters.domain)
    if filters.certification:
        query = query.where(ActionItem.blocks.contains(f",{filters.certification},", autoescape=True))
    if filters.effort:
        query = query.where(ActionItem.effort == filters.effort)
    if filters.status == "open":
        query = query.where(ActionItem.status != ActionStatus.DONE)
    elif filters.status != "all":
        query = query.where(ActionItem.status == filters.status)
    if filters.assignee == "none":
        query = query.where(ActionItem.assignee_id.is_(None))
    elif filters.assignee:
        query = query.where(ActionItem.assignee_id == int(filters.assignee))
    return query


def _order(filters):
    group = {"domain": [ActionItem.domain_id], "status": [ActionItem.status],
             "assignee": [ActionItem.assignee_id.is_(None), ActionItem.assignee_id],
             "effort": [case(EFFORT_RANK, value=ActionItem.effort, else_=3)]}.get(filters.group, [])
    within = ([ActionItem.position] if filters.sort == "order"
              else [ActionItem.priority.desc(), ActionItem.position])
    return [*group, ActionItem.status == ActionStatus.DONE, *within, ActionItem.id]


def page_of(company_id, filters, page, size=PAGE_SIZE):
    """Return ``(items of *page*, number of matching items)``; *page* counts from 1."""
    query = _filtered(company_id, filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = list(db.session.scalars(
        query.options(selectinload(ActionItem.assignee), selectinload(ActionItem.last_assessment))
        .order_by(*_order(filters)).limit(size).offset((page - 1) * size)))
    return items, total


def highlights(company_id, limit=HIGHLIGHTS):
    """Return ``(top priorities, quick wins)`` among open items; no item is in both.

    Quick wins are the highest-priority low-effort items that are not already
    among the top priorities.
    """
    open_items = select(ActionItem).where(ActionItem.company_id == company_id,
                                          ActionItem.status != ActionStatus.DONE)
    top = list(db.session.scalars(open_items.order_by(ActionItem.priority.desc(), ActionItem.position)
                                  .limit(limit)))
    quick = list(db.session.scalars(
        open_items.where(ActionItem.effort == "low", ActionItem.id.not_in([item.id for item in top] or [0]))
        .order_by(ActionItem.priority.desc(), ActionItem.position).limit(limit)))
    return top, quick


def facets(company_id):
    """Return the domains ``[(questionnaire id, domain id)]`` and certification ids the plan's items carry."""
    rows = db.session.execute(select(ActionItem.questionnaire_id, ActionItem.domain_id, ActionItem.blocks)
                              .where(ActionItem.company_id == company_id)
                              .group_by(ActionItem.questionnaire_id, ActionItem.domain_id, ActionItem.blocks)).all()
    domains = sorted({(qid, domain) for qid, domain, _blocks in rows if domain})
    certifications = sorted({part for _qid, _domain, blocks in rows for part in (blocks or "").split(",") if part})
    return domains, certifications


def counts(company_id):
    """Return ``{"open", "done", "total"}`` item counts of the company's plan."""
    rows = dict(db.session.execute(
        select(ActionItem.status, func.count()).where(ActionItem.company_id == company_id)
        .group_by(ActionItem.status)).all())
    done = rows.get(ActionStatus.DONE, 0)
    total = sum(rows.values())
    return {"open": total - done, "done": done, "total": total}


def plan(company_id):
    """Return every item: open ones in the company's own order, then done ones (exports and the PDF report)."""
    return list(db.session.scalars(
        select(ActionItem).where(ActionItem.company_id == company_id)
        .options(selectinload(ActionItem.assignee), selectinload(ActionItem.last_assessment))
        .order_by(*_order(Filters(status="all", sort="order")))))


def move(item, direction):
    """Swap *item* with its open neighbour above (-1) or below (+1) in the company's own order."""
    siblings = list(db.session.scalars(
        select(ActionItem).where(ActionItem.company_id == item.company_id, ActionItem.status != ActionStatus.DONE)
        .order_by(ActionItem.position, ActionItem.id)))
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


def update(item, assignee_id, due_date, status, notes=None):
    """Store the company's edits to *item* (*notes* None keeps them); a status change by hand is never automatic."""
    item.assignee_id, item.due_date = assignee_id, due_date
    if notes is not None:
        item.notes = notes
    if status != item.status:
        item.status = status
        item.closed_at = utcnow() if status == ActionStatus.DONE else None
        item.closed_automatically = False
    db.session.flush()


def next_due(company_id, limit=5):
    """Return the open items with the nearest due dates (undated last, then by priority)."""
    return list(db.session.scalars(
        select(ActionItem).where(ActionItem.company_id == company_id, ActionItem.status != ActionStatus.DONE)
        .options(selectinload(ActionItem.last_assessment))
        .order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.priority.desc(),
                  ActionItem.position).limit(limit)))
