"""What the PDF reports say, chosen from plain data (pure functions)."""
from datetime import date

import pytest

from aluqsec.assessments.results import readiness_row
from aluqsec.questionnaires.schema import Framework, Requirement, Text
from aluqsec.recommendations.demand import TopicDemand
from aluqsec.reporting.context import action_plan, certifications, sector_report, summary

TODAY = date(2026, 11, 26)
NO_ACTIONS = {"open": [], "open_count": 0, "done": 0, "overdue": 0}


def results(overall=2.0, change=None, domains=(("Accès", 2.0),), gaps=(), quick_wins=(), unknown=()):
    return {"overall": overall, "overall_level": None if overall is None else int(overall),
            "overall_change": change,
            "domains": [{"title": title, "value": value} for title, value in domains],
            "gaps": [{"text": text} for text in gaps], "gap_count": len(gaps),
            "quick_wins": list(quick_wins), "unknown": list(unknown), "unanswered": [], "readiness": []}


def kinds(sentences):
    return [sentence["kind"] for sentence in sentences]


@pytest.mark.parametrize("change,expected", [
    (0.6, "improved"),
    (-0.3, "declined"),
    (0.04, "unchanged"),
    (-0.04, "unchanged"),
])
def test_summary_says_how_maturity_moved_since_the_previous_assessment(change, expected):
    sentences = summary(results(change=change), [], NO_ACTIONS, previous_date=date(2026, 4, 21))
    assert kinds(sentences)[:2] == ["overall", expected]
    assert sentences[1]["since"] == date(2026, 4, 21)


def test_summary_of_a_first_assessment_names_strongest_and_weakest_domains_and_the_first_gap():
    sentences = summary(results(domains=[("Accès", 2.0), ("Sauvegardes", 1.2), ("Réseau", 3.4)],
                                gaps=["Les sauvegardes sont-elles testées?"], quick_wins=[{}], unknown=["q"]),
                        [], {"open": [{}], "open_count": 7, "done": 0, "overdue": 2})
    assert kinds(sentences) == ["overall", "strongest", "weakest", "gaps", "quick_wins", "actions", "unknown"]
    assert (sentences[1]["domain"], sentences[2]["domain"]) == ("Réseau", "Sauvegardes")
    assert sentences[3] == {"kind": "gaps", "count": 1, "first": "Les sauvegardes sont-elles testées?"}
    assert sentences[5] == {"kind": "actions", "count": 7, "overdue": 2}


@pytest.mark.parametrize("verdict", ["met", "not met", "incomplete"])
def test_summary_gives_each_targeted_certification_its_verdict(verdict):
    targeted = [{"name": "CPCSC", "met_count": 3, "total": 3, "verdict": verdict, "unmet": []}]
    sentences = summary(results(domains=[], gaps=[]), targeted, NO_ACTIONS)
    assert kinds(sentences) == ["overall", "certification", "no_gaps"]
    assert sentences[1]["row"] is targeted[0]


def test_certifications_list_met_not_applicable_unmet_and_not_assessed_requirements_of_targeted_frameworks():
    framework = Framework(
        id="cpcsc", name=Text("CPCSC niveau 1", "CPCSC Level 1"), version="1", certification=True, threshold=3,
        verdict="met-not-met", source="",
        requirements=tuple(Requirement(rid, Text(f"Exigence {rid}", f"Requirement {rid}")) for rid in "abcde"))
    nist = Framework(id="nist", name=Text("NIST", "NIST EN"), version="1", certification=False, threshold=3,
                     verdict="percent", source="", requirements=(Requirement("n", Text("N fr", "N en")),))
    # a version-1 scorecard: the total left out the not-assessed "e"
    scorecard = {"readiness": {
        "cpcsc": {"met": 2, "total": 4, "verdict": "not met", "unmet": ["b", "d"], "not_applicable": ["c"],
                  "not_assessed": ["e"]},
        "nist": {"met": 0, "total": 1, "verdict": "partial", "unmet": ["n"]}}}
    readiness = [readiness_row(framework, scorecard["readiness"]["cpcsc"], True, "fr"),
                 readiness_row(nist, scorecard["readiness"]["nist"], False, "fr")]
    [row] = certifications(readiness, {"cpcsc": framework, "nist": nist}, scorecard, "fr")
    assert [r["id"] for r in row["met_requirements"]] == ["a"]
    assert [r["id"] for r in row["not_applicable"]] == ["c"]
    assert [(r["id"], r["title"]) for r in row["unmet"]] == [("b", "Exigence b"), ("d", "Exigence d")]
    assert [(r["id"], r["title"]) for r in row["not_assessed"]] == [("e", "Exigence e")]
    assert (row["met_count"], row["total"], row["threshold"], row["verdict"]) == (2, 5, 3, "not met")


def test_action_plan_lists_the_first_open_actions_flags_late_ones_and_counts_all():
    items = [{"title": "Sauvegardes", "assignee": "Luc", "due_date": date(2026, 11, 25), "status": "todo"},
             {"title": "AMF", "assignee": None, "due_date": TODAY, "status": "in_progress"},
             {"title": "Inventaire", "assignee": None, "due_date": None, "status": "done"},
             {"title": "Pare-feu", "assignee": None, "due_date": date(2026, 1, 5), "status": "todo"}]
    plan = action_plan(items, TODAY, limit=2)
    assert [(item["title"], item["overdue"]) for item in plan["open"]] == [("Sauvegardes", True), ("AMF", False)]
    assert (plan["open_count"], plan["done"], plan["overdue"]) == (3, 1, 2)


def test_sector_report_keeps_hidden_groups_hidden_and_points_at_topics_without_seats():
    table = {
        "backup": TopicDemand(companies=12, by_region={"02": 7, "16": None}, by_sector={"x": None},
                              seats=0, seats_by_region={}),
        "mfa": TopicDemand(companies=None, by_region={"02": None, "16": None}, by_sector={"x": None},
                           seats=20, seats_by_region={"02": 20}),
        "web": TopicDemand(companies=30, by_region={"02": 30, "16": None}, by_sector={"x": 30},
                           seats=15, seats_by_region={"online": 15}),
    }
    report = sector_report(table, {"backup": "Sauvegarde", "mfa": "AMF", "web": "Web"}, 6, TODAY)
    assert [row["title"] for row in report["top"]] == ["Web", "Sauvegarde"]
    assert report["unserved"] == ["Sauvegarde"]
    assert report["rows"][1]["companies"] is None and report["rows"][0]["by_region"]["16"] is None
    assert (report["regions"], report["sectors"]) == (["02", "16"], ["x"])
