"""Destructive actions take two steps: one click only opens the question, nothing changes without confirm=yes."""
import pytest
from sqlalchemy import select

from aluqsec.advisors.models import AdvisorGrant
from aluqsec.auth.models import Role, User
from aluqsec.events.models import Event, Registration
from aluqsec.events.services import register
from aluqsec.extensions import db

from ..conftest import login, post
from .assessment_helpers import text


@pytest.fixture
def owner_with_event(client, make):
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner)
    event = make.make_event()
    register(event, owner, company)
    db.session.commit()
    login(client, "o@example.ca")
    return owner, company, event


def registration_status(event_id):
    db.session.expire_all()
    return db.session.scalar(select(Registration.status).where(Registration.event_id == event_id))


def test_cancelling_a_registration_without_confirmation_changes_nothing(client, owner_with_event):
    _owner, _company, event = owner_with_event
    response = post(client, f"/events/{event.id}/cancel", follow_redirects=True)
    assert registration_status(event.id) == "confirmed"
    assert "Confirmez que vous voulez annuler votre inscription." in text(response.get_data(as_text=True))
    post(client, f"/events/{event.id}/cancel", {"confirm": "yes"})
    assert registration_status(event.id) == "cancelled"


def test_the_event_page_asks_the_question_before_cancelling(client, owner_with_event):
    _owner, _company, event = owner_with_event
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "<details" in page and 'name="confirm" value="yes"' in page
    assert "Votre place ira à la première personne de la liste d'attente." in text(page)


def test_cancelling_an_event_needs_confirmation(app, make):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    event = make.make_event()
    db.session.commit()
    organizer = app.test_client()
    login(organizer, "org@example.ca")
    post(organizer, f"/organizer/events/{event.id}/cancel")
    db.session.expire_all()
    assert not db.session.get(Event, event.id).is_cancelled
    post(organizer, f"/organizer/events/{event.id}/cancel", {"confirm": "yes"})
    db.session.expire_all()
    assert db.session.get(Event, event.id).is_cancelled


def test_revoking_an_advisor_needs_confirmation(client, make):
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner)
    advisor = make.make_user(email="adv@example.ca", name="Nadia Conseil", roles=[Role.ADVISOR])
    grant = make.make_grant(company, advisor)
    db.session.commit()
    login(client, "o@example.ca")
    page = client.get(f"/companies/{company.id}/access").get_data(as_text=True)
    assert "Retirer l'accès de cette personne-conseil?" in text(page)
    post(client, f"/grants/{grant.id}/revoke")
    db.session.expire_all()
    assert db.session.get(AdvisorGrant, grant.id).status == "active"
    post(client, f"/grants/{grant.id}/revoke", {"confirm": "yes"})
    db.session.expire_all()
    assert db.session.get(AdvisorGrant, grant.id).status == "revoked"


def test_a_new_calendar_address_needs_confirmation(client, make):
    make.make_user(email="o@example.ca")
    login(client, "o@example.ca")
    client.get("/my/events")
    token = db.session.scalar(select(User.calendar_token).where(User.email == "o@example.ca"))
    post(client, "/my/calendar/regenerate")
    assert db.session.scalar(select(User.calendar_token).where(User.email == "o@example.ca")) == token
    post(client, "/my/calendar/regenerate", {"confirm": "yes"})
    db.session.expire_all()
    assert db.session.scalar(select(User.calendar_token).where(User.email == "o@example.ca")) != token
