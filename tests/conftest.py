"""Fixtures: one migrated database per run, emptied between tests; a real SMTP server."""
import contextvars
import os
import re
import socket

import pyotp
import pytest
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, event, select, text

from aluqsec import create_app
from aluqsec.extensions import db

from . import factories


class IsolatedClient(FlaskClient):
    """A test client whose requests never share the test's own app context.

    Each request runs in a fresh ``contextvars`` context, as in a real server:
    its own ``g``, its own database session, its own locale.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


CHEAP_ARGON2 = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


def config_for(database_url, **extra):
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-only-key",
        "ARGON2_PARAMETERS": CHEAP_ARGON2,
        "SMTP_HOST": "",
        "BASE_URL": "http://localhost",
        # Workers in tests run the jobs a test queued, with no wait between tries; the periodic
        # jobs are queued only by the tests about them.
        "JOBS_SCHEDULE": False,
        "JOBS_BACKOFF_SECONDS": 0,
    }
    config.update(extra)
    return config


def make_app(database_url, **extra):
    """Build another application instance on the same database."""
    application = create_app(config_for(database_url, **extra))
    application.test_client_class = IsolatedClient
    return application


def reset_database(url):
    """Leave the database at *url* empty of every table."""
    engine = create_engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("ALUQSEC_TEST_DATABASE_URL")
    if url:
        reset_database(url)
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    os.environ.setdefault("ALUQSEC_INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
    application = make_app(database_url)
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def another_app(database_url):
    """Build more application instances on the test database, closed afterwards."""
    made = []

    def build(**extra):
        made.append(make_app(database_url, **extra))
        return made[-1]

    yield build
    for application in made:
        with application.app_context():
            db.engine.dispose()


@pytest.fixture(autouse=True)
def clean_database(request):
    """Empty every table after each test that used the database."""
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make(app_context):
    """Factories that add rows and commit them."""
    return factories


class Inbox:
    """A real SMTP server on loopback that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def body(self, index=-1):
        return self.messages[index].get_content()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(app):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    old = {key: app.config.get(key) for key in ("SMTP_HOST", "SMTP_PORT")}
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port)
    yield inbox
    app.config.update(old)
    controller.stop()


CSRF_PATTERN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def csrf_token(client, url="/"):
    """Return a valid CSRF token for *client*'s session, read from a page."""
    html = client.get(url).get_data(as_text=True)
    return CSRF_PATTERN.search(html).group(1)


def post(client, url, data=None, **kwargs):
    """POST a form with a valid CSRF token, as a browser would."""
    form = dict(data or {})
    form.setdefault("csrf_token", csrf_token(client))
    return client.post(url, data=form, **kwargs)


def login(client, email, password=factories.PASSWORD, query=""):
    """Log in as a browser would, typing the current TOTP code when the account asks for one."""
    response = post(client, "/auth/login" + query, {"email": email, "password": password})
    if response.status_code == 302 and response.headers["Location"] == "/auth/mfa":
        response = post(client, "/auth/mfa", {"code": totp_now(client.application, email)})
    return response


def totp_now(application, email):
    """Return a TOTP code for *email* that the app has not seen yet (tests log in many times a step)."""
    from aluqsec.auth.models import User

    with application.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        user.totp_last_step = None
        db.session.commit()
        return pyotp.TOTP(user.totp_secret).now()


class QueryCounter:
    """Count the SQL statements the application sends while active."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _count(self, *args):
        self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


@pytest.fixture
def count_queries(app):
    def counter():
        with app.app_context():
            return QueryCounter(db.engine)
    return counter
