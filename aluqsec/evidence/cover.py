"""What the cover PDF of an audit pack says: results, signatures, dates, the advisor's review, the gaps left."""
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..advisors.models import ReviewComment
from ..assessments.verdicts import SCOPE_LABELS
from ..extensions import db
from ..progress.metrics import add_months
from ..progress.models import Journey
from ..progress.requirements import statuses
from ..questionnaires.services import find_questionnaire
from . import rules
from .messages import status_labels
from .models import Attestation

CMMC_L1, CMMC_L1_REQUIREMENTS = "cmmc-l1", 15
CPCSC_L1, CYBERSECURE = "cpcsc-l1", "cybersecure-canada"
SIGNED = {CMMC_L1: "affirmation", CPCSC_L1: "attestation"}  # certifications a senior official signs each year


def _scope(framework, assessment):
    if framework.scope and assessment is not None and assessment.scope_contract_systems:
        return str(SCOPE_LABELS["contract_systems"].get(assessment.scope_contract_systems, ""))
    return _("The whole company")


def attestation_of(company_id, framework_id):
    """Return the company's Attestation for *framework_id*, or None."""
    return db.session.scalar(select(Attestation).where(Attestation.company_id == company_id,
                                                       Attestation.framework_id == framework_id))


def _signature(company, framework, ready):
    if framework.id not in SIGNED:
        return None
    found = attestation_of(company.id, framework.id)
    signed_on = found.signed_on if found else None
    return {"kind": SIGNED[framework.id], "name": found.official_name if found else "",
            "title": found.official_title if found else "", "signed_on": signed_on,
            "renew_by": add_months(signed_on, 12) if signed_on else None, "ready": ready}


def _maintenance(company, framework):
    if framework.id != CYBERSECURE:
        return None
    journey = db.session.scalar(select(Journey).where(Journey.company_id == company.id,
                                                      Journey.certification == CYBERSECURE))
    certified_on = journey.certified_on if journey else None
    return {"certified_on": certified_on, "audit_on": add_months(certified_on, 12) if certified_on else None}


def _validated(framework, assessment):
    data = ((assessment.validated_scorecard or {}).get("readiness") or {}).get(framework.id) if assessment else None
    return statuses(framework, data) if data else {}


def _question_comments(framework, assessment, language):
    """Return the review threads on the questions that serve *framework*, oldest first."""
    questionnaire = assessment and find_questionnaire(assessment.questionnaire_id, assessment.questionnaire_version)
    if questionnaire is None:
        return []
    serving = {q.id: q for q in questionnaire.questions if q.requirements(framework.id)}
    comments = db.session.scalars(select(ReviewComment).where(
        ReviewComment.assessment_id == assessment.id, ReviewComment.question_id.in_(list(serving)))
        .options(selectinload(ReviewComment.author)).order_by(ReviewComment.created_at, ReviewComment.id))
    return [{"question": serving[c.question_id].text.get(language),
             "requirements": ", ".join(serving[c.question_id].requirements(framework.id)),
             "author": c.author.name if c.author else "—", "on": c.created_at, "body": c.body} for c in comments]


def _gaps(rows, labels, language):
    """Return what still stands between each incomplete requirement and a complete file."""
    gaps = []
    for row in rows:
        reasons = []
        if row.declared != rules.MET:
            reasons.append(_("self-assessment: %(status)s", status=labels[row.declared]))
        reasons += [_("%(label)s: %(value)s", label=k.kind.text.get(language), value=labels[k.status])
                    for k in row.kinds if k.status != rules.KIND_ACCEPTED]
        if reasons:
            gaps.append({"id": row.requirement.id, "title": row.requirement.title.get(language), "reasons": reasons})
    return gaps


def cover_context(company, framework, assessment, rows, language, today):
    """Return the plain data of the cover PDF."""
    labels = status_labels()
    ready = None
    if framework.id == CMMC_L1:
        ready = rules.ready_to_affirm([(row.declared, row.complete) for row in rows], CMMC_L1_REQUIREMENTS)
    items = {item.id: item for row in rows for k in row.kinds for item in k.items}.values()
    validated = _validated(framework, assessment)
    return {
        "company": company.legal_name, "neq": company.neq, "framework": framework.name.get(language),
        "framework_id": framework.id,
        "scope": _scope(framework, assessment), "assessed_on": assessment.submitted_at if assessment else None,
        "today": today, "complete": sum(1 for row in rows if row.complete), "ready": ready,
        "reviewers": sorted({item.reviewed_by.name for item in items if item.reviewed_by is not None}),
        "signature": _signature(company, framework, ready), "maintenance": _maintenance(company, framework),
        "reviewed": ({"by": assessment.reviewed_by.name if assessment.reviewed_by else "—",
                      "on": assessment.reviewed_at} if assessment is not None and assessment.reviewed_at else None),
        "has_validated": bool(validated),
        "evidence_comments": [{"title": item.title, "review": labels.get(item.review, item.review),
                               "by": item.reviewed_by.name if item.reviewed_by else "—", "comment": item.review_comment,
                               "requirements": ", ".join(sorted({link.requirement_id for link in item.links
                                                                 if link.framework_id == framework.id}))}
                              for item in sorted(items, key=lambda i: i.id) if item.review_comment],
        "question_comments": _question_comments(framework, assessment, language),
        "gaps": _gaps(rows, labels, language),
        "rows": [{"id": row.requirement.id, "title": row.requirement.title.get(language),
                  "declared": labels[row.declared], "sprs": row.sprs,
                  "validated": labels[validated[row.requirement.id]] if validated.get(row.requirement.id) else "—",
                  "status": labels["complete" if row.complete else "incomplete"],
                  "kinds": [{"text": k.kind.text.get(language), "status": labels[k.status],
                             "evidence": [item.title for item in k.items]} for k in row.kinds]}
                 for row in rows],
    }
