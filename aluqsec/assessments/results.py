"""Turn a stored scorecard into the plain data a results page or report shows (pure)."""
import math

from ..scoring.readiness import normalized
from .charts import radar

TOP_GAPS = 10


def level_of(value):
    """Return the maturity level (0-5) a score sits in, or None."""
    return None if value is None else min(5, math.floor(value + 1e-9))


def _requirement_titles(framework, language):
    return {requirement.id: requirement.title.get(language) for requirement in framework.requirements}


def _gap(gap, questions, domains, frameworks, language):
    question = questions[gap["question"]]
    return {
        "question": question.id, "text": question.text.get(language),
        "domain": domains[question.domain], "level": gap["level"], "threshold": gap["threshold"],
        "priority": gap["priority"], "effort": gap["effort"], "weight": gap["weight"],
        "recommendation": question.recommendation.get(language),
        "blocked": [frameworks[f].name.get(language) for f in gap["blocked"] if f in frameworks],
    }


def build(questionnaire, frameworks, scorecard, targets, language, previous=None, validated=None):
    """Return the data of a results page.

    :param questionnaire: the pinned Questionnaire.
    :param frameworks: ``{id: Framework}``.
    :param scorecard: the scorecard as stored with the assessment (a dict).
    :param targets: framework ids the company targets; shown first.
    :param language: ``fr`` or ``en``.
    :param previous: the previous submitted assessment's stored scorecard, if any.
    :param validated: the scorecard with the advisor's validated levels, once reviewed.
    """
    domain_titles = {domain.id: domain.title.get(language) for domain in questionnaire.domains}
    questions = {question.id: question for question in questionnaire.questions}
    before = (previous or {}).get("domains", {})
    domains = []
    for domain in questionnaire.domains:
        value = scorecard["domains"].get(domain.id)
        old = before.get(domain.id)
        change = None if value is None or old is None else round(value - old, 2)
        domains.append({"id": domain.id, "title": domain_titles[domain.id], "value": value,
                        "previous": old, "change": change,
                        "validated": (validated or {}).get("domains", {}).get(domain.id)})
    readiness = [readiness_row(frameworks[framework_id], data, framework_id in targets, language)
                 for framework_id, data in scorecard["readiness"].items() if framework_id in frameworks]
    readiness.sort(key=lambda row: (not row["targeted"], not row["certification"], row["name"]))
    overall = scorecard["overall"]
    previous_overall = (previous or {}).get("overall")
    return {
        "overall": overall, "overall_level": level_of(overall),
        "overall_change": None if overall is None or previous_overall is None
        else round(overall - previous_overall, 2),
        "domains": domains,
        "radar": radar([(row["title"], row["value"]) for row in domains]),
        "readiness": readiness,
        "gaps": [_gap(g, questions, domain_titles, frameworks, language) for g in scorecard["gaps"][:TOP_GAPS]],
        "gap_count": len(scorecard["gaps"]),
        "quick_wins": [_gap(g, questions, domain_titles, frameworks, language) for g in scorecard["quick_wins"]],
        "unanswered": [questions[qid].text.get(language) for qid in scorecard["unanswered"] if qid in questions],
        "unknown": [questions[qid].text.get(language) for qid in scorecard["unknown"] if qid in questions],
        "has_previous": previous is not None,
        "validated_overall": (validated or {}).get("overall"),
        "has_validated": validated is not None,
        "validated_readiness": {fid: normalized(data, frameworks.get(fid))
                                for fid, data in (validated or {}).get("readiness", {}).items()},
        "level2_needed": bool(scorecard.get("level2_needed")),
    }


def readiness_brief(framework, data):
    """Return a stored readiness (any scoring version) with what its verdict words need, no titles."""
    return {**normalized(data, framework), "id": framework.id, "style": framework.verdict,
            "confirmation": framework.confirmation, "threshold": framework.threshold,
            "unverified": list(framework.unverified)}


def readiness_row(framework, data, targeted, language):
    """Return one framework's stored readiness (any scoring version) as a results row.

    Requirements come with their official id and title in *language*; the verdict's
    wording is left to the template (``aluqsec.assessments.verdicts``).
    """
    data = normalized(data, framework)
    titles = _requirement_titles(framework, language)

    def listed(ids):
        return [{"id": rid, "title": titles.get(rid, rid)} for rid in ids]
    return {
        "id": framework.id, "name": framework.name.get(language), "met": data["met"], "total": data["total"],
        "percent": data["percent"], "verdict": data["verdict"], "certification": framework.certification,
        "targeted": targeted, "style": framework.verdict, "confirmation": framework.confirmation,
        "threshold": framework.threshold, "indicative": data["indicative"],
        "unverified": list(framework.unverified), "unmet": listed(data["unmet"]),
        "not_assessed": listed(data["not_assessed"]), "partly_assessed": listed(data["partly_assessed"]),
        "not_applicable": listed(data["not_applicable"]), "out_of_scope": list(data["out_of_scope"]),
    }
