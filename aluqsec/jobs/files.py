"""The files jobs make: one folder per job under the jobs folder, written atomically.

By default the folder is ``<instance>/jobs``; with several servers, ``ALUQSEC_JOBS_DIR``
points every server and worker at the same shared folder.
"""
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from flask import current_app


class JobFiles:
    """Job results on the local (or a shared) disk."""

    def __init__(self, root):
        self.root = Path(root)

    def _path(self, relative):
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError("outside the jobs folder")
        return path

    def save(self, job_id, data):
        """Write *data* for job *job_id* (temporary file, then rename); return its path relative to the root."""
        folder = self.root / str(int(job_id))
        folder.mkdir(parents=True, exist_ok=True)
        # A random name: a worker that lost its lease never overwrites the file of the one that took over.
        relative = f"{int(job_id)}/{secrets.token_hex(8)}"
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.root / relative)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return relative

    def read(self, relative):
        """Return the bytes of a saved file, or None when it is gone (purged)."""
        try:
            return self._path(relative).read_bytes()
        except FileNotFoundError:
            return None

    def delete_job(self, job_id):
        """Remove every file of job *job_id*."""
        shutil.rmtree(self.root / str(int(job_id)), ignore_errors=True)

    def job_ids(self):
        """Return the ids of the jobs that have a folder."""
        if not self.root.exists():
            return set()
        return {int(p.name) for p in self.root.iterdir() if p.is_dir() and p.name.isdigit()}


def get_files():
    """Return the application's job file store."""
    return JobFiles(current_app.config.get("JOBS_DIR") or Path(current_app.instance_path) / "jobs")
