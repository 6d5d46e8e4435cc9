"""Score one set of answers: maturity, certification readiness, gaps (pure, no Flask, no database)."""
from dataclasses import dataclass, field

from ..questionnaires.schema import LEVELS, Question, Questionnaire
from .readiness import Readiness, readiness
from .scope import Scope, counts_for

# 2: totals are the catalogue's count, not-assessed requirements make a verdict incomplete,
# the certification scope leaves plant-system questions out of CMMC / CPCSC Level 1.
SCORING_VERSION = "2"
NA = "na"
UNKNOWN = "unknown"
DEFAULT_THRESHOLD = 3
MAX_QUICK_WINS = 5


@dataclass(frozen=True)
class Gap:
    """A question below its threshold, with what closing it is worth."""

    question: str
    domain: str
    level: int
    threshold: int
    shortfall: int
    weight: int
    effort: str
    blocked: tuple[str, ...]
    requirements: tuple[str, ...]
    priority: float


@dataclass(frozen=True)
class Scorecard:
    """Everything computed from one set of answers."""

    overall: float | None
    domains: dict  # domain id -> float | None, in questionnaire order
    readiness: dict  # framework id -> Readiness, in the order of ``frameworks``
    gaps: tuple[Gap, ...]
    quick_wins: tuple[Gap, ...]
    unanswered: tuple[str, ...]
    unknown: tuple[str, ...]
    submitted: bool = True
    scoring_version: str = SCORING_VERSION
    topics: dict = field(default_factory=dict)  # topic id -> maturity of the questions carrying it
    scope: dict = field(default_factory=dict)  # the scoping answers the readiness was computed with
    level2_needed: bool = False  # controlled information received: Level 1 is not enough


def check_answers(questionnaire: Questionnaire, answers: dict) -> None:
    """Raise ValueError naming the first answer that *questionnaire* cannot take.

    :param answers: ``{question id: 0-5 | NA | UNKNOWN | None}``.
    """
    questions = {question.id: question for question in questionnaire.questions}
    for question_id, answer in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise ValueError(f"unknown question '{question_id}' in questionnaire '{questionnaire.id}'")
        if answer is None or answer == UNKNOWN:
            continue
        if answer == NA:
            if not question.na_allowed:
                raise ValueError(f"question '{question_id}' cannot be answered '{NA}'")
        elif isinstance(answer, bool) or not isinstance(answer, int) or answer not in LEVELS:
            raise ValueError(f"answer to question '{question_id}' must be a level from 0 to 5, "
                             f"'{NA}', '{UNKNOWN}' or null, not {answer!r}")


def _weighted_mean(pairs):
    total_weight = sum(weight for weight, _level in pairs)
    if not total_weight:
        return None
    return sum(weight * level for weight, level in pairs) / total_weight


def _gap(question: Question, domain_id, level, frameworks, targets, scope):
    mapped = [(framework, question.requirements(framework_id))
              for framework_id, framework in frameworks.items()
              if question.requirements(framework_id) and counts_for(question, framework, scope)]
    threshold = max((framework.threshold for framework, _ids in mapped), default=DEFAULT_THRESHOLD)
    if level >= threshold:
        return None
    failed = [(framework, ids) for framework, ids in mapped if level < framework.threshold]
    requirements = tuple(f"{framework.id}:{requirement.id}" for framework, ids in failed
                         for requirement in framework.requirements if requirement.id in ids)
    blocked = tuple(framework.id for framework, _ids in failed
                    if framework.certification and framework.id in targets)
    shortfall = threshold - level
    return Gap(question.id, domain_id, level, threshold, shortfall, question.weight, question.effort,
               blocked, requirements, float(question.weight * shortfall * max(len(blocked), 1)))


def score(questionnaire: Questionnaire, frameworks: dict, answers: dict, targets=(), submitted=True,
          scope: Scope | None = None) -> Scorecard:
    """Score *answers* to *questionnaire*.

    :param frameworks: ``{id: Framework}``; readiness covers those the questionnaire maps to.
    :param answers: ``{question id: 0-5 | NA | UNKNOWN | None}``; missing means unanswered.
    :param targets: ids of the certifications the company aims for; their gaps rank higher.
    :param submitted: unanswered questions count as 0 when true, are left out of maturity
        and gaps when false (a draft preview); readiness always treats them as not met.
    :param scope: the assessment's certification scope; unanswered scope counts every question.
    :return: a :class:`Scorecard`.
    :raises ValueError: on an unknown question id, a level outside 0-5, or N/A where not allowed.
    """
    check_answers(questionnaire, answers)
    scope = scope or Scope()
    targets = set(targets)
    counted = {}  # question id -> level, for questions that count in maturity and gaps
    effective = {}  # question id -> level for readiness, None for N/A
    unanswered, unknown = [], []
    for question in questionnaire.questions:
        answer = answers.get(question.id)
        if answer == NA:
            effective[question.id] = None
            continue
        if answer is None:
            unanswered.append(question.id)
            if submitted:
                counted[question.id] = 0
        elif answer == UNKNOWN:
            unknown.append(question.id)
            counted[question.id] = 0
        else:
            counted[question.id] = answer
        effective[question.id] = counted.get(question.id, 0)

    domains = {domain.id: _weighted_mean([(q.weight, counted[q.id]) for q in domain.questions if q.id in counted])
               for domain in questionnaire.domains}
    overall = _weighted_mean([(q.weight, counted[q.id]) for q in questionnaire.questions if q.id in counted])
    topic_ids = sorted({topic for question in questionnaire.questions for topic in question.topics})
    topics = {topic: _weighted_mean([(q.weight, counted[q.id]) for q in questionnaire.questions
                                     if q.id in counted and topic in q.topics])
              for topic in topic_ids}
    questions = questionnaire.questions
    by_framework = {framework_id: readiness(framework, questionnaire, effective, scope)
                    for framework_id, framework in frameworks.items()
                    if any(q.requirements(framework_id) for q in questions)}

    gaps = []
    for domain in questionnaire.domains:
        for question in domain.questions:
            if question.id in counted:
                gap = _gap(question, domain.id, counted[question.id], frameworks, targets, scope)
                if gap is not None:
                    gaps.append(gap)
    order = {question.id: index for index, question in enumerate(questions)}
    gaps.sort(key=lambda gap: (-gap.priority, -gap.weight, order[gap.question]))
    quick_wins = [gap for gap in gaps if gap.effort == "low"][:MAX_QUICK_WINS]
    return Scorecard(overall, domains, by_framework, tuple(gaps), tuple(quick_wins),
                     tuple(unanswered), tuple(unknown), submitted, topics=topics,
                     scope=scope.as_dict(), level2_needed=scope.level2_needed)


def _rounded(value):
    return None if value is None else round(value, 2)


def _gap_json(gap: Gap):
    return {"question": gap.question, "requirements": list(gap.requirements), "priority": round(gap.priority, 2)}


def readiness_json(r: Readiness):
    """Return one framework's readiness as plain JSON-ready data."""
    return {"total": r.total, "met": r.met, "unmet": list(r.unmet), "not_assessed": list(r.not_assessed),
            "not_applicable": list(r.not_applicable), "partly_assessed": list(r.partly_assessed),
            "verdict": r.verdict, "indicative": r.indicative, "percent": round(r.percent, 2),
            "out_of_scope": list(r.out_of_scope)}


def to_json(scorecard: Scorecard) -> dict:
    """Return *scorecard* as plain JSON-ready data, floats rounded to 2 decimals.

    :return: ``{"overall", "domains", "readiness", "gaps", "quick_wins", "unanswered",
             "unknown", "scope", "level2_needed", "scoring_version"}``.
    """
    return {
        "overall": _rounded(scorecard.overall),
        "domains": {domain_id: _rounded(value) for domain_id, value in scorecard.domains.items()},
        "readiness": {framework_id: readiness_json(r) for framework_id, r in scorecard.readiness.items()},
        "gaps": [_gap_json(gap) for gap in scorecard.gaps],
        "quick_wins": [_gap_json(gap) for gap in scorecard.quick_wins],
        "unanswered": list(scorecard.unanswered),
        "unknown": list(scorecard.unknown),
        "scope": dict(scorecard.scope),
        "level2_needed": scorecard.level2_needed,
        "scoring_version": scorecard.scoring_version,
    }
