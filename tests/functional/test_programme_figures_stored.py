"""The programme page shows figures a worker computed and kept; it asks for new ones when the data moves on."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from aluqsec.extensions import db
from aluqsec.jobs.models import Job
from aluqsec.programme.models import ProgrammeSnapshot

from ..conftest import post
from .assessment_helpers import text
from .concurrency import at_once
from .job_helpers import run_jobs
from .test_programme_dashboard import BEFORE, build_cluster, scored

COUNTED = "10 entreprises membres vérifiées sont comptées dans ces chiffres."
COMPUTING = "Les chiffres de cette période sont en cours de calcul"


@pytest.fixture
def cluster(app, make):
    return build_cluster(app, make)


def figures_jobs():
    return db.session.scalar(select(func.count()).select_from(Job).where(Job.kind == "programme_figures"))


def test_first_visit_asks_a_worker_once_then_shows_the_figures(cluster):
    first = cluster.get("/organizer/programme")
    page = text(first.get_data(as_text=True))
    assert first.status_code == 200 and COMPUTING in page and COUNTED not in page
    assert 'data-auto-refresh="2"' in first.get_data(as_text=True)
    cluster.get("/organizer/programme")  # asking again while it is computed: the same job
    assert figures_jobs() == 1
    assert run_jobs(cluster.application) == 1
    page = text(cluster.get("/organizer/programme").get_data(as_text=True))
    assert COUNTED in page and COMPUTING not in page and "Calculés le" in page
    cluster.get("/organizer/programme")
    assert figures_jobs() == 1  # up to date: nothing asked


def test_two_organizers_at_once_make_one_job(app, cluster):
    from aluqsec.programme.stored import figures

    end = date.today()
    errors = at_once(app, lambda _organizer: figures(end - timedelta(days=364), end), ["first", "second"])
    assert errors == []
    assert figures_jobs() == 1


def test_new_data_shows_the_old_figures_while_new_ones_are_computed(cluster, make):
    cluster.get("/organizer/programme")
    run_jobs(cluster.application)
    owner = make.make_user(email="late@example.ca")
    scored(make.make_company(owner=owner, verified=True), BEFORE, 1.0)  # a submission the figures lack
    db.session.commit()
    page = text(cluster.get("/organizer/programme").get_data(as_text=True))
    assert COUNTED in page and "nouveaux chiffres sont en cours de calcul" in page
    assert run_jobs(cluster.application) == 1
    page = text(cluster.get("/organizer/programme").get_data(as_text=True))
    assert "11 entreprises membres vérifiées" in page and "en cours de calcul" not in page


def test_figures_older_than_the_age_limit_are_computed_again(app, cluster):
    cluster.get("/organizer/programme")
    run_jobs(app)
    snapshot = db.session.scalar(select(ProgrammeSnapshot))
    snapshot.computed_at -= timedelta(seconds=app.config["PROGRAMME_FIGURES_TTL"] + 1)
    db.session.commit()
    assert "nouveaux chiffres sont en cours de calcul" in text(cluster.get("/organizer/programme").get_data(
        as_text=True))
    assert figures_jobs() == 2


def test_the_page_in_english_while_computing_and_after(cluster):
    post(cluster, "/language", {"language": "en"})
    page = text(cluster.get("/organizer/programme").get_data(as_text=True))
    assert "The figures of this period are being computed" in page
    run_jobs(cluster.application)
    page = text(cluster.get("/organizer/programme").get_data(as_text=True))
    assert "10 verified member companies count in these figures." in page and "Computed on" in page


def test_the_worker_schedule_prepares_the_default_period(app, cluster, monkeypatch):
    # As in production: the hourly refresh asks for the last twelve months.
    monkeypatch.setitem(app.config, "JOBS_SCHEDULE", True)
    run_jobs(app)
    assert figures_jobs() == 1
    page = text(cluster.get("/organizer/programme").get_data(as_text=True))
    assert COUNTED in page and COMPUTING not in page
