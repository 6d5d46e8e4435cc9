"""Attendance is taken per session, only once a session has started; a series completes at a share of sessions."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from aluqsec.auth.models import Role
from aluqsec.events.attendance import is_completed, sessions_needed
from aluqsec.events.models import Registration, SessionAttendance
from aluqsec.events.services import register
from aluqsec.extensions import db

from ..conftest import login, post
from .assessment_helpers import text


@pytest.mark.parametrize(("sessions", "share", "needed"), [
    (1, 0.66, 1), (2, 0.66, 2), (3, 0.66, 2), (4, 0.66, 3), (5, 0.66, 4),  # ceil(3.3) = 4
    (3, 1.0, 3), (3, 0.5, 2), (4, 0.5, 2), (3, 0.0, 1), (0, 0.66, 0),
])
def test_sessions_needed_to_complete(sessions, share, needed):
    assert sessions_needed(sessions, share) == needed
    assert is_completed(needed, sessions, share) == (sessions > 0)
    assert not is_completed(needed - 1, sessions, share)


@pytest.fixture
def circle(app, make):
    """A 3-session circle: sessions 1 and 2 are over, session 3 is in a week; Ana and Ben confirmed."""
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    event = make.make_event(sessions=3, days_ahead=3)
    people = [register(event, make.make_user(email=f"{name}@example.ca", name=name), None) for name in ("Ana", "Ben")]
    for session in event.sessions:  # weekly sessions: 13 days ago, 6 days ago, tomorrow
        session.starts_at -= timedelta(days=16)
        session.ends_at -= timedelta(days=16)
    db.session.commit()
    organizer = app.test_client()
    login(organizer, "org@example.ca")
    return event, people, organizer


def completed(registration_id):
    db.session.expire_all()
    return db.session.get(Registration, registration_id).attended


def test_attendance_is_per_session_and_completion_follows_the_share(circle):
    event, (ana, ben), organizer = circle
    first, second, _third = (session.id for session in event.sessions)
    page = organizer.get(f"/organizer/events/{event.id}").get_data(as_text=True)
    assert f'name="present-{first}"' in page and f'name="present-{second}"' in page
    assert f'name="present-{_third}"' not in page  # not held yet
    assert "2 séances ou plus" in text(page)
    response = post(organizer, f"/organizer/events/{event.id}/attendance",
                    {f"present-{first}": [str(ana.id), str(ben.id)], f"present-{second}": [str(ana.id)]})
    assert response.status_code == 302
    assert (completed(ana.id), completed(ben.id)) == (True, False)  # 2 of 3 vs 1 of 3, with 2 needed
    assert db.session.scalar(select(func.count()).select_from(SessionAttendance)) == 3
    post(organizer, f"/organizer/events/{event.id}/attendance", {f"present-{first}": [str(ben.id)],
                                                                 f"present-{second}": [str(ben.id)]})
    assert (completed(ana.id), completed(ben.id)) == (False, True)  # unticking removes presence


def test_attendance_for_a_future_session_is_refused_and_changes_nothing(circle):
    event, (ana, _ben), organizer = circle
    third = event.sessions[2].id
    response = post(organizer, f"/organizer/events/{event.id}/attendance", {f"present-{third}": [str(ana.id)]},
                    follow_redirects=True)
    assert "seulement pour les séances commencées" in text(response.get_data(as_text=True))
    assert db.session.scalar(select(func.count()).select_from(SessionAttendance)) == 0


@pytest.mark.parametrize("value", ["abc", "99999999"])
def test_bad_attendance_values_give_a_4xx_or_a_message(circle, value):
    event, _people, organizer = circle
    response = post(organizer, f"/organizer/events/{event.id}/attendance",
                    {f"present-{event.sessions[0].id}": [value]})
    assert response.status_code in (303, 400)
    assert db.session.scalar(select(func.count()).select_from(SessionAttendance)) == 0
