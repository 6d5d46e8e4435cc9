"""Reading a company's progress: history, journeys and the peer benchmark."""
from datetime import date

from sqlalchemy import func, select

from ..actions.models import ActionItem, ActionStatus
from ..aggregates.queries import peer_domain_values
from ..assessments.models import Assessment, Status
from ..extensions import db
from . import metrics
from .models import Journey

FIELDS = {"self_assessment": "self_assessment_on", "remediation": "remediation_on", "pre_audit": "pre_audit_on",
          "audit_booked": "audit_booked_on", "certified": "certified_on"}


def history(company):
    """Return the company's submitted assessments, oldest first."""
    return list(db.session.scalars(
        select(Assessment).where(Assessment.company_id == company.id, Assessment.status != Status.DRAFT)
        .order_by(Assessment.submitted_at, Assessment.id)))


def plan_completion(company):
    """Return ``(done, total)`` action items."""
    counts = dict(db.session.execute(
        select(ActionItem.status, func.count()).where(ActionItem.company_id == company.id)
        .group_by(ActionItem.status)).all())
    return counts.get(ActionStatus.DONE, 0), sum(counts.values())


def journeys(company):
    """Return ``{certification: Journey row}`` for the company's targeted certifications, creating none."""
    rows = db.session.scalars(select(Journey).where(Journey.company_id == company.id))
    return {row.certification: row for row in rows}


def as_metrics(row, certification):
    """Turn a Journey row (or None) into the pure metrics.Journey."""
    if row is None:
        return metrics.Journey(certification, "self_assessment")
    return metrics.Journey(certification, row.stage, {stage: getattr(row, field) for stage, field in FIELDS.items()},
                           row.target_on)


def journey_view(company, last_assessment_on, today=None):
    """Return, per targeted certification, its stage, dates, target and next steps."""
    today = today or date.today()
    rows = journeys(company)
    view = []
    for certification in company.certifications:
        journey = as_metrics(rows.get(certification), certification)
        view.append({"certification": certification, "journey": journey, "row": rows.get(certification),
                     "next_stage": metrics.next_stage(journey),
                     "steps": metrics.next_steps(journey, last_assessment_on, today)})
    return view


def save_journey(company, certification, stage, dates, target):
    """Create or update a journey from the form values."""
    row = journeys(company).get(certification)
    if row is None:
        row = Journey(company_id=company.id, certification=certification)
        db.session.add(row)
    row.stage, row.target_on = stage, target
    for name, field in FIELDS.items():
        setattr(row, field, dates.get(name))
    db.session.flush()
    return row


def peer_benchmark(company, questionnaire_id, own_domains, by):
    """Compare with consenting, verified companies of the same sector (``by="sector"``) or region.

    Reads the peers' stored domain figures (two queries, typed values, no scorecard decoded).
    :return: the metrics.benchmark result, or None under 5 such companies.
    """
    count, values = peer_domain_values(company, questionnaire_id, by)
    return metrics.benchmark_of_values(own_domains, count, values,
                                       own_counts=company.is_verified and not company.deletion_pending)
