"""Erasure: no row left behind, checked table by table against the metadata."""
from datetime import timedelta
from html import unescape

from sqlalchemy import func, select

from aluqsec.audit.models import AuditEvent
from aluqsec.auth.models import User
from aluqsec.companies.models import Company, CompanyRole, Membership
from aluqsec.events.models import Event, Registration
from aluqsec.evidence.storage import get_storage
from aluqsec.extensions import db
from aluqsec.recommendations.services import demand_table

from ..conftest import login, post
from .privacy_helpers import fill_company, owned_rows, references_to, rows_mentioning, still_present, tombstone


def _snapshot(secret):
    return sorted(rows_mentioning([secret]))


def test_owner_deletes_the_company_after_typing_its_name_and_can_cancel(app, client, make):
    filled, _ = fill_company(make, "alpha")
    company = filled.company
    login(client, filled.owner.email)
    page = client.get(f"/privacy/companies/{company.id}").get_data(as_text=True)
    assert "Tapez la dénomination sociale" in page
    wrong = post(client, f"/privacy/companies/{company.id}/delete", {"name": "Usine Beta inc."})
    assert wrong.status_code == 400 and 'value="Usine Beta inc."' in unescape(wrong.get_data(as_text=True))
    assert "n'est pas la dénomination sociale" in unescape(wrong.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Company, company.id).deletion_requested_at is None
    assert post(client, f"/privacy/companies/{company.id}/delete", {"name": " usine alpha INC. "}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Company, company.id).deletion_pending
    assert "Annuler la suppression" in client.get(f"/privacy/companies/{company.id}").get_data(as_text=True)
    assert post(client, f"/privacy/companies/{company.id}/cancel-deletion").status_code == 302
    db.session.expire_all()
    assert not db.session.get(Company, company.id).deletion_pending
    actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("privacy.%"))))
    assert actions == ["privacy.company_deletion_requested", "privacy.company_deletion_cancelled"]


def test_members_advisors_and_other_owners_cannot_delete_or_export(client, make):
    filled, _ = fill_company(make, "alpha")
    other, _ = fill_company(make, "beta")
    company = filled.company
    for email in (filled.member.email, filled.advisor.email, other.owner.email):
        login(client, email)
        assert client.get(f"/privacy/companies/{company.id}").status_code == 404
        assert post(client, f"/privacy/companies/{company.id}/delete", {"name": company.legal_name}).status_code == 404
        assert post(client, f"/privacy/companies/{company.id}/export").status_code == 404
        assert post(client, f"/privacy/companies/{company.id}/cancel-deletion").status_code == 404
        post(client, "/auth/logout")
    assert client.get(f"/privacy/companies/{company.id}").status_code == 302  # anonymous: to the login page
    db.session.expire_all()
    assert db.session.get(Company, company.id).deletion_requested_at is None


def test_company_purge_leaves_no_row_behind_and_spares_the_other_company(app, client, make):
    filled, _ = fill_company(make, "alpha")
    other, _ = fill_company(make, "beta")
    company = filled.company
    owned = owned_rows("companies", {company.id})
    assert {"memberships", "assessments", "answers", "review_comments", "action_items", "advisor_grants",
            "grant_changes", "coaching_meetings", "commitments", "journeys", "journey_reminders",
            "invitations", "evidence_items", "evidence_versions", "evidence_links"} <= {
                name for name, ids in owned.items() if ids}
    assert get_storage().files(company.id) and get_storage().files(other.company.id)
    other_files = get_storage().files(other.company.id)
    other_before = _snapshot(other.secret)
    assert other_before
    login(client, filled.owner.email)
    post(client, f"/privacy/companies/{company.id}/delete", {"name": company.legal_name})
    assert demand_table()["backup-recovery"].companies is None  # 1 verified company left
    db.session.expire_all()
    # the grace period is not over: the purge leaves it
    result = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert "companies_purged: 0" in result.output
    company = db.session.get(Company, company.id)
    company.deletion_requested_at -= timedelta(days=31)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert result.exit_code == 0 and "companies_purged: 1" in result.output
    db.session.expire_all()
    assert still_present(owned) == {}
    for name, ids in owned.items():
        assert references_to(name, ids) == [], name
    assert rows_mentioning([filled.secret, "Usine Alpha", filled.company.neq, f"company:{filled.company.id}"],
                           allowed=tombstone("privacy.company_purged")) == []
    entry = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.company_purged"))
    assert (entry.actor_id, entry.address, entry.details) == (None, "", {})
    # people keep their accounts; their registration keeps its seat, without the company
    assert db.session.get(User, filled.member.id) is not None
    assert db.session.scalar(select(Registration.company_id).where(Registration.user_id == filled.owner.id)) is None
    assert _snapshot(other.secret) == other_before
    assert get_storage().files(filled.company.id) == []
    assert get_storage().files(other.company.id) == other_files


def test_user_deletes_the_account_and_no_row_references_them(app, client, make):
    filled, _ = fill_company(make, "alpha")
    other, _ = fill_company(make, "beta")
    owner = filled.owner
    event = db.session.scalar(select(Event).join(Registration).where(Registration.user_id == owner.id))
    waiting = make.make_user(email="waiting@example.ca")
    from aluqsec.events.services import register
    assert register(event, waiting, None).status == "waitlisted"
    db.session.commit()
    login(client, owner.email)
    blocked = client.get("/privacy/me").get_data(as_text=True)
    assert "seule personne propriétaire" in blocked and 'name="password"' not in blocked
    refused = post(client, "/privacy/me/delete", {"password": "correct horse battery", "confirm": "y"})
    assert refused.status_code == 400
    assert db.session.get(User, owner.id) is not None
    membership = next(m for m in filled.company.memberships if m.user_id == filled.member.id)
    assert post(client, f"/privacy/companies/{filled.company.id}/owners", {"member": membership.id}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Membership, membership.id).role == CompanyRole.OWNER
    wrong = post(client, "/privacy/me/delete", {"password": "not my password", "confirm": "y"})
    assert wrong.status_code == 400 and "n'est pas le bon" in unescape(wrong.get_data(as_text=True))
    unconfirmed = post(client, "/privacy/me/delete", {"password": "correct horse battery"})
    assert unconfirmed.status_code == 400 and "Cochez la case" in unescape(unconfirmed.get_data(as_text=True))
    other_before = _snapshot(other.secret)
    owner_id, email, name = owner.id, owner.email, owner.name
    response = post(client, "/privacy/me/delete", {"password": "correct horse battery", "confirm": "y"})
    assert response.status_code == 302
    assert client.get("/privacy/me").status_code == 302  # signed out: to the login page
    db.session.expire_all()
    assert db.session.get(User, owner_id) is None
    assert references_to("users", {owner_id}) == []
    assert rows_mentioning([email, name, f"user:{owner_id}", filled.address, "alpha feedback"],
                           allowed=tombstone("privacy.account_deleted")) == []
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "privacy.account_deleted")) == 1
    # the company keeps its records, without the author's name; the freed seat went to the waitlist
    assert db.session.get(Company, filled.company.id) is not None
    assert db.session.scalar(select(Registration.status).where(Registration.user_id == waiting.id)) == "confirmed"
    assert _snapshot(other.secret) == other_before


def test_only_the_companys_owners_hand_over_the_owner_role(client, make):
    filled, _ = fill_company(make, "alpha")
    other, _ = fill_company(make, "beta")
    theirs = next(m for m in other.company.memberships if m.user_id == other.member.id)
    ours = next(m for m in filled.company.memberships if m.user_id == filled.member.id)
    login(client, filled.owner.email)
    page = client.get(f"/privacy/companies/{filled.company.id}").get_data(as_text=True)
    assert "Member Alpha" in page and "Member Beta" not in page
    foreign = post(client, f"/privacy/companies/{filled.company.id}/owners", {"member": theirs.id})
    assert foreign.status_code == 400
    assert post(client, f"/privacy/companies/{filled.company.id}/owners", {"member": "x"}).status_code == 400
    assert post(client, f"/privacy/companies/{other.company.id}/owners", {"member": theirs.id}).status_code == 404
    post(client, "/auth/logout")
    login(client, filled.member.email)
    assert post(client, f"/privacy/companies/{filled.company.id}/owners", {"member": ours.id}).status_code == 404
    db.session.expire_all()
    assert {db.session.get(Membership, ours.id).role, db.session.get(Membership, theirs.id).role} == {"member"}
