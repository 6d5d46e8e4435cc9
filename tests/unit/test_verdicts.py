"""Certification verdicts on the shipped bank: every official requirement counted, scope, honest rules.

Every expected figure below was worked out by hand from the catalogues and mappings in
``questionnaires/`` (see the comments) before the code was run.
"""
import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aluqsec.questionnaires.bank import load_directory
from aluqsec.scoring.readiness import normalized
from aluqsec.scoring.scope import Scope, scope_from
from aluqsec.scoring.scoring import score, to_json

BANK, PROBLEMS = load_directory(Path(__file__).resolve().parents[2] / "questionnaires")
FRAMEWORKS = BANK.frameworks
QUICK_SCAN = BANK.get("quick-scan", "1.0")
BASELINE = BANK.get("baseline", "1.0")


def all_at(questionnaire, level, **overrides):
    return {**{q.id: level for q in questionnaire.questions}, **overrides}


def summary(scorecard, framework_id):
    r = scorecard.readiness[framework_id]
    return r.met, r.total, r.verdict, r.unmet, r.not_assessed


def test_bank_loads():
    assert PROBLEMS == []


QUICK_SCAN_ALL_3 = [
    # framework, met, official total, verdict, not assessed (no quick-scan question maps to them)
    ("cmmc-l1", 14, 15, "incomplete", ("AC.L1-b.1.iv",)),
    ("cpcsc-l1", 12, 13, "incomplete", ("03.01.22",)),
    ("cybersecure-canada", 15, 18, "incomplete", ("3.11", "BASELINE-NEW-1", "BASELINE-NEW-2")),
    # Law 25 grew to 14 obligations (access and rectification, biometrics, location tracking): none in quick scan 1.0
    ("law25", 6, 14, "incomplete", ("L25-PIA", "L25-CONSENT", "L25-TRANSFER", "L25-RETENTION", "L25-PORTABILITY",
                                    "L25-ACCESS-RECTIFICATION", "L25-BIOMETRICS", "L25-LOCATION-TECH")),
    ("nist-csf-2", 22, 22, "reached", ()),
]


@pytest.mark.parametrize("framework_id,met,total,verdict,not_assessed", QUICK_SCAN_ALL_3)
def test_quick_scan_all_at_3_counts_every_official_requirement(framework_id, met, total, verdict, not_assessed):
    scorecard = score(QUICK_SCAN, FRAMEWORKS, all_at(QUICK_SCAN, 3))
    assert summary(scorecard, framework_id) == (met, total, verdict, (), not_assessed)


# Baseline 1.0: IT questions at 3, the 10 questions carrying the plant-floor-ot topic at 0.
PLANT_AT_0 = {q.id: (0 if "plant-floor-ot" in q.topics else 3) for q in BASELINE.questions}
CMMC_FAILED_BY_PLANT = ("AC.L1-b.1.i", "AC.L1-b.1.ii", "AC.L1-b.1.iii", "IA.L1-b.1.vi", "SC.L1-b.1.x",
                        "SI.L1-b.1.xii", "SI.L1-b.1.xiii", "SI.L1-b.1.xv")
CSF_FAILED_BY_PLANT = ("GV.SC", "ID.AM", "PR.AA", "PR.DS", "PR.PS", "PR.IR", "DE.CM", "RC.RP")


def test_plant_systems_out_of_scope_leave_cmmc_met_and_lower_csf():
    scorecard = score(BASELINE, FRAMEWORKS, PLANT_AT_0, scope=Scope("office"))
    assert summary(scorecard, "cmmc-l1") == (15, 15, "met", (), ())
    assert summary(scorecard, "cpcsc-l1") == (13, 13, "met", (), ())
    # CSF keeps the plant questions: 22 - 8 categories served by an OT question = 14
    assert summary(scorecard, "nist-csf-2") == (14, 22, "partial", CSF_FAILED_BY_PLANT, ())
    assert score(BASELINE, FRAMEWORKS, all_at(BASELINE, 3)).readiness["nist-csf-2"].met == 22
    # the questions left out are named: 7 plant questions map to CMMC
    assert len(scorecard.readiness["cmmc-l1"].out_of_scope) == 7


@pytest.mark.parametrize("contract_systems", ["all", "office-some-plant", None])
def test_plant_systems_in_scope_or_scope_unknown_make_cmmc_not_met(contract_systems):
    scorecard = score(BASELINE, FRAMEWORKS, PLANT_AT_0, scope=Scope(contract_systems))
    assert summary(scorecard, "cmmc-l1") == (7, 15, "not met", CMMC_FAILED_BY_PLANT, ())
    assert scorecard.readiness["cmmc-l1"].out_of_scope == ()


def test_scope_keeps_plant_questions_out_of_cmmc_gaps_but_not_out_of_csf():
    in_scope = {g.question: g for g in score(BASELINE, FRAMEWORKS, PLANT_AT_0, ("cmmc-l1",),
                                              scope=Scope("all")).gaps}
    out = {g.question: g for g in score(BASELINE, FRAMEWORKS, PLANT_AT_0, ("cmmc-l1",),
                                        scope=Scope("office")).gaps}
    assert "cmmc-l1" in in_scope["ot-usb-keys"].blocked
    assert out["ot-usb-keys"].blocked == ()
    assert not any(r.startswith("cmmc-l1:") for r in out["ot-usb-keys"].requirements)
    assert any(r.startswith("nist-csf-2:") for r in out["ot-usb-keys"].requirements)


def _mfa_only_for_cpcsc(questionnaire):
    """The quick scan with qs-mfa split as the review asks.

    qs-mfa maps to CPCSC 03.05.03 (and CSF) only, never CMMC; a new password question
    serves CMMC IA.L1-b.1.vi and CPCSC 03.05.01, which qs-mfa served before.
    """
    def fix(question):
        if question.id != "qs-mfa":
            return (question,)
        mfa = dataclasses.replace(question, mappings=(("cpcsc-l1", ("03.05.03",)), ("nist-csf-2", ("PR.AA",))))
        passwords = dataclasses.replace(question, id="qs-passwords", mappings=(
            ("cmmc-l1", ("IA.L1-b.1.vi",)), ("cpcsc-l1", ("03.05.01",))))
        return mfa, passwords
    domains = tuple(dataclasses.replace(d, questions=tuple(n for q in d.questions for n in fix(q)))
                    for d in questionnaire.domains)
    return dataclasses.replace(questionnaire, domains=domains, version="test-mfa")


def test_mfa_at_0_fails_cpcsc_03_05_03_and_leaves_cmmc_ia_vi_met():
    fixture = _mfa_only_for_cpcsc(QUICK_SCAN)
    scorecard = score(fixture, FRAMEWORKS, all_at(fixture, 3, **{"qs-mfa": 0}))
    cmmc, cpcsc = scorecard.readiness["cmmc-l1"], scorecard.readiness["cpcsc-l1"]
    assert "IA.L1-b.1.vi" not in cmmc.unmet + cmmc.not_assessed
    assert (cmmc.met, cmmc.total, cmmc.unmet, cmmc.not_assessed) == (14, 15, (), ("AC.L1-b.1.iv",))
    assert cpcsc.unmet == ("03.05.03",)
    # v1 content still maps qs-mfa to CMMC: there the same answer fails IA.L1-b.1.vi
    v1 = score(QUICK_SCAN, FRAMEWORKS, all_at(QUICK_SCAN, 3, **{"qs-mfa": 0}))
    assert v1.readiness["cmmc-l1"].unmet == ("IA.L1-b.1.vi",)


@pytest.mark.parametrize("scope,needed", [
    (Scope(), False), (Scope("office", False, False, False), False),
    (Scope("office", cui=True), True), (Scope(controlled_goods=True), True),
    (Scope("all", controlled_drawings=True), True),
])
def test_controlled_information_says_level_1_is_not_enough(scope, needed):
    scorecard = score(QUICK_SCAN, FRAMEWORKS, all_at(QUICK_SCAN, 3), scope=scope)
    assert scorecard.level2_needed is needed
    assert to_json(scorecard)["level2_needed"] is needed


@pytest.mark.parametrize("data,message", [
    ({"contract_systems": "plant"}, "contract_systems must be one of"),
    ({"cui": "yes"}, "cui must be true, false or null"),
    ({"export": True}, "unknown scoping question 'export'"),
    ([], '"scope" must be an object'),
])
def test_bad_scope_is_refused_with_its_name(data, message):
    with pytest.raises(ValueError, match=message):
        scope_from(data)


def test_catalogue_counts():
    counts = {fid: len(f.requirements) for fid, f in FRAMEWORKS.items()}
    assert counts == {"cmmc-l1": 15, "cpcsc-l1": 13, "cybersecure-canada": 18, "law25": 14, "nist-csf-2": 22}
    groups = [r.group for r in FRAMEWORKS["cybersecure-canada"].requirements]
    assert (groups.count("organizational"), groups.count("baseline")) == (4, 14)


def test_unverified_catalogue_makes_the_verdict_indicative():
    scorecard = score(BASELINE, FRAMEWORKS, all_at(BASELINE, 3))
    assert scorecard.readiness["cybersecure-canada"].indicative is True
    assert scorecard.readiness["nist-csf-2"].indicative is True  # CSF has no pass or fail
    assert scorecard.readiness["cmmc-l1"].indicative is False


QUESTIONNAIRES = sorted(BANK.questionnaires.values(), key=lambda q: (q.id, q.version))


@settings(max_examples=60, deadline=None)
@given(data=st.data(), index=st.integers(0, len(QUESTIONNAIRES) - 1),
       contract_systems=st.sampled_from([None, "office", "office-some-plant", "all"]))
def test_every_total_is_the_catalogue_count(data, index, contract_systems):
    questionnaire = QUESTIONNAIRES[index]
    answers = data.draw(st.fixed_dictionaries({}, optional={
        q.id: st.one_of(st.integers(0, 5), st.none(), *( [st.just("na")] if q.na_allowed else []))
        for q in questionnaire.questions}))
    scorecard = score(questionnaire, FRAMEWORKS, answers, scope=Scope(contract_systems))
    for framework_id, r in scorecard.readiness.items():
        assert r.total == len(FRAMEWORKS[framework_id].requirements)
        assert r.met + len(r.unmet) + len(r.not_assessed) == r.total
        if r.not_assessed:
            assert r.verdict in ("incomplete", "not met", "partial")
        if r.verdict in ("met", "reached"):
            assert r.met == r.total


def test_partly_assessed_requirements_are_listed():
    fixture = dataclasses.replace(QUICK_SCAN, partial_coverage=(("cpcsc-l1", ("03.05.01", "03.10.07")),))
    r = score(fixture, FRAMEWORKS, all_at(fixture, 3)).readiness["cpcsc-l1"]
    assert r.partly_assessed == ("03.05.01", "03.10.07")
    data = to_json(score(fixture, FRAMEWORKS, {}))["readiness"]["cpcsc-l1"]
    assert data["partly_assessed"] == ["03.05.01", "03.10.07"]


OLD_SHAPES = [
    # a version-1 quick-scan scorecard said "met, 14 of 14" with AC.L1-b.1.iv left out
    ({"framework": "cmmc-l1", "met": 14, "total": 14, "percent": 100.0, "verdict": "met", "unmet": [],
      "not_applicable": [], "not_assessed": ["AC.L1-b.1.iv"]}, (14, 15, "incomplete")),
    ({"framework": "law25", "met": 6, "total": 6, "percent": 100.0, "verdict": "ready", "unmet": [],
      "not_applicable": [], "not_assessed": ["L25-PIA"]}, (6, 7, "incomplete")),
    ({"framework": "cmmc-l1", "met": 13, "total": 15, "percent": 86.67, "verdict": "not met",
      "unmet": ["MP.L1-b.1.vii", "PE.L1-b.1.viii"], "not_applicable": [], "not_assessed": []}, (13, 15, "not met")),
    ({"framework": "nist-csf-2", "met": 22, "total": 22, "percent": 100.0, "verdict": "ready", "unmet": []},
     (22, 22, "reached")),
]


@pytest.mark.parametrize("stored,expected", OLD_SHAPES)
def test_old_scorecards_read_with_not_assessed_counted(stored, expected):
    data = normalized(stored)
    assert (data["met"], data["total"], data["verdict"]) == expected
    assert data["partly_assessed"] == []
