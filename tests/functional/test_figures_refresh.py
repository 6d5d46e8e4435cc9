"""The stored figures follow the assessment at submission, on a scope change and on review."""
import re

from aluqsec.auth.models import Role
from aluqsec.extensions import db

from ..conftest import login, post
from .test_verdicts import baseline_plant_at_0, scope_form, stored


def _cmmc(page):
    return re.findall(r"(\d+)/15 ·", page)


def test_portfolio_follows_submission_scope_change_and_review(client, make):
    from aluqsec.reviews.services import mark_reviewed

    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner, certifications=["cmmc-l1"])
    advisor = make.make_user(email="adv@example.ca", roles=[Role.ADVISOR])
    make.make_grant(company, advisor, scope="review")
    assessment = make.make_assessment(company, "baseline", baseline_plant_at_0(), submitted=True)
    login(client, "adv@example.ca")
    page = client.get("/advisor/portfolio").get_data(as_text=True)
    assert _cmmc(page) and int(_cmmc(page)[0]) < 15  # plant questions at 0 count: not met
    assert "révisée" not in page
    owner_client = client.application.test_client()
    login(owner_client, "o@example.ca")
    assert post(owner_client, f"/assessments/{assessment.id}/scope", scope_form("office")).status_code == 302
    assert _cmmc(client.get("/advisor/portfolio").get_data(as_text=True)) == ["15"]
    mark_reviewed(stored(assessment.id), advisor)
    db.session.commit()
    page = client.get("/advisor/portfolio").get_data(as_text=True)
    assert "révisée" in page and _cmmc(page) == ["15"]
