"""Large renderings run in a process forked for them: their memory goes back to the system when they end.

The real worker on the test database (SQLite, or PostgreSQL with ALUQSEC_TEST_DATABASE_URL);
the job's process is a real child process, killed for real in the last test.
"""
import dataclasses
import os
import signal
import sys

import pytest
from sqlalchemy import update

from aluqsec.auth.models import Role
from aluqsec.extensions import db
from aluqsec.jobs import queue
from aluqsec.jobs.models import Job, JobState
from aluqsec.jobs.registry import Result
from aluqsec.models import utcnow

from ..conftest import login
from .job_helpers import download, prepare, run_jobs
from .test_jobs import SECTOR, _job

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the platform cannot fork: jobs run in the worker")


@pytest.fixture
def organizer(client, make):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")
    return client


def _replace_sector_report(app, monkeypatch, run):
    """Make the sector report's job run *run* instead, keeping the kind's other settings."""
    spec = queue.kinds(app)["sector_report"]
    assert spec.isolated
    monkeypatch.setitem(app.extensions[queue.KINDS], "sector_report", dataclasses.replace(spec, run=run))


def _pid_in_a_file(job, progress):
    progress(50)
    return Result(str(os.getpid()).encode(), "pid.txt", "text/plain")


@pytest.mark.parametrize("isolate", [True, False], ids=["forked", "in-the-worker"])
def test_a_large_rendering_runs_in_a_process_of_its_own_and_its_file_is_served(
        app, organizer, monkeypatch, isolate):
    monkeypatch.setitem(app.config, "JOBS_ISOLATE", isolate)
    _replace_sector_report(app, monkeypatch, _pid_in_a_file)
    job_page = prepare(organizer, SECTOR)
    assert run_jobs(app) == 1
    assert _job(job_page).state == JobState.DONE
    ran_in = int(download(organizer, job_page).get_data())
    assert (ran_in != os.getpid()) is isolate


TEST_PROCESS = os.getpid()


def _killed_on_its_first_try(job, progress):
    if job.attempts == 1:
        if os.getpid() == TEST_PROCESS:  # not isolated after all: fail the test, not the test run
            raise RuntimeError("the job ran in the worker's own process")
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's out-of-memory killer does
    return Result(b"second try", "report.txt", "text/plain")


def test_a_job_whose_process_is_killed_is_recorded_as_a_failed_try_and_tried_again(app, organizer, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_BACKOFF_SECONDS", 60)
    _replace_sector_report(app, monkeypatch, _killed_on_its_first_try)
    job_page = prepare(organizer, SECTOR)
    assert run_jobs(app) == 1  # the worker survives its job's process
    job = _job(job_page)
    assert (job.state, job.attempts) == (JobState.QUEUED, 1)
    assert job.error == f"its process ended abnormally (signal {int(signal.SIGKILL)})"
    assert job.locked_by is None and "Un essai a échoué" in organizer.get(job_page).get_data(as_text=True)

    db.session.execute(update(Job).where(Job.id == job.id).values(run_after=utcnow()))  # the back-off passes
    db.session.commit()
    assert run_jobs(app) == 1
    assert _job(job_page).state == JobState.DONE
    assert download(organizer, job_page).get_data() == b"second try"
