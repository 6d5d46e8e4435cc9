"""``flask assessments`` commands, run on the shipped questionnaire bank."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aluqsec.assessments.cli import assessments_cli
from aluqsec.questionnaires.bank import load_directory

BANK, _PROBLEMS = load_directory(Path(__file__).resolve().parents[2] / "questionnaires")
BASELINE = BANK.latest("baseline")
QUESTION_IDS = [question.id for question in BASELINE.questions]
NO_NA_QUESTION = next(question.id for question in BASELINE.questions if not question.na_allowed)


def run(*args, stdin=None):
    return CliRunner().invoke(assessments_cli, list(args), input=stdin)


def run_score(data):
    return run("score", "-", stdin=data if isinstance(data, str) else json.dumps(data))


def answers_file(answers, **extra):
    return {"questionnaire": "baseline", "version": BASELINE.version, "answers": answers, **extra}


def test_template_lists_every_question_unanswered():
    result = run("template", "baseline")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["questionnaire"], data["version"]) == ("baseline", "2.0")
    assert data["scoping_questions"] == {"contract_systems": ["office", "office-some-plant", "all"],
                                         "cui": [True, False], "controlled_goods": [True, False],
                                         "controlled_drawings": [True, False]}
    assert data["scope"] == dict.fromkeys(data["scoping_questions"])
    assert list(data["answers"]) == QUESTION_IDS
    assert set(data["answers"].values()) == {None}


def test_template_of_a_named_version():
    data = json.loads(run("template", "quick-scan", "--version", "1.0").output)
    assert len(data["answers"]) == len(BANK.get("quick-scan", "1.0").questions)


@pytest.mark.parametrize("args,message", [
    (["template", "nope"], "no questionnaire 'nope'"),
    (["template", "baseline", "--version", "9.9"], "no version '9.9' of questionnaire 'baseline'"),
])
def test_template_of_unknown_questionnaire_fails_clearly(args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output


def test_scoring_every_question_at_3_meets_every_assessed_framework(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers_file(dict.fromkeys(QUESTION_IDS, 3),
                                            targets=["cybersecure-canada"])), encoding="utf-8")
    result = run("score", str(path), "--language", "en")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overall"] == 3.0
    assert data["gaps"] == [] and data["quick_wins"] == []
    # CyberSecure Canada: 16 of its 18 areas have questions; the 2 unverified new baseline controls have none
    ccs = data["readiness"]["cybersecure-canada"]
    assert (ccs["met"], ccs["total"], ccs["verdict"]) == (16, 18, "incomplete")
    assert ccs["not_assessed"] == ["BASELINE-NEW-1", "BASELINE-NEW-2"]
    assert ccs["summary"] == "16 of 18 met, 2 not assessed by this questionnaire: take the full assessment"
    assert data["readiness"]["law25"]["verdict"] == "reached"
    assert data["readiness"]["law25"]["label"] == "Obligations covered (self-declared; not legal advice)"
    cmmc = data["readiness"]["cmmc-l1"]
    assert (cmmc["met"], cmmc["total"], cmmc["verdict"]) == (15, 15, "met")
    assert cmmc["label"] == "All requirements met in self-assessment: affirmation still required"
    for readiness in data["readiness"].values():
        assert readiness["unmet"] == []
        assert readiness["met"] + len(readiness["not_assessed"]) == readiness["total"] > 0


def test_scoring_all_zero_fails_every_requirement():
    result = run_score(answers_file(dict.fromkeys(QUESTION_IDS, 0), targets=["cybersecure-canada", "cmmc-l1"]))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overall"] == 0.0
    assert set(data["domains"].values()) == {0.0}
    for readiness in data["readiness"].values():
        assert readiness["met"] == 0 and readiness["percent"] == 0.0
        assert len(readiness["unmet"]) + len(readiness["not_assessed"]) == readiness["total"] > 0
    assert data["readiness"]["cybersecure-canada"]["verdict"] == "not met"
    assert {gap["question"] for gap in data["gaps"]} == set(QUESTION_IDS)
    assert data["unanswered"] == [] and data["scoring_version"] == "2"


def test_scoring_an_empty_submission_lists_every_question_unanswered():
    data = json.loads(run_score(answers_file({})).output)
    assert data["unanswered"] == QUESTION_IDS
    assert data["overall"] == 0.0


@pytest.mark.parametrize("data,message", [
    (answers_file({"nope": 3}), "unknown question 'nope'"),
    (answers_file({QUESTION_IDS[0]: 7}), f"'{QUESTION_IDS[0]}' must be a level from 0 to 5"),
    (answers_file({NO_NA_QUESTION: "na"}), f"'{NO_NA_QUESTION}' cannot be answered 'na'"),
    ('{"questionnaire": "baseline", "answers": {', "not valid JSON"),
    (["baseline"], "expected an object"),
    (answers_file([3, 3]), '"answers" must be an object'),
    (answers_file({}, targets=["iso-27001"]), "unknown target framework 'iso-27001'"),
    ({"questionnaire": "nope", "version": "1.0", "answers": {}}, "no questionnaire 'nope'"),
    ({"questionnaire": "baseline", "version": "0.1", "answers": {}}, "no version '0.1'"),
    (answers_file({}, scope={"contract_systems": "plant"}), "contract_systems must be one of"),
    (answers_file({}, scope={"cui": "oui"}), "cui must be true, false or null"),
    (answers_file({}, scope={"itar": True}), "unknown scoping question 'itar'"),
    (answers_file({}, scope="all"), '"scope" must be an object'),
])
def test_invalid_answers_file_fails_with_one_clear_line(data, message):
    result = run_score(data)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


PLANT = {question.id for question in BASELINE.questions if "plant-floor-ot" in question.topics}


# Baseline 2.0: plant-floor questions serve 7 CMMC requirements (AC.ii, IA.vi, PE.viii, SC.x, SI.xii, SI.xiii, SI.xv).
@pytest.mark.parametrize("contract_systems,verdict,met", [("office", "met", 15), ("all", "not met", 8)])
def test_score_takes_the_scope(contract_systems, verdict, met):
    answers = {qid: (0 if qid in PLANT else 3) for qid in QUESTION_IDS}
    data = json.loads(run_score(answers_file(answers, scope={"contract_systems": contract_systems})).output)
    assert (data["readiness"]["cmmc-l1"]["verdict"], data["readiness"]["cmmc-l1"]["met"]) == (verdict, met)
    assert data["scope"]["contract_systems"] == contract_systems


def test_template_output_scores_as_it_is():
    template = run("template", "quick-scan").output
    data = json.loads(run_score(template).output)
    assert data["readiness"]["cmmc-l1"]["total"] == 15
    assert data["scope"] == {"contract_systems": None, "cui": None, "controlled_goods": None,
                             "controlled_drawings": None}


# Quick scan 2.0 asks nothing for AC.L1-b.1.iv and MP.L1-b.1.vii: 13 of 15, 2 not assessed (plural forms).
@pytest.mark.parametrize("language,label,summary,notice", [
    ("fr", "Incomplet",
     "13 exigences sur 15 respectées, 2 non évaluées par ce questionnaire : faites l'évaluation complète",
     "le niveau 1 ne suffit pas"),
    ("en", "Incomplete", "13 of 15 met, 2 not assessed by this questionnaire: take the full assessment",
     "Level 1 is not enough"),
])
def test_verdict_words_in_french_and_english(language, label, summary, notice):
    quick = BANK.latest("quick-scan")
    data = {"questionnaire": "quick-scan", "answers": {q.id: 3 for q in quick.questions},
            "scope": {"controlled_drawings": True}}
    result = json.loads(run("score", "-", "--language", language, stdin=json.dumps(data)).output)
    cmmc = result["readiness"]["cmmc-l1"]
    assert (cmmc["label"], cmmc["summary"]) == (label, summary)
    assert notice in result["notices"][0]
