"""Organizers schedule, edit, duplicate and cancel events; they never see companies' answers."""
import csv
import io
from datetime import datetime, timedelta
from html import unescape

import pytest
from sqlalchemy import func, select

from aluqsec.auth.models import Role
from aluqsec.events.models import Event
from aluqsec.events.services import register
from aluqsec.extensions import db

from ..conftest import login, post
from .assessment_helpers import text
from .job_helpers import run_jobs


def local(days, hour=9):
    moment = (datetime.now() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return moment.strftime("%Y-%m-%dT%H:%M")


def event_form(**overrides):
    data = {"kind": "circle", "title_fr": "Cercle TO Saguenay", "title_en": "Saguenay OT circle",
            "description_fr": "Trois rencontres sur les automates.", "description_en": "Three meetings on PLCs.",
            "topics": ["plant-floor-ot"], "language": "fr", "format": "in_person",
            "address": "1 rue Racine, Chicoutimi", "region": "02", "capacity": "12",
            "registration_deadline": local(10), "facilitator": "Nadia Côté",
            "sessions-0-starts_at": local(14), "sessions-0-ends_at": local(14, 12),
            "sessions-1-starts_at": local(28), "sessions-1-ends_at": local(28, 12),
            "sessions-2-starts_at": local(42), "sessions-2-ends_at": local(42, 12)}
    data.update(overrides)
    return data


def events_count():
    return db.session.scalar(select(func.count()).select_from(Event))


@pytest.fixture
def organizer(client, make):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")
    return client


def test_organizer_schedules_a_circle_of_three_sessions(organizer, make):
    response = post(organizer, "/organizer/events/new", event_form())
    assert response.status_code == 302
    event = db.session.scalar(select(Event))
    assert len(event.sessions) == 3 and event.capacity == 12
    # 9:00 in Montreal is 13:00 or 14:00 UTC depending on daylight saving time
    assert event.sessions[0].starts_at.hour in (13, 14)
    assert "Cercle TO Saguenay" in organizer.get("/organizer/events").get_data(as_text=True)


@pytest.mark.parametrize("overrides,message", [
    ({"sessions-0-ends_at": local(14, 8)}, "La fin doit venir après le début."),
    ({"registration_deadline": local(20)}, "La date limite d'inscription doit précéder la première séance."),
    ({"format": "online", "online_link": ""}, "Indiquez le lien d'une activité en ligne."),
    ({"kind": "training"}, "Seul un cercle de partage peut compter plusieurs séances."),
    ({"capacity": "0"}, "Nombre de places"),
])
def test_bad_event_input_is_explained_kept_and_not_stored(organizer, make, overrides, message):
    response = post(organizer, "/organizer/events/new", event_form(**overrides))
    page = text(response.get_data(as_text=True))
    assert response.status_code == 400
    assert message in page
    assert 'value="Cercle TO Saguenay"' in response.get_data(as_text=True)
    assert events_count() == 0


@pytest.mark.parametrize("confirmed,message", [(3, "3 personnes sont déjà confirmées"),
                                               (2, "2 personnes sont déjà confirmées")])
def test_capacity_cannot_drop_below_confirmed_registrations(organizer, make, confirmed, message):
    event = make.make_event(capacity=5)
    for _ in range(confirmed):
        register(event, make.make_user(), None)
    db.session.commit()
    data = event_form(kind="training", capacity=str(confirmed - 1),
                      **{"sessions-1-starts_at": "", "sessions-1-ends_at": "",
                         "sessions-2-starts_at": "", "sessions-2-ends_at": ""})
    response = post(organizer, f"/organizer/events/{event.id}/edit", data)
    assert response.status_code == 400
    assert message in text(response.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Event, event.id).capacity == 5


def test_duplicate_keeps_content_but_asks_for_new_dates(organizer, make):
    event = make.make_event()
    html = organizer.get(f"/organizer/events/{event.id}/duplicate").get_data(as_text=True)
    assert 'value="Atelier réponse aux incidents"' in html
    assert 'name="sessions-0-starts_at" type="datetime-local" value=""' in html


def test_cancelling_an_event_notifies_registrants(organizer, make, smtp_server):
    event = make.make_event()
    register(event, make.make_user(email="a@example.ca"), None)
    register(event, make.make_user(email="b@example.ca", language="en"), None)
    db.session.commit()
    assert post(organizer, f"/organizer/events/{event.id}/cancel", {"confirm": "yes"}).status_code == 302
    assert smtp_server.messages == []  # the notices leave the request: a worker sends them
    run_jobs(organizer.application)
    assert sorted(m["To"] for m in smtp_server.messages) == ["a@example.ca", "b@example.ca"]
    subjects = {m["To"]: m["Subject"] for m in smtp_server.messages}
    assert subjects["a@example.ca"].endswith("est annulée") and subjects["b@example.ca"].endswith("is cancelled")


def test_attendance_message_and_csv(organizer, make, smtp_server):
    company = make.make_company(legal_name="Alu Nord inc.")
    person = company.memberships[0].user
    event = make.make_event()
    registration = register(event, person, company)
    for session in event.sessions:  # the workshop took place yesterday
        session.starts_at -= timedelta(days=15)
        session.ends_at -= timedelta(days=15)
    db.session.commit()
    post(organizer, f"/organizer/events/{event.id}/attendance",
         {f"present-{event.sessions[0].id}": [str(registration.id)]})
    rows = list(csv.reader(io.StringIO(organizer.get(f"/organizer/events/{event.id}/registrations.csv")
                                       .get_data().decode("utf-8-sig")), delimiter=";"))  # French Excel
    assert rows[0][3:] == ["Statut", "Date d'inscription", "Séances suivies", "Terminé"]
    assert rows[1][0] == "Alu Nord inc." and rows[1][3] == "Place confirmée" and rows[1][5:] == ["1", "Oui"]
    sent = post(organizer, f"/organizer/events/{event.id}/message", {"subject": "Stationnement", "body": "Porte 3."},
                follow_redirects=True)
    assert "Message mis en file d'envoi pour 1 personne : l'envoi" in unescape(sent.get_data(as_text=True))
    run_jobs(organizer.application)
    assert smtp_server.messages[-1]["Subject"] == "Stationnement"
    assert "Porte 3." in smtp_server.body()


def test_non_organizers_get_403_and_organizers_never_see_answers(client, make):
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner)
    assessment = make.make_assessment(company, answers={"qs-mfa-all": "1"}, submitted=True)
    login(client, "o@example.ca")
    for url in ("/organizer/events", "/organizer/events/new", "/organizer/demand"):
        assert client.get(url).status_code == 403
    post(client, "/auth/logout")
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")
    for url in (f"/assessments/{assessment.id}/results", f"/assessments/{assessment.id}/domains/access",
                f"/companies/{company.id}", f"/companies/{company.id}/plan"):
        assert client.get(url).status_code == 404


def test_registrations_list_confirmed_then_waitlist_then_cancelled(organizer, make):
    from aluqsec.events.services import cancel_registration

    event = make.make_event(capacity=1)
    people = [make.make_user(email=f"{name}@example.ca", name=name) for name in ("Ana", "Ben", "Cleo")]
    registrations = [register(event, person, None) for person in people]
    cancel_registration(registrations[0])  # Ana cancels: Ben gets the seat, Cleo waits
    db.session.commit()
    rows = list(csv.reader(io.StringIO(organizer.get(f"/organizer/events/{event.id}/registrations.csv")
                                       .get_data().decode("utf-8-sig")), delimiter=";"))
    assert [(row[1], row[3]) for row in rows[1:]] == [
        ("Ben", "Place confirmée"), ("Cleo", "Sur la liste d'attente"), ("Ana", "Inscription annulée")]


def test_organizer_messages_are_limited_per_sender(app, organizer, make, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config["MAIL_LIMITS"], "organizer_message", {"sender": (2, 3600)})
    event = make.make_event()
    register(event, make.make_user(email="a@example.ca"), None)
    db.session.commit()
    url = f"/organizer/events/{event.id}/message"
    statuses = [post(organizer, url, {"subject": f"Note {n}", "body": "Porte 3."}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    run_jobs(app)
    assert len(smtp_server.messages) == 2
    refused = post(organizer, url, {"subject": "Encore", "body": "Porte 4."})
    html = refused.get_data(as_text=True)
    assert "Vous avez envoyé beaucoup de messages dans la dernière heure" in html
    assert "Porte 4." in html  # the typed message is kept


@pytest.mark.parametrize("data", [{"subject": "", "body": "Porte 3."}, {"subject": "Note", "body": ""}])
def test_a_bad_message_about_a_circle_is_explained_and_kept(organizer, make, smtp_server, data):
    # make security found a 500: the page re-rendered for a series lacked its attendance figures.
    circle = make.make_event(sessions=3)
    register(circle, make.make_user(email="a@example.ca"), None)
    db.session.commit()
    refused = post(organizer, f"/organizer/events/{circle.id}/message", data)
    assert refused.status_code == 400
    html = unescape(refused.get_data(as_text=True))
    assert "La série est terminée pour une personne présente" in html and (data["body"] or data["subject"]) in html
    assert smtp_server.messages == []
