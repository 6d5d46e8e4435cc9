"""The application as in production: gunicorn on a free port, a fresh migrated database with the demo data."""
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _environment(workdir, smtp_port, port):
    env = dict(os.environ)
    env.pop("ALUQSEC_TEST_DATABASE_URL", None)
    env.update({
        "ALUQSEC_DATABASE_URL": f"sqlite:///{workdir / 'browser.sqlite'}",
        "ALUQSEC_INSTANCE_PATH": str(workdir / "instance"),
        "ALUQSEC_SECRET_KEY": "browser-tests-only",
        "ALUQSEC_BASE_URL": f"http://127.0.0.1:{port}",
        "ALUQSEC_SMTP_HOST": "127.0.0.1",
        "ALUQSEC_SMTP_PORT": str(smtp_port),
        "ALUQSEC_DEMO_PASSWORD": DEMO_PASSWORD,
    })
    return env


DEMO_PASSWORD = "Demo-AluQSec-2026"
# `flask db upgrade` then `flask demo load`, with cheap password hashes: the demo creates some
# 25 accounts and production argon2 costs would add a minute. The hashes carry their own
# parameters, so the server (with production parameters) verifies them as usual.
LOAD_DEMO = """
import os
from flask_migrate import upgrade
from aluqsec import create_app
from aluqsec.demo import load_demo
app = create_app({"ARGON2_PARAMETERS": {"time_cost": 1, "memory_cost": 8, "parallelism": 1}})
with app.app_context():
    upgrade()
    load_demo(os.environ["ALUQSEC_DEMO_PASSWORD"])
"""

# The job surveys events that ended on an earlier day; the demo's past events ended weeks ago, so the job
# runs as on the day after the chosen one's last session. It sends real e-mail to the tests' SMTP server.
SEND_SURVEYS = """
import sys
from datetime import timedelta
from aluqsec import create_app
from aluqsec.events.models import Event
from aluqsec.extensions import db
from aluqsec.programme.services import send_feedback_requests
with create_app().app_context():
    event = db.session.scalar(db.select(Event).where(Event.title_en == sys.argv[1]))
    assert send_feedback_requests(now=event.ends_at + timedelta(days=1)), "nobody was surveyed"
    db.session.commit()
"""

# The relay refused the last person of the event's latest mailing for hours: the job used its tries and
# gave up (what five refusals an hour apart leave in the database; the browser cannot wait that long).
GIVE_UP_ON_LAST = """
import sys
from sqlalchemy import select, update
from aluqsec import create_app
from aluqsec.events.models import EventMailing, MailingRecipient, MailingStatus
from aluqsec.extensions import db
from aluqsec.jobs.models import Job, JobState
with create_app().app_context():
    mailing = db.session.scalar(select(EventMailing).where(EventMailing.event_id == int(sys.argv[1]))
                                .order_by(EventMailing.id.desc()).limit(1))
    last = db.session.scalar(select(MailingRecipient).where(MailingRecipient.mailing_id == mailing.id)
                             .order_by(MailingRecipient.id.desc()).limit(1))
    last.status, last.sent_at = MailingStatus.FAILED, None
    db.session.execute(update(Job).where(Job.id == mailing.job_id).values(state=JobState.FAILED))
    db.session.commit()
"""

CODE_AHEAD = """
import sys, time
import pyotp
from aluqsec import create_app
from aluqsec.auth.services import find_user
with create_app().app_context():
    print(pyotp.TOTP(find_user(sys.argv[1]).totp_secret).at(time.time() + 30 * int(sys.argv[2])))
"""


class Server:
    """A gunicorn process serving ``aluqsec:create_app()``; stop() ends it."""

    def __init__(self, workdir, port, smtp_port):
        self.url = f"http://127.0.0.1:{port}"
        self.env = _environment(Path(workdir), smtp_port, port)
        subprocess.run([sys.executable, "-c", LOAD_DEMO], env=self.env, cwd=PROJECT_ROOT, check=True)
        self.log = open(Path(workdir) / "gunicorn.log", "w")
        self.process = subprocess.Popen(
            # No control socket: its default path (~/.gunicorn/gunicorn.ctl) is shared by every gunicorn on the machine.
            [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "--no-control-socket",
             "aluqsec:create_app()"],
            env=self.env, cwd=PROJECT_ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        # One job worker beside gunicorn, as `make run` and production run it: it prepares the reports.
        # Without the periodic jobs: their surveys and reminders would land in the journeys' inbox.
        self.worker = subprocess.Popen([str(BIN / "flask"), "--app", "aluqsec", "jobs", "work"],
                                       env={**self.env, "ALUQSEC_JOBS_SCHEDULE": "0"},
                                       cwd=PROJECT_ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_ready()

    def mfa_code(self, email, ahead=0):
        """Return the TOTP code of a demo account, read from the served database, *ahead* 30-second steps on."""
        if not ahead:
            return subprocess.run([str(BIN / "flask"), "--app", "aluqsec", "users", "mfa-code", email],
                                  env=self.env, cwd=PROJECT_ROOT, check=True, capture_output=True,
                                  text=True).stdout.strip()
        return subprocess.run([sys.executable, "-c", CODE_AHEAD, email, str(ahead)], env=self.env, cwd=PROJECT_ROOT,
                              check=True, capture_output=True, text=True).stdout.strip()

    def send_surveys_the_day_after(self, event_title_en):
        """Run the daily survey job (``flask programme send-feedback``) as on the day after the event's end."""
        subprocess.run([sys.executable, "-c", SEND_SURVEYS, event_title_en], env=self.env, cwd=PROJECT_ROOT,
                       check=True)

    def give_up_on_last_recipient(self, event_id):
        """Leave the event's latest mailing as a job that gave up on its last recipient."""
        subprocess.run([sys.executable, "-c", GIVE_UP_ON_LAST, str(event_id)], env=self.env, cwd=PROJECT_ROOT,
                       check=True)

    def _wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self._log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{self._log_tail()}")

    def _log_tail(self):
        self.log.flush()
        return "".join(open(self.log.name).readlines()[-20:])

    def stop(self):
        for process in (self.process, self.worker):
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.log.close()
