"""Requirement by requirement: declared result, evidence expected, evidence provided, status."""
from dataclasses import dataclass, field

from sqlalchemy import select

from ..assessments.models import Assessment, Status
from ..extensions import db
from ..progress.requirements import statuses
from ..questionnaires.services import get_bank
from . import rules
from .models import EvidenceItem, EvidenceLink


@dataclass
class KindRow:
    kind: object  # EvidenceKind
    status: str
    items: list = field(default_factory=list)


@dataclass
class RequirementRow:
    requirement: object  # Requirement
    declared: str  # met | not met | not assessed
    kinds: list
    complete: bool

    @property
    def sprs(self):
        return rules.sprs_status(self.declared, self.complete)


def evidence_frameworks():
    """Return the frameworks of the bank that list evidence kinds, in the bank's order."""
    return [f for f in get_bank().frameworks.values() if any(r.evidence for r in f.requirements)]


def latest_assessment(company_id, framework_id):
    """Return the company's latest submitted assessment whose scorecard covers *framework_id*, or None."""
    for assessment in db.session.scalars(select(Assessment).where(
            Assessment.company_id == company_id, Assessment.status != Status.DRAFT)
            .order_by(Assessment.submitted_at.desc(), Assessment.id.desc()).limit(20)):
        if framework_id in ((assessment.scorecard or {}).get("readiness") or {}):
            return assessment
    return None


def _linked(company_id, framework_id):
    """Return ``{(requirement id, kind id): [EvidenceItem]}`` for one framework."""
    found = {}
    rows = db.session.execute(select(EvidenceLink.requirement_id, EvidenceLink.kind_id, EvidenceItem)
                              .join(EvidenceItem).where(EvidenceItem.company_id == company_id,
                                                        EvidenceLink.framework_id == framework_id)
                              .order_by(EvidenceItem.dated_on.desc(), EvidenceItem.id))
    for requirement_id, kind_id, item in rows:
        found.setdefault((requirement_id, kind_id), []).append(item)
    return found


def proof(item, kind_id):
    return rules.Proof(kind=kind_id, review=item.review, dated_on=item.dated_on, valid_until=item.valid_until)


def checklist(company_id, framework, today):
    """Return ``(assessment or None, [RequirementRow])`` for *framework*."""
    assessment = latest_assessment(company_id, framework.id)
    declared = {}
    if assessment is not None:
        declared = statuses(framework, assessment.scorecard["readiness"][framework.id])
    linked = _linked(company_id, framework.id)
    rows = []
    for requirement in framework.requirements:
        kinds, proofs = [], []
        for kind in requirement.evidence:
            items = linked.get((requirement.id, kind.id), [])
            found = [proof(item, kind.id) for item in items]
            proofs += found
            kinds.append(KindRow(kind, rules.kind_status(kind, found, today), items))
        rows.append(RequirementRow(requirement, declared.get(requirement.id) or rules.NOT_ASSESSED, kinds,
                                   rules.evidence_complete(requirement.evidence, proofs, today)))
    return assessment, rows
