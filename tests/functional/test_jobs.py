"""Reports and audit packs prepared by a worker: ask, wait on a page that refreshes itself, download.

Every test runs the real worker against the test database (SQLite, or PostgreSQL with
ALUQSEC_TEST_DATABASE_URL): the database is the broker, there is nothing to mock.
"""
import re
from datetime import timedelta

from sqlalchemy import func, select, update

from aluqsec.auth.models import Role
from aluqsec.evidence.models import EvidenceVersion
from aluqsec.evidence.storage import get_storage
from aluqsec.extensions import db
from aluqsec.jobs import queue
from aluqsec.jobs.files import get_files
from aluqsec.jobs.models import Job, JobState
from aluqsec.models import utcnow

from ..conftest import login, post
from .assessment_helpers import ALL_THREE
from .evidence_helpers import text, upload
from .job_helpers import download, prepare, run_jobs

SECTOR = "/organizer/demand/report.pdf?lang=fr"
JOB_PAGE = re.compile(r"/jobs/(\d+)$")


def _job(job_page):
    db.session.expire_all()
    return db.session.get(Job, int(JOB_PAGE.search(job_page).group(1)))


def _organizer(client, make):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")


def test_the_page_refreshes_itself_until_the_report_is_ready_then_it_downloads(client, make):
    _organizer(client, make)
    assert "Préparer" in client.get(SECTOR).get_data(as_text=True)
    job_page = prepare(client, SECTOR)
    waiting = client.get(job_page).get_data(as_text=True)
    # It refreshes itself every 2 s (a script the visitor can stop), or by hand without JavaScript.
    assert 'data-auto-refresh="2"' in waiting and "js/refresh.js" in waiting and "En attente" in waiting
    assert "Actualiser maintenant" in waiting and "Arrêter l'actualisation" in waiting
    assert "/download" not in waiting
    assert run_jobs(client.application) == 1
    ready = client.get(job_page).get_data(as_text=True)
    assert "data-auto-refresh" not in ready and "js/refresh.js" not in ready and "Prêt depuis" in ready
    response = download(client, job_page)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"].startswith('attachment; filename="aluqsec-sector-report-')
    assert response.headers["Cache-Control"] == "no-store"


def test_asking_twice_while_queued_returns_the_same_job_and_afterwards_a_new_one(client, make):
    _organizer(client, make)
    first, second = prepare(client, SECTOR), prepare(client, SECTOR)
    assert first == second
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1
    run_jobs(client.application)
    assert prepare(client, SECTOR) != first  # a finished file is not handed out again as "being prepared"


def _company_with_evidence(client, make):
    owner = make.make_user(email="owner@example.ca")
    company = make.make_company(owner=owner, legal_name="Alu Preuves inc.")
    make.make_assessment(company, answers=ALL_THREE, submitted=True)
    login(client, owner.email)
    assert upload(client, company.id, ["cybersecure-canada|3.1|incident-plan"]).status_code == 302
    version = db.session.scalar(select(EvidenceVersion))
    return company, version


def test_a_failed_try_waits_its_back_off_then_the_next_try_succeeds(app, client, make, monkeypatch):
    company, version = _company_with_evidence(client, make)
    storage = get_storage()
    data = storage.get(company.id, version.sha256)
    storage.delete(company.id, version.sha256)  # the file store lost the file: reading it fails
    monkeypatch.setitem(app.config, "JOBS_BACKOFF_SECONDS", 60)
    job_page = prepare(client, f"/evidence/companies/{company.id}/pack/cybersecure-canada")
    assert run_jobs(app) == 1
    job = _job(job_page)
    assert (job.state, job.attempts) == (JobState.QUEUED, 1) and "FileNotFoundError" in job.error
    assert job.run_after > utcnow() + timedelta(seconds=50)
    assert "Un essai a échoué" in client.get(job_page).get_data(as_text=True)
    storage.put(company.id, data)  # the store is back
    assert run_jobs(app) == 0  # not before its back-off
    db.session.execute(update(Job).where(Job.id == job.id).values(run_after=utcnow()))  # a minute passes
    db.session.commit()
    assert run_jobs(app) == 1
    assert _job(job_page).attempts == 2
    response = download(client, job_page)
    assert response.status_code == 200 and response.mimetype == "application/zip"


def test_failure_after_the_last_try_is_shown_without_details(app, client, make):
    company, version = _company_with_evidence(client, make)
    get_storage().delete(company.id, version.sha256)
    job_page = prepare(client, f"/evidence/companies/{company.id}/pack/cybersecure-canada")
    assert run_jobs(app) == 3  # no back-off in tests: the three tries run at once
    job = _job(job_page)
    assert (job.state, job.attempts) == (JobState.FAILED, 3)
    page = text(client.get(job_page))
    assert "n'a pas pu être préparé, même après 3 essais" in page
    assert "FileNotFoundError" not in page and "data-auto-refresh" not in client.get(job_page).get_data(as_text=True)
    assert client.get(f"{job_page}/download").status_code == 409


def test_a_job_whose_worker_died_is_taken_again_after_its_lease(app, client, make):
    _organizer(client, make)
    job_page = prepare(client, SECTOR)
    taken = queue.claim("worker-that-dies")
    assert taken is not None and taken.attempts == 1
    assert run_jobs(app) == 0  # the lease still holds
    db.session.execute(update(Job).where(Job.id == taken.id).values(locked_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert run_jobs(app, name="worker-that-lives") == 1
    job = _job(job_page)
    assert (job.state, job.attempts, job.locked_by) == (JobState.DONE, 2, None)
    # The first worker wakes up: it can neither report progress nor overwrite the result.
    try:
        queue.report_progress(job.id, "worker-that-dies", 50)
        raise AssertionError("a worker kept a job it had lost")
    except queue.LeaseLost:
        pass
    assert queue.finish(job, "worker-that-dies") is False
    assert download(client, job_page).status_code == 200


def test_a_lease_that_runs_out_on_the_last_try_fails_the_job(app, client, make):
    _organizer(client, make)
    job_page = prepare(client, SECTOR)
    job = _job(job_page)
    db.session.execute(update(Job).where(Job.id == job.id).values(attempts=job.max_attempts - 1))
    db.session.commit()
    queue.claim("worker-that-dies")
    db.session.execute(update(Job).where(Job.id == job.id).values(locked_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    run_jobs(app)
    assert _job(job_page).state == JobState.FAILED
    assert "n'a pas pu être préparé" in text(client.get(job_page))


def _advisor_with_portfolio(client, make):
    owner = make.make_user(email="owner@example.ca")
    company = make.make_company(owner=owner, legal_name="Alu Conseil inc.")
    make.make_assessment(company, answers=ALL_THREE, submitted=True)
    advisor = make.make_user(email="adv@example.ca", name="Nadia Conseil", roles=[Role.ADVISOR])
    grant = make.make_grant(company, advisor, "review")
    login(client, advisor.email)
    return company, advisor, grant


def test_a_revoked_grant_stops_the_download_of_a_prepared_file(app, client, make):
    from aluqsec.advisors.services import revoke

    company, advisor, grant = _advisor_with_portfolio(client, make)
    portfolio = prepare(client, "/advisor/portfolio/report.pdf?lang=fr")
    pack = prepare(client, f"/evidence/companies/{company.id}/pack/cybersecure-canada")
    assert run_jobs(app) == 2
    assert download(client, portfolio).status_code == 200 and download(client, pack).status_code == 200
    revoke(grant, company.memberships[0].user)
    db.session.commit()
    for job_page in (portfolio, pack):
        assert client.get(job_page).status_code == 404
        assert client.get(f"{job_page}/download").status_code == 404


def test_a_job_is_seen_only_by_those_who_may_ask_for_it(app, client, make):
    company, _advisor, _grant = _advisor_with_portfolio(client, make)
    portfolio = prepare(client, "/advisor/portfolio/report.pdf?lang=fr")
    pack = prepare(client, f"/evidence/companies/{company.id}/pack/cybersecure-canada")
    run_jobs(app)
    other_advisor = make.make_user(email="adv2@example.ca", roles=[Role.ADVISOR])
    make.make_grant(company, other_advisor, "view")
    stranger = make.make_user(email="stranger@example.ca")
    make.make_company(owner=stranger)
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    seen = {}
    for email in ("adv2@example.ca", "stranger@example.ca", "org@example.ca", "owner@example.ca"):
        post(client, "/auth/logout")
        login(client, email)
        seen[email] = tuple(client.get(f"{page}/download").status_code for page in (portfolio, pack))
    assert seen == {"adv2@example.ca": (404, 200),  # another advisor's portfolio; the company's pack
                    "stranger@example.ca": (404, 404), "org@example.ca": (404, 404),
                    "owner@example.ca": (404, 200)}
    post(client, "/auth/logout")
    login(client, "org@example.ca")
    sector = prepare(client, SECTOR)
    post(client, "/auth/logout")
    login(client, "adv2@example.ca")
    assert client.get(sector).status_code == 404  # organizers' aggregates only


def test_bad_input_gets_a_4xx_and_changes_nothing(app, client, make):
    _organizer(client, make)
    for path in ("/jobs/0", "/jobs/abc", "/jobs/99999999999", "/jobs/12345", "/jobs/12345/download"):
        assert client.get(path).status_code == 404, path
    assert client.post(SECTOR, data={}).status_code == 400  # no CSRF token
    assert post(client, "/organizer/programme/report.pdf?start=2026-13-01").status_code == 400
    assert post(client, "/organizer/programme/report.doc").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0
    job_page = prepare(client, SECTOR)
    assert client.get(f"{job_page}/download").status_code == 409  # not ready yet
    run_jobs(app)
    get_files().delete_job(_job(job_page).id)  # purged
    assert client.get(f"{job_page}/download").status_code == 410
    assert "n'est plus conservé" in text(client.get(f"{job_page}/download"))


def test_pack_of_an_unknown_certification_is_404(client, make):
    company, _version = _company_with_evidence(client, make)
    assert client.get(f"/evidence/companies/{company.id}/pack/iso-27001").status_code == 404
    assert post(client, f"/evidence/companies/{company.id}/pack/iso-27001").status_code == 404


def test_the_person_who_asked_for_a_large_file_gets_an_e_mail_when_it_is_ready(app, client, make, smtp_server):
    _advisor_with_portfolio(client, make)
    job_page = prepare(client, "/advisor/portfolio/report.pdf?lang=en")
    assert smtp_server.messages == []
    run_jobs(app)
    [message] = smtp_server.messages
    assert message["To"] == "adv@example.ca" and message["Subject"].startswith("AluQSec : Rapport de portefeuille")
    assert f"http://localhost{job_page}" in message.get_content()


def test_the_retention_purge_deletes_old_prepared_files(app, client, make):
    from aluqsec.privacy.retention import purge

    _organizer(client, make)
    old, recent = prepare(client, SECTOR), None
    run_jobs(app)
    recent = prepare(client, SECTOR)
    run_jobs(app)
    old_job = _job(old)
    db.session.execute(update(Job).where(Job.id == old_job.id).values(finished_at=utcnow() - timedelta(days=8)))
    db.session.commit()
    orphan = get_files().save(987654, b"left by a deleted company")
    result = purge()
    db.session.commit()
    assert result["prepared_files_deleted"] == 1
    assert client.get(old).status_code == 404 and download(client, recent).status_code == 200
    assert get_files().job_ids() == {_job(recent).id} and orphan


def test_the_job_page_reads_in_the_users_language(client, make):
    make.make_user(email="org-en@example.ca", roles=[Role.ORGANIZER], language="en")
    login(client, "org-en@example.ca")
    job_page = prepare(client, SECTOR)
    waiting = text(client.get(job_page))
    assert "Waiting for a worker to start." in waiting and "Sector report (FR)" in waiting
    assert "En attente" not in waiting and "Rapport sectoriel" not in waiting
    run_jobs(client.application)
    ready = text(client.get(job_page))
    assert "Ready since" in ready and "The file is kept 7 days, then deleted." in ready
    assert "Prêt depuis" not in ready and "conservé" not in ready
