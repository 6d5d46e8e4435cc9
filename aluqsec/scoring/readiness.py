"""Readiness for one framework: every official requirement counted (pure, no Flask, no database).

A requirement with no question in the questionnaire is *not assessed*: it is
counted in the total and keeps the verdict *incomplete*, never met.
"""
from dataclasses import dataclass

from .scope import counts_for

MET, NOT_MET, INCOMPLETE = "met", "not met", "incomplete"
REACHED, PARTIAL = "reached", "partial"
# Verdicts of scorecards stored before scoring version 2, as they read now.
OLD_VERDICTS = {"ready": REACHED, "partial": PARTIAL, "met": MET, "not met": NOT_MET}


@dataclass(frozen=True)
class Readiness:
    """How far the answers are from meeting one framework."""

    framework: str
    met: int
    total: int  # always the catalogue's number of requirements
    percent: float
    verdict: str  # met | not met | incomplete (met-not-met) or reached | partial | incomplete (percent)
    unmet: tuple[str, ...]
    not_applicable: tuple[str, ...] = ()
    not_assessed: tuple[str, ...] = ()
    partly_assessed: tuple[str, ...] = ()
    indicative: bool = False  # the catalogue has requirements not verified against the official text
    out_of_scope: tuple[str, ...] = ()  # questions left out by the certification scope


def verdict_of(style, unmet, not_assessed):
    """Return the verdict: any unmet requirement fails; else any not-assessed one leaves it incomplete."""
    if unmet:
        return NOT_MET if style == "met-not-met" else PARTIAL
    if not_assessed:
        return INCOMPLETE
    return MET if style == "met-not-met" else REACHED


def readiness(framework, questionnaire, effective, scope):
    """Return the :class:`Readiness` of *framework* for the *effective* levels.

    :param effective: ``{question id: level, or None for N/A}``.
    :param scope: the assessment's :class:`~aluqsec.scoring.scope.Scope`.
    """
    mapped = {requirement.id: [] for requirement in framework.requirements}
    out_of_scope = []
    for question in questionnaire.questions:
        requirement_ids = [rid for rid in question.requirements(framework.id) if rid in mapped]
        if not requirement_ids:
            continue
        if not counts_for(question, framework, scope):
            out_of_scope.append(question.id)
            continue
        for requirement_id in requirement_ids:
            mapped[requirement_id].append(question)
    met, unmet, not_applicable, not_assessed = 0, [], [], []
    for requirement_id, served_by in mapped.items():
        if not served_by:
            not_assessed.append(requirement_id)
            continue
        levels = [effective[q.id] for q in served_by if effective[q.id] is not None]
        if not levels:
            not_applicable.append(requirement_id)  # every question N/A: counts as met, listed apart
        if all(level >= framework.threshold for level in levels):
            met += 1
        else:
            unmet.append(requirement_id)
    total = len(framework.requirements)
    partly = tuple(rid for rid in questionnaire.partly_assessed(framework.id) if mapped.get(rid))
    return Readiness(framework.id, met, total, 100.0 * met / total if total else 0.0,
                     verdict_of(framework.verdict, unmet, not_assessed), tuple(unmet),
                     tuple(not_applicable), tuple(not_assessed), partly,
                     bool(framework.unverified) or framework.confirmation == "indicative",
                     tuple(out_of_scope))


def normalized(data, framework=None):
    """Return a stored readiness (any scoring version) with every current field.

    Scorecards stored before version 2 left not-assessed requirements out of the
    total and could say "met" or "ready" without them: they read here with the
    count they had at the time plus the not-assessed ones, and the current verdict rule.
    """
    if "partly_assessed" in data:
        return data
    unmet = list(data.get("unmet", ()))
    not_assessed = list(data.get("not_assessed", ()))
    met = data["met"]
    total = met + len(unmet) + len(not_assessed)
    style = "met-not-met" if data.get("verdict") in (MET, NOT_MET) else "percent"
    return {
        "framework": data.get("framework"), "met": met, "total": total,
        "percent": 100.0 * met / total if total else 0.0,
        "verdict": verdict_of(style, unmet, not_assessed), "unmet": unmet,
        "not_applicable": list(data.get("not_applicable", ())), "not_assessed": not_assessed,
        "partly_assessed": [],
        "indicative": bool(framework is not None and (framework.unverified or framework.confirmation == "indicative")),
        "out_of_scope": [],
    }
