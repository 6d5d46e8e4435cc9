"""Several application instances and several workers on one database: no job runs twice, no reminder goes twice.

Run on SQLite by default and on PostgreSQL with ALUQSEC_TEST_DATABASE_URL (the broker in production).
"""
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select

from aluqsec.events.services import register
from aluqsec.extensions import db
from aluqsec.jobs import queue
from aluqsec.jobs.models import Job, JobState
from aluqsec.jobs.registry import JobKind
from aluqsec.jobs.worker import Worker

from .job_helpers import run_jobs

JOBS = 24


def _together(workers):
    """Run ``worker.work(burst=True)`` for each worker in its own thread, all starting at once.

    Workers in threads run every job in their thread: forking a process whose other threads may hold
    a lock (SQLite's, the pool's) is unsafe. Production workers are processes of one thread each.
    """
    for worker in workers:
        worker.app.config["JOBS_ISOLATE"] = False
    start, errors = threading.Barrier(len(workers)), []

    def run(worker):
        start.wait()
        try:
            worker.work(burst=True)
        except BaseException as error:  # noqa: BLE001 -- reported by the test
            errors.append(error)

    threads = [threading.Thread(target=run, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors


def test_two_instances_and_two_workers_never_run_a_job_twice(app, app_context, another_app, monkeypatch):
    runs, lock = [], threading.Lock()

    def tally(job, progress):
        progress(50)
        time.sleep(0.01)  # long enough for the other worker to try the same job
        with lock:
            runs.append((job.id, job.locked_by))

    kind = JobKind("tally", run=tally)
    instances = [another_app(), another_app()]
    for application in (app, *instances):
        monkeypatch.setitem(application.extensions[queue.KINDS], "tally", kind)
    ids = [queue.enqueue("tally", {"n": n})[0] for n in range(JOBS)]
    db.session.commit()
    ids = [job.id for job in ids]
    _together([Worker(application, name=f"worker-{n}") for n, application in enumerate(instances)])
    run_jobs(app)  # what a burst left behind (SQLite may refuse a claim under contention)
    counted = Counter(job_id for job_id, _worker in runs)
    assert sorted(counted) == sorted(ids) and set(counted.values()) == {1}
    db.session.expire_all()
    assert set(db.session.scalars(select(Job.state).where(Job.id.in_(ids)))) == {JobState.DONE}


def test_two_instances_with_two_workers_send_each_reminder_once(app, app_context, another_app, make, smtp_server):
    event = make.make_event(days_ahead=0.5, deadline_days_before=0.25)
    people = [make.make_user(email=f"person{n}@example.ca") for n in range(3)]
    for person in people:
        register(event, person, None)
    db.session.commit()
    settings = dict(JOBS_SCHEDULE=True, SMTP_HOST="127.0.0.1", SMTP_PORT=app.config["SMTP_PORT"])
    instances = [another_app(**settings), another_app(**settings)]
    for _round in range(2):  # the second round finds this hour's reminders job already there
        _together([Worker(application, name=f"worker-{n}") for n, application in enumerate(instances)])
    to_people = sorted(m["To"] for m in smtp_server.messages if m["To"].startswith("person"))
    assert to_people == [person.email for person in people]
    keys = list(db.session.scalars(select(Job.key).where(Job.kind == "reminders")))
    # One job per hour's key; two only if the test ran across the turn of an hour.
    assert len(keys) in (1, 2) and all(key.startswith("reminders:") for key in keys)
    assert set(db.session.scalars(select(Job.state).where(Job.kind == "reminders"))) == {JobState.DONE}


def _wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_worker_process_runs_a_job_and_stops_cleanly_on_sigterm(app, app_context, database_url, tmp_path):
    job, _new = queue.enqueue("sector_report", {"language": "en", "today": date.today().isoformat()},
                              key="sector_report:sigterm")
    db.session.commit()
    environment = {**os.environ, "ALUQSEC_DATABASE_URL": database_url, "ALUQSEC_INSTANCE_PATH": str(tmp_path),
                   "ALUQSEC_SECRET_KEY": "test-only-key", "ALUQSEC_JOBS_SCHEDULE": "0",
                   "ALUQSEC_JOBS_POLL_SECONDS": "0.2", "PYTHONUNBUFFERED": "1"}
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    process = subprocess.Popen([flask, "--app", "aluqsec", "jobs", "work"], env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        def done():
            db.session.expire_all()
            return db.session.get(Job, job.id).state == JobState.DONE
        assert _wait_for(done, 120), "the worker process did not run the job"
        process.terminate()  # SIGTERM, as systemd stops a service
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert "stopped after 1 job(s)" in output
