"""No lost answer: autosave through the JSON endpoint, saving section buttons, a review before submitting."""
import re

import pytest
from sqlalchemy import select

from aluqsec.assessments.models import Answer, Assessment
from aluqsec.auth.models import Role
from aluqsec.extensions import db

from ..conftest import csrf_token, login
from .assessment_helpers import load, save, text
from .test_assessments import domain_url, start
from .test_concurrent_save import race


def stored(assessment_id):
    db.session.expire_all()
    rows = db.session.scalars(select(Answer).where(Answer.assessment_id == assessment_id))
    return {row.question_id: (row.value, row.justification, row.note) for row in rows}


def autosave(client, assessment_id, domain, body, token=None):
    headers = {"Accept": "application/json"}
    if token is not False:
        headers["X-CSRFToken"] = token or csrf_token(client)
    return client.post(f"{domain_url(assessment_id, domain)}/autosave", json=body, headers=headers)


@pytest.fixture
def draft(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    return start(client, company.id)


def test_answer_page_loads_the_autosave_script_from_the_app_and_no_inline_script(client, draft):
    html, _prints = load(client, domain_url(draft, "access"))
    assert f'data-autosave="/assessments/{draft}/domains/access/autosave"' in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all("src=" in attributes for attributes in scripts)  # the CSP allows only files from the app
    assert any("/static/js/autosave.js" in attributes for attributes in scripts)
    served = client.get("/static/js/autosave.js")
    assert served.status_code == 200 and served.mimetype in ("text/javascript", "application/javascript")
    served.close()
    assert "script-src 'self'" in client.get(domain_url(draft, "access")).headers["Content-Security-Policy"]


def test_each_answer_is_saved_as_it_changes_and_the_page_shows_it(client, draft):
    url = domain_url(draft, "access")
    _html, prints = load(client, url)
    response = autosave(client, draft, "access", {"question": "qs-mfa-all", "value": "3", "note": "Authy partout",
                                                  "fingerprint": prints["qs-mfa-all"]})
    assert response.status_code == 200 and response.json["saved"] is True
    assert stored(draft) == {"qs-mfa-all": ("3", "", "Authy partout")}
    # the fingerprint returned is the one the page now carries: the next change is no conflict
    html, fresh = load(client, url)
    assert fresh["qs-mfa-all"] == response.json["fingerprint"] and "Authy partout" in html
    again = autosave(client, draft, "access", {"question": "qs-mfa-all", "value": "4", "note": "Authy partout",
                                               "fingerprint": response.json["fingerprint"]})
    assert again.status_code == 200 and stored(draft)["qs-mfa-all"][0] == "4"


@pytest.mark.parametrize("body,status,message", [
    ("not json", 400, "Cette réponse n'a pas pu être lue"),
    ({"question": "qs-nope", "value": "3"}, 400, "Cette réponse n'a pas pu être lue"),
    ({"question": "qs-responsible", "value": "3"}, 400, "Cette réponse n'a pas pu être lue"),  # another domain
    ({"question": "qs-mfa-all", "value": 3}, 400, "Cette réponse n'a pas pu être lue"),
    ({"question": "qs-mfa-all", "value": "3", "extra": "x"}, 400, "Cette réponse n'a pas pu être lue"),
    ({"question": "qs-mfa-all", "value": "7"}, 400, "Choisissez une des réponses proposées."),
    ({"question": "qs-mfa-all", "value": "3", "note": "x" * 4001}, 400, "Le texte est trop long"),
    ({"question": "qs-mfa-all", "value": "3", "note": "x" * 30000}, 413, None),
])
def test_bad_autosave_bodies_get_4xx_with_a_message_and_change_nothing(client, draft, body, status, message):
    token = csrf_token(client)
    response = client.post(f"{domain_url(draft, 'access')}/autosave", headers={
        "X-CSRFToken": token, "Accept": "application/json",
        "Content-Type": "application/json"}, data=body if isinstance(body, str) else None,
        json=None if isinstance(body, str) else body)
    assert response.status_code == status
    if message:
        assert message in response.json["message"]
    assert stored(draft) == {}


def test_autosave_without_the_csrf_token_is_refused(client, draft):
    response = autosave(client, draft, "access", {"question": "qs-mfa-all", "value": "3"}, token=False)
    assert response.status_code == 400 and stored(draft) == {}


def test_autosave_refused_to_advisors_and_strangers(app, client, make, draft):
    company = db.session.get(Assessment, draft).company
    advisor = make.make_user(email="adv@example.ca", roles=[Role.ADVISOR])
    make.make_grant(company, advisor, "review")
    make.make_user(email="x@example.ca")
    for email, status in (("adv@example.ca", 403), ("x@example.ca", 404)):
        other = app.test_client()
        login(other, email)
        assert autosave(other, draft, "access", {"question": "qs-mfa-all", "value": "3"}).status_code == status
    assert stored(draft) == {}


def test_autosave_after_submission_answers_409(client, draft):
    token = csrf_token(client)
    client.post(f"/assessments/{draft}/submit", data={"csrf_token": token})
    response = autosave(client, draft, "access", {"question": "qs-mfa-all", "value": "3"}, token=token)
    assert response.status_code == 409 and response.json["submitted"] is True
    assert "soumise entre-temps" in response.json["message"]


def test_autosave_of_an_answer_changed_by_a_colleague_answers_409(app, client, make, draft):
    colleague = app.test_client()
    make.make_member(db.session.get(Assessment, draft).company, make.make_user(email="m@example.ca"))
    login(colleague, "m@example.ca")
    _html, prints = load(client, domain_url(draft, "access"))
    assert autosave(colleague, draft, "access", {"question": "qs-mfa-all", "value": "2",
                                                 "fingerprint": prints["qs-mfa-all"]}).status_code == 200
    mine = autosave(client, draft, "access",
                    {"question": "qs-mfa-all", "value": "4", "fingerprint": prints["qs-mfa-all"]})
    assert mine.status_code == 409 and "quelqu'un d'autre a modifié cette réponse" in mine.json["message"].lower()
    assert stored(draft)["qs-mfa-all"][0] == "2"


def test_simultaneous_autosaves_one_wins_the_other_gets_409_json(app, client, make, draft):
    colleague = app.test_client()
    make.make_member(db.session.get(Assessment, draft).company, make.make_user(email="m@example.ca"))
    login(colleague, "m@example.ca")
    _html, prints = load(client, domain_url(draft, "access"))
    requests = {name: (who, {"json": {"question": "qs-mfa-all", "value": value, "fingerprint": prints["qs-mfa-all"]},
                             "headers": {"X-CSRFToken": csrf_token(who), "Accept": "application/json"}})
                for name, who, value in (("owner", client, "4"), ("member", colleague, "2"))}
    outcome = race(app, f"{domain_url(draft, 'access')}/autosave", requests)
    statuses = sorted(response.status_code for response in outcome.values())
    assert statuses == [200, 409], statuses
    winner = next(name for name, response in outcome.items() if response.status_code == 200)
    assert stored(draft)["qs-mfa-all"][0] == {"owner": "4", "member": "2"}[winner]


@pytest.mark.parametrize("then,lands", [("next", "devices-network"), ("previous", "governance")])
def test_section_buttons_save_what_was_typed(client, draft, then, lands):
    url = domain_url(draft, "access")
    _html, prints = load(client, url)
    response = save(client, url, prints, {"qs-mfa-all": "2"}, notes={"qs-accounts": "Comptes nominatifs"}, then=then)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(domain_url(draft, lands))
    assert stored(draft) == {"qs-mfa-all": ("2", "", ""), "qs-accounts": (None, "", "Comptes nominatifs")}


@pytest.mark.parametrize("language,heading,level,why", [
    ("fr", "Vos réponses", "Niveau 2", "Pourquoi elle ne s'applique pas :"),
    ("en", "Your answers", "Level 2", "Why it does not apply:")])
def test_review_step_shows_every_answer_and_note_domain_by_domain(client, make, language, heading, level, why):
    from aluqsec.questionnaires.services import get_bank

    company = make.make_company(owner=make.make_user(email="e@example.ca", language=language))
    login(client, "e@example.ca")
    assessment_id = start(client, company.id)
    _html, prints = load(client, domain_url(assessment_id, "access"))
    save(client, domain_url(assessment_id, "access"), prints, {"qs-mfa-all": "2"},
         notes={"qs-mfa-all": "Authy au bureau"})
    page = text(client.get(f"/assessments/{assessment_id}/submit").get_data(as_text=True))
    assert heading in page and "Authy au bureau" in page
    quick_scan = get_bank().latest("quick-scan")
    mfa = quick_scan.question("qs-mfa-all")
    assert f"{level} – {mfa.options[2].text.get(language)}" in page
    for domain in quick_scan.domains:  # every domain and every question, in order
        assert domain.title.get(language) in page
        for question in domain.questions:
            assert question.text.get(language) in page
    first, last = (quick_scan.domains[i].title.get(language) for i in (0, -1))
    assert page.index(first) < page.index(last)
    assert why not in page  # no N/A answer here
