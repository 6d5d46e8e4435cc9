"""Reminders 7 days and 1 day before each session, sent once, in each person's language."""
from datetime import timedelta

from aluqsec.events.reminders import due_kind, send_due_reminders
from aluqsec.events.services import register
from aluqsec.extensions import db
from aluqsec.models import utcnow


def test_due_kind_windows():
    now = utcnow()
    assert due_kind(now + timedelta(hours=20), now) == "1d"
    assert due_kind(now + timedelta(days=1), now) == "1d"
    assert due_kind(now + timedelta(days=1, minutes=1), now) == "7d"
    assert due_kind(now + timedelta(days=7), now) == "7d"
    assert due_kind(now + timedelta(days=7, minutes=1), now) is None
    assert due_kind(now - timedelta(minutes=1), now) is None


def test_reminders_are_sent_once_in_the_recipients_language(app, make, smtp_server):
    soon = make.make_event(days_ahead=0.5, deadline_days_before=0.25)
    next_week = make.make_event(days_ahead=6, title_fr="Cercle sauvegardes", title_en="Backup circle")
    later = make.make_event(days_ahead=30)
    french, english = make.make_user(email="fr@example.ca"), make.make_user(email="en@example.ca", language="en")
    for event in (soon, next_week, later):
        for person in (french, english):
            register(event, person, None)
    db.session.commit()
    runner = app.test_cli_runner()
    assert "reminders sent: 4" in runner.invoke(args=["reminders", "send"]).output
    subjects = sorted((m["To"], m["Subject"]) for m in smtp_server.messages)
    assert subjects[0][0] == "en@example.ca" and subjects[0][1].startswith("AluQSec reminder: ")
    assert any(s.startswith("Rappel AluQSec : Cercle sauvegardes") for _to, s in subjects)
    assert "demain" in next(m.get_content() for m in smtp_server.messages
                            if m["To"] == "fr@example.ca" and "Atelier" in m["Subject"])
    assert "reminders sent: 0" in runner.invoke(args=["reminders", "send"]).output
    assert len(smtp_server.messages) == 4
    # a day later, next week's session enters the 1-day window: one more reminder each
    assert send_due_reminders(now=utcnow() + timedelta(days=5, hours=1)) == 2
