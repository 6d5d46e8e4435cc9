"""Between questions and evidence: what a question's answer needs to show, and where a requirement is asked."""
from dataclasses import dataclass

from sqlalchemy import select

from ..assessments.models import Assessment
from ..extensions import db
from ..questionnaires.services import find_questionnaire
from .messages import SEPARATOR


def question_targets(question, frameworks):
    """Return the target values ``framework|requirement|kind`` of every evidence kind *question*'s requirements expect.

    :param frameworks: the frameworks that list evidence kinds (:func:`~.checklist.evidence_frameworks`).
    """
    targets = []
    for framework in frameworks:
        for requirement_id in question.requirements(framework.id):
            requirement = framework.requirement(requirement_id)
            for kind in (requirement.evidence if requirement else ()):
                targets.append(SEPARATOR.join((framework.id, requirement.id, kind.id)))
    return targets


@dataclass(frozen=True)
class AskedIn:
    """A question of an assessment that serves a requirement."""

    assessment_id: int
    domain_id: str
    question_id: str
    text: object  # Text


def latest_of(company_id):
    """Return the company's most recently started assessment (a draft or submitted), or None."""
    return db.session.scalar(select(Assessment).where(Assessment.company_id == company_id)
                             .order_by(Assessment.created_at.desc(), Assessment.id.desc()).limit(1))


def asked_in(assessment, framework_id, requirement_ids):
    """Return ``{requirement id: [AskedIn]}``: the questions of *assessment* mapped to each requirement.

    :param assessment: an Assessment or None (then every list is empty).
    """
    found = {requirement_id: [] for requirement_id in requirement_ids}
    questionnaire = assessment and find_questionnaire(assessment.questionnaire_id, assessment.questionnaire_version)
    if questionnaire is None:
        return found
    for question in questionnaire.questions:
        for requirement_id in question.requirements(framework_id):
            if requirement_id in found:
                found[requirement_id].append(AskedIn(assessment.id, question.domain, question.id, question.text))
    return found


def attach_urls(assessment, domain):
    """Return ``{question id: URL}`` of the library's add form, preset with the question's requirements.

    The form comes back to the question once the evidence is added. Questions whose
    requirements expect no evidence get no link.
    """
    from flask import url_for

    from .checklist import evidence_frameworks

    frameworks = evidence_frameworks()
    urls = {}
    for question in domain.questions:
        targets = question_targets(question, frameworks)
        if targets:
            back = url_for("assessments.answer", assessment_id=assessment.id, domain_id=domain.id,
                           _anchor=f"question-{question.id}")
            urls[question.id] = url_for("evidence.index", company_id=assessment.company_id, target=targets,
                                        next=back, _anchor="add")
    return urls
