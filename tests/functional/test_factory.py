from aluqsec import create_app
from aluqsec.config import from_environment

from ..conftest import config_for


def test_settings_come_from_prefixed_environment_variables():
    config = from_environment({
        "ALUQSEC_DATABASE_URL": "postgresql+psycopg://db/aluqsec",
        "ALUQSEC_SMTP_HOST": "mail.example.ca", "ALUQSEC_SMTP_PORT": "2525",
        "ALUQSEC_SMTP_STARTTLS": "yes", "ALUQSEC_BASE_URL": "https://aluqsec.example.ca",
        "DATABASE_URL": "ignored-without-prefix",
    })
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db/aluqsec"
    assert config["SMTP_HOST"] == "mail.example.ca"
    assert config["SMTP_PORT"] == 2525
    assert config["SMTP_STARTTLS"] is True
    assert config["BASE_URL"] == "https://aluqsec.example.ca"


def test_default_database_is_sqlite_in_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("ALUQSEC_DATABASE_URL", raising=False)
    monkeypatch.setenv("ALUQSEC_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'aluqsec.sqlite'}"


def test_secret_key_is_generated_once_into_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("ALUQSEC_SECRET_KEY", raising=False)
    monkeypatch.setenv("ALUQSEC_INSTANCE_PATH", str(tmp_path))
    first = create_app({"TESTING": True}).config["SECRET_KEY"]
    second = create_app({"TESTING": True}).config["SECRET_KEY"]
    assert len(first) == 64 and first == second
    assert (tmp_path / "secret_key").read_text() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_cookies_are_secure_only_when_served_over_https(another_app):
    app = another_app(BASE_URL="https://aluqsec.example.ca")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    plain = another_app()
    assert not plain.config.get("SESSION_COOKIE_SECURE")


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_database_does_not_answer(tmp_path):
    app = create_app(config_for(f"sqlite:///{tmp_path}/missing/dir/db.sqlite"))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"
