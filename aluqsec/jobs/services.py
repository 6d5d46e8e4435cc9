"""Ask for a job from a page, and remove old jobs with their files."""
from flask import abort, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import delete, select

from .. import audit
from ..extensions import db
from ..forms import ButtonForm
from . import queue
from .files import get_files
from .models import Job, JobState


def prepare_page(title, description, status=200):
    """Render the page whose button asks for the file (the GET of a "prepare" URL)."""
    # The form posts back to this very URL: the query (language, period) comes along.
    return render_template("jobs/prepare.html", title=title, description=description, form=ButtonForm()), status


def ask(kind, args, key, company=None):
    """Queue *kind* for the current user, or find the one already queued; commit and go to its page (303)."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    job, created = queue.enqueue(kind, args, key=key, requested_by=current_user, company=company)
    if created:
        details = {"kind": kind, **({"company": company.id} if company is not None else {})}
        audit.record("jobs.requested", f"job:{job.id}", **details)
    db.session.commit()
    return redirect(url_for("jobs.show", job_id=job.id), 303)


def purge_finished(cutoff):
    """Delete the jobs that ended before *cutoff*, their files, and files no job owns any more.

    :return: how many jobs were deleted.
    """
    ended = list(db.session.scalars(select(Job.id).where(
        Job.state.in_((JobState.DONE, JobState.FAILED)), Job.finished_at < cutoff)))
    if ended:
        db.session.execute(delete(Job).where(Job.id.in_(ended)))
    files = get_files()
    existing = set(db.session.scalars(select(Job.id))) - set(ended)
    # Also the folders of jobs deleted with their company (company erasure removes the rows).
    for job_id in files.job_ids() - existing:
        files.delete_job(job_id)
    return len(ended)
