"""The job that sends an event's mailing (an organizer's message, the cancellation notice) off the request."""
from ..extensions import db
from ..jobs.registry import job_kind
from .mailings import KIND, send_mailing
from .models import EventMailing


# Five tries: a relay that is down for a while only delays the rest of the list (the back-off doubles).
# No job page: the organizer follows the mailing on the event's page.
@job_kind(KIND, max_attempts=5)
def event_mailing(job, progress):
    """Send the mailing to everyone on its list not sent to yet (each person once, across tries)."""
    mailing = db.session.get(EventMailing, job.args["mailing"])
    if mailing is None:  # the event was deleted with its mailings
        return None
    send_mailing(mailing, progress)
    return None
