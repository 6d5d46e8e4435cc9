"""``flask backup PATH`` then ``flask restore PATH`` into an empty database: the app serves the same data."""
import re
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from aluqsec.extensions import db

from ..conftest import login, make_app
from .assessment_helpers import text as visible
from .privacy_helpers import fill_company

CSRF_VALUE = re.compile(r'value="[\w-]+\.[\w-]+\.[\w-]+"')  # signed per session: differs by design


@pytest.fixture
def empty_database(database_url, tmp_path):
    """Yield the URL of a new, empty database of the same kind as the test database."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite'}"
        return
    name = f"aluqsec_restore_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def _invoke(application, command, path):
    # The test's own app context is active: push the restored app's so the command acts on its database.
    with application.app_context():
        return application.test_cli_runner().invoke(args=[command, str(path)])


def _pages(application, filled):
    """What an owner sees: the company, its assessments, the results and the progress page."""
    client = application.test_client()
    login(client, filled.owner.email)
    pages = {}
    for path in (f"/companies/{filled.company.id}", f"/companies/{filled.company.id}/assessments",
                 f"/assessments/{filled.submitted.id}/results", f"/companies/{filled.company.id}/progress",
                 f"/assessments/{filled.draft.id}"):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = visible(CSRF_VALUE.sub("", response.get_data(as_text=True)))
    return pages


def test_backup_restores_into_a_fresh_database_with_the_same_pages(app, make, tmp_path, empty_database):
    filled, _ = fill_company(make, "alpha")
    fill_company(make, "beta")
    before = _pages(app, filled)
    assert "Usine Alpha inc." in before[f"/companies/{filled.company.id}"]
    assert "2,8" in before[f"/companies/{filled.company.id}/assessments"]
    path = tmp_path / "aluqsec.backup"
    result = app.test_cli_runner().invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert f"backup written to {path}" in result.output and path.stat().st_size > 0
    again = app.test_cli_runner().invoke(args=["backup", str(path)])
    assert again.exit_code != 0 and "already exists" in again.output

    restored = make_app(empty_database)
    try:
        result = _invoke(restored, "restore", path)
        assert result.exit_code == 0, result.output
        assert _pages(restored, filled) == before
        with restored.app_context():
            scores = db.session.execute(text("SELECT id, scorecard FROM assessments ORDER BY id")).all()
        with app.app_context():
            assert db.session.execute(text("SELECT id, scorecard FROM assessments ORDER BY id")).all() == scores
        refused = _invoke(restored, "restore", path)
        assert refused.exit_code != 0 and "not empty" in refused.output
    finally:
        with restored.app_context():
            db.engine.dispose()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, empty_database):
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    restored = make_app(empty_database)
    try:
        result = _invoke(restored, "restore", junk)
        assert result.exit_code != 0 and "Error" in result.output
    finally:
        with restored.app_context():
            db.engine.dispose()


def test_backup_to_a_missing_folder_says_why(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "missing" / "x.backup")])
    assert result.exit_code != 0 and "Error" in result.output and "Traceback" not in result.output
