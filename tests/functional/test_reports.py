"""PDF reports: what a reader finds in them, who may download them, what the sector report hides."""
import io
import logging
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from aluqsec.auth.models import Role
from aluqsec.extensions import db
from aluqsec.jobs.models import Job
from aluqsec.questionnaires.services import get_bank

from ..conftest import csrf_token, login
from .assessment_helpers import ALL_THREE
from .job_helpers import DOWNLOAD, prepare, prepare_and_download, run_jobs

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext, pdfinfo)")

COMPANY = "Usinage Précis à Bécancour inc."
# Everything at level 4 but two practices: they are the only gaps.
WEAK = {"acc-individual-accounts": "0", "gov-roles": "1"}


def baseline_answers(level, exceptions=None):
    return {question.id: level for question in get_bank().latest("baseline").questions} | (exceptions or {})


def pdf_text(pdf, tmp_path, layout=False):
    """Return the text a reader copies out of *pdf*; spaces collapsed unless *layout*."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    extracted = subprocess.run(["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"],
                               capture_output=True, text=True, check=True).stdout
    return extracted if layout else " ".join(extracted.split())


def pdf_info(pdf, tmp_path):
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    output = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(path)], capture_output=True, text=True,
                            check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in output.splitlines())}


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


def pdf_language(pdf):
    """Return the document's /Lang, as a PDF reader finds it in the document catalog."""
    language = PdfReader(io.BytesIO(pdf)).trailer["/Root"].get("/Lang")
    return str(language) if language is not None else None


@pytest.fixture
def assessed_company(make):
    """A company whose second full assessment leaves two gaps; returns ``(owner email, assessment)``."""
    owner = make.make_user(email="owner@precis.example.ca")
    company = make.make_company(owner=owner, legal_name=COMPANY)
    make.make_assessment(company, "baseline", answers=baseline_answers("2"), submitted=True)
    assessment = make.make_assessment(company, "baseline", answers=baseline_answers("4", WEAK), submitted=True)
    return owner.email, assessment


@needs_poppler
def test_french_report_shows_company_score_and_top_gaps_with_accents(client, assessed_company, tmp_path,
                                                                    weasyprint_messages):
    email, assessment = assessed_company
    login(client, email)
    results = client.get(f"/assessments/{assessment.id}/results").get_data(as_text=True)
    assert f"/assessments/{assessment.id}/report.pdf?lang=fr" in results  # the download buttons
    assert f"/assessments/{assessment.id}/report.pdf?lang=en" in results
    response = client.get(f"/assessments/{assessment.id}/report.pdf")  # the owner's language: French
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="aluqsec-usinage-precis-a-')
    assert weasyprint_messages() == []  # the stylesheet and the logo loaded, nothing refused
    pdf = response.data
    words = pdf_text(pdf, tmp_path)
    assert COMPANY in words
    overall = f"{assessment.scorecard['overall']:.1f}".replace(".", ",")
    assert f"{overall} / 5" in words
    assert ("Chaque personne a-t-elle son propre compte (ordinateur, courriel, logiciels de gestion), créé sur "
            "autorisation, sans compte partagé entre employés?") in words
    assert "la règle « un compte par personne, créé sur approbation »" in words
    assert "Dressez un tableau simple « qui fait quoi » (comptes, mises à jour, sauvegardes, incidents)" in words
    assert "Plan d'action" in words
    # Both gaps are already listed first: no "quick wins" section repeating them.
    assert "Gains rapides" not in words
    assert "Does each person have their own account" not in words
    info = pdf_info(pdf, tmp_path)
    assert 3 <= int(info["Pages"]) <= 15
    assert COMPANY in info["Title"]
    assert pdf_language(pdf) == "fr"


@needs_poppler
def test_english_report_is_in_english(client, assessed_company, tmp_path):
    email, assessment = assessed_company
    login(client, email)
    pdf = client.get(f"/assessments/{assessment.id}/report.pdf?lang=en").data
    words = pdf_text(pdf, tmp_path)
    assert COMPANY in words
    assert f"{assessment.scorecard['overall']:.1f} / 5" in words
    assert "Does each person have their own account (computer, email, business software)" in words
    assert "Then write down the rule 'one account per person, created on approval'" in words
    assert "Executive summary" in words and "Action plan" in words and "Progress since the previous assessment" in words
    assert "Chaque personne a-t-elle" not in words
    assert pdf_info(pdf, tmp_path)["Title"] == f"Cybersecurity assessment report: {COMPANY}"
    assert pdf_language(pdf) == "en"


@pytest.mark.parametrize("who", ["other owner", "advisor without grant", "organizer"])
def test_company_report_is_hidden_from_those_who_may_not_see_the_results(client, make, who):
    owner = make.make_user()
    assessment = make.make_assessment(make.make_company(owner=owner), answers={"qs-backups": "1"}, submitted=True)
    roles = {"other owner": [], "advisor without grant": [Role.ADVISOR], "organizer": [Role.ORGANIZER]}[who]
    outsider = make.make_user(roles=roles)
    if who == "other owner":
        make.make_company(owner=outsider)
    login(client, outsider.email)
    assert client.get(f"/assessments/{assessment.id}/report.pdf").status_code == 404


def test_no_report_for_a_draft_nor_for_anonymous_visitors(client, make):
    owner = make.make_user()
    draft = make.make_assessment(make.make_company(owner=owner), answers={"qs-backups": "1"})
    assert client.get(f"/assessments/{draft.id}/report.pdf").status_code == 302  # to the login page
    login(client, owner.email)
    assert client.get(f"/assessments/{draft.id}/report.pdf").status_code == 404


def make_companies(make, count, region):
    for _ in range(count):
        company = make.make_company(region=region, verified=True)
        make.make_assessment(company, answers={**ALL_THREE, "qs-backups": "1"}, submitted=True)  # one gap: backups


@needs_poppler
def test_sector_report_hides_groups_under_five(client, make, tmp_path):
    make_companies(make, 6, "02")
    make_companies(make, 5, "16")
    make_companies(make, 3, "17")  # hidden, so 16 (the smallest shown) is hidden too
    make.make_event(topics=("backup-recovery",), capacity=12, region="02")
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")
    assert "/organizer/demand/report.pdf?lang=fr" in client.get("/organizer/demand").get_data(as_text=True)
    response = prepare_and_download(client, "/organizer/demand/report.pdf?lang=fr")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    rows = [line.replace("moins de 5", "hidden").split()[3:]
            for line in pdf_text(response.data, tmp_path, layout=True).splitlines()
            if line.strip().startswith("Sauvegarde et reprise")]
    assert rows == [["14", "12"],  # companies with the gap, seats scheduled
                    ["6", "hidden", "hidden"],  # by region: 02, 16, 17
                    ["14"]]  # by sector: all in transformation
    assert " inc." not in pdf_text(response.data, tmp_path)  # never a company name


@pytest.mark.parametrize("roles", [(), (Role.ADVISOR,)])
def test_sector_report_is_refused_to_non_organizers(client, make, roles):
    user = make.make_user(roles=roles)
    if not roles:
        make.make_company(owner=user)
    login(client, user.email)
    assert client.get("/organizer/demand/report.pdf").status_code == 403


@needs_poppler
def test_reviewed_report_shows_validated_levels_and_comments(app, client, make, tmp_path):
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner, legal_name=COMPANY)
    assessment = make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1"}, submitted=True)
    advisor = make.make_user(email="adv@example.ca", name="Nadia Conseil", roles=[Role.ADVISOR])
    make.make_grant(company, advisor, "review")
    login(client, "adv@example.ca")
    client.post(f"/assessments/{assessment.id}/review/access", data={
        "csrf_token": csrf_token(client), "v-qs-mfa-all": "3", "c-qs-mfa-all": "AMF vérifiée en rencontre."})
    client.post(f"/assessments/{assessment.id}/reviewed", data={"csrf_token": csrf_token(client)})
    words = pdf_text(client.get(f"/assessments/{assessment.id}/report.pdf?lang=fr").data, tmp_path)
    assert "Révision du conseiller" in words and "Révisée par Nadia Conseil" in words
    assert "AMF vérifiée en rencontre." in words


@needs_poppler
def test_advisor_portfolio_report_has_a_line_and_a_page_per_company(client, make, tmp_path):
    advisor = make.make_user(email="adv@example.ca", roles=[Role.ADVISOR])
    names = ["Alu Nord inc.", "Extrusions Sud ltée"]
    for name in names:
        company = make.make_company(legal_name=name)
        make.make_assessment(company, answers=ALL_THREE, submitted=True)
        make.make_grant(company, advisor)
    hidden = make.make_company(legal_name="Sans Accès inc.")
    make.make_assessment(hidden, answers=ALL_THREE, submitted=True)
    login(client, "adv@example.ca")
    assert "/advisor/portfolio/report.pdf?lang=fr" in client.get("/advisor/portfolio").get_data(as_text=True)
    pdf = prepare_and_download(client, "/advisor/portfolio/report.pdf?lang=fr").data
    words = pdf_text(pdf, tmp_path)
    assert all(name in words for name in names) and "Sans Accès" not in words
    assert "2 entreprises ont donné accès" in words
    assert int(pdf_info(pdf, tmp_path)["Pages"]) >= 3  # the summary, then a page per company


def test_portfolio_report_is_for_advisors_only(client, make):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")
    assert client.get("/advisor/portfolio/report.pdf").status_code == 403


def test_portfolio_of_an_advisor_deactivated_before_the_worker_runs_is_not_written(app, client, make):
    advisor = make.make_user(email="adv@example.ca", roles=[Role.ADVISOR])
    company = make.make_company(legal_name="Alu Nord inc.")
    make.make_assessment(company, answers=ALL_THREE, submitted=True)
    make.make_grant(company, advisor)
    login(client, "adv@example.ca")
    job_page = prepare(client, "/advisor/portfolio/report.pdf?lang=fr")
    advisor.active = False  # an administrator closes the account while the job waits
    db.session.commit()
    assert run_jobs(app) >= 1
    assert "NotAnAdvisor" in db.session.scalar(select(Job.error))
    advisor.active = True  # to read the job page again: it offers no file
    db.session.commit()
    assert not DOWNLOAD.search(client.get(job_page).get_data(as_text=True))


@needs_poppler
def test_report_progress_and_dashboard_count_the_reconciled_plan(client, make, tmp_path):
    """Quick scan then full assessment: the report's open actions equal its gaps, nothing counted twice."""
    owner = make.make_user(email="o@example.ca", language="en")
    company = make.make_company(owner=owner, legal_name="Alu Counts inc.")
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1", "qs-backups": "0", "qs-training": "1"},
                         submitted=True)
    weak = {"acc-mfa-remote": "1", "gov-budget": "0", "prt-os-updates": "2", "ot-usb-keys": "1"}
    full = make.make_assessment(company, "baseline", answers=baseline_answers("3", weak), submitted=True)
    assert len(full.scorecard["gaps"]) == 4
    login(client, "o@example.ca")
    words = pdf_text(client.get(f"/assessments/{full.id}/report.pdf").data, tmp_path)
    assert "4 practices are below their target level" in words
    assert "The action plan has 4 open actions" in words
    assert "2 actions are already done" in words  # backups and training, closed by the full assessment
    progress = " ".join(client.get(f"/companies/{company.id}/progress").get_data(as_text=True).split())
    assert "2 actions done out of 6" in progress
    dashboard = " ".join(client.get("/").get_data(as_text=True).split())
    assert "4 open actions · 2 actions done" in dashboard


@needs_poppler
def test_portfolio_rendered_in_parts_reads_as_one_document(app, client, make, tmp_path, monkeypatch):
    """A long portfolio is rendered a few companies at a time (bounded memory) and joined: one title,
    one language, a page per company and page numbers that run on from part to part."""
    monkeypatch.setitem(app.config, "REPORT_PART_COMPANIES", 1)  # every company its own part: the joins are exercised
    advisor = make.make_user(email="adv@example.ca", roles=[Role.ADVISOR], name="Nadia Conseil")
    names = ["Alu Nord inc.", "Extrusions Sud ltée", "Profilés Est inc."]
    for name in names:
        company = make.make_company(legal_name=name)
        make.make_assessment(company, answers=ALL_THREE, submitted=True)
        make.make_grant(company, advisor)
    login(client, "adv@example.ca")
    pdf = prepare_and_download(client, "/advisor/portfolio/report.pdf?lang=en").data
    info = pdf_info(pdf, tmp_path)
    assert info["Title"] == "Portfolio report of Nadia Conseil" and pdf_language(pdf) == "en"
    pages = int(info["Pages"])
    assert pages == 4  # the list, then one page per company
    path = tmp_path / "parts.pdf"
    path.write_bytes(pdf)
    for number in range(1, pages + 1):
        page = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(path), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert f"Page {number}" in page, number
        if number > 1:
            assert names[number - 2] in page
