"""Declared, validated and evidence status of each certification, side by side, for one or many companies."""
from sqlalchemy import select

from ..extensions import db
from ..scoring.readiness import normalized
from . import rules
from .checklist import evidence_frameworks
from .models import EvidenceItem, EvidenceLink


def evidence_counts(company_ids, today):
    """Return ``{company id: {framework id: evidence-complete requirements}}`` in one query."""
    frameworks = evidence_frameworks()
    proofs = {}
    rows = db.session.execute(
        select(EvidenceItem.company_id, EvidenceLink.framework_id, EvidenceLink.requirement_id,
               EvidenceLink.kind_id, EvidenceItem.review, EvidenceItem.dated_on, EvidenceItem.valid_until)
        .join(EvidenceItem).where(EvidenceItem.company_id.in_(list(company_ids))))
    for company_id, framework_id, requirement_id, kind_id, review, dated_on, valid_until in rows:
        proofs.setdefault(company_id, {}).setdefault(framework_id, {}).setdefault(requirement_id, []).append(
            rules.Proof(kind=kind_id, review=review, dated_on=dated_on, valid_until=valid_until))
    return {company_id: {f.id: rules.complete_requirements(f, proofs.get(company_id, {}).get(f.id, {}), today)
                         for f in frameworks}
            for company_id in company_ids}


def _met(framework, scorecard):
    data = ((scorecard or {}).get("readiness") or {}).get(framework.id)
    return None if data is None else normalized(data, framework)["met"]


def side_by_side(certifications, scorecard, validated, counts):
    """Return a :class:`~.rules.SideBySide` per certification that lists evidence kinds.

    :param certifications: framework ids to show (the company's targets), in order.
    :param scorecard: the latest submitted assessment's stored scorecard, or None.
    :param validated: its scorecard with the advisor's validated levels, or None.
    :param counts: ``{framework id: evidence-complete requirements}`` of the company.
    """
    declared = {framework.id: _met(framework, scorecard) for framework in evidence_frameworks()}
    return side_by_side_figures(certifications, declared, validated, counts)


def side_by_side_figures(certifications, declared, validated, counts):
    """Return :func:`side_by_side` from stored figures: *declared* is ``{framework id: requirements met}``."""
    frameworks = {f.id: f for f in evidence_frameworks()}
    return [rules.SideBySide(framework.id, framework.name, len(framework.requirements), declared.get(framework.id),
                             _met(framework, validated) if validated else None, counts.get(framework.id, 0))
            for framework in (frameworks[c] for c in certifications if c in frameworks)]


def certification_status(company, assessment, certifications=None):
    """Return the side-by-side rows of *certifications* (default: the company's targets) for *assessment*, or None."""
    from flask_babel import to_user_timezone

    from ..models import utcnow

    counts = evidence_counts([company.id], to_user_timezone(utcnow()).date())[company.id]
    shown = company.certifications if certifications is None else certifications
    return side_by_side(shown, assessment and assessment.scorecard, assessment and assessment.validated_scorecard,
                        counts)
