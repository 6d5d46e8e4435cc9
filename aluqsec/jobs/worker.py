"""The worker: claim a job, run it, record how it ended; schedule the periodic jobs; stop cleanly on SIGTERM."""
import logging
import os
import signal
import socket
import sys
import threading
import time
import uuid

from flask_babel import force_locale

from ..extensions import db
from ..mail import send_mail
from . import queue
from .files import get_files
from .models import Job, JobState
from .scheduling import schedule_due

log = logging.getLogger(__name__)
_INHERITED = []  # in a job's child process: the connection pool it inherited, never used nor closed


class Worker:
    """Run the application's jobs, one at a time.

    :param app: the Flask application (each worker has its own session and connections).
    :param name: how the worker signs its leases; host, process and a random part by default.
    """

    def __init__(self, app, name=None):
        self.app = app
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.stopping = threading.Event()
        self._scheduled_at = None

    def stop(self, *_signal):
        """Finish the job in hand, then stop (SIGTERM and SIGINT call it)."""
        self.stopping.set()

    def work(self, burst=False):
        """Run jobs until stopped; with *burst*, until no job is due. Return how many jobs ran."""
        handlers = {}
        if threading.current_thread() is threading.main_thread():
            handlers = {sig: signal.signal(sig, self.stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            return self._loop(burst)
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    def _loop(self, burst):
        poll = self.app.config["JOBS_POLL_SECONDS"]
        ran = 0
        while not self.stopping.is_set():
            with self.app.app_context():
                try:
                    self.schedule()
                    done = self.run_once()
                except Exception:  # noqa: BLE001 -- e.g. the database restarting: wait, then try again
                    db.session.rollback()
                    log.exception("worker %s: could not reach the queue", self.name)
                    done = None
                    if burst:
                        raise
            ran += done is not None
            if done is None:
                if burst:
                    break
                self.stopping.wait(poll)
        return ran

    def schedule(self):
        """Queue the periodic jobs of the current period, at most every ``JOBS_SCHEDULE_SECONDS``."""
        if not self.app.config["JOBS_SCHEDULE"]:
            return
        every = self.app.config["JOBS_SCHEDULE_SECONDS"]
        if self._scheduled_at is not None and time.monotonic() - self._scheduled_at < every:
            return
        schedule_due()
        db.session.commit()
        self._scheduled_at = time.monotonic()

    def run_once(self):
        """Claim and run one job (inside an application context); return it, or None when none is due."""
        try:
            job = queue.claim(self.name)
        except Exception:
            # SQLite may refuse a write under contention beyond its busy timeout: try again later.
            db.session.rollback()
            log.exception("could not claim a job")
            return None
        if job is not None:
            try:
                self.execute(job)
            finally:
                db.session.remove()
        return job

    def execute(self, job):
        """Run *job* and record its outcome: done with its file, queued again, or failed.

        An isolated kind (a large rendering) runs in a child process forked for it, so that what it
        allocates is returned to the system when it ends (``JOBS_ISOLATE``; where the platform forks).
        """
        spec = queue.kinds(self.app).get(job.kind)
        if spec is not None and spec.isolated and self.app.config["JOBS_ISOLATE"] and hasattr(os, "fork"):
            self._execute_in_child(job.id, spec)
        else:
            self._execute(job, spec)

    def _execute_in_child(self, job_id, spec):
        """Fork, run the job in the child, and record a failure if the child ended before recording anything."""
        # A connection belongs to the process that opened it (SQLite and libpq connections do not
        # survive a fork): the worker's session gives its connection back to the pool, and the child
        # leaves the pool it inherits untouched (kept, so that collecting it closes nothing of the
        # parent's) and opens its own.
        db.session.close()
        pid = os.fork()
        if pid == 0:  # the child: run the job as the parent would have, then leave without cleaning up its copy
            code = 1
            try:
                _INHERITED.append(db.engine.pool)
                db.engine.dispose(close=False)
                job = db.session.get(Job, job_id)
                self._execute(job, spec)
                code = 0
            except BaseException:  # noqa: BLE001 -- reported, then the parent records the failure
                log.exception("job %s: its process failed before recording how it ended", job_id)
            finally:
                db.session.remove()
                db.engine.dispose()
                logging.shutdown()
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        _pid, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            job = db.session.get(Job, job_id)
            if job is not None and job.state == JobState.RUNNING and job.locked_by == self.name:
                ended = f"signal {-code}" if code < 0 else f"exit status {code}"
                log.error("job %s (%s): its process ended abnormally (%s)", job.id, job.kind, ended)
                queue.fail(job, self.name, f"its process ended abnormally ({ended})")

    def _execute(self, job, spec):
        if spec is None:
            job.max_attempts = job.attempts  # no retry can help
            queue.fail(job, self.name, f"unknown job kind {job.kind!r}")
            return
        if job.attempts > job.max_attempts:
            # Its last try's worker died: the lease ran out with no tries left.
            queue.fail(job, self.name, "the worker running the last try stopped")
            return

        def progress(percent):
            queue.report_progress(job.id, self.name, percent)

        with self.app.test_request_context(base_url=self.app.config["BASE_URL"]):
            try:
                result = spec.run(job, progress)
            except queue.LeaseLost:
                db.session.rollback()
                log.warning("job %s was taken over by another worker", job.id)
                return
            except Exception as error:  # noqa: BLE001 -- any failure of a job is recorded, retried or shown
                db.session.rollback()
                log.exception("job %s (%s) failed, try %s of %s", job.id, job.kind, job.attempts, job.max_attempts)
                queue.fail(job, self.name, f"{type(error).__name__}: {error}")
                return
            db.session.commit()
            files = get_files()
            path = files.save(job.id, result.data) if result is not None else ""
            if not queue.finish(job, self.name, path, result):
                files.delete_job(job.id)
                return
            if spec.notify and job.requested_by is not None and job.state == JobState.DONE:
                self.notify(job, spec)

    def notify(self, job, spec):
        """E-mail the person who asked that the file is ready, with the link to its page."""
        user = job.requested_by
        with force_locale(user.language):
            title = spec.title(job.args) if spec.title else job.kind
        send_mail(user.email, "job_ready", user.language, user=user, job=job, title=title,
                  keep_days=self.app.config["RETENTION_DAYS"]["PREPARED_FILES"])
        db.session.commit()
