"""Migrations build, from an empty database, exactly the schema the models declare."""
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect

from aluqsec import create_app
from aluqsec.extensions import db

from ..conftest import config_for, reset_database


def _upgrade_and_compare(url):
    app = create_app(config_for(url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
            tables = set(inspect(connection).get_table_names())
        db.engine.dispose()
    return differences, tables


def test_upgrade_from_empty_sqlite_matches_models(tmp_path):
    differences, tables = _upgrade_and_compare(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    assert differences == []
    assert {"users", "companies", "memberships", "login_attempts", "audit_events"} <= tables


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("ALUQSEC_TEST_DATABASE_URL", "").startswith("postgresql"),
                    reason="needs ALUQSEC_TEST_DATABASE_URL pointing at PostgreSQL")
def test_upgrade_from_empty_postgresql_matches_models(app):
    url = os.environ["ALUQSEC_TEST_DATABASE_URL"]
    with app.app_context():
        db.engine.dispose()
    reset_database(url)
    differences, tables = _upgrade_and_compare(url)
    assert differences == []
    assert {"users", "companies", "memberships"} <= tables
