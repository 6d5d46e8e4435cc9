"""Expiring evidence in the journey reminders: 30 and 7 days before it stops counting, once, to the owners."""
from datetime import date

import pytest
from sqlalchemy import func, select

from aluqsec.evidence.models import EvidenceReminder
from aluqsec.evidence.reminders import send_evidence_reminders
from aluqsec.evidence.services import create_item
from aluqsec.extensions import db


@pytest.fixture(autouse=True)
def evidence_dir(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EVIDENCE_DIR", str(tmp_path / "evidence"))


def _note(company, owner, title, target, dated_on, valid_until=None):
    return create_item(company, owner, kind="note", title=title, owner_id=None, dated_on=dated_on,
                       valid_until=valid_until, targets=[target], note="Classeur")


def _world(make):
    """Hand-computed expiries, seen from 2026-11-01:

    A  valid until 2026-12-01 (its kind allows 365 days from 2026-10-01)   -> 2026-12-01, 30 days: due (30)
    B  incident plan dated 2025-11-20, kind max 365 days                   -> 2026-11-20, 19 days: due (30)
    E  patch report dated 2026-08-20, kind max 90 days                     -> 2026-11-18, 17 days: due (30)
    C  valid until 2027-01-15                                              -> 75 days: not yet
    D  valid until 2026-10-31                                              -> expired: never
    F  (another company, English owner) valid until 2026-11-05            -> 4 days: 30 and 7 both due, one line
    """
    owner = make.make_user(email="o@example.ca", name="Odile Owner")
    company = make.make_company(owner=owner, legal_name="Usine Alpha inc.")
    make.make_member(company, make.make_user(email="m@example.ca"))  # a member who is not an owner
    _note(company, owner, "Contacts d'urgence", ("cybersecure-canada", "3.1", "incident-contacts"),
          date(2026, 10, 1), date(2026, 12, 1))
    _note(company, owner, "Plan de réponse signé", ("cybersecure-canada", "3.1", "incident-plan"), date(2025, 11, 20))
    _note(company, owner, "Rapport des mises à jour", ("cybersecure-canada", "3.2", "patch-report"), date(2026, 8, 20))
    _note(company, owner, "Registre des incidents", ("law25", "L25-INCIDENT-REGISTER", "incident-register"),
          date(2026, 10, 1), date(2027, 1, 15))
    _note(company, owner, "Ancienne liste", ("cybersecure-canada", "3.1", "incident-contacts"),
          date(2026, 1, 1), date(2026, 10, 31))
    english = make.make_user(email="e@example.ca", name="Eve English", language="en")
    other = make.make_company(owner=english, legal_name="Beta Metals Ltd.")
    _note(other, english, "Emergency contacts", ("cybersecure-canada", "3.1", "incident-contacts"),
          date(2026, 10, 1), date(2026, 11, 5))
    db.session.commit()


def _lines(body):
    return [line[2:].split(" — ")[0] for line in body.splitlines() if line.startswith("- ")]


def test_expiring_evidence_is_announced_30_and_7_days_ahead_once_to_owners(make, smtp_server):
    _world(make)
    assert send_evidence_reminders(date(2026, 11, 1)) == 2
    assert sorted(m["To"] for m in smtp_server.messages) == ["e@example.ca", "o@example.ca"]
    french = next(m for m in smtp_server.messages if m["To"] == "o@example.ca")
    assert "3 preuves de Usine Alpha inc. cesseront bientôt de compter" in french["Subject"]
    body = french.get_content()
    assert _lines(body) == ["Rapport des mises à jour", "Plan de réponse signé", "Contacts d'urgence"]
    assert "18 novembre 2026" in body and "dans 17 jours" in body and "dans 30 jours" in body
    assert "/evidence/companies/" in body
    english = next(m for m in smtp_server.messages if m["To"] == "e@example.ca")
    assert "1 piece of evidence of Beta Metals Ltd. stops counting soon" in english["Subject"]
    assert _lines(english.get_content()) == ["Emergency contacts"] and "in 4 days" in english.get_content()
    # the same day again, the next day: nothing new (F's 7-day reminder was recorded with its 30-day one)
    assert send_evidence_reminders(date(2026, 11, 1)) == 0
    assert send_evidence_reminders(date(2026, 11, 2)) == 0
    assert len(smtp_server.messages) == 2
    # 7 days before each expiry: one message listing only that item
    for day, title in ((date(2026, 11, 11), "Rapport des mises à jour"), (date(2026, 11, 13), "Plan de réponse signé"),
                       (date(2026, 11, 24), "Contacts d'urgence")):
        assert send_evidence_reminders(day) == 1, day
        assert smtp_server.messages[-1]["To"] == "o@example.ca"
        assert _lines(smtp_server.messages[-1].get_content()) == [title]
        assert send_evidence_reminders(day) == 0
    assert len(smtp_server.messages) == 5
    assert db.session.scalar(select(func.count()).select_from(EvidenceReminder)) == 8


def test_renewed_evidence_gets_its_own_reminders(make, smtp_server):
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner)
    item = _note(company, owner, "Plan", ("cybersecure-canada", "3.1", "incident-plan"), date(2025, 11, 20))
    db.session.commit()
    assert send_evidence_reminders(date(2026, 11, 1)) == 1
    item.dated_on = date(2025, 11, 25)  # the document was re-dated: it now counts until 2026-11-25
    db.session.commit()
    assert send_evidence_reminders(date(2026, 11, 2)) == 1
    assert "25 novembre 2026" in smtp_server.body()


def test_the_reminders_command_sends_evidence_reminders(app, make, smtp_server):
    from datetime import timedelta

    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner, legal_name="Usine Alpha inc.")
    _note(company, owner, "Contacts", ("cybersecure-canada", "3.1", "incident-contacts"), date.today(),
          date.today() + timedelta(days=10))
    db.session.commit()
    runner = app.test_cli_runner()
    assert "evidence reminders sent: 1" in runner.invoke(args=["reminders", "send"]).output
    assert "evidence reminders sent: 0" in runner.invoke(args=["reminders", "send"]).output
    assert [m["To"] for m in smtp_server.messages] == ["o@example.ca"]


def test_the_workers_scheduled_reminders_send_evidence_reminders_once(app, make, smtp_server):
    from datetime import timedelta

    from aluqsec.jobs.worker import Worker

    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner, legal_name="Usine Alpha inc.")
    _note(company, owner, "Contacts", ("cybersecure-canada", "3.1", "incident-contacts"), date.today(),
          date.today() + timedelta(days=10))
    db.session.commit()
    app.config.update(JOBS_SCHEDULE=True)
    try:
        Worker(app, name="scheduler").work(burst=True)
        Worker(app, name="scheduler").work(burst=True)  # this hour's reminders job already ran
    finally:
        app.config.update(JOBS_SCHEDULE=False)
    assert [m["To"] for m in smtp_server.messages] == ["o@example.ca"]
