"""The assessment journey through the test client."""
from sqlalchemy import select

from aluqsec.assessments.models import Answer, Assessment
from aluqsec.extensions import db

from ..conftest import login, post
from .assessment_helpers import checked, load, save, table_rows, text


def stored(assessment_id):
    db.session.expire_all()
    rows = db.session.scalars(select(Answer).where(Answer.assessment_id == assessment_id))
    return {row.question_id: (row.value, row.justification, row.note) for row in rows}


def start(client, company_id, questionnaire="quick-scan", targets=("cybersecure-canada",)):
    response = post(client, f"/companies/{company_id}/assessments",
                    {"questionnaire": questionnaire, "targets": list(targets)})
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def domain_url(assessment_id, domain):
    return f"/assessments/{assessment_id}/domains/{domain}"


def test_owner_completes_the_quick_scan_and_sees_results(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    assessment_id = start(client, company.id)
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "0 sur 16 répondues" in overview
    # governance: weights 3, 2, 2 -> (3*4 + 2*1 + 2*0) / 7 = 2.0
    url = domain_url(assessment_id, "governance")
    _html, prints = load(client, url)
    response = save(client, url, prints, {"qs-responsible": "4", "qs-personal-info": "1",
                                          "qs-suppliers-cloud": "unknown"}, then="next")
    assert response.headers["Location"].endswith(domain_url(assessment_id, "access"))
    html, _prints = load(client, url)
    assert checked(html) == {"qs-responsible": "4", "qs-personal-info": "1", "qs-suppliers-cloud": "unknown"}
    assert "3 sur 3 répondues" in html and "3 sur 16 répondues" in html
    confirm = client.get(f"/assessments/{assessment_id}/submit").get_data(as_text=True)
    assert "Les questions sans réponse comptent pour 0" in confirm
    assert post(client, f"/assessments/{assessment_id}/submit").status_code == 302
    results = client.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
    assert ["Direction et conformité", "2,0"] in table_rows(results)
    assert "<svg" in results and "<title id=\"radar-title\">" in results
    # quick scan 2.0 does not ask AC.L1-b.1.iv nor MP.L1-b.1.vii: CMMC counts its 15 requirements, 2 not assessed
    # none met: French writes the singular for zero
    assert "0 exigence sur 15 respectée, 2 non évaluées par ce questionnaire" in results
    db.session.expire_all()
    saved = db.session.get(Assessment, assessment_id)
    assert saved.status == "submitted" and saved.scorecard["domains"]["governance"] == 2.0
    assert saved.scoring_version == "2" and saved.content_hash


def test_out_of_range_level_and_unknown_question_are_refused_with_no_change(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    assessment_id = start(client, company.id)
    url = domain_url(assessment_id, "governance")
    _html, prints = load(client, url)
    assert save(client, url, prints, {"qs-responsible": "7", "qs-personal-info": "2"}).status_code == 400
    assert save(client, url, prints, {"qs-responsible": "2", "qs-not-a-question": "2"}).status_code == 400
    assert save(client, url, prints, {"qs-responsible": "-1"}).status_code == 400
    assert stored(assessment_id) == {}


def test_validation_error_keeps_every_typed_answer(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    assessment_id = start(client, company.id)
    url = domain_url(assessment_id, "devices-network")
    _html, prints = load(client, url)
    response = save(client, url, prints, {"qs-devices": "2", "qs-patching": "5", "qs-plant-network": "na"},
                    notes={"qs-patching": "Mises à jour le mardi"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Expliquez pourquoi la question ne s'applique pas" in text(html)
    assert checked(html) == {"qs-devices": "2", "qs-patching": "5", "qs-plant-network": "na"}
    assert "Mises à jour le mardi</textarea>" in html
    assert stored(assessment_id) == {}
    ok = save(client, url, prints, {"qs-plant-network": "na"}, justifications={"qs-plant-network": "Aucune usine"})
    assert ok.status_code == 302
    assert stored(assessment_id) == {"qs-plant-network": ("na", "Aucune usine", "")}


def test_na_is_refused_where_the_question_does_not_allow_it(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    assessment_id = start(client, company.id)
    url = domain_url(assessment_id, "access")
    _html, prints = load(client, url)
    response = save(client, url, prints, {"qs-mfa-all": "na"}, justifications={"qs-mfa-all": "pas besoin"})
    assert response.status_code == 400
    assert stored(assessment_id) == {}


def test_another_companys_assessment_is_out_of_reach(client, make):
    other = make.make_company()
    theirs = make.make_assessment(other, answers={"qs-mfa-all": "1"})
    make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    for url in (f"/assessments/{theirs.id}", domain_url(theirs.id, "access"), f"/assessments/{theirs.id}/results",
                f"/assessments/{theirs.id}/submit"):
        assert client.get(url).status_code == 404
    assert save(client, domain_url(theirs.id, "access"), {}, {"qs-mfa-all": "5"}).status_code == 404
    assert post(client, f"/assessments/{theirs.id}/submit").status_code == 404
    assert stored(theirs.id) == {"qs-mfa-all": ("1", "", "")}


def test_two_members_saving_different_questions_both_persist(app, client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_member(company, make.make_user(email="m@example.ca"))
    colleague = app.test_client()
    login(client, "o@example.ca")
    login(colleague, "m@example.ca")
    assessment_id = start(client, company.id)
    url = domain_url(assessment_id, "access")
    _html, mine = load(client, url)
    _html, theirs = load(colleague, url)
    assert save(client, url, mine, {"qs-accounts": "3"}).status_code == 302
    assert save(colleague, url, theirs, {"qs-mfa-all": "1"}).status_code == 302
    assert {k: v[0] for k, v in stored(assessment_id).items()} == {"qs-accounts": "3", "qs-mfa-all": "1"}


def test_conflicting_change_shows_both_values_and_loses_nothing(app, client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_member(company, make.make_user(email="m@example.ca", name="Luc Gagnon"))
    colleague = app.test_client()
    login(client, "o@example.ca")
    login(colleague, "m@example.ca")
    assessment_id = start(client, company.id)
    url = domain_url(assessment_id, "access")
    _html, mine = load(client, url)
    _html, theirs = load(colleague, url)
    assert save(colleague, url, theirs, {"qs-mfa-all": "2"}).status_code == 302
    response = save(client, url, mine, {"qs-mfa-all": "4", "qs-physical": "3"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Quelqu'un d'autre a modifié cette réponse" in text(html)
    assert "Niveau 2" in html  # their value is shown...
    assert checked(html)["qs-mfa-all"] == "4"  # ...beside mine, still selected
    assert {k: v[0] for k, v in stored(assessment_id).items()} == {"qs-mfa-all": "2", "qs-physical": "3"}
    _fresh, prints = load(client, url)
    assert save(client, url, prints, {"qs-mfa-all": "4", "qs-physical": "3"}).status_code == 302
    assert stored(assessment_id)["qs-mfa-all"][0] == "4"


def test_submitted_assessment_is_read_only(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    assessment = make.make_assessment(company, answers={"qs-mfa-all": "1"}, submitted=True)
    login(client, "o@example.ca")
    url = domain_url(assessment.id, "access")
    html, prints = load(client, url)
    assert "disabled" in html
    assert save(client, url, prints, {"qs-mfa-all": "5"}).headers["Location"].endswith("/results")  # not saved
    assert post(client, f"/assessments/{assessment.id}/submit").headers["Location"].endswith("/results")
    assert stored(assessment.id) == {"qs-mfa-all": ("1", "", "")}


def test_new_assessment_starts_from_the_last_one_and_shows_progress(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_assessment(company, answers={"qs-mfa-all": "1", "qs-accounts": "2", "qs-physical": "2"}, submitted=True)
    login(client, "o@example.ca")
    response = post(client, f"/companies/{company.id}/assessments",
                    {"questionnaire": "quick-scan", "targets": ["cybersecure-canada"], "copy_previous": "y"})
    assessment_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert "3 réponses copiées de votre dernière évaluation" in client.get(f"/assessments/{assessment_id}").get_data(
        as_text=True)
    url = domain_url(assessment_id, "access")
    html, prints = load(client, url)
    assert html.count("cochez pour la confirmer de nouveau") == 3
    response = save(client, url, prints, {"qs-mfa-all": "4", "qs-accounts": "2", "qs-physical": "2"})
    assert response.status_code == 302
    db.session.expire_all()
    confirmed = {row.question_id: row.to_confirm for row in db.session.scalars(
        select(Answer).where(Answer.assessment_id == assessment_id))}
    assert confirmed == {"qs-mfa-all": False, "qs-accounts": True, "qs-physical": True}
    response = save(client, url, prints, {"qs-mfa-all": "4", "qs-accounts": "2", "qs-physical": "2"},
                    confirm=["qs-accounts"])
    assert response.status_code == 302
    db.session.expire_all()
    still = {row.question_id for row in db.session.scalars(
        select(Answer).where(Answer.assessment_id == assessment_id, Answer.to_confirm))}
    assert still == {"qs-physical"}  # re-confirmed without change; its value stays 2
    post(client, f"/assessments/{assessment_id}/submit")
    results = client.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)
    # access: qs-accounts 3, qs-sign-in 3 (unanswered: 0), qs-mfa-all 3, qs-physical 2;
    # before (3*2 + 0 + 3*1 + 2*2)/11 = 1.18, after (3*2 + 0 + 3*4 + 2*2)/11 = 2.0
    assert ["Accès aux systèmes et aux locaux", "2,0", "1,2", "+0,8"] in table_rows(results)
