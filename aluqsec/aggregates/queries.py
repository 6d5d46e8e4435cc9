"""Cluster-wide reads of the stored figures, aggregated in SQL: the cost does not grow with history."""
from sqlalchemy import func, select

from ..companies.models import Company
from ..extensions import db
from ..privacy.verification import counted_in_aggregates
from .models import ScoreDomain, ScoreSummary, ScoreTopic


def demand_counts(threshold):
    """Count the counted companies with a gap (maturity under *threshold*) per topic, region and sector.

    Each company counts once, from its newest submitted assessment; only verified companies
    not being deleted count.
    :return: ``({(topic, region, sector): companies}, regions, sectors)``; the regions and
        sectors are those of every counted company, with gaps or not.
    """
    counted = (ScoreSummary.latest, counted_in_aggregates())
    # A latest summary per company and a row per topic in it: count(*) counts companies, and lets the
    # database hash the groups instead of sorting 24,000 rows for a DISTINCT (half the time on PostgreSQL).
    gaps = db.session.execute(
        select(ScoreTopic.topic_id, Company.region, Company.sector, func.count())
        .join(ScoreSummary, ScoreSummary.id == ScoreTopic.summary_id)
        .join(Company, Company.id == ScoreSummary.company_id)
        .where(*counted, ScoreTopic.value < threshold)
        .group_by(ScoreTopic.topic_id, Company.region, Company.sector)).all()
    groups = db.session.execute(
        select(Company.region, Company.sector).join(ScoreSummary, ScoreSummary.company_id == Company.id)
        .where(*counted).distinct()).all()
    return ({(topic, region, sector): count for topic, region, sector, count in gaps},
            {region for region, _sector in groups}, {sector for _region, sector in groups})


def peer_domain_values(company, questionnaire_id, by):
    """Return the peers' domain maturities for the benchmark, in two queries.

    Peers: the other consenting, verified companies of *company*'s sector (``by="sector"``)
    or region, each through its newest submitted assessment of *questionnaire_id*.
    :return: ``(number of peers, {domain id: [values, ascending]})``; a peer's domain with
        every answer N/A gives None.
    """
    same = Company.sector == company.sector if by == "sector" else Company.region == company.region
    peers = (ScoreSummary.questionnaire_id == questionnaire_id, Company.benchmark_opt_in, same,
             counted_in_aggregates(), Company.id != company.id)
    count = db.session.scalar(
        select(func.count()).select_from(ScoreSummary).join(Company, Company.id == ScoreSummary.company_id)
        .where(*peers))
    values = {}
    for domain_id, value in db.session.execute(
            select(ScoreDomain.domain_id, ScoreDomain.value)
            .join(ScoreSummary, ScoreSummary.id == ScoreDomain.summary_id)
            .join(Company, Company.id == ScoreSummary.company_id)
            .where(*peers)
            .order_by(ScoreDomain.domain_id, ScoreDomain.value)):
        values.setdefault(domain_id, []).append(value)
    return count, values
