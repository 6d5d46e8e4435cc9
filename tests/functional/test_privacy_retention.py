"""``flask retention purge`` removes exactly what is past its period, and says what it removed."""
from datetime import date, timedelta

from sqlalchemy import select

from aluqsec.assessments.models import Answer, Assessment
from aluqsec.audit.models import AuditEvent
from aluqsec.auth.models import LoginAttempt, PendingSignup, User
from aluqsec.config import RETENTION_DEFAULTS, from_environment
from aluqsec.events.models import EventMailing
from aluqsec.extensions import db
from aluqsec.mail.models import OutboxMessage
from aluqsec.models import utcnow
from aluqsec.privacy.models import DraftNotice
from aluqsec.programme.models import ProgrammeSnapshot

DAY = timedelta(days=1)


def _purge(app):
    result = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return dict(line.split(": ") for line in result.output.strip().splitlines())


def _age(assessment, days):
    then = utcnow() - days * DAY
    assessment.created_at = then
    for answer in db.session.scalars(select(Answer).where(Answer.assessment_id == assessment.id)):
        answer.answered_at = then


def test_purge_removes_exactly_what_is_past_its_period(app, make):
    now = utcnow()
    db.session.add_all([
        LoginAttempt(email="old@example.ca", address="198.51.100.1", succeeded=False, attempted_at=now - 31 * DAY),
        LoginAttempt(email="new@example.ca", address="198.51.100.2", succeeded=False, attempted_at=now - 29 * DAY),
        OutboxMessage(recipient="a@example.ca", subject="Reset", body="link /auth/reset/old", status="sent",
                      created_at=now - 8 * DAY),
        OutboxMessage(recipient="b@example.ca", subject="Reset", body="link /auth/reset/new", status="sent",
                      created_at=now - 6 * DAY),
        OutboxMessage(recipient="c@example.ca", subject="Invitation", body="kept to resend", status="failed",
                      created_at=now - 8 * DAY),
        OutboxMessage(recipient="d@example.ca", subject="Ancient", body="", status="sent",
                      created_at=now - 366 * DAY),
        AuditEvent(action="auth.login_failed", target="typed@example.ca", address="198.51.100.3", details={},
                   at=now - 366 * DAY),
        AuditEvent(action="companies.invited", target="company:1", address="198.51.100.4",
                   details={"email": "x@example.ca"}, at=now - 366 * DAY),
        AuditEvent(action="auth.login_failed", target="recent@example.ca", address="198.51.100.5", details={},
                   at=now - 364 * DAY),
        PendingSignup(email="abandoned@example.ca", nonce_hash="x", payload={}, created_at=now - 31 * DAY),
        PendingSignup(email="recent@example.ca", nonce_hash="y", payload={}, created_at=now - 29 * DAY),
        ProgrammeSnapshot(start=date(2024, 1, 1), end=date(2024, 12, 31), stamp="x", data={},
                          computed_at=now - 31 * DAY),
        ProgrammeSnapshot(start=date(2025, 1, 1), end=date(2025, 12, 31), stamp="y", data={},
                          computed_at=now - 29 * DAY),
    ])
    # An account from before address confirmation existed: unconfirmed, but real; it confirms at next login.
    legacy = make.make_user(email="legacy@example.ca", confirmed=False)
    legacy.created_at = now - 400 * DAY
    owner = make.make_user(email="o@example.ca", name="Olivier")
    company = make.make_company(owner=owner)
    # one draft per questionnaire per company: the owner's other drafts are in their other companies
    idle = make.make_assessment(company, answers={"qs-backups": "1"})
    warned = make.make_assessment(make.make_company(owner=owner), answers={"qs-backups": "2"})
    revived = make.make_assessment(make.make_company(owner=owner), answers={"qs-backups": "3"})
    fresh = make.make_assessment(make.make_company(owner=owner), answers={"qs-backups": "4"})
    done = make.make_assessment(make.make_company(owner=owner), answers={"qs-backups": "1"}, submitted=True)
    for assessment in (idle, warned, revived, done):
        _age(assessment, 400)
    db.session.add_all([DraftNotice(assessment_id=warned.id, sent_at=now - 31 * DAY),
                        DraftNotice(assessment_id=revived.id, sent_at=now - 31 * DAY)])
    db.session.scalar(select(Answer).where(Answer.assessment_id == revived.id)).answered_at = now - 20 * DAY
    event = make.make_event()
    db.session.add_all([EventMailing(event_id=event.id, template="organizer_message", subject=subject, body=body,
                                     created_at=now - days * DAY)
                        for subject, body, days in (("Old", "Porte 3.", 8), ("New", "Porte 4.", 6),
                                                    ("Ancient", "", 366))])
    db.session.commit()

    assert _purge(app) == {
        "login_attempts_deleted": "1", "outbox_bodies_blanked": "1", "outbox_messages_deleted": "1",
        "audit_entries_scrubbed": "2", "mailing_texts_blanked": "1", "mailings_deleted": "1",
        "draft_notices_sent": "1", "drafts_deleted": "1",
        "unconfirmed_accounts_deleted": "1", "companies_purged": "0", "prepared_files_deleted": "0",
        "programme_figures_deleted": "1",
    }
    assert [snapshot.start.year for snapshot in db.session.scalars(select(ProgrammeSnapshot))] == [2025]
    assert list(db.session.scalars(select(PendingSignup.email))) == ["recent@example.ca"]
    assert db.session.scalar(select(User.email).where(User.id == legacy.id)) == "legacy@example.ca"
    assert list(db.session.scalars(select(LoginAttempt.email))) == ["new@example.ca"]
    bodies = dict(db.session.execute(select(OutboxMessage.recipient, OutboxMessage.body)
                                     .where(OutboxMessage.recipient != "o@example.ca")).all())
    assert bodies == {"a@example.ca": "", "b@example.ca": "link /auth/reset/new", "c@example.ca": "kept to resend"}
    assert dict(db.session.execute(select(EventMailing.subject, EventMailing.body)).all()) == {
        "Old": "", "New": "Porte 4."}
    audit = {(e.action, e.target, e.address, str(e.details)) for e in db.session.scalars(select(AuditEvent))}
    assert audit == {("auth.login_failed", "", "", "{}"), ("companies.invited", "company:1", "", "{}"),
                     ("auth.login_failed", "recent@example.ca", "198.51.100.5", "{}")}
    remaining = set(db.session.scalars(select(Assessment.id)))
    assert remaining == {idle.id, revived.id, fresh.id, done.id}  # warned: gone
    assert set(db.session.scalars(select(DraftNotice.assessment_id))) == {idle.id}  # revived: clock restarted
    notice = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "o@example.ca"))
    assert "sera supprimée" in notice.subject and f"/assessments/{idle.id}" in notice.body

    # a second run finds nothing more to do
    assert set(_purge(app).values()) == {"0"}


def test_retention_periods_come_from_the_environment():
    assert from_environment({})["RETENTION_DAYS"] == RETENTION_DEFAULTS
    config = from_environment({"ALUQSEC_RETENTION_LOGIN_ATTEMPTS_DAYS": "7",
                               "ALUQSEC_RETENTION_DELETION_GRACE_DAYS": "60"})
    assert config["RETENTION_DAYS"]["LOGIN_ATTEMPTS"] == 7
    assert config["RETENTION_DAYS"]["DELETION_GRACE"] == 60
    assert config["RETENTION_DAYS"]["OUTBOX_BODIES"] == RETENTION_DEFAULTS["OUTBOX_BODIES"]
