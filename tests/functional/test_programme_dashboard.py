"""The programme dashboard and the funders' report on a hand-made cluster (verified companies only)."""
import io
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from aluqsec.aggregates.services import store_topic_history
from aluqsec.assessments.models import Assessment
from aluqsec.auth.models import Role
from aluqsec.events.models import SessionAttendance
from aluqsec.events.services import register
from aluqsec.extensions import db

from ..conftest import login
from .assessment_helpers import table_rows, text
from .job_helpers import prepare_and_download, run_jobs

TODAY = datetime.now(UTC).date()
BEFORE, AFTER = TODAY - timedelta(days=200), TODAY - timedelta(days=20)
# company -> backup-recovery maturity before and after; the first five came to the backup workshop.
# Attendees: +1.0 +2.0 +0.5 +1.5 0 -> mean +1.0; others: +0.5 0 +0.5 -0.5 +0.5 -> mean +0.2; difference +0.8
CAME = [(1.0, 2.0), (0.5, 2.5), (2.0, 2.5), (1.0, 2.5), (3.0, 3.0)]
STAYED = [(1.0, 1.5), (2.0, 2.0), (1.5, 2.0), (3.0, 2.5), (0.0, 0.5)]


def scored(company, on, backup):
    assessment = Assessment(company_id=company.id, questionnaire_id="quick-scan", questionnaire_version="1.0",
                            content_hash="x", status="submitted", targets=[], created_by_id=None,
                            submitted_at=datetime.combine(on, datetime.min.time(), UTC) + timedelta(hours=15),
                            scorecard={"topics": {"backup-recovery": backup}, "domains": {}})
    db.session.add(assessment)
    db.session.flush()
    store_topic_history(assessment.id, assessment.scorecard["topics"])  # as submission does


@pytest.fixture
def cluster(app, make):
    return build_cluster(app, make)


def build_cluster(app, make):
    """Ten verified companies (five came to the backup workshop), one unverified; return the organizer's client."""
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    workshop = make.make_event(days_ahead=3, topics=("backup-recovery",))
    companies = []
    for number, (before, after) in enumerate(CAME + STAYED):
        owner = make.make_user(email=f"o{number}@example.ca")
        company = make.make_company(owner=owner, verified=True, sector="aerospace-supplier" if number else "other")
        scored(company, BEFORE, before)
        scored(company, AFTER, after)
        if number < len(CAME):
            registration = register(workshop, owner, company)
            db.session.flush()
            db.session.add(SessionAttendance(registration_id=registration.id, session_id=workshop.sessions[0].id))
        companies.append(company)
    fake = make.make_company(owner=make.make_user(email="fake@example.ca"))  # not verified: never counted
    scored(fake, BEFORE, 0.0)
    scored(fake, AFTER, 5.0)
    for session in workshop.sessions:  # the workshop took place 100 days ago
        session.starts_at -= timedelta(days=103)
        session.ends_at -= timedelta(days=103)
    db.session.commit()
    organizer = app.test_client()
    login(organizer, "org@example.ca")
    return organizer


def shown(client, url="/organizer/programme"):
    """Open the programme page; when its figures are being computed, let a worker compute them and open it again."""
    html = client.get(url).get_data(as_text=True)
    if "sont en cours de calcul" in html or "are being computed from" in html:
        assert run_jobs(client.application) >= 1
        html = client.get(url).get_data(as_text=True)
    return html


def test_uplift_and_counts_on_the_page(cluster):
    html = shown(cluster)
    page = text(html)
    assert "10 entreprises membres vérifiées sont comptées dans ces chiffres." in page
    rows = {row[0]: row for row in table_rows(html) if row and row[0] == "Sauvegarde et reprise"}
    assert rows, "the backup topic is missing from the uplift table"
    topic_row = [row for row in table_rows(html) if row[:2] == ["Sauvegarde et reprise", "5"]][0]
    assert topic_row == ["Sauvegarde et reprise", "5", "+1,00", "5", "+0,20", "+0,80"]
    assert "<svg" in html and 'aria-labelledby="reach-title"' in html


def test_bad_period_is_refused_with_a_message(cluster):
    response = cluster.get("/organizer/programme?start=2026-13-01")
    assert response.status_code == 400
    assert "AAAA-MM-JJ" in text(response.get_data(as_text=True))
    assert cluster.get("/organizer/programme?start=2026-05-01&end=2026-01-01").status_code == 400
    assert cluster.get("/organizer/programme?start=2000-01-01&end=2026-01-01").status_code == 400
    assert cluster.get("/organizer/programme/report.exe").status_code == 404


def test_workbook_has_real_numbers_dates_and_filters(cluster):
    response = prepare_and_download(cluster, "/organizer/programme/report.xlsx?lang=en")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Reach", "Participation", "Maturity", "Uplift", "Method"]
    uplift = book["Uplift"]
    assert uplift.auto_filter.ref
    backup = [row for row in uplift.iter_rows(min_row=2, values_only=True) if row[0] == "Backup and recovery"][0]
    assert backup[1:3] == (5, pytest.approx(1.0)) and backup[3:5] == (5, pytest.approx(0.2))
    assert backup[5] == pytest.approx(0.8)
    reach = book["Reach"]
    assert isinstance(reach["A2"].value, datetime) and reach["A2"].number_format == "yyyy-mm-dd"
    assert reach.cell(row=reach.max_row, column=2).value == 10  # registered by the end


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_funders_report_pdf_in_both_languages(cluster, tmp_path):
    for language, words in (("fr", ["Rapport du programme", "Méthode et limites", "+0,80"]),
                            ("en", ["Programme report", "Method and limits", "+0.80"])):
        response = prepare_and_download(cluster, f"/organizer/programme/report.pdf?lang={language}")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        path = tmp_path / f"{language}.pdf"
        path.write_bytes(response.data)
        content = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                          text=True, check=True).stdout.split())
        for word in words:
            assert word in content, (language, word)


def test_only_organizers_and_admins_see_the_programme(app, make, cluster):
    make.make_user(email="adv@example.ca", roles=[Role.ADVISOR])
    advisor = app.test_client()
    login(advisor, "adv@example.ca")
    assert advisor.get("/organizer/programme").status_code == 403
    assert advisor.get("/organizer/programme/report.pdf").status_code == 403
    assert date.today() is not None
