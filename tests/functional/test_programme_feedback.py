"""After an event, attendees get one survey each; organizers see figures, and words only from 5 answers."""
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from aluqsec.auth.models import Role
from aluqsec.events.models import SessionAttendance
from aluqsec.events.services import register
from aluqsec.extensions import db
from aluqsec.programme.models import EventFeedback
from aluqsec.programme.services import send_feedback_requests

from ..conftest import login, post
from .assessment_helpers import text

MONTREAL = ZoneInfo("America/Montreal")


def held_event(make, people, present, days_ago=1, sessions=1):
    """An event whose last session ended *days_ago* days ago; *present* people were there."""
    event = make.make_event(sessions=sessions, days_ahead=3)
    registrations = [register(event, person, None) for person in people]
    # The last session ends at noon, Montreal time, *days_ago* days ago, whatever the hour the
    # test runs (a 3-hour session moved back from "now" crossed Montreal midnight after 21:00).
    noon = datetime.now(MONTREAL).replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=days_ago)
    for n, session in enumerate(event.sessions):
        session.ends_at = (noon - timedelta(weeks=sessions - 1 - n)).astimezone(UTC)
        session.starts_at = session.ends_at - timedelta(hours=3)
    event.starts_at, event.ends_at = event.sessions[0].starts_at, event.sessions[-1].ends_at
    for registration in registrations[:present]:
        db.session.add(SessionAttendance(registration_id=registration.id, session_id=event.sessions[0].id))
    db.session.commit()
    return event, registrations


def sent_count():
    return db.session.scalar(select(func.count()).select_from(EventFeedback))


def test_survey_goes_once_to_each_attendee_the_day_after(make, smtp_server):
    people = [make.make_user(email=f"p{n}@example.ca", language="en" if n == 1 else "fr") for n in range(3)]
    event, _ = held_event(make, people, present=2)
    assert send_feedback_requests() == 2
    assert sorted(m["To"] for m in smtp_server.messages) == ["p0@example.ca", "p1@example.ca"]  # p2 was absent
    subjects = {m["To"]: m["Subject"] for m in smtp_server.messages}
    assert subjects["p0@example.ca"].startswith("AluQSec : votre avis sur")
    assert subjects["p1@example.ca"].startswith("AluQSec: your opinion on")
    db.session.commit()
    assert send_feedback_requests() == 0 and len(smtp_server.messages) == 2  # run again: nothing more
    assert sent_count() == 2 and event is not None


def test_no_survey_on_the_day_itself_nor_for_old_events(make, smtp_server):
    people = [make.make_user(email=f"p{n}@example.ca") for n in range(2)]
    held_event(make, people[:1], present=1, days_ago=12)
    today = make.make_event(days_ahead=3)
    registration = register(today, people[1], None)
    now = datetime.now(UTC)
    for session in today.sessions:
        session.starts_at, session.ends_at = now - timedelta(minutes=90), now - timedelta(minutes=30)
    today.starts_at, today.ends_at = today.sessions[0].starts_at, today.sessions[0].ends_at
    db.session.add(SessionAttendance(registration_id=registration.id, session_id=today.sessions[0].id))
    db.session.commit()
    # Unless the test runs in the first half hour after midnight in Montreal, today's event ended today.
    assert send_feedback_requests(now=now) in (0, 1)
    assert not any(m["To"] == "p0@example.ca" for m in smtp_server.messages)


@pytest.fixture
def survey(app, make, smtp_server):
    person = make.make_user(email="p@example.ca")
    event, _ = held_event(make, [person], present=1)
    send_feedback_requests()
    db.session.commit()
    token = re.search(r"/feedback/([\w-]+)", smtp_server.body()).group(1)
    return event, token


def test_answer_once_then_thanks(client, survey):
    event, token = survey
    page = client.get(f"/feedback/{token}").get_data(as_text=True)
    assert "Votre avis sur" in text(page)
    response = post(client, f"/feedback/{token}", {"usefulness": "4", "will_apply": "Tester la restauration",
                                                   "topics_wanted": ["backup-recovery"]})
    assert response.status_code == 200 and "Vos réponses sont enregistrées." in text(response.get_data(as_text=True))
    row = db.session.scalar(select(EventFeedback))
    assert (row.usefulness, row.will_apply, row.topics_wanted) == (4, "Tester la restauration", ["backup-recovery"])
    again = post(client, f"/feedback/{token}", {"usefulness": "1"})
    assert "déjà répondu" in text(again.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.scalar(select(EventFeedback)).usefulness == 4


@pytest.mark.parametrize("data", [{}, {"usefulness": "9"}, {"usefulness": "3", "will_apply": "x" * 2001},
                                  {"usefulness": "3", "topics_wanted": ["not-a-topic"]}])
def test_bad_answers_are_refused_with_the_input_kept(client, survey, data):
    _event, token = survey
    response = post(client, f"/feedback/{token}", {**data, "other_topics": "Infonuagique"})
    assert response.status_code == 400
    assert 'value="Infonuagique"' in response.get_data(as_text=True)
    assert db.session.scalar(select(EventFeedback)).answered_at is None


def test_unknown_or_oversized_tokens_are_404(client, survey):
    assert client.get("/feedback/nope").status_code == 404
    assert client.get("/feedback/" + "a" * 500).status_code == 404


def test_organizer_sees_words_only_from_five_answers(app, client, make):
    people = [make.make_user(email=f"p{n}@example.ca") for n in range(5)]
    event, _ = held_event(make, people, present=5)
    send_feedback_requests()
    db.session.commit()
    rows = db.session.scalars(select(EventFeedback).order_by(EventFeedback.id)).all()
    for number, row in enumerate(rows[:4]):
        row.usefulness, row.will_apply, row.answered_at = 4, f"Idée numéro {number}", datetime.now(UTC)
    db.session.commit()
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")
    page = text(client.get(f"/organizer/events/{event.id}/feedback").get_data(as_text=True))
    assert "4 réponses" in page and "5 sondages envoyés" in page and "Moyenne : 4,0 / 5" in page
    assert "Idée numéro" not in page and "à partir de cinq réponses" in page
    rows[4].usefulness, rows[4].will_apply, rows[4].answered_at = 2, "Idée numéro 4", datetime.now(UTC)
    db.session.commit()
    page = text(client.get(f"/organizer/events/{event.id}/feedback").get_data(as_text=True))
    assert all(f"Idée numéro {n}" in page for n in range(5)) and "Moyenne : 3,6 / 5" in page


def test_only_organizers_see_feedback(client, make):
    people = [make.make_user(email="p@example.ca")]
    event, _ = held_event(make, people, present=1)
    login(client, "p@example.ca")
    assert client.get(f"/organizer/events/{event.id}/feedback").status_code == 403
