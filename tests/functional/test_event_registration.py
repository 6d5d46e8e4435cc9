"""Registration, waitlist, cancellation: capacity is never oversold."""

import pytest
from sqlalchemy import func, select

from aluqsec.events.models import Event, Registration
from aluqsec.events.services import RegistrationClosed, register
from aluqsec.extensions import db

from ..conftest import login, post
from .assessment_helpers import text
from .concurrency import at_once


def statuses(event_id):
    db.session.expire_all()
    rows = db.session.execute(select(Registration.user_id, Registration.status)
                              .where(Registration.event_id == event_id).order_by(Registration.id))
    return dict(rows.all())


def seats_taken(event_id):
    db.session.expire_all()
    return db.session.get(Event, event_id).seats_taken


def test_full_event_offers_the_waitlist_and_cancellation_promotes_first_in_line(app, make, smtp_server):
    event = make.make_event(capacity=2)
    people = [make.make_user(email=f"p{n}@example.ca", name=f"Personne {n}", language="fr" if n != 3 else "en")
              for n in range(5)]
    clients = []
    for person in people:
        client = app.test_client()
        login(client, person.email)
        assert post(client, f"/events/{event.id}/register").status_code == 302
        clients.append(client)
    ids = [p.id for p in people]
    assert statuses(event.id) == dict(zip(ids, ["confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted"],
                                          strict=True))
    page = text(clients[2].get(f"/events/{event.id}").get_data(as_text=True))
    assert "Vous êtes sur la liste d'attente" in page
    post(clients[0], f"/events/{event.id}/cancel", {"confirm": "yes"})
    assert statuses(event.id)[ids[0]] == "cancelled"
    assert statuses(event.id)[ids[2]] == "confirmed"  # first in line
    assert seats_taken(event.id) == 2
    assert smtp_server.messages[-1]["To"] == "p2@example.ca"
    assert "une place s'est libérée pour vous — « Atelier" in smtp_server.messages[-1]["Subject"]
    post(clients[1], f"/events/{event.id}/cancel", {"confirm": "yes"})
    assert statuses(event.id)[ids[3]] == "confirmed"
    assert smtp_server.messages[-1]["Subject"].startswith("AluQSec: a seat has opened up for you")  # in English for p3
    post(clients[2], f"/events/{event.id}/cancel", {"confirm": "yes"})
    post(clients[3], f"/events/{event.id}/cancel", {"confirm": "yes"})
    assert statuses(event.id)[ids[4]] == "confirmed" and seats_taken(event.id) == 1
    post(clients[4], f"/events/{event.id}/cancel", {"confirm": "yes"})
    assert seats_taken(event.id) == 0


def test_cancelling_and_registering_again_goes_to_the_end_of_the_line(app, make):
    event = make.make_event(capacity=1)
    first, second, third = (make.make_user(email=f"p{n}@example.ca") for n in range(3))
    for person in (first, second, third):
        register(event, person, None)
        db.session.commit()
    cancel_client = app.test_client()
    login(cancel_client, second.email)
    post(cancel_client, f"/events/{event.id}/cancel", {"confirm": "yes"})
    post(cancel_client, f"/events/{event.id}/register")
    post_cancel = app.test_client()
    login(post_cancel, first.email)
    post(post_cancel, f"/events/{event.id}/cancel", {"confirm": "yes"})
    assert statuses(event.id)[third.id] == "confirmed"
    assert statuses(event.id)[second.id] == "waitlisted"


@pytest.mark.parametrize("days_ahead,deadline_days_before,message", [
    (-2, 1, "Cette activité est déjà commencée"),
    (3, 5, "La date limite d'inscription est passée."),
])
def test_past_events_and_passed_deadlines_refuse_registration(client, make, days_ahead, deadline_days_before,
                                                              message):
    event = make.make_event(days_ahead=days_ahead, deadline_days_before=deadline_days_before)
    make.make_user(email="p@example.ca")
    login(client, "p@example.ca")
    response = post(client, f"/events/{event.id}/register", follow_redirects=True)
    assert message in text(response.get_data(as_text=True))
    assert statuses(event.id) == {}
    with pytest.raises(RegistrationClosed):
        register(db.session.get(Event, event.id), make.make_user(), None)


def test_twenty_concurrent_registrations_for_five_seats(app, make):
    event = make.make_event(capacity=5)
    people = [make.make_user(email=f"c{n}@example.ca") for n in range(20)]
    ids = [person.id for person in people]
    def register_one(user_id):
        from aluqsec.auth.models import User
        register(db.session.get(Event, event.id), db.session.get(User, user_id), None)

    errors = at_once(app, register_one, ids)
    assert errors == []
    result = list(statuses(event.id).values())
    assert result.count("confirmed") == 5 and result.count("waitlisted") == 15
    confirmed = db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.event_id == event.id, Registration.status == "confirmed"))
    assert seats_taken(event.id) == confirmed == 5
