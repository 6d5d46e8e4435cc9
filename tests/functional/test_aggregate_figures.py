"""Property: what pages aggregate from the stored figures equals what the stored scorecards say."""
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from aluqsec.advisors.listing import Listing, portfolio_page
from aluqsec.advisors.portfolio import SORTS, arrange, portfolio
from aluqsec.assessments.models import Assessment, Status
from aluqsec.auth.models import Role
from aluqsec.companies.models import Company
from aluqsec.extensions import db
from aluqsec.progress import metrics
from aluqsec.progress.services import peer_benchmark
from aluqsec.questionnaires.services import get_bank
from aluqsec.recommendations.demand import CompanyGaps, demand
from aluqsec.recommendations.services import demand_table

VALUES = ["0", "1", "2", "3", "4", "5", "unknown", None]
VERSIONS = [("quick-scan", "2.0"), ("quick-scan", "1.0"), ("baseline", "2.0")]
companies = st.lists(st.fixed_dictionaries({
    "region": st.sampled_from(["02", "16"]), "sector": st.sampled_from(["transformation", "aerospace-supplier"]),
    "verified": st.sampled_from([True, True, True, False]), "opt_in": st.sampled_from([True, True, False]),
    "runs": st.lists(st.tuples(st.sampled_from(VERSIONS), st.integers(0, 2 ** 16)), min_size=0, max_size=3),
}), min_size=5, max_size=9)


def _answers(questionnaire, seed):
    rng = random.Random(seed)
    ceiling = rng.choice([1, 3, 5])  # some companies weak everywhere, some strong
    answers = {}
    for question in questionnaire.questions:
        value = rng.choice(VALUES[:ceiling + 1] + VALUES[6:])
        if value is not None:
            answers[question.id] = value
    return answers


def _build(make, specs):
    db.session.execute(delete(Company))
    db.session.commit()
    bank = get_bank()
    advisor = make.make_user(roles=[Role.ADVISOR])
    for spec in specs:
        company = make.make_company(region=spec["region"], sector=spec["sector"], verified=spec["verified"],
                                    benchmark_opt_in=spec["opt_in"], certifications=["cybersecure-canada", "cmmc-l1"])
        for (questionnaire_id, version), seed in spec["runs"]:
            questionnaire = bank.get(questionnaire_id, version)
            make.make_assessment(company, questionnaire_id, answers=_answers(questionnaire, seed), submitted=True,
                                 version=version)
        make.make_grant(company, advisor)
    return advisor


def _newest(questionnaire_id=None):
    """The reference: each company's newest submitted scorecard, read the way pages used to read it."""
    query = select(Assessment).where(Assessment.status != Status.DRAFT).order_by(
        Assessment.submitted_at.desc(), Assessment.id.desc())
    if questionnaire_id:
        query = query.where(Assessment.questionnaire_id == questionnaire_id)
    newest = {}
    for assessment in db.session.scalars(query):
        newest.setdefault(assessment.company_id, assessment)
    return newest


def _expected_demand(threshold=3.0):
    counted = [(a.company, a.scorecard) for a in _newest().values()
               if a.company.verified_at is not None and a.company.deletion_requested_at is None]
    return demand([CompanyGaps(c.region, c.sector, frozenset(t for t, v in (s.get("topics") or {}).items()
                                                            if v is not None and v < threshold))
                   for c, s in counted], [], list(get_bank().topics))


def _expected_benchmark(company, questionnaire_id, by):
    peers = [a.scorecard["domains"] for a in _newest(questionnaire_id).values()
             if a.company_id != company.id and a.company.benchmark_opt_in and a.company.verified_at is not None
             and a.company.deletion_requested_at is None
             and getattr(a.company, by) == getattr(company, by)]
    own = _newest()[company.id].scorecard["domains"]
    return metrics.benchmark(own, peers, own_counts=company.is_verified and not company.deletion_pending)


def _brief(row):
    return (row["company"].id, row["assessment_id"], row["reviewed"], row["overall"], row["trend"], row["overdue"],
            row["last_activity"], [(cert, data["met"], data["total"], data["verdict"],
                                    len(data["not_assessed"]) if isinstance(data["not_assessed"], list)
                                    else data["not_assessed"]) for cert, data in row["readiness"]])


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(specs=companies)
def test_figures_give_the_aggregates_the_scorecards_give(app_context, make, specs):
    advisor = _build(make, specs)
    assert demand_table() == _expected_demand()
    newest = _newest()
    for company_id, assessment in newest.items():
        company = db.session.get(Company, company_id)
        for by in ("sector", "region"):
            found = peer_benchmark(company, assessment.questionnaire_id, assessment.scorecard["domains"], by)
            assert found == _expected_benchmark(company, assessment.questionnaire_id, by)
    for sort in SORTS:
        rows, total = portfolio_page(advisor, Listing(sort=sort))
        expected = arrange(portfolio(advisor), sort)
        assert total == len(expected)
        assert sorted(map(_brief, rows), key=lambda b: b[0]) == sorted(map(_brief, expected), key=lambda b: b[0])
        if sort != "name":  # ties may come in another order; the sorted values may not
            key = {"maturity": "overall", "trend": "trend", "overdue": "overdue", "activity": "last_activity"}[sort]
            assert [row[key] for row in rows] == [row[key] for row in expected]
        else:
            assert [row["company"].id for row in rows] == [row["company"].id for row in expected]
