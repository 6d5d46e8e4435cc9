"""The progress page: history chart, journeys with what comes next, reminders and the benchmark."""
from datetime import date

from sqlalchemy import select

from aluqsec.progress.models import Journey
from aluqsec.progress.reminders import send_journey_reminders

from ..conftest import login, post
from .assessment_helpers import ALL_THREE, table_rows, text


def test_progress_shows_history_chart_and_change_per_domain(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1"}, submitted=True)
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "4"}, submitted=True)
    login(client, "o@example.ca")
    html = client.get(f"/companies/{company.id}/progress").get_data(as_text=True)
    assert "<polyline" in html and 'id="line-title"' in html
    # access: qs-accounts, qs-sign-in, qs-mfa-all (weight 3 each), qs-physical (weight 2):
    # (9 + 9 + 3 + 6)/11 = 2.45 then (9 + 9 + 12 + 6)/11 = 3.27: change +0.82
    assert ["Accès aux systèmes et aux locaux", "2,5", "3,3", "+0,8"] in table_rows(html)


def test_journey_is_saved_and_tells_what_comes_next(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"),
                                certifications=["cybersecure-canada", "cpcsc-l1"])
    login(client, "o@example.ca")
    response = post(client, f"/companies/{company.id}/journeys/cybersecure-canada", {
        "cybersecure-canada-stage": "certified", "cybersecure-canada-certified": "2024-02-29"})
    assert response.status_code == 302
    row = make.db.session.scalar(select(Journey))
    assert (row.stage, row.certified_on) == ("certified", date(2024, 2, 29))
    page = text(client.get(f"/companies/{company.id}/progress").get_data(as_text=True))
    # certified on 29 Feb 2024: maintenance audit 28 Feb 2025, recertification 28 Feb 2026
    assert "Audit de maintien (12 mois après la certification) — 28 février 2025" in page
    assert "Le certificat expire : audit de renouvellement — 28 février 2026" in page


def test_bad_journey_input_keeps_what_was_typed(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    response = post(client, f"/companies/{company.id}/journeys/cybersecure-canada", {
        "cybersecure-canada-stage": "certified", "cybersecure-canada-target": "2027-03-01"})
    assert response.status_code == 400
    assert "Indiquez la date de la certification." in text(response.get_data(as_text=True))
    assert 'value="2027-03-01"' in response.get_data(as_text=True)
    assert make.db.session.scalar(select(Journey)) is None


def test_journey_reminders_are_sent_once_to_owners(make, smtp_server):
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner, certifications=["cpcsc-l1"])
    make.make_member(company, make.make_user(email="m@example.ca"))
    make.db.session.add(Journey(company_id=company.id, certification="cpcsc-l1", stage="certified",
                                certified_on=date(2025, 12, 20)))
    make.db.session.commit()
    # annual self-assessment due 2026-12-20: the 30-day reminder is due from 2026-11-20
    assert send_journey_reminders(today=date(2026, 11, 26)) == 1
    assert send_journey_reminders(today=date(2026, 11, 27)) == 0
    assert [m["To"] for m in smtp_server.messages] == ["o@example.ca"]
    assert "Autoévaluation et attestation annuelles" in smtp_server.messages[0]["Subject"]
    assert send_journey_reminders(today=date(2026, 12, 14)) == 1  # the 7-day reminder


def _consenting(make, count, domain_level, sector="transformation", region="02"):
    for _ in range(count):
        company = make.make_company(sector=sector, region=region, benchmark_opt_in=True, verified=True)
        make.make_assessment(company, answers={q: domain_level for q in ALL_THREE}, submitted=True)


def test_benchmark_hidden_under_five_and_median_above(client, make):
    me = make.make_company(owner=make.make_user(email="o@example.ca"), benchmark_opt_in=True, region="16",
                           verified=True)
    make.make_assessment(me, answers=ALL_THREE, submitted=True)
    _consenting(make, 3, "2")
    make.make_company(sector="transformation", verified=True)  # not consenting: never counted
    unverified = make.make_company(sector="transformation", benchmark_opt_in=True)  # never counted either
    make.make_assessment(unverified, answers={q: "5" for q in ALL_THREE}, submitted=True)
    login(client, "o@example.ca")
    page = text(client.get(f"/companies/{me.id}/progress").get_data(as_text=True))
    assert page.count("Moins de 5 entreprises participantes dans ce groupe") == 2
    _consenting(make, 1, "1")
    _consenting(make, 1, "4")
    html = client.get(f"/companies/{me.id}/progress").get_data(as_text=True)
    # same sector: me 3, peers 2, 2, 2, 1, 4 -> 1 2 2 2 3 4 -> median 2.0 (no one company moves it by more than 0.5)
    assert ["Direction et conformité", "3,0", "2,0"] in table_rows(html)
    assert "Moins de 5 entreprises participantes dans ce groupe" in text(html)  # same region: me alone
