"""Plan exports read back as a spreadsheet user's software would, in French and in English."""
import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from ..conftest import login, post
from .assessment_helpers import ALL_THREE


def setup_plan(make, language):
    owner = make.make_user(email="o@example.ca", name="Émilie Tremblay", language=language)
    company = make.make_company(owner=owner, certifications=["cybersecure-canada", "cmmc-l1"])
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1", "qs-backups": "0"}, submitted=True)
    return owner, company


def assign(client, company):
    from aluqsec.actions.models import ActionItem
    from aluqsec.extensions import db
    item = db.session.scalar(db.select(ActionItem).where(ActionItem.company_id == company.id,
                                                         ActionItem.practice_id == "acc-mfa-remote"))
    prefix = f"a{item.id}-"
    post(client, f"/actions/{item.id}", {prefix + "assignee": str(company.memberships[0].user_id),
                                         prefix + "due_date": "2027-01-15", prefix + "status": "in_progress",
                                         prefix + "notes": "=cmd"})


def read_csv(response):
    body = response.get_data()
    assert body.startswith("\ufeff".encode())  # Excel reads the accents
    return body.decode("utf-8-sig")


def test_french_csv_uses_semicolons_translated_statuses_and_french_numbers(client, make):
    _owner, company = setup_plan(make, "fr")
    login(client, "o@example.ca")
    assign(client, company)
    content = read_csv(client.get(f"/companies/{company.id}/plan.csv"))
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0] == ["Ordre", "Action", "Pourquoi c'est important", "Prochaine étape", "Domaine",
                       "Certifications qu'elle retient", "Priorité", "Effort", "Responsable", "Échéance", "Statut",
                       "Notes"]
    assert len(rows) == 3
    mfa = next(row for row in rows if row[1].startswith("Exiger l'authentification multifacteur"))
    assert mfa[8:] == ["Émilie Tremblay", "2027-01-15", "En cours", "'=cmd"]
    assert mfa[7] == "Effort faible"
    backups = next(row for row in rows if row[1].startswith("Sauvegarder automatiquement"))
    assert backups[10] == "À faire"
    assert all(row[6].isdigit() for row in rows[1:])  # "12", never "12.0"


def test_english_csv_uses_commas_and_english_values(client, make):
    _owner, company = setup_plan(make, "en")
    login(client, "o@example.ca")
    assign(client, company)
    content = read_csv(client.get(f"/companies/{company.id}/plan.csv"))
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Order", "Action", "Why it matters"] and rows[0][10] == "Status"
    mfa = next(row for row in rows if row[1] == "Require multi-factor authentication for email and remote access")
    assert mfa[10] == "In progress" and mfa[7] == "Low effort"


@pytest.mark.parametrize("language, status, other, sheet_title", [
    ("fr", "En cours", "À faire", "Plan d'action"), ("en", "In progress", "To do", "Action plan")])
def test_excel_has_date_cells_numbers_an_autofilter_and_translated_statuses(client, make, language, status, other,
                                                                            sheet_title):
    _owner, company = setup_plan(make, language)
    login(client, "o@example.ca")
    assign(client, company)
    workbook = load_workbook(io.BytesIO(client.get(f"/companies/{company.id}/plan.xlsx").get_data()))
    sheet = workbook.active
    assert sheet.title == sheet_title
    assert sheet.auto_filter.ref == "A1:L3"
    assert sheet.freeze_panes == "A2"
    row = next(r for r in sheet.iter_rows(min_row=2) if r[10].value == status)
    due = row[9]
    assert due.is_date and due.value.date() == date(2027, 1, 15) and due.number_format == "yyyy-mm-dd"
    assert isinstance(row[6].value, (int, float)) and row[6].number_format == "0"
    assert [r[10].value for r in sheet.iter_rows(min_row=2) if r[0].row != row[0].row] == [other]


def test_markup_typed_in_a_note_is_csv_text_in_a_download_no_browser_renders(client, make):
    """What wapiti reports as stored XSS in plan.csv: the note comes back verbatim, in a file served
    as a text/csv attachment that browsers may not sniff as HTML."""
    from aluqsec.actions.models import ActionItem
    from aluqsec.extensions import db

    _owner, company = setup_plan(make, "fr")
    login(client, "o@example.ca")
    item = db.session.scalar(db.select(ActionItem).where(ActionItem.company_id == company.id).limit(1))
    payload = "<script>alert('wapiti')</script>"
    assert post(client, f"/actions/{item.id}", {f"a{item.id}-status": "todo",
                                                 f"a{item.id}-notes": payload}).status_code in (302, 303)
    response = client.get(f"/companies/{company.id}/plan.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src" in response.headers["Content-Security-Policy"]
    assert payload in read_csv(response)
    page = client.get(f"/companies/{company.id}/plan").get_data(as_text=True)
    assert payload not in page and "&lt;script&gt;" in page  # on the HTML page it is escaped
