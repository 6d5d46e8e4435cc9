"""The URL fetcher WeasyPrint uses for reports: the report's own files from disk, nothing else.

A report never touches the network: its stylesheet, logo and images are read
from the application's static folder and the ``reports/`` folder. Any other
URL (``http(s)://`` elsewhere, ``file://`` outside those folders, ``..``
escaping them, ``data:``) raises :class:`RefusedURL`.
"""
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

# Reports are rendered against this base; ".invalid" never resolves, and the fetcher only maps it to folders.
BASE_URL = "https://aluqsec.invalid/"


class RefusedURL(ValueError):
    """A report asked for a resource outside the folders it may read."""


class ReportFetcher(URLFetcher):
    """Serve ``BASE_URL<prefix><file>`` and ``file://`` URLs inside the given folders, from disk."""

    def __init__(self, folders):
        """:param folders: ``{URL path prefix: folder}``, e.g. ``{"/static/": app.static_folder}``."""
        super().__init__(allowed_protocols=("https", "file"))
        self.folders = {prefix.rstrip("/") + "/": Path(folder).resolve() for prefix, folder in folders.items()}

    def fetch(self, url, headers=None):
        path = self.path_of(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def path_of(self, url):
        """Return the file *url* designates inside an allowed folder, or raise :class:`RefusedURL`."""
        parts = urlsplit(url)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            return self._inside(Path(url2pathname(parts.path)), self.folders.values(), url)
        if f"{parts.scheme}://{parts.netloc}/" == BASE_URL:
            path = unquote(parts.path)
            for prefix, folder in self.folders.items():
                if path.startswith(prefix):
                    return self._inside(folder / path[len(prefix):], [folder], url)
        raise RefusedURL(f"reports may not load {url}")

    @staticmethod
    def _inside(path, folders, url):
        resolved = path.resolve()  # collapses "..", follows symbolic links
        if resolved.is_file() and any(resolved.is_relative_to(folder) for folder in folders):
            return resolved
        raise RefusedURL(f"reports may not load {url}")
