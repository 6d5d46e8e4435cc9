"""Organizers and admins land on a dashboard that tells them something, in bounded queries."""
import re

from aluqsec.auth.models import Role
from aluqsec.events.services import register
from aluqsec.extensions import db

from ..conftest import login
from .assessment_helpers import text


def visible(html):
    """Return the page's words without tags."""
    return text(re.sub(r"<[^>]+>", " ", html))


def test_organizer_sees_the_next_events_with_seats_and_waitlist(client, make):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    event = make.make_event(capacity=1)
    for n in range(3):
        register(event, make.make_user(email=f"p{n}@example.ca"), None)
    db.session.commit()
    login(client, "org@example.ca")
    page = visible(client.get("/").get_data(as_text=True))
    assert "1 activité à venir est prévue." in page
    row = page[page.index(event.title_fr):]
    assert "1 / 1 2 " in row[:200]  # seats taken, then the waitlist


def test_admin_sees_counts_and_the_latest_audit_entries(client, make):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    make.make_user(email="adv@example.ca", roles=[Role.ADVISOR])
    make.make_company(owner=make.make_user(email="o@example.ca"))
    db.session.commit()
    login(client, "admin@example.ca")
    page = visible(client.get("/").get_data(as_text=True))
    assert "Comptes 3" in page and "Entreprises 1" in page
    assert "Journal d'audit" in page


def test_staff_dashboard_queries_do_not_grow_with_events(client, make, count_queries):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER, Role.ADMIN])
    make.make_event()
    db.session.commit()
    login(client, "org@example.ca")
    with count_queries() as few:
        client.get("/")
    for days in range(20, 40):
        event = make.make_event(days_ahead=days)
        register(event, make.make_user(email=f"x{days}@example.ca"), None)
    db.session.commit()
    with count_queries() as many:
        client.get("/")
    assert many.count == few.count
