"""Evidence beside the questions: attach while answering, come back to the question, and find the question again."""
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from aluqsec.audit.models import AuditEvent
from aluqsec.auth.models import Role
from aluqsec.evidence.models import EvidenceItem
from aluqsec.extensions import db

from ..conftest import login, post
from .evidence_helpers import item_id, text, upload

QUESTION = "qs-incident-plan"  # maps to CyberSecure Canada 3.1 and Law 25 L25-INCIDENTS, L25-INCIDENT-REGISTER
QUESTION_TARGETS = ["cybersecure-canada|3.1|incident-plan", "cybersecure-canada|3.1|incident-contacts",
                    "law25|L25-INCIDENTS|incident-procedure", "law25|L25-INCIDENT-REGISTER|incident-register"]


@pytest.fixture(autouse=True)
def evidence_dir(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EVIDENCE_DIR", str(tmp_path / "evidence"))


def _setup(make, submitted=False):
    owner = make.make_user(name="Odile Owner")
    company = make.make_company(owner=owner, legal_name="Usine Alpha inc.")
    advisor = make.make_user(name="Adèle Advisor", roles=[Role.ADVISOR])
    make.make_grant(company, advisor, scope="review")
    assessment = make.make_assessment(company, answers={QUESTION: "2"}, submitted=submitted, user=owner)
    return company, owner, advisor, assessment


def _attach_link(page, question_id):
    """Return the href of the "attach evidence" link inside the question's fieldset, or None."""
    block = re.search(rf'<fieldset[^>]*id="question-{question_id}".*?</fieldset>', page, re.S).group(0)
    found = re.search(r'<a href="([^"]+)">Joindre une preuve<', block)
    return unescape(found.group(1)) if found else None


def test_attach_evidence_beside_a_question_presets_its_requirements_and_returns_to_it(client, make):
    company, owner, _advisor, assessment = _setup(make)
    login(client, owner.email)
    domain_url = f"/assessments/{assessment.id}/domains/people-incidents"
    href = _attach_link(text(client.get(domain_url)), QUESTION)
    assert href is not None
    query = parse_qs(urlsplit(href).query)
    assert sorted(query["target"]) == sorted(QUESTION_TARGETS)
    assert query["next"] == [f"{domain_url}#question-{QUESTION}"]
    library = text(client.get(href))
    assert "Retour à la question" in library
    chosen = set(re.findall(r'<option selected value="([^"]+)"|<option value="([^"]+)" selected', library))
    chosen = {a or b for a, b in chosen}
    assert chosen >= set(QUESTION_TARGETS)
    response = upload(client, company.id, QUESTION_TARGETS[:2], next=query["next"][0], title="Plan signé")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{domain_url}#question-{QUESTION}")
    item = db.session.scalar(select(EvidenceItem))
    assert {(link.framework_id, link.requirement_id, link.kind_id) for link in item.links} == {
        ("cybersecure-canada", "3.1", "incident-plan"), ("cybersecure-canada", "3.1", "incident-contacts")}


def test_an_outside_next_address_is_ignored_after_adding(client, make):
    company, owner, _advisor, _assessment = _setup(make)
    login(client, owner.email)
    response = upload(client, company.id, QUESTION_TARGETS[:1], next="https://evil.example/phish")
    assert response.status_code == 302
    assert re.search(r"/evidence/items/\d+$", response.headers["Location"])


def test_the_attach_link_stays_after_submission_and_advisors_never_get_it(client, make):
    company, owner, advisor, assessment = _setup(make, submitted=True)
    login(client, owner.email)
    page = text(client.get(f"/assessments/{assessment.id}/domains/people-incidents"))
    assert _attach_link(page, QUESTION) is not None  # still useful once the assessment is submitted
    post(client, "/auth/logout")
    login(client, advisor.email)
    page = text(client.get(f"/assessments/{assessment.id}/domains/people-incidents"))
    assert "Joindre une preuve" not in page


def test_checklist_and_item_link_to_the_questions_that_ask_the_requirement(client, make):
    company, owner, _advisor, assessment = _setup(make)
    login(client, owner.email)
    item = item_id(upload(client, company.id, QUESTION_TARGETS[:1]))
    anchor = f'href="/assessments/{assessment.id}/domains/people-incidents#question-{QUESTION}"'
    checklist = text(client.get(f"/evidence/companies/{company.id}/checklist/cybersecure-canada"))
    row = re.search(r'id="req-3.1".*?</th>', checklist, re.S).group(0)
    assert "Posée dans" in row and anchor in row
    page = text(client.get(f"/evidence/items/{item}"))
    assert anchor in page and "Plan de réponse aux incidents signé" in page
    post(client, "/language", {"language": "en"})
    english = text(client.get(f"/evidence/items/{item}"))
    assert "Asked in" in english and "Signed incident response plan" in english


def test_linking_existing_evidence_to_a_question_restarts_its_review_and_is_audited(client, make):
    company, owner, advisor, assessment = _setup(make)
    login(client, owner.email)
    item = item_id(upload(client, company.id, QUESTION_TARGETS[:1]))
    post(client, "/auth/logout")
    login(client, advisor.email)
    post(client, f"/evidence/items/{item}/review", {"decision": "accepted", "comment": ""})
    post(client, "/auth/logout")
    login(client, owner.email)
    back = f"/assessments/{assessment.id}/domains/people-incidents#question-{QUESTION}"
    refused = post(client, f"/evidence/companies/{company.id}/links", {"link-item": "999999",
                                                                        "link-targets": QUESTION_TARGETS[2:]})
    assert refused.status_code == 400 and "Plan de réponse signé" in text(refused)
    assert len(db.session.get(EvidenceItem, item).links) == 1
    response = post(client, f"/evidence/companies/{company.id}/links",
                    {"link-item": str(item), "link-targets": QUESTION_TARGETS[2:], "next": back})
    assert response.status_code == 302 and response.headers["Location"].endswith(back)
    found = db.session.get(EvidenceItem, item)
    db.session.refresh(found)
    assert found.review == "pending" and len(found.links) == 3
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "evidence.linked"))
    post(client, "/auth/logout")
    login(client, advisor.email)
    forbidden = post(client, f"/evidence/companies/{company.id}/links",
                     {"link-item": str(item), "link-targets": QUESTION_TARGETS[:1]})
    assert forbidden.status_code == 404  # like adding: only members change the library
