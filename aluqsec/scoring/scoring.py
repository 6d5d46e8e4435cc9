"""Score one set of answers: maturity, certification readiness, gaps (pure, no Flask, no database)."""
from dataclasses import dataclass, field

from ..questionnaires.schema import LEVELS, Framework, Question, Questionnaire

SCORING_VERSION = "1"
NA = "na"
UNKNOWN = "unknown"
DEFAULT_THRESHOLD = 3
MAX_QUICK_WINS = 5


@dataclass(frozen=True)
class Readiness:
    """How far the answers are from meeting one framework."""

    framework: str
    met: int
    total: int
    percent: float
    verdict: str
    unmet: tuple[str, ...]
    not_applicable: tuple[str, ...] = ()
    not_assessed: tuple[str, ...] = ()


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


def _readiness(framework: Framework, questions, effective) -> Readiness:
    mapped = {requirement.id: [] for requirement in framework.requirements}
    for question in questions:
        for requirement_id in question.requirements(framework.id):
            if requirement_id in mapped:
                mapped[requirement_id].append(question)
    met, unmet, not_applicable, not_assessed = 0, [], [], []
    for requirement_id, served_by in mapped.items():
        if not served_by:
            not_assessed.append(requirement_id)
            continue
        levels = [effective[q.id] for q in served_by if effective[q.id] is not None]
        if not levels:
            not_applicable.append(requirement_id)
        if all(level >= framework.threshold for level in levels):
            met += 1
        else:
            unmet.append(requirement_id)
    total = met + len(unmet)
    percent = 100.0 * met / total if total else 0.0
    if framework.verdict == "met-not-met":
        verdict = "met" if not unmet else "not met"
    else:
        verdict = "ready" if not unmet else "partial"
    return Readiness(framework.id, met, total, percent, verdict, tuple(unmet),
                     tuple(not_applicable), tuple(not_assessed))


def _gap(question: Question, domain_id, level, frameworks, targets):
    mapped = [(framework, question.requirements(framework_id))
              for framework_id, framework in frameworks.items() if question.requirements(framework_id)]
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


def score(questionnaire: Questionnaire, frameworks: dict, answers: dict, targets=(), submitted=True) -> Scorecard:
    """Score *answers* to *questionnaire*.

    :param frameworks: ``{id: Framework}``; readiness covers those the questionnaire maps to.
    :param answers: ``{question id: 0-5 | NA | UNKNOWN | None}``; missing means unanswered.
    :param targets: ids of the certifications the company aims for; their gaps rank higher.
    :param submitted: unanswered questions count as 0 when true, are left out of maturity
        and gaps when false (a draft preview); readiness always treats them as not met.
    :return: a :class:`Scorecard`.
    :raises ValueError: on an unknown question id, a level outside 0-5, or N/A where not allowed.
    """
    check_answers(questionnaire, answers)
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
    readiness = {framework_id: _readiness(framework, questions, effective)
                 for framework_id, framework in frameworks.items()
                 if any(q.requirements(framework_id) for q in questions)}

    gaps = []
    for domain in questionnaire.domains:
        for question in domain.questions:
            if question.id in counted:
                gap = _gap(question, domain.id, counted[question.id], frameworks, targets)
                if gap is not None:
                    gaps.append(gap)
    order = {question.id: index for index, question in enumerate(questions)}
    gaps.sort(key=lambda gap: (-gap.priority, -gap.weight, order[gap.question]))
    quick_wins = [gap for gap in gaps if gap.effort == "low"][:MAX_QUICK_WINS]
    return Scorecard(overall, domains, readiness, tuple(gaps), tuple(quick_wins),
                     tuple(unanswered), tuple(unknown), submitted, topics=topics)


def _rounded(value):
    return None if value is None else round(value, 2)


def _gap_json(gap: Gap):
    return {"question": gap.question, "requirements": list(gap.requirements), "priority": round(gap.priority, 2)}


def to_json(scorecard: Scorecard) -> dict:
    """Return *scorecard* as plain JSON-ready data, floats rounded to 2 decimals.

    :return: ``{"overall", "domains", "readiness", "gaps", "quick_wins", "unanswered",
             "unknown", "scoring_version"}``.
    """
    return {
        "overall": _rounded(scorecard.overall),
        "domains": {domain_id: _rounded(value) for domain_id, value in scorecard.domains.items()},
        "readiness": {framework_id: {"met": r.met, "total": r.total, "percent": round(r.percent, 2),
                                     "verdict": r.verdict, "unmet": list(r.unmet)}
                      for framework_id, r in scorecard.readiness.items()},
        "gaps": [_gap_json(gap) for gap in scorecard.gaps],
        "quick_wins": [_gap_json(gap) for gap in scorecard.quick_wins],
        "unanswered": list(scorecard.unanswered),
        "unknown": list(scorecard.unknown),
        "scoring_version": scorecard.scoring_version,
    }
