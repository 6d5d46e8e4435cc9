"""Coaching commitments can be edited and closed by the advisor who keeps the record and by the company."""
import re

import pytest
from sqlalchemy import select

from aluqsec.advisors.models import Commitment
from aluqsec.audit.models import AuditEvent
from aluqsec.auth.models import Role
from aluqsec.extensions import db

from ..conftest import login, post
from .assessment_helpers import text


@pytest.fixture
def record(app, make):
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner)
    advisor = make.make_user(email="adv@example.ca", name="Nadia Conseil", roles=[Role.ADVISOR])
    make.make_grant(company, advisor)
    db.session.commit()
    advisor_client = app.test_client()
    login(advisor_client, "adv@example.ca")
    post(advisor_client, f"/companies/{company.id}/coaching", {
        "met_on": "2026-11-20", "notes": "Revue du plan.",
        "commitments-0-description": "Activer l'AMF", "commitments-0-owner": "Olive",
        "commitments-0-due_on": "2026-12-15",
        "commitments-1-description": "Tester la restauration", "commitments-1-due_on": "2026-12-01"})
    return company, advisor_client


def commitment(description):
    db.session.expire_all()
    return db.session.scalar(select(Commitment).where(Commitment.description == description))


def test_open_commitments_come_first_soonest_due_first(record):
    company, advisor_client = record
    page = text(advisor_client.get(f"/companies/{company.id}/coaching").get_data(as_text=True))
    assert page.index("Tester la restauration") < page.index("Activer l'AMF")
    mfa = commitment("Activer l'AMF")
    restore = commitment("Tester la restauration")
    post(advisor_client, f"/commitments/{restore.id}", {"description": restore.description, "due_on": "2026-12-01",
                                                        "done": "y"})
    page = text(advisor_client.get(f"/companies/{company.id}/coaching").get_data(as_text=True))
    assert page.index("Activer l'AMF") < page.index("Tester la restauration")
    assert "fait le" in page
    assert mfa.done_on is None


def test_the_company_edits_and_reopens_a_commitment(app, record):
    company, _advisor_client = record
    owner_client = app.test_client()
    login(owner_client, "o@example.ca")
    item = commitment("Activer l'AMF")
    response = post(owner_client, f"/commitments/{item.id}", {"description": "Activer l'AMF pour le courriel",
                                                             "owner": "Luc", "due_on": "2027-01-10", "done": "y"})
    assert response.status_code == 302
    changed = commitment("Activer l'AMF pour le courriel")
    assert (changed.owner, changed.due_on.isoformat(), changed.done_on is not None) == ("Luc", "2027-01-10", True)
    post(owner_client, f"/commitments/{item.id}", {"description": "Activer l'AMF pour le courriel", "owner": "Luc"})
    assert commitment("Activer l'AMF pour le courriel").done_on is None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "coaching.commitment")) is not None


def test_bad_input_changes_nothing_and_says_why(app, record):
    company, advisor_client = record
    item = commitment("Activer l'AMF")
    response = post(advisor_client, f"/commitments/{item.id}", {"description": "", "due_on": "pas une date"},
                    follow_redirects=True)
    flashed = text(response.get_data(as_text=True))
    assert "L'engagement n'a pas été enregistré" in flashed
    assert re.search(r"Échéance\s: ", flashed), flashed  # each field named, the colon set apart in French
    assert commitment("Activer l'AMF").due_on.isoformat() == "2026-12-15"
    assert post(advisor_client, f"/commitments/{item.id}", {"description": "x" * 501}).status_code == 303
    assert commitment("Activer l'AMF") is not None


def test_other_advisors_and_companies_cannot_touch_it(app, make, record):
    _company, _advisor_client = record
    item = commitment("Activer l'AMF")
    other_owner = make.make_user(email="b@example.ca")
    make.make_company(owner=other_owner)
    other_advisor = make.make_user(email="adv2@example.ca", roles=[Role.ADVISOR])
    db.session.commit()
    for email in ("b@example.ca", "adv2@example.ca"):
        stranger = app.test_client()
        login(stranger, email)
        assert post(stranger, f"/commitments/{item.id}", {"description": "piraté", "done": "y"}).status_code == 404
    assert other_advisor is not None and commitment("Activer l'AMF").done_on is None
    assert app.test_client().post(f"/commitments/{item.id}").status_code in (302, 400, 401)
