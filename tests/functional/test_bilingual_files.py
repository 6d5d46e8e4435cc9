"""Every file each demo role downloads reads in the language asked, as its pages do.

PDFs, spreadsheets, CSV files, audit packs and calendars, read back as their reader gets them:
none may hold a string of the catalog or the bank that only the other language says.
"""
import io
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from aluqsec.assessments.models import Assessment, Status
from aluqsec.auth.services import find_user
from aluqsec.companies.models import Company
from aluqsec.demo import load_demo
from aluqsec.events.models import Registration
from aluqsec.extensions import db
from aluqsec.questionnaires.services import get_bank

from ..conftest import login, post
from .bilingual import one_language_strings
from .job_helpers import prepare_and_download
from .test_reports import needs_poppler, pdf_text

PASSWORD = "Demo-Password-2026!"
OTHER = {"fr": "en", "en": "fr"}


def _xlsx_text(data):
    book = load_workbook(io.BytesIO(data), read_only=True)
    return " ".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                    for value in row if value is not None)


def _pack_text(data, tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(data))
    return pdf_text(archive.read("cover.pdf"), tmp_path) + " " + archive.read("index.csv").decode("utf-8-sig")


def _as(client, email, language):
    post(client, "/auth/logout")
    login(client, email, PASSWORD)
    post(client, "/language", {"language": language})


def _owner_files(client, language, tmp_path):
    owner = find_user("owner@demo.aluqsec.ca")
    company = db.session.scalar(select(Company).where(Company.legal_name == "Alu-Saguenay Extrusion inc."))
    latest = db.session.scalar(select(Assessment).where(Assessment.company_id == company.id,
                                                        Assessment.status != Status.DRAFT)
                               .order_by(Assessment.submitted_at.desc()).limit(1))
    attended = db.session.scalar(select(Registration.id).where(Registration.user_id == owner.id,
                                                               Registration.attended.is_(True)).limit(1))
    registered = db.session.scalar(select(Registration.event_id).where(Registration.user_id == owner.id).limit(1))
    assert latest and attended and registered, "the demo owner lacks a report, a certificate or an event"
    _as(client, owner.email, language)
    base = f"/companies/{company.id}"
    return {
        "company report": pdf_text(client.get(f"/assessments/{latest.id}/report.pdf").data, tmp_path),
        "plan.csv": client.get(f"{base}/plan.csv").data.decode("utf-8-sig"),
        "plan.xlsx": _xlsx_text(client.get(f"{base}/plan.xlsx").data),
        "certificate": pdf_text(client.get(f"/my/registrations/{attended}/certificate.pdf").data, tmp_path),
        "event .ics": client.get(f"/events/{registered}.ics").get_data(as_text=True),
        **{f"audit pack {framework}": _pack_text(prepare_and_download(
            client, f"/evidence/companies/{company.id}/pack/{framework}").data, tmp_path)
           for framework in ("cybersecure-canada", "cpcsc-l1", "cmmc-l1", "law25")},
    }


def _staff_files(client, language, tmp_path):
    _as(client, "advisor@demo.aluqsec.ca", language)
    files = {"portfolio report": pdf_text(prepare_and_download(
        client, f"/advisor/portfolio/report.pdf?lang={language}").data, tmp_path)}
    _as(client, "organizer@demo.aluqsec.ca", language)
    files["sector report"] = pdf_text(prepare_and_download(
        client, f"/organizer/demand/report.pdf?lang={language}").data, tmp_path)
    files["funders' report"] = pdf_text(prepare_and_download(
        client, f"/organizer/programme/report.pdf?lang={language}").data, tmp_path)
    files["funders' figures"] = _xlsx_text(prepare_and_download(
        client, f"/organizer/programme/report.xlsx?lang={language}").data)
    return files


@needs_poppler
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_file_each_role_downloads_reads_in_the_language_asked(app, client, app_context, tmp_path,
                                                                     monkeypatch, language):
    monkeypatch.setitem(app.config, "EVIDENCE_DIR", str(tmp_path / "evidence"))
    load_demo(PASSWORD)
    files = {**_owner_files(client, language, tmp_path), **_staff_files(client, language, tmp_path)}
    assert all(len(text) > 200 for text in files.values()), {name: len(text) for name, text in files.items()}
    foreign = one_language_strings(get_bank())[OTHER[language]]
    problems = sorted(f"{name}: {string!r}" for name, text in files.items() for string in foreign if string in text)
    assert not problems, "\n".join(problems)
