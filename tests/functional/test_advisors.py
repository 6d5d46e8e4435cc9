"""Advisor access is always the company's choice; reviews keep declared and validated levels."""
import pytest
from sqlalchemy import select

from aluqsec.advisors.models import AdvisorGrant, CoachingMeeting
from aluqsec.assessments.models import Answer, Assessment
from aluqsec.auth.models import Role
from aluqsec.extensions import db

from ..conftest import login, post
from .assessment_helpers import ALL_THREE, table_rows, text


def company_urls(company, assessment):
    return [f"/companies/{company.id}", f"/companies/{company.id}/progress", f"/companies/{company.id}/coaching",
            f"/assessments/{assessment.id}/results", f"/assessments/{assessment.id}/domains/access",
            f"/assessments/{assessment.id}/review", f"/assessments/{assessment.id}/review/access",
            f"/assessments/{assessment.id}/report.pdf", f"/companies/{company.id}/plan",
            f"/companies/{company.id}/plan.xlsx", f"/companies/{company.id}/assessments"]


@pytest.fixture
def setting(make):
    owner = make.make_user(email="o@example.ca", name="Olive Owner")
    company = make.make_company(owner=owner, legal_name="Fonderie Nord inc.")
    assessment = make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1"}, submitted=True)
    advisor = make.make_user(email="adv@example.ca", name="Nadia Conseil", roles=[Role.ADVISOR])
    return owner, company, assessment, advisor


def test_advisor_without_grant_sees_nothing(client, make, setting):
    _owner, company, assessment, _advisor = setting
    login(client, "adv@example.ca")
    for url in company_urls(company, assessment):
        assert client.get(url).status_code in (403, 404), url
    assert "Fonderie Nord" not in client.get("/advisor/portfolio").get_data(as_text=True)
    assert post(client, f"/assessments/{assessment.id}/reviewed").status_code in (403, 404)


def test_owner_grants_then_revokes_and_access_stops_at_once(app, client, make, setting):
    owner, company, assessment, advisor = setting
    login(client, "o@example.ca")
    granted = post(client, f"/companies/{company.id}/access", {"email": "adv@example.ca", "scope": "view"})
    assert granted.status_code == 302
    advisor_client = app.test_client()
    login(advisor_client, "adv@example.ca")
    assert advisor_client.get(f"/assessments/{assessment.id}/results").status_code == 200
    assert "Fonderie Nord" in advisor_client.get("/advisor/portfolio").get_data(as_text=True)
    grant = db.session.scalar(select(AdvisorGrant))
    post(client, f"/grants/{grant.id}/revoke", {"confirm": "yes"})
    assert advisor_client.get(f"/assessments/{assessment.id}/results").status_code == 404
    db.session.expire_all()
    assert [change.action for change in db.session.get(AdvisorGrant, grant.id).history] == ["granted", "revoked"]
    assert all(change.actor_id == owner.id for change in db.session.get(AdvisorGrant, grant.id).history)


def test_granting_to_a_non_advisor_is_refused_with_input_kept(client, make, setting):
    _owner, company, _assessment, _advisor = setting
    make.make_user(email="someone@example.ca")
    login(client, "o@example.ca")
    response = post(client, f"/companies/{company.id}/access", {"email": "someone@example.ca", "scope": "view"})
    assert response.status_code == 400
    assert "Aucun compte de conseiller" in text(response.get_data(as_text=True))
    assert 'value="someone@example.ca"' in response.get_data(as_text=True)
    assert db.session.scalar(select(AdvisorGrant)) is None


def test_organizer_proposes_and_owner_accepts_or_declines(app, client, make, setting):
    _owner, company, assessment, _advisor = setting
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")
    response = post(client, "/organizer/propose-advisor", {"neq": company.neq, "email": "adv@example.ca",
                                                           "scope": "review"})
    assert response.status_code == 302
    advisor_client = app.test_client()
    login(advisor_client, "adv@example.ca")
    assert advisor_client.get(f"/assessments/{assessment.id}/results").status_code == 404  # not yet accepted
    owner_client = app.test_client()
    login(owner_client, "o@example.ca")
    page = text(owner_client.get(f"/companies/{company.id}/access").get_data(as_text=True))
    assert "La grappe vous propose Nadia Conseil" in page
    grant = db.session.scalar(select(AdvisorGrant))
    post(owner_client, f"/grants/{grant.id}/accept")
    assert advisor_client.get(f"/assessments/{assessment.id}/review/access").status_code == 200
    db.session.expire_all()
    assert [c.action for c in db.session.get(AdvisorGrant, grant.id).history] == ["proposed", "accepted"]


def test_view_scope_cannot_review_but_review_scope_can(app, client, make, setting):
    _owner, company, assessment, advisor = setting
    grant = make.make_grant(company, advisor, "view")
    login(client, "adv@example.ca")
    url = f"/assessments/{assessment.id}/review/access"
    assert "v-qs-mfa-all" not in client.get(url).get_data(as_text=True)
    assert post(client, url, {"c-qs-mfa-all": "Preuve?"}).status_code == 403
    assert post(client, f"/assessments/{assessment.id}/reviewed").status_code == 403
    grant.scope = "review"
    db.session.commit()
    assert "v-qs-mfa-all" in client.get(url).get_data(as_text=True)
    assert post(client, url, {"v-qs-mfa-all": "3", "c-qs-mfa-all": "Vérifié sur place."}).status_code == 302


def test_validated_levels_change_validated_scores_only(app, client, make, setting, smtp_server):
    owner, company, assessment, advisor = setting
    make.make_grant(company, advisor, "review")
    declared = dict(assessment.scorecard["domains"])
    login(client, "adv@example.ca")
    # access: qs-accounts w3 = 3, qs-sign-in w3 = 3, qs-mfa-all w3 declared 1, qs-physical w2 = 3
    # -> declared (9 + 9 + 3 + 6)/11 = 2.4545...
    assert declared["access"] == pytest.approx(27 / 11, abs=0.01)
    post(client, f"/assessments/{assessment.id}/review/access", {"v-qs-mfa-all": "3", "c-qs-mfa-all": "AMF confirmée."})
    assert post(client, f"/assessments/{assessment.id}/reviewed").status_code == 302
    db.session.expire_all()
    saved = db.session.get(Assessment, assessment.id)
    answer = db.session.scalar(select(Answer).where(Answer.assessment_id == assessment.id,
                                                    Answer.question_id == "qs-mfa-all"))
    assert (answer.value, answer.validated_value) == ("1", "3")  # both kept
    assert saved.scorecard["domains"] == declared  # declared scores unchanged
    assert saved.validated_scorecard["domains"]["access"] == 3.0  # validated: (9 + 9 + 9 + 6)/11 = 3
    assert saved.status == "reviewed"
    assert smtp_server.messages[-1]["To"] == "o@example.ca"
    assert "révisée par Nadia Conseil" in smtp_server.messages[-1]["Subject"]
    owner_client = app.test_client()
    login(owner_client, "o@example.ca")
    results = owner_client.get(f"/assessments/{assessment.id}/results").get_data(as_text=True)
    assert ["Accès aux systèmes et aux locaux", "2,5", "3,0"] in table_rows(results)
    thread = text(owner_client.get(f"/assessments/{assessment.id}/review/access").get_data(as_text=True))
    assert "AMF confirmée." in thread
    post(owner_client, f"/assessments/{assessment.id}/review/access", {"c-qs-mfa-all": "Merci!"})
    thread = text(owner_client.get(f"/assessments/{assessment.id}/review/access").get_data(as_text=True))
    assert thread.index("AMF confirmée.") < thread.index("Merci!")


def test_coaching_record_is_visible_to_its_advisor_and_the_company_only(app, client, make, setting):
    _owner, company, _assessment, advisor = setting
    other = make.make_user(email="other@example.ca", roles=[Role.ADVISOR])
    make.make_grant(company, advisor)
    make.make_grant(company, other)
    login(client, "adv@example.ca")
    response = post(client, f"/companies/{company.id}/coaching", {
        "met_on": "2026-11-20", "notes": "Revue du plan.", "commitments-0-description": "Activer l'AMF",
        "commitments-0-owner": "Olive", "commitments-0-due_on": "2026-12-15"})
    assert response.status_code == 302
    assert db.session.scalar(select(CoachingMeeting)).commitments[0].description == "Activer l'AMF"
    owner_client = app.test_client()
    login(owner_client, "o@example.ca")
    assert "Activer l'AMF" in text(owner_client.get(f"/companies/{company.id}/coaching").get_data(as_text=True))
    other_client = app.test_client()
    login(other_client, "other@example.ca")
    assert "Revue du plan" not in other_client.get(f"/companies/{company.id}/coaching").get_data(as_text=True)
    assert post(owner_client, f"/companies/{company.id}/coaching", {"met_on": "2026-11-21",
                                                                    "notes": "x"}).status_code == 403


def test_portfolio_queries_do_not_grow_with_companies(client, make, count_queries):
    advisor = make.make_user(email="adv@example.ca", roles=[Role.ADVISOR])

    def add(count):
        for _ in range(count):
            company = make.make_company()
            make.make_assessment(company, answers={"qs-mfa-all": "2"}, submitted=True)
            make.make_grant(company, advisor)

    login(client, "adv@example.ca")
    add(5)
    with count_queries() as five:
        assert client.get("/advisor/portfolio?sort=maturity").status_code == 200
    add(195)
    with count_queries() as two_hundred:
        page = client.get("/advisor/portfolio?sort=maturity").get_data(as_text=True)
    assert "200 entreprises vous ont donné accès" in page
    assert two_hundred.count == five.count


def test_a_declined_advisor_cannot_be_proposed_again_within_30_days(app, client, make, setting):
    from datetime import timedelta

    from aluqsec.advisors.services import COOLING_PERIOD

    _owner, company, _assessment, _advisor = setting
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER], language="en")
    login(client, "org@example.ca")
    form = {"neq": company.neq, "email": "adv@example.ca", "scope": "view"}
    assert post(client, "/organizer/propose-advisor", form).status_code == 302
    again = post(client, "/organizer/propose-advisor", form)
    assert again.status_code == 400  # still waiting for the owner: no second proposal
    assert "already proposed" in text(again.get_data(as_text=True))
    owner_client = app.test_client()
    login(owner_client, "o@example.ca")
    grant = db.session.scalar(select(AdvisorGrant))
    post(owner_client, f"/grants/{grant.id}/decline")
    response = post(client, "/organizer/propose-advisor", form)
    page = text(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "declined this advisor" in page and f"{company.neq}" in response.get_data(as_text=True)
    db.session.expire_all()
    grant = db.session.get(AdvisorGrant, grant.id)
    assert grant.status == "declined" and [c.action for c in grant.history] == ["proposed", "declined"]
    assert COOLING_PERIOD == timedelta(days=30)
    grant.updated_at = grant.updated_at - COOLING_PERIOD - timedelta(minutes=1)
    db.session.commit()
    assert post(client, "/organizer/propose-advisor", form).status_code == 302
    db.session.expire_all()
    assert db.session.get(AdvisorGrant, grant.id).status == "proposed"


def test_cooling_message_in_french_with_the_date(app, client, make, setting):
    _owner, company, _assessment, advisor = setting
    from aluqsec.advisors.services import answer_proposal, propose

    organizer = make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    answer_proposal(propose(company, advisor, "view", organizer), False, company.memberships[0].user)
    db.session.commit()
    login(client, "org@example.ca")
    response = post(client, "/organizer/propose-advisor", {"neq": company.neq, "email": "adv@example.ca",
                                                           "scope": "view"})
    assert response.status_code == 400
    assert "L'entreprise a refusé ce conseiller" in text(response.get_data(as_text=True))


def test_audit_counts_only_the_validated_levels_that_changed(client, make, setting):
    from aluqsec.audit.models import AuditEvent

    _owner, company, assessment, advisor = setting
    make.make_grant(company, advisor, "review")
    login(client, "adv@example.ca")
    url = f"/assessments/{assessment.id}/review/access"
    post(client, url, {"v-qs-mfa-all": "3", "v-qs-accounts": "", "v-qs-physical": ""})
    post(client, url, {"v-qs-mfa-all": "3", "v-qs-accounts": "2", "v-qs-physical": ""})
    details = [event.details for event in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "reviews.saved").order_by(AuditEvent.id))]
    assert [d["levels"] for d in details] == [1, 1]
