"""The score-figures migration backfills typed rows from scorecards stored in any scoring version."""
from flask_migrate import upgrade
from sqlalchemy import text

from aluqsec import create_app
from aluqsec.extensions import db

from ..conftest import config_for
from .test_migrations import _insert

BEFORE = "d577021b1357"
# Stored before scoring version 2: no topics, no partly-assessed list, a total without the catalogue's count.
OLD = {"overall": 1.5, "domains": {"governance": 2.0, "access": 1.0},
       "readiness": {"cmmc-l1": {"framework": "cmmc-l1", "met": 13, "unmet": ["AC.L1-b.1.i"], "verdict": "not met"}},
       "gaps": [], "unanswered": [], "unknown": []}
NEW = {"overall": 2.25, "domains": {"governance": 3.0, "access": None},
       "topics": {"backup-recovery": 1.0, "patching": None},
       "readiness": {"cybersecure-canada": {
           "framework": "cybersecure-canada", "met": 16, "total": 18, "percent": 88.89, "verdict": "incomplete",
           "unmet": [], "not_assessed": ["BASELINE-NEW-1", "BASELINE-NEW-2"], "not_applicable": [],
           "partly_assessed": [], "indicative": True, "out_of_scope": []}},
       "gaps": [], "unanswered": [], "unknown": []}


def test_upgrade_stores_each_companys_latest_figures_from_old_and_new_scorecards(tmp_path):
    app = create_app(config_for(f"sqlite:///{tmp_path / 'old.sqlite'}"))
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            _insert(connection, "users", email="o@example.ca", name="Olive")
            first = _insert(connection, "companies", neq="1100000001", legal_name="Alu inc.")
            second = _insert(connection, "companies", neq="1100000002", legal_name="Profilés inc.")
            quick = _insert(connection, "assessments", company_id=first, questionnaire_id="quick-scan",
                            status="submitted", submitted_at="2026-11-01 10:00:00", scorecard=OLD,
                            targets=["cmmc-l1"])
            full = _insert(connection, "assessments", company_id=first, questionnaire_id="baseline",
                           status="reviewed", submitted_at="2026-11-20 10:00:00", reviewed_at="2026-11-22 10:00:00",
                           scorecard=NEW, targets=["cybersecure-canada"])
            _insert(connection, "assessments", company_id=first, questionnaire_id="quick-scan", status="draft")
            other = _insert(connection, "assessments", company_id=second, questionnaire_id="quick-scan",
                            status="submitted", submitted_at="2026-11-05 10:00:00", scorecard=NEW, targets=[])
        upgrade()
        with db.engine.connect() as connection:
            summaries = connection.execute(text(
                "SELECT company_id, assessment_id, questionnaire_id, latest, overall, previous_overall, "
                "reviewed_at IS NOT NULL FROM score_summaries ORDER BY company_id, assessment_id")).all()
            domains = connection.execute(text(
                "SELECT s.assessment_id, d.domain_id, d.value FROM score_domains d "
                "JOIN score_summaries s ON s.id = d.summary_id ORDER BY 1, 2")).all()
            topics = connection.execute(text(
                "SELECT s.assessment_id, t.topic_id, t.value FROM score_topics t "
                "JOIN score_summaries s ON s.id = t.summary_id ORDER BY 1, 2")).all()
            frameworks = connection.execute(text(
                "SELECT s.assessment_id, f.framework_id, f.met, f.total, f.verdict, f.not_assessed, f.target_rank "
                "FROM score_frameworks f JOIN score_summaries s ON s.id = f.summary_id ORDER BY 1, 2")).all()
            requirements = connection.execute(text(
                "SELECT s.assessment_id, r.framework_id, r.status, count(*) FROM score_requirements r "
                "JOIN score_summaries s ON s.id = r.summary_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")).all()
        db.engine.dispose()
    assert [tuple(row) for row in summaries] == [
        (first, quick, "quick-scan", False, 1.5, None, False),
        (first, full, "baseline", True, 2.25, 1.5, True),  # the company's newest; trend from the quick scan
        (second, other, "quick-scan", True, 2.25, None, False),
    ]
    assert [tuple(row) for row in domains if row[0] == quick] == [(quick, "access", 1.0), (quick, "governance", 2.0)]
    assert [tuple(row) for row in domains if row[0] == full] == [(full, "access", None), (full, "governance", 3.0)]
    assert [tuple(row) for row in topics if row[0] in (quick, full)] == [
        (full, "backup-recovery", 1.0), (full, "patching", None)]  # the old scorecard had no topics
    # The old readiness reads as it reads now: 13 met of 14 known, "not met"; the 15th requirement is unknown.
    assert [tuple(row) for row in frameworks if row[0] in (quick, full)] == [
        (quick, "cmmc-l1", 13, 14, "not met", 0, 0),
        (full, "cybersecure-canada", 16, 18, "incomplete", 2, 0)]
    assert [tuple(row) for row in requirements if row[0] in (quick, full)] == [
        (quick, "cmmc-l1", None, 14), (quick, "cmmc-l1", "not met", 1),
        (full, "cybersecure-canada", "met", 16), (full, "cybersecure-canada", "not assessed", 2)]


def test_upgrade_stores_the_topics_of_every_submission_not_drafts(tmp_path):
    """The programme's history: each submitted assessment's topics, old (no topics) and new alike."""
    app = create_app(config_for(f"sqlite:///{tmp_path / 'old.sqlite'}"))
    with app.app_context():
        upgrade(revision="59d1ec60a35f")
        with db.engine.begin() as connection:
            company = _insert(connection, "companies", neq="1100000001", legal_name="Alu inc.")
            old = _insert(connection, "assessments", company_id=company, questionnaire_id="quick-scan",
                          status="submitted", submitted_at="2026-01-01 10:00:00", scorecard=OLD, targets=[])
            earlier = _insert(connection, "assessments", company_id=company, questionnaire_id="baseline",
                              status="submitted", submitted_at="2026-06-01 10:00:00", scorecard=NEW, targets=[])
            later = _insert(connection, "assessments", company_id=company, questionnaire_id="baseline",
                            status="reviewed", submitted_at="2026-11-01 10:00:00", scorecard={
                                **NEW, "topics": {"backup-recovery": 3.5}}, targets=[])
            _insert(connection, "assessments", company_id=company, questionnaire_id="baseline", status="draft")
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT assessment_id, topic_id, value FROM score_history_topics ORDER BY 1, 2")).all()
        db.engine.dispose()
    assert old not in {row[0] for row in rows}
    assert [tuple(row) for row in rows] == [
        (earlier, "backup-recovery", 1.0), (earlier, "patching", None), (later, "backup-recovery", 3.5)]
