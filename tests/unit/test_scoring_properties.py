"""Properties of scoring over the shipped baseline questionnaire and random answers."""
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aluqsec.questionnaires.bank import load_directory
from aluqsec.scoring.scoring import NA, UNKNOWN, score, to_json

BANK, _PROBLEMS = load_directory(Path(__file__).resolve().parents[2] / "questionnaires")
BASELINE = BANK.latest("baseline")
FRAMEWORKS = BANK.frameworks
QUESTIONS = BASELINE.questions
CERTIFICATIONS = [fid for fid, framework in FRAMEWORKS.items() if framework.certification]
NA_QUESTIONS = [q.id for q in QUESTIONS if q.na_allowed]

SETTINGS = settings(max_examples=80, deadline=None)


def answer(question, unanswered=True):
    choices = [st.integers(0, 5), st.just(UNKNOWN)]
    if question.na_allowed:
        choices.append(st.just(NA))
    if unanswered:
        choices.append(st.none())
    return st.one_of(choices)


# Some questions missing, some null, some unknown, some N/A.
partial_answers = st.fixed_dictionaries({}, optional={q.id: answer(q) for q in QUESTIONS})
# Every question answered (N/A allowed): a draft then leaves nothing out.
full_answers = st.fixed_dictionaries({q.id: answer(q, unanswered=False) for q in QUESTIONS})
targets = st.lists(st.sampled_from(CERTIFICATIONS), unique=True)


def level(value):
    return value if isinstance(value, int) else 0


def not_lower(after, before):
    return before is None or (after is not None and after >= before)


@SETTINGS
@given(answers=partial_answers, targets=targets, index=st.integers(0, len(QUESTIONS) - 1), data=st.data())
def test_raising_one_answer_never_lowers_a_score(answers, targets, index, data):
    question_id = QUESTIONS[index].id
    if answers.get(question_id) == NA:  # N/A is no level: raise from unanswered (0) instead
        answers = {**answers, question_id: None}
    raised = {**answers, question_id: data.draw(st.integers(level(answers.get(question_id)), 5))}
    before = score(BASELINE, FRAMEWORKS, answers, targets)
    after = score(BASELINE, FRAMEWORKS, raised, targets)
    assert not_lower(after.overall, before.overall)
    for domain_id, value in before.domains.items():  # a domain whose questions are all N/A stays None
        assert not_lower(after.domains[domain_id], value)
    for framework_id, readiness in before.readiness.items():
        assert after.readiness[framework_id].met >= readiness.met
        assert after.readiness[framework_id].percent >= readiness.percent


@SETTINGS
@given(answers=partial_answers, targets=targets, submitted=st.booleans())
def test_results_stay_within_bounds(answers, targets, submitted):
    scorecard = score(BASELINE, FRAMEWORKS, answers, targets, submitted)
    for value in [scorecard.overall, *scorecard.domains.values()]:
        assert value is None or 0 <= value <= 5
    assert set(scorecard.readiness) == set(FRAMEWORKS)  # baseline maps to every framework
    for readiness in scorecard.readiness.values():
        assert 0 <= readiness.percent <= 100
        assert 0 <= readiness.met <= readiness.total
        assert len(readiness.unmet) + len(readiness.not_assessed) == readiness.total - readiness.met


@SETTINGS
@given(answers=full_answers, question_id=st.sampled_from(NA_QUESTIONS))
def test_na_counts_like_a_question_left_out_of_a_draft(answers, question_id):
    with_na = score(BASELINE, FRAMEWORKS, {**answers, question_id: NA})
    left_out = {qid: value for qid, value in answers.items() if qid != question_id}
    draft = score(BASELINE, FRAMEWORKS, left_out, submitted=False)
    assert with_na.domains == draft.domains
    assert with_na.overall == draft.overall


@SETTINGS
@given(answers=partial_answers, question_id=st.sampled_from(NA_QUESTIONS))
def test_na_never_counts_in_a_draft(answers, question_id):
    with_na = score(BASELINE, FRAMEWORKS, {**answers, question_id: NA}, submitted=False)
    left_out = {qid: value for qid, value in answers.items() if qid != question_id}
    draft = score(BASELINE, FRAMEWORKS, left_out, submitted=False)
    assert (with_na.domains, with_na.overall) == (draft.domains, draft.overall)
    assert question_id not in [gap.question for gap in with_na.gaps]


@SETTINGS
@given(answers=partial_answers, targets=targets, submitted=st.booleans(), data=st.data())
def test_order_of_answers_does_not_matter(answers, targets, submitted, data):
    shuffled = dict(data.draw(st.permutations(list(answers.items()))))
    shuffled_targets = data.draw(st.permutations(targets))
    first = score(BASELINE, FRAMEWORKS, answers, targets, submitted)
    second = score(BASELINE, FRAMEWORKS, shuffled, shuffled_targets, submitted)
    assert first == second
    assert to_json(first) == to_json(second)


@SETTINGS
@given(answers=partial_answers, targets=targets, submitted=st.booleans())
def test_every_gap_is_below_its_threshold_and_ranked(answers, targets, submitted):
    gaps = score(BASELINE, FRAMEWORKS, answers, targets, submitted).gaps
    for gap in gaps:
        assert gap.priority >= 0
        assert gap.level < gap.threshold
        assert gap.shortfall == gap.threshold - gap.level
        assert set(gap.blocked) <= set(targets)
    priorities = [gap.priority for gap in gaps]
    assert priorities == sorted(priorities, reverse=True)
