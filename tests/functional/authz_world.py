"""The world of the authorization matrix: two companies and one account per kind of person."""
from datetime import date, timedelta

from sqlalchemy import select

from aluqsec.actions.models import ActionItem
from aluqsec.advisors.models import CoachingMeeting, Commitment
from aluqsec.auth.models import Role
from aluqsec.auth.services import reset_token
from aluqsec.companies.services import create_invitation
from aluqsec.events.models import EventMailing, MailingRecipient, MailingStatus, SessionAttendance
from aluqsec.events.services import register
from aluqsec.evidence.services import create_item
from aluqsec.extensions import db
from aluqsec.jobs.queue import enqueue
from aluqsec.programme.models import EventFeedback
from aluqsec.programme.services import secret
from aluqsec.programme.summary import certificate_code

from .. import factories
from ..conftest import login

# Routes that act on an assessment still being answered: they get A's draft.
DRAFT_ENDPOINTS = {"assessments.answer", "assessments.confirm_submit", "assessments.change_targets"}
# Allowed requests after which the client is no longer signed in.
SESSION_ENDING = {"auth.logout", "auth.end_sessions"}
# Low answers, so that the submitted assessment leaves items in the action plan.
ANSWERS = {"qs-responsible": "1", "qs-personal-info": "1", "qs-mfa-all": "0"}


def empty_database():
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


def build():
    """Add the world; return ``(ids of A's objects by URL argument name, users by principal)``."""
    make = factories
    users = {"owner_a": make.make_user(email="owner.a@example.ca"),
             "member_a": make.make_user(email="member.a@example.ca"),
             "owner_b": make.make_user(email="owner.b@example.ca"),
             "adv_view": make.make_user(email="adv.view@example.ca", roles=[Role.ADVISOR]),
             "adv_review": make.make_user(email="adv.review@example.ca", roles=[Role.ADVISOR]),
             "adv_other": make.make_user(email="adv.other@example.ca", roles=[Role.ADVISOR]),
             "organizer": make.make_user(email="organizer@example.ca", roles=[Role.ORGANIZER]),
             "admin": make.make_user(email="admin@example.ca", roles=[Role.ADMIN])}
    company_a = make.make_company(owner=users["owner_a"], legal_name="Alu A inc.")
    make.make_member(company_a, users["member_a"])
    company_b = make.make_company(owner=users["owner_b"], legal_name="Alu B inc.")
    submitted = make.make_assessment(company_a, answers=ANSWERS, submitted=True)
    draft = make.make_assessment(company_a, answers={"qs-mfa-all": "2"})
    make.make_assessment(company_b, answers=ANSWERS, submitted=True)
    grant = make.make_grant(company_a, users["adv_view"], "view")
    make.make_grant(company_a, users["adv_review"], "review")
    make.make_grant(company_b, users["adv_other"], "review")
    event = make.make_event()
    register(event, users["owner_a"], company_a)
    held, attended = held_event(users["owner_a"], company_a)
    feedback = EventFeedback(registration_id=attended.id, event_id=held.id, token="feedback-token-of-owner-a-0123")
    meeting = CoachingMeeting(company_id=company_a.id, advisor_id=users["adv_view"].id, met_on=date.today(),
                              notes="Sauvegardes", commitments=[Commitment(description="Tester", owner="Luc")])
    db.session.add_all([feedback, meeting])
    evidence = create_item(company_a, users["owner_a"], kind="file", title="Registre des incidents",
                           owner_id=users["owner_a"].id, dated_on=date.today(), valid_until=None,
                           targets=[("cybersecure-canada", "3.1", "incident-plan")],
                           upload=("registre.txt", b"Registre des incidents de A"))
    users["owner_a"].calendar_token = "calendar-token-of-owner-a-0123456789"
    _invitation, invitation_token = create_invitation(company_a, "newcomer@example.ca", users["owner_a"])
    job, _created = enqueue("evidence_pack", {"company_id": company_a.id, "framework_id": "cybersecure-canada",
                                              "language": "fr", "today": date.today().isoformat()},
                            key=f"evidence_pack:{company_a.id}", requested_by=users["owner_a"], company=company_a)
    # A message to the event whose job gave up before reaching owner A (the organizer may try again).
    mailing = EventMailing(event_id=event.id, template="organizer_message", subject="Salle", body="Porte 3.",
                           sender_id=users["organizer"].id, recipients=1)
    db.session.add(mailing)
    db.session.flush()
    db.session.add(MailingRecipient(mailing_id=mailing.id, user_id=users["owner_a"].id, status=MailingStatus.FAILED))
    db.session.commit()
    item = db.session.scalar(select(ActionItem).where(ActionItem.company_id == company_a.id).limit(1))
    assert item is not None, "the world needs an action item of A"
    ids = {"company_id": company_a.id, "assessment_id": submitted.id, "draft_id": draft.id, "item_id": item.id,
           "event_id": event.id, "grant_id": grant.id, "user_id": users["member_a"].id,
           "calendar_token": users["owner_a"].calendar_token, "invitation_token": invitation_token,
           "reset_token": reset_token(users["member_a"]), "registration_id": attended.id,
           "commitment_id": meeting.commitments[0].id, "feedback_token": feedback.token,
           "code": certificate_code(attended.id, secret()),
           "item_id_evidence": evidence.id, "job_id": job.id, "version_id": evidence.versions[0].id,
           "mailing_id": mailing.id,
           "membership_id": next(m.id for m in company_a.memberships if m.user_id == users["member_a"].id),
           # Confirmation links are capability links mailed to one address: a made-up one opens nothing.
           "confirm_token": "not-a-real-confirmation-token-0123456789"}
    return ids, users


def held_event(person, company):
    """An event held yesterday that *person* attended (for certificates and feedback)."""
    event = factories.make_event(days_ahead=3)
    registration = register(event, person, company)
    for session in event.sessions:
        session.starts_at -= timedelta(days=4)
        session.ends_at -= timedelta(days=4)
    event.starts_at, event.ends_at = event.sessions[0].starts_at, event.sessions[-1].ends_at
    db.session.add(SessionAttendance(registration_id=registration.id, session_id=event.sessions[0].id))
    registration.attended = True
    db.session.commit()
    return event, registration


def sign_in(client, user):
    """Sign *client* in as *user*, as a browser would (the one place to extend when login changes)."""
    response = login(client, user.email)
    assert response.status_code == 302, f"could not sign in {user.email}"
