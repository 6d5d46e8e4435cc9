"""Calendar files: one per event, and a personal feed behind a secret token."""
import re
from zoneinfo import ZoneInfo

from icalendar import Calendar

from aluqsec.events.services import register
from aluqsec.extensions import db

from ..conftest import login, post


def parse(response):
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.get_data())


def test_event_ics_parses_with_sessions_in_montreal_time(client, make):
    event = make.make_event(sessions=3, format="online", address="", region=None,
                            online_link="https://meet.example.ca/cercle")
    calendar = parse(client.get(f"/events/{event.id}.ics"))
    entries = calendar.walk("VEVENT")
    assert len(entries) == 3
    assert [str(c["TZID"]) for c in calendar.walk("VTIMEZONE")] == ["America/Montreal"]
    for entry, session in zip(entries, event.sessions, strict=True):
        start = entry.decoded("DTSTART")
        assert start.tzinfo.key == "America/Montreal"
        assert start == session.starts_at.astimezone(ZoneInfo("America/Montreal"))
        assert entry.decoded("DTEND") == session.ends_at
    assert str(entries[0]["SUMMARY"]) == "Atelier réponse aux incidents (1/3)"
    assert b"meet.example.ca" not in client.get(f"/events/{event.id}.ics").get_data()  # not registered


def test_online_link_only_for_confirmed_registrants(client, make):
    event = make.make_event(capacity=1, format="online", address="", region=None,
                            online_link="https://meet.example.ca/x")
    register(event, make.make_user(), None)
    db.session.commit()
    make.make_user(email="late@example.ca")
    login(client, "late@example.ca")
    post(client, f"/events/{event.id}/register")  # waitlisted
    assert "meet.example.ca" not in client.get(f"/events/{event.id}").get_data(as_text=True)
    assert b"meet.example.ca" not in client.get(f"/events/{event.id}.ics").get_data()


def test_personal_feed_with_token_and_regeneration(client, make):
    first, second = make.make_event(days_ahead=10), make.make_event(days_ahead=20, title_fr="Formation TO")
    make.make_user(email="p@example.ca")
    login(client, "p@example.ca")
    post(client, f"/events/{first.id}/register")
    post(client, f"/events/{second.id}/register")
    page = client.get("/my/events").get_data(as_text=True)
    feed_url = re.search(r'value="http://localhost(/calendar/[^"]+\.ics)"', page).group(1)
    anonymous = client.application.test_client()
    calendar = parse(anonymous.get(feed_url))
    assert {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")} == {"Atelier réponse aux incidents", "Formation TO"}
    assert anonymous.get("/calendar/not-the-right-token-at-all.ics").status_code == 404
    post(client, "/my/calendar/regenerate", {"confirm": "yes"})
    assert anonymous.get(feed_url).status_code == 404
    new_url = re.search(r'value="http://localhost(/calendar/[^"]+\.ics)"',
                        client.get("/my/events").get_data(as_text=True)).group(1)
    assert new_url != feed_url and anonymous.get(new_url).status_code == 200


def test_the_files_own_timezone_gives_each_session_its_montreal_offset(client, make):
    """A calendar that reads only the file's VTIMEZONE (not its own zone database) gets the right hours.

    Sessions in winter and in summer: the file must carry both offsets (EST and EDT) for those years.
    """
    winter = make.make_event(days_ahead=10, sessions=1, title_fr="Hiver")
    summer = make.make_event(days_ahead=200, sessions=1, title_fr="Été")
    for event in (winter, summer):
        calendar = parse(client.get(f"/events/{event.id}.ics"))
        [definition] = calendar.walk("VTIMEZONE")
        from_file = definition.to_tz()
        for session in event.sessions:
            naive = session.starts_at.astimezone(ZoneInfo("America/Montreal")).replace(tzinfo=None)
            assert from_file.utcoffset(naive) == session.starts_at.astimezone(ZoneInfo("America/Montreal")).utcoffset()
        # Only the years of the sessions: not every change since 1970.
        assert len(definition.walk("STANDARD")) + len(definition.walk("DAYLIGHT")) <= 6
