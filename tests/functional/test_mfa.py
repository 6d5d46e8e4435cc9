"""TOTP second factor: staff cannot skip it, enrolment, recovery codes, replay, throttling, admin reset."""
import re

import pyotp
from sqlalchemy import select

from aluqsec.audit.models import AuditEvent
from aluqsec.auth.models import User
from aluqsec.extensions import db

from ..conftest import login, post, totp_now
from ..factories import PASSWORD


def password_step(client, email):
    return post(client, "/auth/login", {"email": email, "password": PASSWORD})


def test_staff_reach_nothing_between_password_and_code(app, client, make):
    company = make.make_company()
    advisor = make.make_user(email="adv@example.ca", roles=["advisor"])
    make.make_grant(company, advisor)
    response = password_step(client, "adv@example.ca")
    assert response.headers["Location"] == "/auth/mfa"
    for url in ("/advisor/portfolio", f"/companies/{company.id}", "/auth/profile"):
        assert client.get(url).status_code == 302, url
    assert post(client, "/auth/mfa", {"code": totp_now(app, "adv@example.ca")}).status_code == 302
    assert client.get(f"/companies/{company.id}").status_code == 200


def test_staff_without_a_second_factor_must_enrol_at_login(app, client, make):
    make.make_user(email="admin@example.ca", roles=["admin"], mfa=False)
    password_step(client, "admin@example.ca")
    assert client.get("/auth/mfa").headers["Location"] == "/auth/mfa/setup"
    assert client.get("/admin/users").status_code == 302
    page = client.get("/auth/mfa/setup").get_data(as_text=True)
    assert "<svg" in page and "<title>AluQSec admin@example.ca</title>" in page
    secret = re.search(r'<code class="user-select-all">([A-Z2-7]+)</code>', page).group(1)
    wrong = post(client, "/auth/mfa/setup", {"code": "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"})
    assert wrong.status_code == 400 and "Ce code ne correspond pas" in wrong.get_data(as_text=True)
    done = post(client, "/auth/mfa/setup", {"code": pyotp.TOTP(secret).now()})
    codes = re.findall(r"<li>([0-9A-F]{5}(?:-[0-9A-F]{5}){3})</li>", done.get_data(as_text=True))
    assert done.status_code == 200 and len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/users").status_code == 200
    user = db.session.scalar(select(User).where(User.email == "admin@example.ca"))
    assert user.totp_secret == secret


def test_a_code_works_once(app, make):
    make.make_user(email="adv@example.ca", roles=["advisor"])
    code = totp_now(app, "adv@example.ca")
    first, second = app.test_client(), app.test_client()
    password_step(first, "adv@example.ca")
    assert post(first, "/auth/mfa", {"code": code}).status_code == 302
    password_step(second, "adv@example.ca")
    replay = post(second, "/auth/mfa", {"code": code})
    assert replay.status_code == 401
    assert "Ce code est erroné ou a déjà été utilisé." in replay.get_data(as_text=True)


def enrol_owner(client):
    page = client.get("/auth/mfa/setup").get_data(as_text=True)
    secret = re.search(r'<code class="user-select-all">([A-Z2-7]+)</code>', page).group(1)
    done = post(client, "/auth/mfa/setup", {"code": pyotp.TOTP(secret).now()})
    return re.findall(r"<li>([0-9A-F-]{23})</li>", done.get_data(as_text=True))


def test_owner_turns_on_mfa_and_a_recovery_code_works_once(app, client, make):
    make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    assert "Désactivée" in client.get("/auth/profile").get_data(as_text=True)
    codes = enrol_owner(client)
    assert len(codes) == 10
    assert "Il reste 10 codes de récupération" in client.get("/auth/profile").get_data(as_text=True)
    phone_lost = app.test_client()
    assert password_step(phone_lost, "o@example.ca").headers["Location"] == "/auth/mfa"
    assert post(phone_lost, "/auth/mfa", {"code": codes[0].lower()}).status_code == 302
    assert "Il reste 9 codes de récupération" in phone_lost.get("/auth/profile").get_data(as_text=True)
    again = app.test_client()
    password_step(again, "o@example.ca")
    assert post(again, "/auth/mfa", {"code": codes[0]}).status_code == 401


def test_wrong_codes_are_throttled_and_a_correct_password_does_not_reset_the_count(app, make):
    make.make_user(email="adv@example.ca", roles=["advisor"])
    browser = app.test_client()
    for round_ in range(2):
        password_step(browser, "adv@example.ca")
        for _ in range(3 if round_ == 0 else 2):
            assert post(browser, "/auth/mfa", {"code": "12345x"}).status_code == 401
    password_step(browser, "adv@example.ca")
    blocked = post(browser, "/auth/mfa", {"code": totp_now(app, "adv@example.ca")})
    assert blocked.status_code == 429
    assert "Trop de codes erronés" in blocked.get_data(as_text=True)


def test_admin_resets_a_users_mfa_and_it_is_audited(app, client, make):
    make.make_user(email="admin@example.ca", roles=["admin"])
    adv = make.make_user(email="adv@example.ca", roles=["advisor"])
    login(client, "admin@example.ca")
    assert "Réinitialiser la vérification en deux étapes" in client.get("/admin/users").get_data(as_text=True)
    assert post(client, f"/admin/users/{adv.id}/mfa-reset").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, adv.id).totp_secret is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "admin.mfa_reset"))
    assert event.target == f"user:{adv.id}"
    browser = app.test_client()
    password_step(browser, "adv@example.ca")
    assert browser.get("/auth/mfa").headers["Location"] == "/auth/mfa/setup"


def test_mfa_pages_refuse_bad_input(app, client, make):
    assert client.get("/auth/mfa").headers["Location"] == "/auth/login"
    assert client.get("/auth/mfa/setup").headers["Location"] == "/auth/login"
    make.make_user(email="adv@example.ca", roles=["advisor"])
    password_step(client, "adv@example.ca")
    assert post(client, "/auth/mfa", {"code": "1" * 41}).status_code == 400
    assert post(client, "/auth/mfa", {"code": ""}).status_code == 400
    assert client.post("/auth/mfa", data={"code": "123456"}).status_code == 400  # no CSRF token


def test_pending_login_expires(app, client, make, monkeypatch):
    make.make_user(email="adv@example.ca", roles=["advisor"])
    password_step(client, "adv@example.ca")
    monkeypatch.setitem(app.config, "MFA_PENDING_MAX_AGE", -1)
    response = post(client, "/auth/mfa", {"code": totp_now(app, "adv@example.ca")})
    assert response.headers["Location"] == "/auth/login"


def test_the_same_code_sent_twice_at_once_opens_one_session(app, make):
    import threading

    from ..conftest import csrf_token

    make.make_user(email="adv@example.ca", roles=["advisor"])
    browsers = [app.test_client() for _ in range(4)]
    for browser in browsers:
        password_step(browser, "adv@example.ca")
    tokens = [csrf_token(browser, "/auth/mfa") for browser in browsers]
    code = totp_now(app, "adv@example.ca")
    start, statuses = threading.Barrier(len(browsers)), []

    def submit(browser, token):
        start.wait()
        statuses.append(browser.post("/auth/mfa", data={"code": code, "csrf_token": token}).status_code)

    threads = [threading.Thread(target=submit, args=pair) for pair in zip(browsers, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(statuses) == [302, 401, 401, 401]
