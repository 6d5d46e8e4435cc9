"""Sessions end on the server: logout, reset, sign-out everywhere, role change, deactivation, removal."""
import html
import re

import pytest
from sqlalchemy import select

from aluqsec.advisors.services import GrantError, find_advisor
from aluqsec.auth.models import User
from aluqsec.extensions import db

from ..conftest import login, post


def copy_cookie(source, target):
    """Give *target* the session cookie of *source*, as a thief who copied it would."""
    cookie = source.get_cookie("session")
    target.set_cookie("session", cookie.value)


def test_copied_cookie_is_refused_after_logout(app, make):
    make.make_user(email="ana@example.ca")
    browser, thief = app.test_client(), app.test_client()
    login(browser, "ana@example.ca")
    copy_cookie(browser, thief)
    assert thief.get("/auth/profile").status_code == 200
    post(browser, "/auth/logout")
    assert thief.get("/auth/profile").status_code == 302
    # A request that rewrites the session does not revive it.
    post(thief, "/language", {"language": "en"})
    assert thief.get("/auth/profile").status_code == 302


def test_copied_cookie_is_refused_after_a_password_reset(app, make, smtp_server):
    make.make_user(email="ana@example.ca")
    browser, thief = app.test_client(), app.test_client()
    login(browser, "ana@example.ca")
    copy_cookie(browser, thief)
    post(browser, "/auth/reset", {"email": "ana@example.ca"})
    link = re.search(r"http://localhost(/auth/reset/\S+)", smtp_server.body()).group(1)
    new = {"password": "a brand new passphrase", "confirm": "a brand new passphrase"}
    assert post(app.test_client(), link, new).status_code == 302
    assert thief.get("/auth/profile").status_code == 302
    assert browser.get("/auth/profile").status_code == 302
    assert login(browser, "ana@example.ca", "a brand new passphrase").status_code == 302


def test_sign_out_everywhere_ends_every_session(app, make):
    make.make_user(email="ana@example.ca")
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, "ana@example.ca")
    login(phone, "ana@example.ca")
    assert "Se déconnecter partout" in laptop.get("/auth/profile").get_data(as_text=True)
    assert post(laptop, "/auth/sessions/end").status_code == 302
    assert laptop.get("/auth/profile").status_code == 302
    assert phone.get("/auth/profile").status_code == 302


def test_role_change_ends_the_sessions_and_new_staff_must_enrol(app, client, make):
    make.make_user(email="admin@example.ca", roles=["admin"])
    target = make.make_user(email="ana@example.ca", name="Ana")
    ana = app.test_client()
    login(ana, "ana@example.ca")
    login(client, "admin@example.ca")
    post(client, f"/admin/users/{target.id}/roles", {"role": "organizer", "action": "grant"})
    assert ana.get("/auth/profile").status_code == 302
    again = post(ana, "/auth/login", {"email": "ana@example.ca", "password": "correct horse battery"})
    assert again.headers["Location"] == "/auth/mfa"
    assert ana.get("/auth/mfa").headers["Location"] == "/auth/mfa/setup"
    assert ana.get("/organizer/events").status_code == 302  # nothing reachable before enrolment


def test_deactivation_ends_the_sessions_and_refuses_login(app, client, make):
    make.make_user(email="admin@example.ca", roles=["admin"])
    target = make.make_user(email="ana@example.ca", name="Ana")
    ana = app.test_client()
    login(ana, "ana@example.ca")
    login(client, "admin@example.ca")
    response = post(client, f"/admin/users/{target.id}/status", {"action": "deactivate"}, follow_redirects=True)
    assert "est désactivé" in response.get_data(as_text=True)
    assert ana.get("/auth/profile").status_code == 302
    assert login(ana, "ana@example.ca").status_code == 403
    assert post(client, f"/admin/users/{target.id}/status", {"action": "reactivate"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, target.id).active
    assert login(ana, "ana@example.ca").status_code == 302


def test_admin_cannot_deactivate_self_and_bad_action_is_400(client, make):
    admin = make.make_user(email="admin@example.ca", roles=["admin"])
    login(client, "admin@example.ca")
    post(client, f"/admin/users/{admin.id}/status", {"action": "deactivate"})
    db.session.expire_all()
    assert db.session.get(User, admin.id).active
    assert post(client, f"/admin/users/{admin.id}/status", {"action": "explode"}).status_code == 400
    assert post(client, "/admin/users/999999/status", {"action": "deactivate"}).status_code == 404


def test_owner_removes_a_member_after_confirmation_and_their_sessions_end(app, client, make):
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner)
    leaver = make.make_member(company, make.make_user(email="leaver@example.ca", name="Léo"))
    membership = next(m for m in company.memberships if m.user_id == leaver.id)
    leaving = app.test_client()
    login(leaving, "leaver@example.ca")
    assert leaving.get(f"/companies/{company.id}").status_code == 200
    login(client, "o@example.ca")
    url = f"/companies/{company.id}/members/{membership.id}/remove"
    assert url in client.get(f"/companies/{company.id}").get_data(as_text=True)
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Retirer Léo" in confirm.get_data(as_text=True)
    assert post(client, url).status_code == 302
    assert leaving.get("/auth/profile").status_code == 302
    login(leaving, "leaver@example.ca")
    assert leaving.get(f"/companies/{company.id}").status_code == 404
    events = db.session.scalars(select(db.metadata.tables["audit_events"].c.action)).all()
    assert "companies.member_removed" in events


def test_member_cannot_remove_and_last_owner_cannot_be_removed(app, client, make):
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner)
    member = make.make_member(company, make.make_user(email="m@example.ca"))
    owner_row = next(m for m in company.memberships if m.user_id == owner.id)
    member_row = next(m for m in company.memberships if m.user_id == member.id)
    login(client, "m@example.ca")
    assert post(client, f"/companies/{company.id}/members/{owner_row.id}/remove").status_code == 403
    other = app.test_client()
    login(other, "o@example.ca")
    assert post(other, f"/companies/{company.id}/members/{owner_row.id}/remove").status_code == 403
    assert post(other, f"/companies/{company.id}/members/{member_row.id + 1000}/remove").status_code == 404
    stranger = make.make_company()
    assert other.get(f"/companies/{stranger.id}/members/{member_row.id}/remove").status_code == 404


def test_pre_registration_takeover_is_impossible(app, make, smtp_server):
    """Issue 11, hole 1: register the new hire's address first, keep the session, wait for the invitation."""
    owner = make.make_user(email="owner@victim.example")
    company = make.make_company(owner=owner)
    attacker, victim, owner_browser = app.test_client(), app.test_client(), app.test_client()
    signup = {"name": "New Hire", "email": "new.hire@victim.example", "password": "attacker chosen secret",
              "confirm": "attacker chosen secret", "legal_name": "Leurre inc.", "neq": "1999999999",
              "sector": "transformation", "region": "02", "size_band": "10-49", "company_language": "fr",
              "accept": "y"}
    assert post(attacker, "/auth/signup", signup).status_code == 200
    assert attacker.get("/auth/profile").status_code == 302  # no session, no account
    assert login(attacker, "new.hire@victim.example", "attacker chosen secret").status_code == 401
    # The sign-up mail reaches the real person, who cannot activate it without the attacker's password.
    confirm = re.search(r"http://localhost(/auth/confirm/\S+)", smtp_server.body()).group(1)
    assert post(victim, confirm, {"password": "whatever I type"}).status_code == 400
    login(owner_browser, "owner@victim.example")
    post(owner_browser, f"/companies/{company.id}/invite", {"email": "new.hire@victim.example"})
    invitation = re.search(r"http://localhost(/companies/invitations/\S+)", smtp_server.body()).group(1)
    form = {"name": "New Hire", "password": "my own real passphrase", "confirm": "my own real passphrase",
            "accept": "y"}
    assert post(victim, invitation, form).status_code == 302
    assert victim.get(f"/companies/{company.id}").status_code == 200
    for url in (f"/companies/{company.id}", f"/companies/{company.id}/plan.csv", "/auth/profile"):
        assert attacker.get(url).status_code in (302, 404), url
    assert login(attacker, "new.hire@victim.example", "attacker chosen secret").status_code == 401
    assert post(attacker, confirm, {"password": "attacker chosen secret"}).status_code == 302
    assert attacker.get(f"/companies/{company.id}").status_code in (302, 404)


def test_an_old_session_of_an_account_ends_when_the_real_owner_resets(app, make, smtp_server):
    """Hole 1 on accounts that already had a session: the reset by the address owner ends it."""
    owner = make.make_user(email="owner@victim.example")
    company = make.make_company(owner=owner)
    make.make_user(email="new.hire@victim.example", password="attacker chosen secret")
    attacker, victim, owner_browser = app.test_client(), app.test_client(), app.test_client()
    login(attacker, "new.hire@victim.example", "attacker chosen secret")
    assert attacker.get("/auth/profile").status_code == 200
    login(owner_browser, "owner@victim.example")
    post(owner_browser, f"/companies/{company.id}/invite", {"email": "new.hire@victim.example"})
    invitation = re.search(r"http://localhost(/companies/invitations/\S+)", smtp_server.body()).group(1)
    post(victim, "/auth/reset", {"email": "new.hire@victim.example"})
    reset = re.search(r"http://localhost(/auth/reset/\S+)", smtp_server.body()).group(1)
    post(victim, reset, {"password": "my own real passphrase", "confirm": "my own real passphrase"})
    login(victim, "new.hire@victim.example", "my own real passphrase")
    assert post(victim, invitation, {"accept": "y"}).status_code == 302
    assert victim.get(f"/companies/{company.id}").status_code == 200
    assert attacker.get(f"/companies/{company.id}").status_code == 302
    assert attacker.get(f"/companies/{company.id}/plan.csv").status_code == 302


def test_an_unconfirmed_account_cannot_log_in_until_its_address_is_confirmed(app, client, make, smtp_server):
    """Accounts created before confirmation existed confirm through a link mailed at login."""
    make.make_user(email="old@example.ca", confirmed=False)
    refused = login(client, "old@example.ca")
    assert refused.status_code == 403
    assert "Confirmez d'abord votre adresse courriel" in html.unescape(refused.get_data(as_text=True))
    assert client.get("/auth/profile").status_code == 302
    link = re.search(r"http://localhost(/auth/confirm-address/\S+)", smtp_server.body()).group(1)
    assert client.get(link).status_code == 200
    assert post(client, link).headers["Location"] == "/auth/login"
    assert login(client, "old@example.ca").status_code == 302
    assert post(app.test_client(), link).headers["Location"] == "/auth/login"  # spent: no error, no effect


def test_unconfirmed_accounts_cannot_be_granted_anything(client, make):
    make.make_user(email="admin@example.ca", roles=["admin"])
    pending = make.make_user(email="pending@example.ca", confirmed=False)
    login(client, "admin@example.ca")
    response = post(client, f"/admin/users/{pending.id}/roles", {"role": "advisor", "action": "grant"},
                    follow_redirects=True)
    assert "doit confirmer son adresse courriel" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, pending.id).roles == frozenset()


def test_unconfirmed_advisors_cannot_receive_a_grant(app_context, make):
    make.make_user(email="adv@example.ca", roles=["advisor"], confirmed=False)
    with pytest.raises(GrantError):
        find_advisor("adv@example.ca")
    make.make_user(email="ok@example.ca", roles=["advisor"])
    assert find_advisor("ok@example.ca").email == "ok@example.ca"
