from sqlalchemy import select

from aluqsec.audit.models import AuditEvent
from aluqsec.auth.models import Role, User
from aluqsec.extensions import db

from ..conftest import login, post


def test_admin_lists_users_and_grants_then_revokes_a_role(client, make):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    target = make.make_user(email="nadia@example.ca", name="Nadia Côté")
    login(client, "admin@example.ca")
    page = client.get("/admin/users?q=nadia").get_data(as_text=True)
    assert "Nadia Côté" in page and "admin@example.ca" not in page
    assert post(client, f"/admin/users/{target.id}/roles", {"role": "advisor", "action": "grant"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, target.id).roles == {Role.ADVISOR}
    post(client, f"/admin/users/{target.id}/roles", {"role": "advisor", "action": "revoke"})
    db.session.expire_all()
    assert db.session.get(User, target.id).roles == set()
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["admin.role_granted", "admin.role_revoked"]


def test_admin_cannot_remove_own_admin_role(client, make):
    admin = make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    login(client, "admin@example.ca")
    post(client, f"/admin/users/{admin.id}/roles", {"role": "admin", "action": "revoke"})
    db.session.expire_all()
    assert Role.ADMIN in db.session.get(User, admin.id).roles


def test_unknown_role_is_refused(client, make):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    target = make.make_user()
    login(client, "admin@example.ca")
    response = post(client, f"/admin/users/{target.id}/roles", {"role": "superuser", "action": "grant"})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(User, target.id).roles == set()


def test_cli_creates_admin_with_password_from_stdin(app, app_context):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "--email", "Root@Example.ca", "--role", "admin"],
                           input="a long admin passphrase\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "root@example.ca"))
    assert user.roles == {Role.ADMIN}


def test_cli_refuses_weak_password_and_duplicates(app, make):
    make.make_user(email="taken@example.ca")
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["users", "create", "--email", "new@example.ca"], input="short\n")
    assert weak.exit_code != 0 and "password refused" in weak.output
    dup = runner.invoke(args=["users", "create", "--email", "taken@example.ca"], input="a long enough passphrase\n")
    assert dup.exit_code != 0 and "already uses" in dup.output


def test_audit_log_lists_sensitive_actions_for_admins_only(client, make):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    make.make_user(email="user@example.ca")
    login(client, "user@example.ca")
    assert client.get("/admin/audit").status_code == 403
    post(client, "/auth/logout")
    login(client, "admin@example.ca", "wrong password!")
    login(client, "admin@example.ca")
    page = client.get("/admin/audit?action=auth.").get_data(as_text=True)
    assert "auth.login_failed" in page and "auth.login" in page
    assert "admin@example.ca" in page
