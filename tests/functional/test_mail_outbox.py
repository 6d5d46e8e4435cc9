"""With no SMTP server, every mail is logged in full and listed on the admins' outbox page."""
import logging

from ..conftest import login, post


def test_without_smtp_mail_is_logged_in_full_and_listed_for_admins(app, client, make, caplog):
    make.make_user(email="admin@example.ca", roles=["admin"])
    make.make_user(email="ana@example.ca")
    with caplog.at_level(logging.INFO, logger="aluqsec.mail"):
        post(app.test_client(), "/auth/reset", {"email": "ana@example.ca"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "To: ana@example.ca" in logged and "http://localhost/auth/reset/" in logged
    login(client, "admin@example.ca")
    assert "/admin/outbox" in client.get("/").get_data(as_text=True)
    page = client.get("/admin/outbox").get_data(as_text=True)
    assert "ana@example.ca" in page and "http://localhost/auth/reset/" in page


def test_outbox_is_for_admins_only_and_absent_once_smtp_is_set(app, client, make, smtp_server):
    make.make_user(email="admin@example.ca", roles=["admin"])
    owner = make.make_user(email="o@example.ca")
    make.make_company(owner=owner)
    member = app.test_client()
    login(member, "o@example.ca")
    assert member.get("/admin/outbox").status_code == 403
    login(client, "admin@example.ca")
    assert client.get("/admin/outbox").status_code == 404  # SMTP is configured by the fixture
    assert "/admin/outbox" not in client.get("/").get_data(as_text=True)


def test_invitations_are_limited_per_address_and_per_sender(app, client, make, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config["MAIL_LIMITS"], "invitation", {"sender": (4, 3600), "address": (2, 3600)})
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    url = f"/companies/{company.id}/invite"
    assert [post(client, url, {"email": "x@example.ca"}).status_code for _ in range(3)] == [302, 302, 429]
    assert [post(client, url, {"email": f"y{n}@example.ca"}).status_code for n in range(3)] == [302, 302, 429]
    refused = post(client, url, {"email": "z@example.ca"})
    assert "Trop d&#39;invitations ont été envoyées récemment" in refused.get_data(as_text=True)
    assert len(smtp_server.messages) == 4


def test_limits_hold_across_two_app_instances(app, another_app, make, smtp_server):
    make.make_user(email="ana@example.ca")
    other = another_app(SMTP_HOST="127.0.0.1", SMTP_PORT=app.config["SMTP_PORT"])
    clients = [app.test_client(), other.test_client()]
    statuses = [post(clients[n % 2], "/auth/reset", {"email": "ana@example.ca"}).status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert len(smtp_server.messages) == 3
