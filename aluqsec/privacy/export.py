"""Take-away copies: one ZIP of JSON files (schema in docs/export-format.md) plus the usual files.

Every query here is bounded to one company (or one user): the tests load a second
company with everything filled and check that none of it reaches the archive.
"""
import io
import json
import zipfile
from datetime import date, datetime

from sqlalchemy import or_, select

from ..actions.models import ActionItem
from ..advisors.models import AdvisorGrant, CoachingMeeting, ReviewComment
from ..assessments.models import Answer, Assessment
from ..audit.models import AuditEvent
from ..auth.models import LoginAttempt
from ..companies.models import Invitation, Membership
from ..events.models import Registration
from ..extensions import db
from ..mail.models import OutboxMessage
from ..models import utcnow
from ..programme.models import EventFeedback
from ..progress.models import Journey
from .models import PrivacyConsent

FORMAT_VERSION = 1
COMMITMENT_FIELDS = ("description", "owner", "due_on", "done_on")


def _json(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def _event(event):
    return {"id": event.id, "title_fr": event.title_fr, "title_en": event.title_en, "starts_at": event.starts_at}


def _person(user):
    return None if user is None else {"id": user.id, "name": user.name}


def _columns(row, names):
    return {name: getattr(row, name) for name in names}


def write_zip(kind, subject_id, documents, files=()):
    """Return ZIP bytes: ``manifest.json``, one JSON file per document, then *files*.

    :param documents: ``{name: JSON-serialisable value}``, written as ``<name>.json``.
    :param files: ``[(path in the archive, bytes)]`` (CSV, XLSX, PDF).
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = [f"{name}.json" for name in documents] + [path for path, _ in files]
        manifest = {"format": "aluqsec-export", "version": FORMAT_VERSION, "kind": kind, "id": subject_id,
                    "generated_at": utcnow(), "files": names}
        archive.writestr("manifest.json", json.dumps(manifest, default=_json, ensure_ascii=False, indent=2))
        for name, value in documents.items():
            archive.writestr(f"{name}.json", json.dumps(value, default=_json, ensure_ascii=False, indent=2))
        for path, content in files:
            archive.writestr(path, content)
    return buffer.getvalue()


def company_documents(company):
    """Return ``{document: data}`` with everything *company* holds (docs/export-format.md)."""
    return {
        "company": _columns(company, ("id", "legal_name", "neq", "sector", "region", "size_band", "certifications",
                                      "language", "benchmark_opt_in", "created_at", "verified_at",
                                      "deletion_requested_at")),
        "members": [{"user": _person(m.user), "email": m.user.email, "role": m.role, "joined_at": m.created_at}
                    for m in db.session.scalars(select(Membership).where(Membership.company_id == company.id)
                                                .order_by(Membership.id))],
        "invitations": [_columns(i, ("email", "invited_by_id", "created_at", "accepted_at"))
                        for i in db.session.scalars(select(Invitation).where(Invitation.company_id == company.id)
                                                    .order_by(Invitation.id))],
        "assessments": _assessments(company),
        "action_plan": [{**_columns(item, ("id", "practice_id", "questionnaire_id", "question_id",
                                           "source_assessment_id", "last_assessment_id", "priority", "position",
                                           "due_date", "status", "closed_automatically", "created_at", "closed_at",
                                           "notes")),
                         "assignee": _person(item.assignee)}
                        for item in db.session.scalars(select(ActionItem).where(ActionItem.company_id == company.id)
                                                       .order_by(ActionItem.position, ActionItem.id))],
        "advisor_grants": [{"advisor": {**_person(grant.advisor), "email": grant.advisor.email},
                            **_columns(grant, ("scope", "status", "updated_at")),
                            "history": [{**_columns(change, ("action", "scope", "at")), "actor": _person(change.actor)}
                                        for change in grant.history]}
                           for grant in db.session.scalars(select(AdvisorGrant)
                                                           .where(AdvisorGrant.company_id == company.id)
                                                           .order_by(AdvisorGrant.id))],
        "coaching": [{**_columns(meeting, ("met_on", "notes", "created_at")), "advisor": _person(meeting.advisor),
                      "commitments": [_columns(c, COMMITMENT_FIELDS) for c in meeting.commitments]}
                     for meeting in db.session.scalars(select(CoachingMeeting)
                                                       .where(CoachingMeeting.company_id == company.id)
                                                       .order_by(CoachingMeeting.met_on, CoachingMeeting.id))],
        "journeys": [_columns(j, ("certification", "stage", "self_assessment_on", "remediation_on", "pre_audit_on",
                                  "audit_booked_on", "certified_on", "target_on", "updated_at"))
                     for j in db.session.scalars(select(Journey).where(Journey.company_id == company.id)
                                                 .order_by(Journey.id))],
        "registrations": [{"event": _event(r.event), "person": _person(r.user),
                           **_columns(r, ("status", "attended", "created_at"))}
                          for r in db.session.scalars(select(Registration).where(Registration.company_id == company.id)
                                                      .order_by(Registration.id))],
        "evidence": _evidence(company),
        "attestations": _attestations(company),
        "audit": _company_audit(company),
    }


def _evidence(company):
    from ..evidence.services import items_of

    return [{**_columns(item, ("id", "kind", "title", "url", "note", "dated_on", "valid_until", "review",
                               "review_comment", "reviewed_at", "created_at")),
             "owner": _person(item.owner), "reviewed_by": _person(item.reviewed_by),
             "requirements": [_columns(link, ("framework_id", "requirement_id", "kind_id")) for link in item.links],
             "versions": [{**_columns(v, ("number", "filename", "file_type", "size", "sha256", "uploaded_at")),
                           "uploaded_by": _person(v.uploaded_by),
                           "file": f"evidence/{item.id}/v{v.number}-{v.filename}"} for v in item.versions]}
            for item in items_of(company.id)]


def _attestations(company):
    from ..evidence.models import Attestation

    return [_columns(a, ("framework_id", "official_name", "official_title", "signed_on", "updated_at"))
            for a in db.session.scalars(select(Attestation).where(Attestation.company_id == company.id)
                                        .order_by(Attestation.id))]


def _assessments(company):
    rows = list(db.session.scalars(select(Assessment).where(Assessment.company_id == company.id)
                                   .order_by(Assessment.created_at, Assessment.id)))
    ids = [a.id for a in rows]
    answers, comments = {}, {}
    for answer in db.session.scalars(select(Answer).where(Answer.assessment_id.in_(ids)).order_by(Answer.id)):
        answers.setdefault(answer.assessment_id, []).append({
            **_columns(answer, ("question_id", "value", "justification", "note", "to_confirm", "answered_at",
                                "validated_value", "validated_at")),
            "answered_by": _person(answer.answered_by), "validated_by_id": answer.validated_by_id})
    for comment in db.session.scalars(select(ReviewComment).where(ReviewComment.assessment_id.in_(ids))
                                      .order_by(ReviewComment.created_at, ReviewComment.id)):
        comments.setdefault(comment.assessment_id, []).append({
            **_columns(comment, ("question_id", "body", "created_at")), "author": _person(comment.author)})
    return [{**_columns(a, ("id", "questionnaire_id", "questionnaire_version", "content_hash", "targets", "status",
                            "previous_id", "created_at", "created_by_id", "submitted_at", "submitted_by_id",
                            "scorecard", "scoring_version", "reviewed_at", "reviewed_by_id",
                            "validated_scorecard")),
             "answers": answers.get(a.id, []), "comments": comments.get(a.id, [])} for a in rows]


def _company_audit(company):
    """The audit entries about the company: what, when and who, not the addresses."""
    targets = [f"company:{company.id}", f"company:{company.neq}"]
    entries = db.session.scalars(select(AuditEvent).where(AuditEvent.target.in_(targets))
                                 .order_by(AuditEvent.at, AuditEvent.id))
    return [{"action": e.action, "at": e.at, "actor": _person(e.actor)} for e in entries]


def user_documents(user):
    """Return ``{document: data}`` with the personal information AluQSec holds about *user*."""
    return {
        "profile": {**_columns(user, ("id", "email", "name", "language", "active", "created_at", "last_login_at")),
                    "roles": sorted(str(role) for role in user.roles)},
        "memberships": [{"company": {"id": m.company.id, "legal_name": m.company.legal_name}, "role": m.role,
                         "joined_at": m.created_at} for m in user.memberships],
        "consents": [_columns(c, ("notice_version", "context", "accepted_at"))
                     for c in db.session.scalars(select(PrivacyConsent).where(PrivacyConsent.user_id == user.id)
                                                 .order_by(PrivacyConsent.id))],
        "registrations": [{"event": _event(r.event), **_columns(r, ("status", "attended", "created_at"))}
                          for r in db.session.scalars(select(Registration).where(Registration.user_id == user.id)
                                                      .order_by(Registration.id))],
        "feedback": [{"event": _event(f.registration.event),
                      **_columns(f, ("sent_at", "answered_at", "usefulness", "will_apply", "topics_wanted",
                                     "other_topics"))}
                     for f in db.session.scalars(select(EventFeedback).join(Registration)
                                                 .where(Registration.user_id == user.id).order_by(EventFeedback.id))],
        "advisor_access": [{"company": {"id": g.company.id, "legal_name": g.company.legal_name},
                            **_columns(g, ("scope", "status", "updated_at"))}
                           for g in db.session.scalars(select(AdvisorGrant).where(AdvisorGrant.advisor_id == user.id)
                                                       .order_by(AdvisorGrant.id))],
        "login_attempts": [_columns(a, ("address", "succeeded", "attempted_at"))
                           for a in db.session.scalars(select(LoginAttempt).where(LoginAttempt.email == user.email)
                                                       .order_by(LoginAttempt.id))],
        "activity": [_columns(e, ("action", "target", "address", "at"))
                     for e in db.session.scalars(select(AuditEvent).where(or_(
                         AuditEvent.actor_id == user.id, AuditEvent.target == f"user:{user.id}"))
                         .order_by(AuditEvent.at, AuditEvent.id))],
        "mail_sent_to_you": [_columns(m, ("subject", "status", "created_at"))
                             for m in db.session.scalars(select(OutboxMessage)
                                                         .where(OutboxMessage.recipient == user.email)
                                                         .order_by(OutboxMessage.id))],
    }
