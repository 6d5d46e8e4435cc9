"""Words for action items: practice title and why, next step, domain and certification names."""
from ..i18n import current_language
from ..questionnaires.services import find_questionnaire, get_bank
from .matching import UPLOADED_PREFIX


def _question(item):
    assessment = item.last_assessment
    questionnaire = (find_questionnaire(assessment.questionnaire_id, assessment.questionnaire_version)
                     if assessment is not None else None) or get_bank().latest(item.questionnaire_id)
    return questionnaire.question(item.question_id) if questionnaire else None


def describe(item, language=None):
    """Return ``{"title", "why", "next_step"}`` of *item* in *language* (the user's by default).

    A practice of ``practices.yaml`` gives the title and the why; a question of an
    uploaded questionnaire (no practice) gives its recommendation and its help.
    """
    language = language or current_language()
    question = _question(item)
    next_step = question.recommendation.get(language) if question else ""
    practice = get_bank().practices.get(item.practice_id)
    if practice is not None:
        return {"title": practice.title.get(language), "why": practice.why.get(language), "next_step": next_step}
    if question is not None:
        return {"title": question.recommendation.get(language), "why": question.help.get(language), "next_step": ""}
    return {"title": item.practice_id.removeprefix(UPLOADED_PREFIX), "why": "", "next_step": ""}


def domain_names(domains, language=None):
    """Return ``{domain id: title}`` for ``[(questionnaire id, domain id)]``, latest versions' titles."""
    language, bank, names = language or current_language(), get_bank(), {}
    for questionnaire_id, domain_id in domains:
        questionnaire = bank.latest(questionnaire_id)
        domain = next((d for d in questionnaire.domains if d.id == domain_id), None) if questionnaire else None
        names.setdefault(domain_id, domain.title.get(language) if domain else domain_id)
    return names


def certification_names(ids, language=None):
    """Return ``{framework id: name}`` in *language*."""
    language, frameworks = language or current_language(), get_bank().frameworks
    return {fid: frameworks[fid].name.get(language) if fid in frameworks else fid for fid in ids}
