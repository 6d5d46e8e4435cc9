"""A company with every kind of row filled in, and a scan of every table of the metadata."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import JSON, String, Text, select

from aluqsec import audit
from aluqsec.advisors.models import CoachingMeeting, Commitment
from aluqsec.advisors.services import propose
from aluqsec.assessments.models import Answer
from aluqsec.auth.models import LoginAttempt, Role
from aluqsec.companies.services import create_invitation
from aluqsec.events.services import register
from aluqsec.evidence.models import Attestation, EvidenceReminder
from aluqsec.evidence.services import create_item, set_review
from aluqsec.extensions import db
from aluqsec.mail.models import OutboxMessage
from aluqsec.privacy.notice import record_consent
from aluqsec.programme.models import EventFeedback
from aluqsec.progress.models import Journey, JourneyReminder
from aluqsec.reviews.services import add_comment, set_validated

from .assessment_helpers import ALL_THREE


@dataclass
class Filled:
    company: object
    owner: object
    member: object
    advisor: object
    submitted: object
    draft: object
    secret: str  # a word found only in this company's rows
    address: str  # the owner's network address in login attempts


def fill_company(make, tag, event=None):
    """Add a company named after *tag* with members, assessments, plan, grants, reviews, coaching, journeys,
    evidence (a file, reviewed), registrations, invitations, mail, login attempts, consents and audit entries."""
    owner = make.make_user(email=f"owner-{tag}@{tag}.example", name=f"Owner {tag.title()}")
    member = make.make_user(email=f"member-{tag}@{tag}.example", name=f"Member {tag.title()}")
    advisor = make.make_user(email=f"advisor-{tag}@{tag}.example", name=f"Advisor {tag.title()}",
                             roles=[Role.ADVISOR])
    organizer = make.make_user(email=f"org-{tag}@{tag}.example", name=f"Org {tag.title()}", roles=[Role.ORGANIZER])
    company = make.make_company(owner=owner, legal_name=f"Usine {tag.title()} inc.", benchmark_opt_in=True,
                                verified=True)
    make.make_member(company, member)
    secret = f"secret-{tag}"
    answers = {**ALL_THREE, "qs-backups": "1", "qs-mfa-all": "2"}
    submitted = make.make_assessment(company, answers=answers, submitted=True, user=owner)
    draft = make.make_assessment(company, answers={"qs-backups": "2"}, user=member)
    note = db.session.scalar(select(Answer).where(Answer.assessment_id == submitted.id,
                                                  Answer.question_id == "qs-backups"))
    note.note = f"Backups on a USB key ({secret})"
    grant = make.make_grant(company, advisor, scope="review")
    set_validated(submitted, {"qs-backups": "0"}, advisor)
    add_comment(submitted, "qs-backups", f"Where is the USB key kept? {secret}", advisor)
    add_comment(submitted, "qs-backups", f"In the safe. {secret}", owner)
    other_advisor = make.make_user(email=f"adv2-{tag}@{tag}.example", name=f"Second {tag.title()}",
                                   roles=[Role.ADVISOR])
    propose(company, other_advisor, "view", organizer)
    meeting = CoachingMeeting(company_id=company.id, advisor_id=advisor.id, met_on=date(2026, 11, 2),
                              notes=f"Coaching notes {secret}")
    meeting.commitments = [Commitment(description=f"Buy a second disk {secret}", owner="IT team",
                                      due_on=date(2026, 12, 1))]
    db.session.add(meeting)
    db.session.add(Journey(company_id=company.id, certification="cybersecure-canada", stage="remediation",
                           self_assessment_on=date(2026, 10, 1), target_on=date(2027, 6, 1)))
    db.session.add(JourneyReminder(company_id=company.id, certification="cybersecure-canada", kind="target",
                                   due_on=date(2027, 6, 1), lead_days=30))
    evidence = create_item(company, owner, kind="file", title=f"Registre {secret}", owner_id=member.id,
                           dated_on=date(2026, 11, 1), valid_until=None,
                           targets=[("cybersecure-canada", "3.1", "incident-plan")],
                           upload=("registre.txt", f"Registre des incidents {secret}".encode()))
    set_review(evidence, advisor, "accepted", f"Complet {secret}")
    db.session.add(Attestation(company_id=company.id, framework_id="cpcsc-l1", official_name=f"Signataire {secret}",
                               official_title="Présidence", signed_on=date(2026, 11, 2)))
    db.session.add(EvidenceReminder(item_id=evidence.id, expires_on=date(2027, 11, 1), lead_days=30))
    create_invitation(company, f"newcomer-{tag}@{tag}.example", owner)
    event = event or make.make_event(capacity=1)
    registration = register(event, owner, company)
    # the owner's own survey answer: theirs, not the company's
    db.session.add(EventFeedback(registration_id=registration.id, event_id=event.id, token=f"token-{tag}",
                                 answered_at=registration.created_at, usefulness=4,
                                 will_apply=f"Test our restores ({tag} feedback)"))
    db.session.add(OutboxMessage(recipient=owner.email, subject=f"Invitation à {company.legal_name}",
                                 body=f"Rejoignez {company.legal_name}", status="stored"))
    address = f"203.0.113.{ord(tag[0])}"
    db.session.add(LoginAttempt(email=owner.email, address=address, succeeded=True))
    record_consent(owner, "signup")
    record_consent(member, "invitation")
    audit.record("companies.edited", f"company:{company.id}", actor=owner)
    audit.record("auth.login", f"user:{owner.id}", actor=owner)
    audit.record("companies.invited", f"company:{company.id}", actor=owner, email=f"newcomer-{tag}@{tag}.example")
    db.session.commit()
    return Filled(company, owner, member, advisor, submitted, draft, secret, address), grant


def rows_mentioning(needles, allowed=lambda table, row: False):
    """Return ``[(table, column, value)]`` for every text or JSON cell of every table containing a needle."""
    found = []
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)
                   or isinstance(getattr(c.type, "impl", None), String | Text)]
        if not columns:
            continue
        for row in db.session.execute(select(table)).mappings():
            for column in columns:
                value = str(row[column.name]) if row[column.name] is not None else ""
                if any(needle in value for needle in needles) and not allowed(table, row):
                    found.append((table.name, column.name, value))
    return found


def tombstone(action):
    """Allow only the audit entry that says a deletion happened."""
    def allowed(table, row):
        return table.name == "audit_events" and row["action"] == action
    return allowed


def references_to(table_name, ids):
    """Return ``[(table, column, id)]`` for every foreign key of the metadata pointing at *ids* of *table_name*."""
    found = []
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table.name == table_name:
                for value in db.session.scalars(select(key.parent).where(key.parent.in_(list(ids)))):
                    found.append((table.name, key.parent.name, value))
    return found


def owned_rows(table_name, ids):
    """Return ``{table: ids}``: the rows of *table_name* and, recursively, the rows that cannot exist without them
    (foreign keys other than ``ON DELETE SET NULL``), read from the metadata."""
    owned = {table_name: set(ids)}
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table.name != table_name or (key.ondelete or "").upper() == "SET NULL" or not ids:
                continue
            children = set(db.session.scalars(select(table.c.id).where(key.parent.in_(list(ids)))))
            if table.name == table_name:
                continue
            for name, found in owned_rows(table.name, children).items():
                owned.setdefault(name, set()).update(found)
    return owned


def still_present(owned):
    """Return ``{table: ids}`` of the rows in *owned* that still exist."""
    left = {}
    for name, ids in owned.items():
        table = db.metadata.tables[name]
        found = set(db.session.scalars(select(table.c.id).where(table.c.id.in_(list(ids))))) if ids else set()
        if found:
            left[name] = found
    return left
