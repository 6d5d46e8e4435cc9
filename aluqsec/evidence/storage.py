"""Where evidence files live: a small interface, files under the instance folder by default.

Files are content-addressed (sha256) inside one folder per company, so that one
company's deletion removes its folder and never a file another company also holds.
An object store for several servers only has to offer the same four methods.
"""
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from flask import current_app


class LocalStorage:
    """Evidence files on the local disk, written atomically (temporary file, then rename)."""

    def __init__(self, root):
        self.root = Path(root)

    def _path(self, company_id, digest):
        if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            raise ValueError("not a sha256 digest")
        return self.root / str(int(company_id)) / digest[:2] / digest

    def put(self, company_id, data):
        """Store *data* for *company_id* and return its sha256 (storing the same bytes twice is a no-op)."""
        digest = hashlib.sha256(data).hexdigest()
        path = self._path(company_id, digest)
        if path.exists():
            return digest
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return digest

    def get(self, company_id, digest):
        """Return the bytes stored under *digest* for *company_id*."""
        return self._path(company_id, digest).read_bytes()

    def delete(self, company_id, digest):
        self._path(company_id, digest).unlink(missing_ok=True)

    def delete_company(self, company_id):
        """Remove every file of *company_id*."""
        shutil.rmtree(self.root / str(int(company_id)), ignore_errors=True)

    def files(self, company_id):
        """Return the digests stored for *company_id* (tests and the deletion check use it)."""
        folder = self.root / str(int(company_id))
        return sorted(p.name for p in folder.glob("*/*") if not p.name.startswith(".")) if folder.exists() else []


def get_storage():
    """Return the application's evidence storage."""
    return LocalStorage(current_app.config.get("EVIDENCE_DIR") or Path(current_app.instance_path) / "evidence")
