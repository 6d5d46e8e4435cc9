"""The per-session attendance migration keeps what the single attendance box said."""
from datetime import UTC, datetime, timedelta

from flask_migrate import upgrade
from sqlalchemy import text

from aluqsec import create_app
from aluqsec.extensions import db

from ..conftest import config_for

BEFORE = "c6ccfd3a9e8c"


def test_one_box_becomes_presence_at_every_session_already_started(tmp_path):
    app = create_app(config_for(f"sqlite:///{tmp_path / 'old.sqlite'}"))
    now = datetime.now(UTC)
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO users (id, email, name, password_hash, language, active, created_at) "
                "VALUES (1, 'a@example.ca', 'A', 'x', 'fr', 1, :now), (2, 'b@example.ca', 'B', 'x', 'fr', 1, :now)"),
                {"now": now})
            connection.execute(text(
                "INSERT INTO events (id, kind, title_fr, title_en, description_fr, description_en, topics, language,"
                " format, address, region, online_link, capacity, seats_taken, facilitator, registration_deadline,"
                " starts_at, ends_at, created_at) VALUES (1, 'circle', 'C', 'C', 'd', 'd', '[]', 'fr', 'online', '',"
                " NULL, '', 10, 2, 'F', :past, :past, :future, :now)"),
                {"past": now - timedelta(days=20), "future": now + timedelta(days=20), "now": now})
            for session_id, days in ((1, -14), (2, -7), (3, 7)):
                at = now + timedelta(days=days)
                connection.execute(text("INSERT INTO event_sessions (id, event_id, starts_at, ends_at) "
                                        "VALUES (:id, 1, :at, :at)"), {"id": session_id, "at": at})
            connection.execute(text(
                "INSERT INTO registrations (id, event_id, user_id, status, queued_at, attended, created_at) "
                "VALUES (1, 1, 1, 'confirmed', :now, 1, :now), (2, 1, 2, 'confirmed', :now, 0, :now)"), {"now": now})
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT registration_id, session_id FROM session_attendance ORDER BY 1, 2")).all()
        db.engine.dispose()
    assert [tuple(row) for row in rows] == [(1, 1), (1, 2)]  # not the future session, not the absent person
