"""The periodic jobs: the same work as the cron commands (``flask reminders send`` and others)."""
from ..events.reminders import send_due_reminders
from ..evidence.reminders import send_evidence_reminders
from ..extensions import db
from ..privacy.retention import purge
from ..programme.services import send_feedback_requests
from ..progress.reminders import send_journey_reminders
from .registry import job_kind


@job_kind("reminders", scheduled=True, max_attempts=2)
def reminders(job, progress):
    """Send the event, journey and evidence-expiry reminders that are due (each once: they are recorded)."""
    send_due_reminders()
    progress(40)
    send_journey_reminders()
    progress(70)
    send_evidence_reminders()
    db.session.commit()


@job_kind("feedback_requests", scheduled=True, max_attempts=2)
def feedback_requests(job, progress):
    """Survey the people present at events that ended on an earlier day."""
    send_feedback_requests()
    db.session.commit()


@job_kind("retention_purge", scheduled=True, max_attempts=2)
def retention_purge(job, progress):
    """Apply the retention periods of the privacy notice, prepared files included."""
    purge()
    db.session.commit()
