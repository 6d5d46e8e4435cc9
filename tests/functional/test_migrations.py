"""Migrations build, from an empty database, exactly the schema the models declare."""
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect, text

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


def _insert(connection, table, **values):
    """Insert a row into *table* as it stands, filling required columns the test does not care about."""
    import json as _json
    from datetime import UTC, datetime

    from sqlalchemy import Boolean, Date, DateTime, Integer, MetaData, Numeric, Table

    columns = Table(table, MetaData(), autoload_with=connection).columns
    for column in columns:
        if column.name in values or column.nullable or column.primary_key:
            continue
        kind = column.type
        values[column.name] = (False if isinstance(kind, Boolean) else datetime.now(UTC)
                               if isinstance(kind, DateTime) else datetime.now(UTC).date()
                               if isinstance(kind, Date) else 1 if isinstance(kind, Integer | Numeric)
                               else "[]" if "JSON" in type(kind).__name__.upper() else f"x{len(values)}")
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    values = {k: _json.dumps(v) if isinstance(v, dict | list) else v for k, v in values.items()}
    return connection.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values).lastrowid


def test_upgrade_merges_duplicate_action_items_and_closes_stale_ones(tmp_path):
    """Items of the quick scan and the full assessment become one per practice, keeping the user's edits."""
    from datetime import date

    from flask_migrate import upgrade as upgrade_to

    app = create_app(config_for(f"sqlite:///{tmp_path / 'old.sqlite'}"))
    with app.app_context():
        upgrade_to(revision="5edda810d8c5")
        with db.engine.begin() as connection:
            user = _insert(connection, "users", email="o@example.ca", name="Olive")
            company = _insert(connection, "companies", neq="1100000001", legal_name="Alu inc.")
            quick = _insert(connection, "assessments", company_id=company, questionnaire_id="quick-scan",
                            status="submitted", submitted_at="2026-11-01 10:00:00",
                            scorecard={"gaps": [{"question": "qs-mfa", "priority": 6.0},
                                                {"question": "qs-backups", "priority": 9.0}]})
            full = _insert(connection, "assessments", company_id=company, questionnaire_id="baseline",
                           status="submitted", submitted_at="2026-11-20 10:00:00",
                           scorecard={"gaps": [{"question": "acc-mfa-remote", "priority": 12.0},
                                               {"question": "gov-budget", "priority": 4.0}]})

            def item(question, questionnaire, assessment, **fields):
                return _insert(connection, "action_items", company_id=company, questionnaire_id=questionnaire,
                               question_id=question, source_assessment_id=assessment,
                               last_assessment_id=assessment, status=fields.pop("status", "todo"),
                               closed_automatically=False, priority=1.0, **fields)
            edited = item("qs-mfa", "quick-scan", quick, assignee_id=user, due_date=date(2027, 1, 15), position=1)
            item("qs-backups", "quick-scan", quick, position=2)
            item("acc-mfa-remote", "baseline", full, position=3)
            item("gov-budget", "baseline", full, position=4)
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT id, practice_id, status, closed_automatically, assignee_id, due_date, question_id, priority "
                "FROM action_items ORDER BY practice_id")).all()
        db.engine.dispose()
    state = {row.practice_id: row for row in rows}
    assert sorted(state) == ["acc-mfa-remote", "bkp-automatic-backups", "gov-budget"]
    mfa = state["acc-mfa-remote"]
    assert (mfa.id, mfa.assignee_id, str(mfa.due_date), mfa.status) == (edited, user, "2027-01-15", "todo")
    assert (mfa.question_id, mfa.priority) == ("acc-mfa-remote", 12.0)
    backups = state["bkp-automatic-backups"]
    assert (backups.status, bool(backups.closed_automatically)) == ("done", True)
    assert state["gov-budget"].status == "todo"
