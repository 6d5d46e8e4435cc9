"""Files the journeys take away, one helper each, so that a changed download flow is adapted in one place."""
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

# The smallest PDF the evidence library accepts: its type is sniffed from the contents.
SMALL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
             b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")


def downloaded(visit, locator):
    """Click *locator* (a link or a form's button) and return the file's suggested name and bytes."""
    with visit.page.expect_download() as info:
        locator.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def prepared(visit, locator, label):
    """Ask for a file prepared in the background with *locator*; return its name and bytes once ready."""
    response = visit.fetch_prepared(locator, label)
    name = re.search(r'filename="?([^";]+)', response.headers.get("content-disposition", ""))
    return (name.group(1) if name else ""), response.body()


def programme_report(visit, locator):
    """Take the funders' report the organizer asked for with *locator*; return its name and bytes."""
    return prepared(visit, locator, "programme report ready")


def audit_pack(visit):
    """Ask for the audit pack from the checklist page on screen; return the ZIP's member names."""
    name, data = prepared(visit, visit.page.get_by_role("link", name="ZIP"), "audit pack ready")
    assert name.endswith(".zip"), name
    return zip_names(data)


def zip_names(data):
    """Return the member names of a ZIP archive given as bytes."""
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def pdf_text(data, tmp_path):
    """Return the text of a PDF in content order (``pdftotext -raw`` keeps the hyphens that break lines)."""
    assert data[:5] == b"%PDF-", data[:20]
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read PDFs"
    path = tmp_path / "read.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.split())
