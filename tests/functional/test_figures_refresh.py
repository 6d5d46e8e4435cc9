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


def test_topic_history_follows_each_submission_and_a_scope_change(client, make):
    """Every submission keeps its own topic maturities (the programme's history); a re-score rewrites them once."""
    from sqlalchemy import select

    from aluqsec.aggregates.models import TopicHistory

    def history(assessment_id):
        return dict(db.session.execute(select(TopicHistory.topic_id, TopicHistory.value)
                                       .where(TopicHistory.assessment_id == assessment_id)).all())

    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner, certifications=["cmmc-l1"])
    first = make.make_assessment(company, "baseline", baseline_plant_at_0(), submitted=True)
    second = make.make_assessment(company, "baseline", {}, submitted=True)
    for assessment in (first, second):
        assert history(assessment.id) == stored(assessment.id).scorecard["topics"]
    assert history(first.id) != history(second.id)
    login(client, "o@example.ca")
    assert post(client, f"/assessments/{first.id}/scope", scope_form("office")).status_code == 302
    db.session.expire_all()
    assert history(first.id) == stored(first.id).scorecard["topics"]
    rows = db.session.scalars(select(TopicHistory).where(TopicHistory.assessment_id == first.id)).all()
    assert len(rows) == len(stored(first.id).scorecard["topics"])  # rewritten, not added again
