"""A job's page (progress, then the download link) and the download of its file."""
from flask import Response, current_app, render_template
from flask_login import current_user

from .. import audit
from ..authz import job_or_404, login_required
from ..extensions import db
from . import bp, queue
from .files import get_files
from .models import JobState

REFRESH_SECONDS = 2
# What a download is called in the audit log (the names these files had when served in the request).
DOWNLOADED = {"evidence_pack": "evidence.pack_downloaded", "programme_report": "programme.report"}


def _page(job, status=200):
    spec = queue.kinds().get(job.kind)
    origin = spec.origin(job.args) if spec and spec.origin else None
    return render_template("jobs/show.html", job=job, title=spec.title(job.args) if spec and spec.title else job.kind,
                           origin=origin, refresh=REFRESH_SECONDS if job.is_active else None,
                           mine=job.requested_by_id == current_user.id, notify=bool(spec and spec.notify),
                           gone=status == 410,
                           keep_days=current_app.config["RETENTION_DAYS"]["PREPARED_FILES"]), status


@bp.route("/<int:job_id>")
@login_required
def show(job_id):
    """Show how far the job is; the page refreshes itself until the file is ready or the job failed."""
    return _page(job_or_404(job_id))


@bp.route("/<int:job_id>/download")
@login_required
def download(job_id):
    """Send the job's file to whoever may still ask for it (checked again now: a revoked grant stops it)."""
    job = job_or_404(job_id)
    if job.state != JobState.DONE or not job.result_path:
        return _page(job, 409)
    data = get_files().read(job.result_path)
    if data is None:
        return _page(job, 410)
    # Named after the company when there is one, so that the company's erasure removes the entry.
    target = f"company:{job.company_id}" if job.company_id else f"job:{job.id}"
    audit.record(DOWNLOADED.get(job.kind, "jobs.downloaded"), target, job=job.id, **job.args)
    db.session.commit()
    response = Response(data, content_type=job.result_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    # The files show companies' security posture: never kept in a shared cache.
    response.headers["Cache-Control"] = "no-store"
    return response
