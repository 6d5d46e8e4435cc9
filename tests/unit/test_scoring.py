"""Scoring on a small hand-built questionnaire; every expected number is worked out by hand.

The questionnaire (weight, effort, mappings):

    gov   q1  w3 low     cert:R1  pct:P1  strict:S1
          q2  w1 medium  cert:R2                      (N/A allowed)
    tech  q3  w2 low     cert:R1,R3  pct:P2
          q4  w1 high    pct:P2
          q5  w2 low     (no mapping)

cert: certification, threshold 3, met/not met, R4 mapped by nothing.
pct: not a certification, threshold 3, percent.  strict: certification, threshold 4.
unused: no question maps to it.
"""
import pytest

from aluqsec.questionnaires.schema import Domain, Framework, Question, Questionnaire, Requirement, Text
from aluqsec.scoring.scoring import NA, UNKNOWN, Gap, score, to_json

T = Text("x", "x")


def make_framework(framework_id, requirement_ids, certification=True, threshold=3, verdict="met-not-met"):
    return Framework(framework_id, T, "1", certification, threshold, verdict, "test",
                     tuple(Requirement(rid, T) for rid in requirement_ids))


def make_question(question_id, domain, weight, effort="medium", mappings=(), na_allowed=False, topics=()):
    return Question(question_id, domain, T, T, (), na_allowed, weight, effort, topics, mappings, T)


FRAMEWORKS = {
    "cert": make_framework("cert", ["R1", "R2", "R3", "R4"]),
    "pct": make_framework("pct", ["P1", "P2"], certification=False, verdict="percent"),
    "strict": make_framework("strict", ["S1"], threshold=4),
    "unused": make_framework("unused", ["U1"]),
}
# Mappings deliberately out of framework order: results must follow the frameworks' order.
GOV = (make_question("q1", "gov", 3, "low", (("strict", ("S1",)), ("pct", ("P1",)), ("cert", ("R1",)))),
       make_question("q2", "gov", 1, "medium", (("cert", ("R2",)),), na_allowed=True))
TECH = (make_question("q3", "tech", 2, "low", (("pct", ("P2",)), ("cert", ("R3", "R1")))),
        make_question("q4", "tech", 1, "high", (("pct", ("P2",)),)),
        make_question("q5", "tech", 2, "low"))
QUESTIONNAIRE = Questionnaire("small", "1.0", T, T, (Domain("gov", T, None, (), GOV),
                                                     Domain("tech", T, None, (), TECH)), "hash")

ALL_3 = {"q1": 3, "q2": 3, "q3": 3, "q4": 3, "q5": 3}
MIXED = {"q1": 4, "q2": 2, "q3": 1, "q4": 5, "q5": 0}


def score_small(answers, targets=(), submitted=True):
    return score(QUESTIONNAIRE, FRAMEWORKS, answers, targets, submitted)


MATURITY = [
    # answers, submitted, gov, tech, overall
    (ALL_3, True, 3.0, 3.0, 3.0),
    # gov (3*4 + 1*2)/4 = 3.5; tech (2*1 + 1*5 + 2*0)/5 = 1.4; overall 21/9
    (MIXED, True, 3.5, 1.4, 21 / 9),
    # N/A leaves q2 out: gov 12/3 = 4; overall (12 + 2 + 5 + 0)/8 = 19/8
    ({**MIXED, "q2": NA}, True, 4.0, 1.4, 2.375),
    # unknown counts 0: gov (0 + 2)/4 = 0.5; overall (0 + 2 + 2 + 5 + 0)/9 = 1
    ({**MIXED, "q1": UNKNOWN}, True, 0.5, 1.4, 1.0),
    # submitted, q2 q3 q5 unanswered count 0: gov 12/4 = 3; tech 5/5 = 1; overall 17/9
    ({"q1": 4, "q4": 5}, True, 3.0, 1.0, 17 / 9),
    # same answers as a draft: only q1 and q4 count: gov 12/3 = 4; tech 5/1 = 5; overall 17/4
    ({"q1": 4, "q4": 5}, False, 4.0, 5.0, 4.25),
    # explicit null is unanswered like a missing key
    ({"q1": 4, "q2": None, "q3": None, "q4": 5, "q5": None}, True, 3.0, 1.0, 17 / 9),
    # a draft where nothing counts
    ({"q2": NA}, False, None, None, None),
    ({}, False, None, None, None),
]


@pytest.mark.parametrize("answers,submitted,gov,tech,overall", MATURITY)
def test_maturity_is_weighted_mean_of_counted_questions(answers, submitted, gov, tech, overall):
    scorecard = score_small(answers, submitted=submitted)
    assert scorecard.domains == pytest.approx({"gov": gov, "tech": tech})
    assert scorecard.overall == pytest.approx(overall)


@pytest.mark.parametrize("answers,submitted,unanswered,unknown", [
    (ALL_3, True, (), ()),
    ({"q1": UNKNOWN, "q3": 2, "q4": UNKNOWN, "q5": 1}, True, ("q2",), ("q1", "q4")),
    ({"q4": 2, "q1": None}, True, ("q1", "q2", "q3", "q5"), ()),
    ({"q2": NA, "q5": UNKNOWN}, False, ("q1", "q3", "q4"), ("q5",)),
])
def test_unanswered_and_unknown_are_listed_in_questionnaire_order(answers, submitted, unanswered, unknown):
    scorecard = score_small(answers, submitted=submitted)
    assert (scorecard.unanswered, scorecard.unknown) == (unanswered, unknown)


READINESS = [
    # answers, submitted, {framework: (met, total, percent, verdict, unmet)}
    # cert's total is its catalogue count, 4: R4 has no question, so cert is at best incomplete.
    (ALL_3, True, {"cert": (3, 4, 75.0, "incomplete", ()), "pct": (2, 2, 100.0, "reached", ()),
                   "strict": (0, 1, 0.0, "not met", ("S1",))}),  # S1 needs 4, q1 is 3
    # R1 fails on q3=1 although q1=4; R2 q2=2; R3 q3=1; P2 fails on q3 although q4=5
    (MIXED, True, {"cert": (0, 4, 0.0, "not met", ("R1", "R2", "R3")),
                   "pct": (1, 2, 50.0, "partial", ("P2",)),
                   "strict": (1, 1, 100.0, "met", ())}),
    # unknown q1 counts 0: R1 and P1 fail; cert 2/4 = 50 %
    ({**ALL_3, "q1": UNKNOWN}, True, {"cert": (2, 4, 50.0, "not met", ("R1",)),
                                      "pct": (1, 2, 50.0, "partial", ("P1",)),
                                      "strict": (0, 1, 0.0, "not met", ("S1",))}),
    # a draft still fails requirements served by unanswered questions (q2, q3 count 0 here)
    ({"q1": 5}, False, {"cert": (0, 4, 0.0, "not met", ("R1", "R2", "R3")),
                        "pct": (1, 2, 50.0, "partial", ("P2",)),
                        "strict": (1, 1, 100.0, "met", ())}),
    # R2 is served only by q2: N/A makes it met (and not applicable)
    ({**ALL_3, "q2": NA}, True, {"cert": (3, 4, 75.0, "incomplete", ()), "pct": (2, 2, 100.0, "reached", ()),
                                 "strict": (0, 1, 0.0, "not met", ("S1",))}),
    ({**MIXED, "q2": NA}, True, {"cert": (1, 4, 25.0, "not met", ("R1", "R3")),
                                 "pct": (1, 2, 50.0, "partial", ("P2",)),
                                 "strict": (1, 1, 100.0, "met", ())}),
]


@pytest.mark.parametrize("answers,submitted,expected", READINESS)
def test_readiness_counts_requirements_whose_questions_all_reach_threshold(answers, submitted, expected):
    readiness = score_small(answers, submitted=submitted).readiness
    assert list(readiness) == ["cert", "pct", "strict"]  # "unused" has no question
    actual = {fid: (r.met, r.total, pytest.approx(r.percent), r.verdict, r.unmet) for fid, r in readiness.items()}
    assert actual == expected


def test_requirements_without_questions_are_not_assessed():
    readiness = score_small(ALL_3).readiness
    assert readiness["cert"].not_assessed == ("R4",)
    assert readiness["pct"].not_assessed == ()


@pytest.mark.parametrize("answers,not_applicable", [
    (ALL_3, ()),
    ({**ALL_3, "q2": NA}, ("R2",)),
    ({"q2": NA}, ("R2",)),
])
def test_requirement_served_only_by_na_questions_is_not_applicable(answers, not_applicable):
    assert score_small(answers).readiness["cert"].not_applicable == not_applicable


GAPS = [
    # answers, targets, submitted, [(question, blocked, priority)] in expected order
    (ALL_3, ("cert", "strict"), True,
     [("q1", ("strict",), 3.0)]),  # q1 threshold 4 (strict): 3 * (4-3) * 1
    (ALL_3, (), True, [("q1", (), 3.0)]),
    # q5 2*(3-0)*1 = 6; q3 2*(3-1)*1 = 4; q2 1*(3-2)*1 = 1; q1 4 >= 4 and q4 5: no gap
    (MIXED, ("cert",), True, [("q5", (), 6.0), ("q3", ("cert",), 4.0), ("q2", ("cert",), 1.0)]),
    # q1 3*(4-1)*2 = 18; q5 2*(3-1) = 4; q2 1*(3-0) = 3 ties q4 1*(3-0) = 3 (same weight:
    # questionnaire order); q3 2*(3-2) = 2. pct is no certification so never blocks.
    ({"q1": 1, "q2": 0, "q3": 2, "q4": 0, "q5": 1}, ("cert", "strict", "pct"), True,
     [("q1", ("cert", "strict"), 18.0), ("q5", (), 4.0), ("q2", ("cert",), 3.0), ("q4", (), 3.0),
      ("q3", ("cert",), 2.0)]),
    # without targets every gap counts once: q1 3*3*1 = 9
    ({"q1": 1, "q2": 0, "q3": 2, "q4": 0, "q5": 1}, (), True,
     [("q1", (), 9.0), ("q5", (), 4.0), ("q2", (), 3.0), ("q4", (), 3.0), ("q3", (), 2.0)]),
    # equal priority 2: q3 (2*(3-2)) before q2 (1*(3-1)) because its weight is higher
    ({"q1": 5, "q2": 1, "q3": 2, "q4": 5, "q5": 5}, (), True, [("q3", (), 2.0), ("q2", (), 2.0)]),
    # unanswered q2 q3 q5 count 0: q3 2*3 = 6 and q5 2*3 = 6 (questionnaire order), q2 1*3 = 3
    ({"q1": 4, "q4": 5}, (), True, [("q3", (), 6.0), ("q5", (), 6.0), ("q2", (), 3.0)]),
    # the same draft leaves unanswered questions out of the plan
    ({"q1": 4, "q4": 5}, (), False, []),
    # unknown is a gap like 0; N/A never is
    ({"q1": 4, "q2": NA, "q3": UNKNOWN, "q4": 5, "q5": 3}, ("cert",), True, [("q3", ("cert",), 6.0)]),
]


@pytest.mark.parametrize("answers,targets,submitted,expected", GAPS)
def test_gaps_ranked_by_weight_shortfall_and_blocked_targets(answers, targets, submitted, expected):
    gaps = score_small(answers, targets, submitted).gaps
    assert [(gap.question, gap.blocked, gap.priority) for gap in gaps] == expected


def test_gap_names_every_failed_requirement_in_framework_order():
    answers = {"q1": 1, "q2": 0, "q3": 2, "q4": 0, "q5": 1}
    gaps = {gap.question: gap for gap in score_small(answers, ("cert", "strict")).gaps}
    # q1 is 1: below 3 for cert and pct, below 4 for strict; threshold is the highest, 4
    assert gaps["q1"] == Gap(question="q1", domain="gov", level=1, threshold=4, shortfall=3, weight=3,
                             effort="low", blocked=("cert", "strict"),
                             requirements=("cert:R1", "pct:P1", "strict:S1"), priority=18.0)
    assert gaps["q3"].requirements == ("cert:R1", "cert:R3", "pct:P2")
    assert (gaps["q5"].requirements, gaps["q5"].threshold, gaps["q5"].shortfall) == ((), 3, 2)


def test_gap_at_threshold_of_one_framework_lists_only_the_stricter_one():
    gaps = score_small({**ALL_3, "q1": 3}, ("cert", "strict")).gaps
    assert [(gap.question, gap.requirements, gap.blocked) for gap in gaps] == [("q1", ("strict:S1",), ("strict",))]


@pytest.mark.parametrize("answers,targets,quick_wins", [
    # low effort are q1, q3, q5; q2 (medium) and q4 (high) never are
    ({"q1": 1, "q2": 0, "q3": 2, "q4": 0, "q5": 1}, ("cert", "strict"), ["q1", "q5", "q3"]),
    (MIXED, ("cert",), ["q5", "q3"]),
    ({**ALL_3, "q1": 4, "q2": 0, "q4": 0}, (), []),  # only q2 and q4 fall short
    (ALL_3, (), ["q1"]),
])
def test_quick_wins_are_low_effort_gaps_in_gap_order(answers, targets, quick_wins):
    assert [gap.question for gap in score_small(answers, targets).quick_wins] == quick_wins


def test_quick_wins_keep_the_first_five():
    questions = tuple(make_question(f"w{n}", "d", weight=n, effort="low") for n in range(1, 8))
    questionnaire = Questionnaire("many", "1.0", T, T, (Domain("d", T, None, (), questions),), "hash")
    scorecard = score(questionnaire, {}, {})
    # priority = weight * 3: w7 21 ... w1 3
    assert [gap.question for gap in scorecard.quick_wins] == ["w7", "w6", "w5", "w4", "w3"]
    assert len(scorecard.gaps) == 7
    assert scorecard.readiness == {}


@pytest.mark.parametrize("answers,message", [
    ({"q9": 3}, "q9"),
    ({"q1": NA}, "q1"),  # q1 does not allow N/A
    ({"q3": 6}, "q3"),
    ({"q3": -1}, "q3"),
    ({"q4": True}, "q4"),
    ({"q4": 2.0}, "q4"),
    ({"q5": "3"}, "q5"),
    ({"q5": "n/a"}, "q5"),
])
def test_invalid_answers_raise_naming_the_question(answers, message):
    with pytest.raises(ValueError, match=message):
        score_small(answers)


def test_to_json_rounds_and_keeps_plain_values():
    # MIXED as above, targeting cert: overall 21/9 = 2.333...
    assert to_json(score_small(MIXED, ("cert",))) == {
        "overall": 2.33,
        "domains": {"gov": 3.5, "tech": 1.4},
        "readiness": {
            "cert": {"total": 4, "met": 0, "unmet": ["R1", "R2", "R3"], "not_assessed": ["R4"],
                     "not_applicable": [], "partly_assessed": [], "verdict": "not met", "indicative": False,
                     "percent": 0.0, "out_of_scope": []},
            "pct": {"total": 2, "met": 1, "unmet": ["P2"], "not_assessed": [], "not_applicable": [],
                    "partly_assessed": [], "verdict": "partial", "indicative": False, "percent": 50.0,
                    "out_of_scope": []},
            "strict": {"total": 1, "met": 1, "unmet": [], "not_assessed": [], "not_applicable": [],
                       "partly_assessed": [], "verdict": "met", "indicative": False, "percent": 100.0,
                       "out_of_scope": []},
        },
        "gaps": [{"question": "q5", "requirements": [], "priority": 6.0},
                 {"question": "q3", "requirements": ["cert:R1", "cert:R3", "pct:P2"], "priority": 4.0},
                 {"question": "q2", "requirements": ["cert:R2"], "priority": 1.0}],
        "quick_wins": [{"question": "q5", "requirements": [], "priority": 6.0},
                       {"question": "q3", "requirements": ["cert:R1", "cert:R3", "pct:P2"], "priority": 4.0}],
        "unanswered": [],
        "unknown": [],
        "scope": {"contract_systems": None, "cui": None, "controlled_goods": None, "controlled_drawings": None},
        "level2_needed": False,
        "scoring_version": "2",
    }


def test_to_json_rounds_percent_and_keeps_none():
    three = {"cert": make_framework("cert", ["R1", "R2", "R3"])}  # every requirement has a question
    data = to_json(score(QUESTIONNAIRE, three, {**ALL_3, "q1": UNKNOWN}, submitted=False))
    assert data["readiness"]["cert"]["percent"] == 66.67  # 2/3: R1 fails on q1

    assert to_json(score_small({}, submitted=False))["overall"] is None


def test_topic_maturity_is_weighted_mean_of_questions_carrying_the_topic():
    backup = make_question("b1", "ops", 3, topics=("backup-recovery",))
    both = make_question("b2", "ops", 1, topics=("backup-recovery", "incident-response"))
    alone = make_question("b3", "ops", 2, topics=("incident-response",), na_allowed=True)
    questionnaire = Questionnaire("t", "1", T, T, (Domain("ops", T, None, (), (backup, both, alone)),), "h")
    # backup-recovery: (3*1 + 1*4)/4 = 1.75; incident-response: (1*4 + 2*2)/3 = 8/3
    scorecard = score(questionnaire, {}, {"b1": 1, "b2": 4, "b3": 2})
    assert scorecard.topics == pytest.approx({"backup-recovery": 1.75, "incident-response": 8 / 3})
    # N/A leaves b3 out: incident-response 4/1 = 4
    assert score(questionnaire, {}, {"b1": 1, "b2": 4, "b3": NA}).topics["incident-response"] == 4.0
