import pytest
from sqlalchemy import func, select

from aluqsec.assessments.models import Assessment
from aluqsec.auth.models import User
from aluqsec.companies.models import Company
from aluqsec.extensions import db

from ..conftest import login

NAVIGATION = {
    "owner@demo.aluqsec.ca": "Alu-Saguenay Extrusion inc.",
    "advisor@demo.aluqsec.ca": "Portefeuille",
    "organizer@demo.aluqsec.ca": "Gérer les événements",
    "admin@demo.aluqsec.ca": "Utilisateurs",
}


def test_demo_load_twice_duplicates_nothing(app, app_context):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert "owner@demo.aluqsec.ca" in first.output
    counted = (db.session.scalar(select(func.count()).select_from(User)),
               db.session.scalar(select(func.count()).select_from(Company)))
    second = runner.invoke(args=["demo", "load"])
    assert "0 new records" in second.output
    assert counted == (db.session.scalar(select(func.count()).select_from(User)),
                       db.session.scalar(select(func.count()).select_from(Company)))


@pytest.mark.parametrize("email,expected", NAVIGATION.items())
def test_each_demo_account_signs_in_and_sees_its_navigation(app, client, app_context, email, expected):
    app.test_cli_runner().invoke(args=["demo", "load"])
    response = login(client, email, app.config["DEMO_PASSWORD"])
    assert response.status_code == 302
    nav = client.get("/").get_data(as_text=True).split("</nav>")[0]
    assert expected in nav


def test_demo_owner_has_a_history_and_an_action_plan(app, client, app_context):
    app.test_cli_runner().invoke(args=["demo", "load"])
    login(client, "owner@demo.aluqsec.ca", app.config["DEMO_PASSWORD"])
    dashboard = client.get("/").get_data(as_text=True)
    assert "Maturité actuelle" in dashboard and "Voir les résultats" in dashboard
    assessments = db.session.scalars(select(Assessment).join(Company).where(
        Company.neq == "1160000017", Assessment.questionnaire_id == "baseline")
        .order_by(Assessment.submitted_at)).all()
    assert [a.status for a in assessments] == ["reviewed", "submitted"]
    results = client.get(f"/assessments/{assessments[1].id}/results").get_data(as_text=True)
    assert "Variation" in results  # progress against the first full assessment


def test_demo_advisor_has_two_companies_and_a_reviewed_assessment(app, client, app_context):
    app.test_cli_runner().invoke(args=["demo", "load"])
    login(client, "advisor@demo.aluqsec.ca", app.config["DEMO_PASSWORD"])
    page = client.get("/advisor/portfolio").get_data(as_text=True)
    assert "Alu-Saguenay Extrusion inc." in page and "Moulage Précis Bécancour ltée" in page
    assert "Laurentian Aluminium" not in page  # proposed, not accepted by its owner
    reviewed = db.session.scalar(select(Assessment).where(Assessment.status == "reviewed"))
    results = client.get(f"/assessments/{reviewed.id}/results").get_data(as_text=True)
    assert "Validé par le conseiller" in results


def test_demo_programme_has_a_year_of_events_feedback_and_uplift(app_context):
    from datetime import timedelta

    from aluqsec.demo import load_demo
    from aluqsec.events.models import Event
    from aluqsec.models import utcnow
    from aluqsec.programme.dashboard import programme_dashboard
    from aluqsec.programme.models import EventFeedback

    load_demo("Demo-Password-2026!")
    past = db.session.scalar(select(func.count()).select_from(Event).where(Event.ends_at < utcnow()))
    assert past >= 5
    assert db.session.scalar(select(func.count()).select_from(EventFeedback)
                             .where(EventFeedback.answered_at.is_not(None))) >= 5
    today = utcnow().date()
    data = programme_dashboard(today - timedelta(days=364), today)
    # Every company was registered before its first assessment: the reach chart starts as a funnel.
    first = dict(db.session.execute(select(Assessment.company_id, func.min(Assessment.created_at))
                                    .group_by(Assessment.company_id)).all())
    assert all(company.created_at < first[company.id] for company in db.session.scalars(select(Company))
               if company.id in first)
    reach = data["reach"]
    assert reach["registered"][0] >= reach["assessed"][0] > 0
    shown = [row for row in data["uplift"] if row.difference is not None]
    assert shown, "no topic has 5 attendees and 5 others: the demo dashboard would be empty"
    assert all(row.attendees.change > row.others.change for row in shown)


def test_demo_companies_have_evidence_to_show(app, client, app_context, tmp_path, monkeypatch):
    import subprocess
    from datetime import date

    from aluqsec.evidence.models import EvidenceItem, EvidenceLink, EvidenceVersion
    from aluqsec.evidence.reminders import send_evidence_reminders
    from aluqsec.evidence.services import read_version
    from aluqsec.questionnaires.services import get_bank

    monkeypatch.setitem(app.config, "EVIDENCE_DIR", str(tmp_path / "evidence"))
    app.test_cli_runner().invoke(args=["demo", "load"])
    frameworks = get_bank().frameworks
    for link in db.session.scalars(select(EvidenceLink)):  # every demo link names a kind the bank expects
        requirement = frameworks[link.framework_id].requirement(link.requirement_id)
        assert link.kind_id in {kind.id for kind in requirement.evidence}, link.kind_id
    reviews = sorted(db.session.scalars(select(EvidenceItem.review)))
    assert reviews.count("accepted") == 3 and "needs-work" in reviews and "pending" in reviews
    for version in db.session.scalars(select(EvidenceVersion).where(EvidenceVersion.file_type == "pdf")):
        path = tmp_path / "demo.pdf"
        path.write_bytes(read_version(version))
        assert subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout.strip()
    company = db.session.scalar(select(Company).where(Company.neq == "1160000017"))
    login(client, "owner@demo.aluqsec.ca", app.config["DEMO_PASSWORD"])
    checklist = client.get(f"/evidence/companies/{company.id}/checklist/cybersecure-canada").get_data(as_text=True)
    assert "Plan de réponse aux incidents (signé)" in checklist and "Acceptée" in checklist
    assert "Preuves complètes" in checklist  # 3.1: the signed plan and the contact list, both accepted
    assert "Marie Tremblay" in client.get(f"/evidence/companies/{company.id}/checklist/cpcsc-l1").get_data(
        as_text=True)
    assert send_evidence_reminders(date.today()) == 1  # the contact list expires within 30 days
