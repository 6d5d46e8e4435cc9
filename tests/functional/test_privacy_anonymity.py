"""Anonymity that holds: only verified companies count, and no median gives one company's score back."""
from sqlalchemy import select

from aluqsec.assessments.models import Assessment
from aluqsec.auth.models import Role
from aluqsec.companies.models import Company
from aluqsec.extensions import db
from aluqsec.privacy.anonymity import median
from aluqsec.recommendations.services import demand_table

from ..conftest import login, post
from .assessment_helpers import ALL_THREE, table_rows, text

# The target's answers: every domain gets its own, non-round score.
TARGET_ANSWERS = {**ALL_THREE, "qs-responsible": "2", "qs-personal-info": "1", "qs-accounts": "4", "qs-mfa": "1",
                  "qs-patching": "2", "qs-firewall": "4", "qs-backups": "1", "qs-training": "2"}
HIDDEN = "masquée"


def _company(make, answers, email=None, verified=False, region="16", sector="transformation"):
    owner = make.make_user(email=email) if email else None
    company = make.make_company(owner=owner, region=region, sector=sector, benchmark_opt_in=True, verified=verified)
    make.make_assessment(company, answers=answers, submitted=True)
    return company


def _attack(make, fakes_verified):
    """The target (verified, region 16) and 4 self-registered companies: 2 answering all 0, 2 all 5."""
    target = _company(make, TARGET_ANSWERS, verified=True, sector="aerospace-supplier")
    _company(make, {q: "0" for q in ALL_THREE}, email="fake@example.ca", verified=fakes_verified)
    _company(make, {q: "0" for q in ALL_THREE}, verified=fakes_verified)
    _company(make, {q: "5" for q in ALL_THREE}, verified=fakes_verified)
    _company(make, {q: "5" for q in ALL_THREE}, verified=fakes_verified)
    scores = db.session.scalar(select(Assessment.scorecard).where(Assessment.company_id == target.id))["domains"]
    return target, {domain: value for domain, value in scores.items() if value is not None}


def _region_table(client, company_id):
    html = client.get(f"/companies/{company_id}/progress").get_data(as_text=True)
    region = html.split("Même région")[1]
    return text(region), table_rows(region)


def test_four_fake_companies_no_longer_reveal_the_target(client, make):
    target, scores = _attack(make, fakes_verified=False)
    # what the attack used to show: each median of (0, 0, target, 5, 5) is the target's own score
    assert all(median([0.0, 0.0, value, 5.0, 5.0]) == value for value in scores.values())
    assert len({round(value, 1) for value in scores.values()}) >= 3
    fake = db.session.scalar(select(Company).join(Company.memberships).where(Company.neq != target.neq)
                             .order_by(Company.id))
    login(client, "fake@example.ca")
    page, rows = _region_table(client, fake.id)
    # the fakes are not verified: they do not count, and one verified company is no group
    assert "Moins de 5 entreprises participantes dans ce groupe" in page.split("Seules les entreprises")[0]
    assert not any(f"{value:.1f}" in row[2:] for row in rows for value in scores.values())


def test_even_verified_fakes_cannot_steer_a_median_onto_the_target(client, make):
    target, scores = _attack(make, fakes_verified=True)
    fake = db.session.scalar(select(Company).where(Company.id != target.id).order_by(Company.id))
    login(client, "fake@example.ca")
    _, rows = _region_table(client, fake.id)
    medians = [row[-1] for row in rows[1:]]
    assert medians and all(value == HIDDEN for value in medians), rows


def test_unverified_and_deleted_companies_leave_the_demand_view(make):
    weak = {**ALL_THREE, "qs-backups": "1"}
    companies = [_company(make, weak, region="02", verified=True) for _ in range(5)]
    for _ in range(3):
        _company(make, weak, region="02")  # self-registered, unverified: not counted
    assert demand_table()["backup-recovery"].companies == 5
    companies[0].deletion_requested_at = companies[0].created_at
    db.session.commit()
    assert demand_table()["backup-recovery"].companies is None  # 4 left: under 5


def test_organizer_verifies_from_the_queue_and_it_is_recorded(client, make):
    organizer = make.make_user(email="org@example.ca", name="Olga Org", roles=[Role.ORGANIZER])
    company = make.make_company(legal_name="Fonderie Vérifiable inc.")
    login(client, "org@example.ca")
    page = client.get("/privacy/verification").get_data(as_text=True)
    assert "Fonderie Vérifiable inc." in page.split("Vérifiées récemment")[0]
    refused = post(client, f"/privacy/verification/{company.id}", {})
    assert refused.status_code == 400 and "Vérifiez d'abord le NEQ" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Company, company.id).verified_at is None
    assert post(client, f"/privacy/verification/{company.id}", {"checked": "y"}).status_code == 302
    db.session.expire_all()
    verified = db.session.get(Company, company.id)
    assert verified.verified_by_id == organizer.id and verified.verified_at is not None
    page = client.get("/privacy/verification").get_data(as_text=True)
    assert "Olga Org" in page.split("Vérifiées récemment")[-1]
    assert post(client, f"/privacy/verification/{company.id}/withdraw", {}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Company, company.id).verified_at is None


def test_only_organizers_and_admins_reach_the_queue(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_user(email="adv@example.ca", roles=[Role.ADVISOR])
    assert client.get("/privacy/verification").status_code == 302  # to the login page
    for email in ("o@example.ca", "adv@example.ca"):
        login(client, email)
        assert client.get("/privacy/verification").status_code == 403
        assert post(client, f"/privacy/verification/{company.id}", {"checked": "y"}).status_code == 403
        post(client, "/auth/logout")
    db.session.expire_all()
    assert db.session.get(Company, company.id).verified_at is None
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    login(client, "admin@example.ca")
    assert client.get("/privacy/verification").status_code == 200
    assert post(client, "/privacy/verification/999999", {"checked": "y"}).status_code == 404
