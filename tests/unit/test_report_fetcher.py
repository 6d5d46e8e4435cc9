"""The reports' URL fetcher reads the report's own folders from disk and refuses everything else."""
import logging

import pytest
from weasyprint import HTML

from aluqsec.reporting.fetcher import BASE_URL, RefusedURL, ReportFetcher


@pytest.fixture
def root(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "print.css").write_text("p { color: #0d6efd }")
    (tmp_path / "secret.txt").write_text("not for reports")
    (tmp_path / "static" / "link.txt").symlink_to(tmp_path / "secret.txt")
    return tmp_path


def fetcher_for(root):
    return ReportFetcher({"/static/": root / "static", "/reports/": root / "reports"})


@pytest.fixture
def weasyprint_messages(caplog):
    """Collect what WeasyPrint logs (a refused or missing resource is an error there).

    Alembic's logging set-up, run by the migrations of the test database, disables the loggers
    that already exist: WeasyPrint's is switched back on for the test.
    """
    logger = logging.getLogger("weasyprint")
    disabled, logger.disabled = logger.disabled, False
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        yield lambda: [record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")]
    logger.disabled = disabled


@pytest.mark.parametrize("url,path,content_type", [
    (BASE_URL + "reports/print.css", "reports/print.css", "text/css"),
    (BASE_URL + "static/logo.svg", "static/logo.svg", "image/svg+xml"),
    ("file://{root}/reports/print.css", "reports/print.css", "text/css"),
])
def test_files_of_the_report_folders_are_served(root, url, path, content_type):
    response = fetcher_for(root).fetch(url.format(root=root))
    assert response.content_type == content_type
    assert response.read() == (root / path).read_bytes()


@pytest.mark.parametrize("url", [
    "https://example.com/print.css",
    "http://169.254.169.254/latest/meta-data/",
    "http://aluqsec.invalid/reports/print.css",  # the right host, but not the report's scheme
    BASE_URL + "templates/base.html",  # under the base, outside the allowed folders
    BASE_URL + "static/../secret.txt",
    BASE_URL + "static/%2e%2e/secret.txt",
    BASE_URL + "static/link.txt",  # a symbolic link leading out
    BASE_URL + "static/missing.png",
    "file:///etc/passwd",
    "file://{root}/secret.txt",
    "file://{root}/static/../secret.txt",
    "data:text/css;base64,cHt9",
])
def test_anything_else_is_refused(root, url):
    with pytest.raises(RefusedURL):
        fetcher_for(root).fetch(url.format(root=root))


def test_weasyprint_asks_the_fetcher_and_renders_without_what_it_refuses(root, weasyprint_messages):
    html = ('<html lang="fr"><head><link rel="stylesheet" href="reports/print.css"></head>'
            '<body><img src="https://example.com/tracker.png" alt=""><p>Rapport</p></body></html>')
    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher_for(root)).write_pdf()
    assert pdf.startswith(b"%PDF")
    messages = " ".join(weasyprint_messages())
    assert "reports may not load https://example.com/tracker.png" in messages
    assert "print.css" not in messages
