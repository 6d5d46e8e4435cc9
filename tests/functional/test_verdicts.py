"""Certification verdicts as users see them: scope step, honest words, every framework's lists, old scorecards."""
import re
from pathlib import Path

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from aluqsec.actions.models import ActionItem
from aluqsec.assessments.models import Assessment
from aluqsec.assessments.verdicts import count_sentence
from aluqsec.extensions import db
from aluqsec.questionnaires.bank import load_directory

from ..conftest import login, post
from .assessment_helpers import text
from .test_reports import needs_poppler, pdf_text

BANK, _PROBLEMS = load_directory(Path(__file__).resolve().parents[2] / "questionnaires")
PLANT = {q.id for q in BANK.get("baseline", "1.0").questions if "plant-floor-ot" in q.topics}


def baseline_plant_at_0():
    return {q.id: ("0" if q.id in PLANT else "3") for q in BANK.get("baseline", "1.0").questions}


def scope_form(systems="office", cui="no", goods="no", drawings="no"):
    return {"contract_systems": systems, "cui": cui, "controlled_goods": goods, "controlled_drawings": drawings}


def stored(assessment_id):
    db.session.expire_all()
    return db.session.get(Assessment, assessment_id)


def test_scope_change_rescores_a_submitted_assessment_without_reanswering(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"), certifications=["cmmc-l1"])
    assessment = make.make_assessment(company, "baseline", baseline_plant_at_0(), submitted=True)
    login(client, "o@example.ca")
    before = text(client.get(f"/assessments/{assessment.id}/results").get_data(as_text=True))
    assert "Périmètre pas encore établi" in before
    assert stored(assessment.id).scorecard["readiness"]["cmmc-l1"]["unmet"]  # plant questions count: not met
    response = post(client, f"/assessments/{assessment.id}/scope", scope_form("office"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/assessments/{assessment.id}/results")
    saved = stored(assessment.id)
    assert saved.scope_contract_systems == "office" and saved.scope_cui is False
    cmmc = saved.scorecard["readiness"]["cmmc-l1"]
    assert (cmmc["met"], cmmc["total"], cmmc["verdict"]) == (15, 15, "met")
    assert saved.scoring_version == "2"
    after = text(client.get(f"/assessments/{assessment.id}/results").get_data(as_text=True))
    assert "Toutes les exigences respectées en autoévaluation : l'affirmation reste à faire" in after
    assert "7 questions sur l'usine mises de côté" in after
    # the action plan follows: plant gaps no longer block CMMC
    item = db.session.scalar(select(ActionItem).where(ActionItem.company_id == company.id,
                                                      ActionItem.question_id == "ot-usb-keys"))
    assert item is not None and item.priority == saved.scorecard["gaps"][
        [g["question"] for g in saved.scorecard["gaps"]].index("ot-usb-keys")]["priority"]


def test_bad_scope_is_refused_with_the_typed_answers_kept(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    assessment = make.make_assessment(company, "quick-scan", {"qs-mfa": "3"})
    login(client, "o@example.ca")
    response = post(client, f"/assessments/{assessment.id}/scope", {"contract_systems": "plant", "cui": "yes"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Choisissez une réponse." in html
    assert re.search(r'<input checked[^>]*name="cui"[^>]*value="yes"', html)
    assert stored(assessment.id).scope_contract_systems is None and stored(assessment.id).scope_cui is None


def test_only_members_set_the_scope(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    assessment = make.make_assessment(company, "quick-scan", {})
    make.make_company(owner=make.make_user(email="other@example.ca"))
    login(client, "other@example.ca")
    assert client.get(f"/assessments/{assessment.id}/scope").status_code in (403, 404)
    assert post(client, f"/assessments/{assessment.id}/scope", scope_form()).status_code in (403, 404)
    assert stored(assessment.id).scope_contract_systems is None


def test_scope_given_at_the_start_is_stored(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    response = post(client, f"/companies/{company.id}/assessments",
                    {"questionnaire": "quick-scan", "targets": ["cmmc-l1"], **scope_form("all", cui="yes")})
    assert response.status_code == 302
    assessment = db.session.scalar(select(Assessment).where(Assessment.company_id == company.id))
    assert (assessment.scope_contract_systems, assessment.scope_cui) == ("all", True)


def test_controlled_information_shows_the_level_2_notice_in_french_and_english(client, make):
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner, certifications=["cpcsc-l1"])
    assessment = make.make_assessment(company, "quick-scan", {}, submitted=False)
    login(client, "o@example.ca")
    post(client, f"/assessments/{assessment.id}/scope", scope_form("office", drawings="yes"))
    post(client, f"/assessments/{assessment.id}/submit")
    fr = text(client.get(f"/assessments/{assessment.id}/results").get_data(as_text=True))
    assert "le niveau 1 ne suffit pas" in fr and "PCCC de niveau 2" in fr
    post(client, "/language", {"language": "en"})
    en = text(client.get(f"/assessments/{assessment.id}/results").get_data(as_text=True))
    assert "Level 1 is not enough" in en and "CPCSC Level 2" in en
    assert "le niveau 1" not in en
    # nothing answered: every asked requirement is unmet; quick scan 2.0 asks nothing for 03.01.22 and 03.08.03
    assert "0 of 13 met, 2 not assessed by this questionnaire: take the full assessment" in en


def test_results_list_unmet_and_not_assessed_requirements_for_every_framework(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    answers = {q.id: "3" for q in BANK.get("quick-scan", "1.0").questions} | {"qs-personal-info": "1"}
    assessment = make.make_assessment(company, "quick-scan", answers, submitted=True)
    login(client, "o@example.ca")
    html = text(client.get(f"/assessments/{assessment.id}/results").get_data(as_text=True))
    # Law 25 (not a certification) now lists its requirements too, with official id and French title
    # 5 obligations quick scan 1.0 never asked, plus the 3 added to the catalogue since (14 in all)
    assert "8 exigences non évaluées par ce questionnaire" in html
    assert "L25-PIA" in html
    assert "AC.L1-b.1.iv" in html  # CMMC's requirement the quick scan does not ask
    assert "Contenu à accès public" in html  # CPCSC 03.01.22, official ITSP.10.171 French title
    assert "BASELINE-NEW-1" in html
    # CyberSecure Canada: 3 organizational clause numbers and the 2 new baseline controls are unverified
    assert "À titre indicatif : 5 exigences de ce cadre ne sont pas encore vérifiées" in html
    assert "Cible pas encore atteinte" in html  # Law 25 and CSF: qs-personal-info at 1


def test_old_version_assessment_renders_its_stored_scorecard(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"), certifications=["cmmc-l1"])
    assessment = make.make_assessment(company, "quick-scan", {}, submitted=True)
    # what scoring version 1 stored for a quick scan all at 3: "met, 14 of 14", AC.L1-b.1.iv left out
    old = dict(assessment.scorecard)
    old["readiness"] = {"cmmc-l1": {"framework": "cmmc-l1", "met": 14, "total": 14, "percent": 100.0,
                                    "verdict": "met", "unmet": [], "not_applicable": [],
                                    "not_assessed": ["AC.L1-b.1.iv"]}}
    old.pop("scope", None)
    old.pop("level2_needed", None)
    old["scoring_version"] = "1"
    assessment.scorecard, assessment.scoring_version = old, "1"
    db.session.commit()
    login(client, "o@example.ca")
    response = client.get(f"/assessments/{assessment.id}/results")
    assert response.status_code == 200
    html = text(response.get_data(as_text=True))
    assert "14 exigences sur 15 respectées, 1 non évaluée par ce questionnaire" in html
    assert "Incomplet" in html and "affirmation reste à faire" not in html
    assert stored(assessment.id).scorecard["readiness"]["cmmc-l1"]["total"] == 14  # stored as stored
    dashboard = text(client.get("/").get_data(as_text=True))
    assert "14 exigences sur 15 respectées" in dashboard


@needs_poppler
def test_pdf_says_the_honest_verdict_in_french_and_english(client, make, tmp_path):
    company = make.make_company(owner=make.make_user(email="o@example.ca"),
                                certifications=["cmmc-l1", "cybersecure-canada"])
    answers = {q.id: "3" for q in BANK.get("baseline", "1.0").questions}
    assessment = make.make_assessment(company, "baseline", answers, submitted=True)
    login(client, "o@example.ca")
    post(client, f"/assessments/{assessment.id}/scope", scope_form("office", cui="yes"))
    fr = pdf_text(client.get(f"/assessments/{assessment.id}/report.pdf?lang=fr").data, tmp_path)
    assert "Toutes les exigences respectées en autoévaluation : l'affirmation reste à faire" in fr
    assert "16 exigences sur 18 respectées, 2 non évaluées par ce questionnaire" in fr
    assert "le niveau 1 ne suffit pas" in fr
    en = pdf_text(client.get(f"/assessments/{assessment.id}/report.pdf?lang=en").data, tmp_path)
    assert "All requirements met in self-assessment: affirmation still required" in en
    assert "16 of 18 met, 2 not assessed by this questionnaire: take the full assessment" in en
    assert "Level 1 is not enough" in en
    assert "BASELINE-NEW-2" in en
    assert "Target reached (indicative)" in en  # NIST CSF 2.0, 22 of 22
    assert "Obligations covered" not in en  # Law 25 has 14 obligations now; baseline 1.0 asks 11 of them


def test_progress_compares_by_requirement_across_questionnaires(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"), certifications=["cmmc-l1"])
    quick = {q.id: "3" for q in BANK.get("quick-scan", "1.0").questions} | {"qs-patching": "1"}
    make.make_assessment(company, "quick-scan", quick, submitted=True)
    full = {q.id: "3" for q in BANK.get("baseline", "1.0").questions}
    make.make_assessment(company, "baseline", full, submitted=True)
    login(client, "o@example.ca")
    html = text(client.get(f"/companies/{company.id}/progress").get_data(as_text=True))
    assert "Exigences dans les deux évaluations" in html
    # CMMC: quick scan 13 met (SI.L1-b.1.xii fails on patching, AC.L1-b.1.iv not assessed), baseline 15
    assert "13, puis 15 exigences sur 15 respectées" in html
    assert "SI.L1-b.1.xii" in html and "AC.L1-b.1.iv" in html


def test_scope_page_speaks_one_language_at_a_time(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    assessment = make.make_assessment(company, "quick-scan", {})
    login(client, "o@example.ca")
    fr = text(client.get(f"/assessments/{assessment.id}/scope").get_data(as_text=True))
    assert "Périmètre de certification" in fr and "Oui" in fr
    assert "Certification scope" not in fr and "Office systems only" not in fr
    post(client, "/language", {"language": "en"})
    en = text(client.get(f"/assessments/{assessment.id}/scope").get_data(as_text=True))
    assert "Certification scope" in en and "Office systems only" in en
    assert "Périmètre" not in en and "systèmes de bureau" not in en


@pytest.mark.parametrize("language,met,missing,expected", [
    ("fr", 1, 0, "1 exigence sur 15 respectée"),
    ("fr", 0, 1, "0 exigence sur 15 respectée, 1 non évaluée par ce questionnaire : faites l'évaluation complète"),
    ("fr", 14, 2, "14 exigences sur 15 respectées, 2 non évaluées par ce questionnaire : faites l'évaluation "
                  "complète"),
    ("en", 1, 1, "1 of 15 met, 1 not assessed by this questionnaire: take the full assessment"),
    ("en", 14, 2, "14 of 15 met, 2 not assessed by this questionnaire: take the full assessment"),
])
def test_the_count_of_requirements_met_agrees_with_each_number(app, language, met, missing, expected):
    with app.test_request_context(), force_locale(language):
        assert count_sentence({"met": met, "total": 15, "not_assessed": ["x"] * missing}) == expected
