import re
from datetime import timedelta

from sqlalchemy import select

from aluqsec.auth.models import LoginAttempt
from aluqsec.extensions import db

from ..conftest import login, post
from ..factories import PASSWORD


def test_login_and_logout(client, make):
    make.make_user(email="ana@example.ca")
    assert login(client, "ana@example.ca").status_code == 302
    assert client.get("/auth/profile").status_code == 200
    assert post(client, "/auth/logout").status_code == 302
    assert client.get("/auth/profile").status_code == 302


def test_wrong_password_is_refused_with_a_message(client, make):
    make.make_user(email="ana@example.ca")
    response = login(client, "ana@example.ca", "not the password")
    assert response.status_code == 401
    assert "Courriel ou mot de passe incorrect." in response.get_data(as_text=True)


def test_login_redirects_only_to_local_next(client, make):
    make.make_user(email="ana@example.ca")
    response = post(client, "/auth/login?next=//evil.example.com/",
                    {"email": "ana@example.ca", "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_throttling_holds_across_two_app_instances(app, another_app, make):
    make.make_user(email="ana@example.ca")
    other = another_app()
    first, second = app.test_client(), other.test_client()
    for client in (first, second, first, second, first):
        assert login(client, "ana@example.ca", "wrong password!").status_code == 401
    # the correct password is refused too while the account is throttled, on both instances
    for client in (first, second):
        response = login(client, "ana@example.ca")
        assert response.status_code == 429
        assert "Trop de tentatives" in response.get_data(as_text=True)


def test_throttling_expires_after_the_window(client, make):
    make.make_user(email="ana@example.ca")
    for _ in range(5):
        login(client, "ana@example.ca", "wrong password!")
    for attempt in db.session.scalars(select(LoginAttempt)):
        attempt.attempted_at -= timedelta(minutes=16)
    db.session.commit()
    assert login(client, "ana@example.ca").status_code == 302


def test_throttling_per_address_covers_many_accounts(app, client, make):
    limit = app.config["LOGIN_THROTTLE"]["per_address"]
    for number in range(limit):
        assert login(client, f"nobody{number}@example.ca", "wrong password!").status_code == 401
    make.make_user(email="ana@example.ca")
    assert login(client, "ana@example.ca").status_code == 429


def test_a_locked_account_does_not_lock_out_its_colleagues_at_the_same_address(app, make):
    make.make_user(email="ana@example.ca")
    make.make_user(email="bob@example.ca")
    office = [app.test_client() for _ in range(3)]
    for _ in range(5):
        assert login(office[0], "ana@example.ca", "wrong password!").status_code == 401
    assert login(office[1], "ana@example.ca").status_code == 429
    assert login(office[2], "bob@example.ca").status_code == 302


def test_deactivated_account_is_told_why_only_with_the_right_password(client, make):
    user = make.make_user(email="ana@example.ca")
    user.active = False
    db.session.commit()
    wrong = login(client, "ana@example.ca", "wrong password!")
    assert wrong.status_code == 401 and "désactivé" not in wrong.get_data(as_text=True)
    right = login(client, "ana@example.ca")
    assert right.status_code == 403
    assert "Ce compte est désactivé" in right.get_data(as_text=True)
    assert client.get("/auth/profile").status_code == 302


def _reset_link(inbox):
    return re.search(r"http://localhost(/auth/reset/\S+)", inbox.body()).group(1)


def test_password_reset_by_mail_works_once(client, make, smtp_server):
    make.make_user(email="ana@example.ca")
    response = post(client, "/auth/reset", {"email": "ana@example.ca"})
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["To"] == "ana@example.ca"
    assert "mot de passe" in smtp_server.messages[0]["Subject"]
    link = _reset_link(smtp_server)
    new = {"password": "a brand new passphrase", "confirm": "a brand new passphrase"}
    assert post(client, link, new).status_code == 302
    assert login(client, "ana@example.ca", "a brand new passphrase").status_code == 302
    post(client, "/auth/logout")
    again = post(client, link, {"password": "yet another passphrase", "confirm": "yet another passphrase"})
    assert again.status_code == 302 and again.headers["Location"].endswith("/auth/reset")
    assert login(client, "ana@example.ca", "yet another passphrase").status_code == 401


def test_password_reset_link_expires(app, client, make, smtp_server, monkeypatch):
    make.make_user(email="ana@example.ca")
    post(client, "/auth/reset", {"email": "ana@example.ca"})
    link = _reset_link(smtp_server)
    monkeypatch.setitem(app.config, "PASSWORD_RESET_MAX_AGE", -1)
    response = post(client, link, {"password": "a brand new passphrase", "confirm": "a brand new passphrase"})
    assert response.headers["Location"].endswith("/auth/reset")
    assert login(client, "ana@example.ca").status_code == 302


def test_reset_answers_the_same_whether_the_account_exists(client, make, smtp_server):
    make.make_user(email="ana@example.ca")
    known = post(client, "/auth/reset", {"email": "ana@example.ca"})
    unknown = post(client, "/auth/reset", {"email": "ghost@example.ca"})
    assert (known.status_code, known.headers["Location"]) == (unknown.status_code, unknown.headers["Location"])
    page = client.get("/auth/login").get_data(as_text=True)
    assert "Si un compte utilise cette adresse" in page
    # Each address is told what happened; only the real account gets a link.
    assert [m["To"] for m in smtp_server.messages] == ["ana@example.ca", "ghost@example.ca"]
    assert "/auth/reset/" in smtp_server.body(0)
    assert "aucun compte actif n'utilise" in smtp_server.body(1) and "/auth/reset/" not in smtp_server.body(1)


def test_reset_mails_are_limited_per_address(client, make, smtp_server):
    make.make_user(email="ana@example.ca")
    for _ in range(3):
        assert post(client, "/auth/reset", {"email": "ana@example.ca"}).status_code == 302
    refused = post(client, "/auth/reset", {"email": "ana@example.ca"})
    assert refused.status_code == 429
    assert "Trop de messages ont été envoyés à cette adresse" in refused.get_data(as_text=True)
    assert len(smtp_server.messages) == 3


def test_old_login_attempts_are_pruned(app, client, make):
    make.make_user(email="ana@example.ca")
    login(client, "ana@example.ca", "wrong password!")
    login(client, "ana@example.ca", "wrong password!")
    oldest = db.session.scalars(select(LoginAttempt).order_by(LoginAttempt.id)).first()
    oldest.attempted_at -= timedelta(days=31)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["users", "prune-attempts", "--days", "30"])
    assert "login attempts deleted: 1" in result.output
    db.session.expire_all()
    assert len(db.session.scalars(select(LoginAttempt)).all()) == 1
