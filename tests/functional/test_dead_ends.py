"""Dead ends of issue 12 point 8: every click leads somewhere that makes sense, in French and English."""
from datetime import UTC, datetime

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select, text

from aluqsec import create_app
from aluqsec.assessments.models import Answer, Assessment
from aluqsec.auth.models import Role
from aluqsec.extensions import db

from ..conftest import config_for, csrf_token, login, post
from .assessment_helpers import load, save
from .test_assessments import domain_url, start
from .test_concurrent_save import race
from .test_questionnaire_upload import VALID, upload


def drafts(company_id, questionnaire_id):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Assessment).where(
        Assessment.company_id == company_id, Assessment.questionnaire_id == questionnaire_id,
        Assessment.status == "draft"))


def follow(client, response):
    return client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("language,home", [("fr", "Profil de l'entreprise"), ("en", "Company profile")])
def test_advisor_breadcrumb_opens_the_company_page_they_may_see(client, make, language, home):
    company = make.make_company(owner=make.make_user(email="o@example.ca"), legal_name="Usinage Alma inc.")
    advisor = make.make_user(email="adv@example.ca", roles=[Role.ADVISOR], language=language)
    make.make_grant(company, advisor, "review")
    assessment = make.make_assessment(company, answers={"qs-mfa-all": "2"}, submitted=True)
    login(client, "adv@example.ca")
    for page in (f"/assessments/{assessment.id}/results", f"/assessments/{assessment.id}/review"):
        html = client.get(page).get_data(as_text=True)
        crumb = html.split('<ol class="breadcrumb">')[1].split('href="')[1].split('"')[0]
        assert crumb == f"/companies/{company.id}"
        opened = client.get(crumb)
        assert opened.status_code == 200 and "Usinage Alma inc." in opened.get_data(as_text=True)


def test_member_breadcrumb_still_opens_the_assessments(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    assessment_id = start(client, company.id)
    html = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert f'<li class="breadcrumb-item"><a href="/companies/{company.id}/assessments">' in html


@pytest.mark.parametrize("language,message", [
    ("fr", "Cette évaluation est déjà soumise : voici ses résultats."),
    ("en", "This assessment is already submitted: here are its results.")])
def test_back_or_a_second_tab_after_submitting_shows_the_results(app, client, make, language, message):
    company = make.make_company(owner=make.make_user(email="o@example.ca", language=language))
    login(client, "o@example.ca")
    assessment_id = start(client, company.id)
    second_tab = post(client, f"/assessments/{assessment_id}/submit")  # both tabs hold a valid form
    assert second_tab.status_code == 302
    submitted_at = db.session.get(Assessment, assessment_id).submitted_at
    token = csrf_token(client)  # read first: reading a page shows (and uses up) the messages
    for send in (lambda: client.get(f"/assessments/{assessment_id}/submit"),  # Back
                 lambda: client.post(f"/assessments/{assessment_id}/submit", data={"csrf_token": token})):  # tab 2
        response = send()
        assert response.status_code == 302
        assert response.headers["Location"] == f"/assessments/{assessment_id}/results"
        assert message in follow(client, response)
    db.session.expire_all()
    assert db.session.get(Assessment, assessment_id).submitted_at == submitted_at  # submitted once


def test_answers_posted_from_a_stale_tab_after_submission_say_they_were_not_saved(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    assessment_id = start(client, company.id)
    url = domain_url(assessment_id, "access")
    _html, prints = load(client, url)
    post(client, f"/assessments/{assessment_id}/submit")
    data = {"csrf_token": csrf_token(client), "q-qs-mfa-all": "5", "then": "stay"}
    data.update({f"f-{qid}": value for qid, value in prints.items()})
    response = client.post(url, data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/results")
    assert "Ces réponses n&#39;ont pas été enregistrées" in follow(client, response)
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_clicking_start_twice_opens_the_same_draft(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    first = start(client, company.id)
    again = post(client, f"/companies/{company.id}/assessments", {"questionnaire": "quick-scan"})
    assert again.headers["Location"] == f"/assessments/{first}"
    assert "Un brouillon de ce questionnaire est déjà ouvert" in follow(client, again)
    assert drafts(company.id, "quick-scan") == 1
    start(client, company.id, "baseline")  # another questionnaire has its own draft
    assert drafts(company.id, "baseline") == 1


def test_simultaneous_starts_create_one_draft(app, client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_member(company, make.make_user(email="m@example.ca"))
    colleague = app.test_client()
    login(client, "o@example.ca")
    login(colleague, "m@example.ca")
    url = f"/companies/{company.id}/assessments"
    requests = {name: (who, {"data": {"csrf_token": csrf_token(who), "questionnaire": "baseline"}})
                for name, who in (("owner", client), ("member", colleague))}
    results = race(app, url, requests, table="FROM assessments")
    assert [response.status_code for response in results.values()] == [302, 302]
    assert len({response.headers["Location"] for response in results.values()}) == 1  # the same draft
    assert drafts(company.id, "baseline") == 1


def test_the_database_refuses_a_second_draft(make):
    company = make.make_company()
    first = make.make_assessment(company, "baseline")
    with pytest.raises(Exception, match="(?i)unique"):
        db.session.add(Assessment(company_id=company.id, questionnaire_id="baseline", questionnaire_version="x",
                                  content_hash="x", targets=[], status="draft"))
        db.session.flush()
    db.session.rollback()
    assert db.session.get(Assessment, first.id).status == "draft"


@pytest.mark.parametrize("language,title,option", [("fr", "Questionnaire pilote", "Faites-vous des sauvegardes?"),
                                                   ("en", "Pilot questionnaire", "Do you make backups?")])
def test_uploaded_version_is_offered_then_answerable(app, client, make, language, title, option):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    company = make.make_company(owner=make.make_user(email="o@example.ca", language=language))
    admin = app.test_client()
    login(admin, "admin@example.ca")
    login(client, "o@example.ca")
    url = f"/companies/{company.id}/assessments"
    assert 'value="pilot"' not in client.get(url).get_data(as_text=True)
    assert upload(admin, VALID).status_code == 302  # published
    form = client.get(url).get_data(as_text=True)
    assert 'value="pilot"' in form and title in form
    assessment_id = start(client, company.id, "pilot", ("cmmc-l1",))
    assert db.session.get(Assessment, assessment_id).questionnaire_version == "1.0"
    page, prints = load(client, domain_url(assessment_id, "backups"))
    assert option in page
    assert save(client, domain_url(assessment_id, "backups"), prints, {"pilot-backups": "3"}).status_code == 302
    assert post(client, f"/assessments/{assessment_id}/submit").status_code == 302
    results = client.get(f"/assessments/{assessment_id}/results")
    assert results.status_code == 200 and title in results.get_data(as_text=True)


@pytest.mark.parametrize("language,expected", [
    ("fr", "domains[0].questions[0].help: le texte anglais est manquant"),
    ("en", "domains[0].questions[0].help: the English text is missing")])
def test_validator_says_which_text_is_missing_in_a_real_sentence(client, make, language, expected):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN], language=language)
    login(client, "admin@example.ca")
    broken = VALID.replace(b'help: {fr: "Elles permettent de repartir.", en: "They let you start again."}',
                           b'help: {fr: "Elles permettent de repartir."}')
    html = upload(client, broken).get_data(as_text=True)
    assert expected in html.replace("&#39;", "'")
    assert "texte en manquant" not in html


def test_migration_merges_drafts_started_twice(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    app = create_app(config_for(url))
    with app.app_context():
        upgrade(revision="5edda810d8c5")
        now = datetime.now(UTC).isoformat(" ")
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO companies (id, legal_name, neq, sector, region, size_band, certifications, language,"
                " created_at) VALUES (1, 'A inc.', '1100000001', 'other', '02', '10-49', '[]', 'fr', :now)"),
                {"now": now})
            for assessment_id in (1, 2, 3):
                connection.execute(text(
                    "INSERT INTO assessments (id, company_id, questionnaire_id, questionnaire_version, content_hash,"
                    " targets, status, created_at) VALUES (:id, 1, 'quick-scan', '1.0', 'h', '[]', 'draft', :now)"),
                    {"id": assessment_id, "now": now})
            for assessment_id, question_id, value in ((1, "qs-mfa-all", "1"), (2, "qs-mfa-all", "2"),
                                                      (2, "qs-accounts", "3"),
                                                      (3, "qs-backups", "4")):
                connection.execute(text(
                    "INSERT INTO answers (assessment_id, question_id, value, justification, note, to_confirm,"
                    " revision, answered_at) VALUES (:a, :q, :v, '', '', 0, 1, :now)"),
                    {"a": assessment_id, "q": question_id, "v": value, "now": now})
        upgrade()
        with db.engine.connect() as connection:
            left = connection.execute(text("SELECT id FROM assessments")).scalars().all()
            kept = connection.execute(text("SELECT question_id, value FROM answers WHERE assessment_id = 2"
                                           " ORDER BY question_id")).all()
        db.engine.dispose()
    assert left == [2]  # the draft with the most answers
    assert [tuple(row) for row in kept] == [("qs-accounts", "3"), ("qs-backups", "4"), ("qs-mfa-all", "2")]

