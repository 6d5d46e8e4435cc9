"""Read what a report needs from the database as plain values; :mod:`.context` shapes it."""
from flask_babel import force_locale, gettext
from sqlalchemy import select

from ..actions.services import plan
from ..actions.texts import describe
from ..advisors.portfolio import arrange, portfolio
from ..assessments.models import Assessment
from ..assessments.results import build
from ..assessments.services import answers_of, previous_submitted, questionnaire_of
from ..auth.models import User
from ..extensions import db
from ..formatting import score
from ..questionnaires.services import find_questionnaire, get_bank
from ..recommendations.services import demand_table, for_company
from ..reviews.services import comments_of
from . import context

RECOMMENDED_EVENTS = 3
DEMAND_MONTHS = 6  # as on the organizers' demand page


def _action_rows(company_id, language):
    """Return the company's action plan with each item's practice title in *language*."""
    return [{"title": describe(item, language)["title"], "assignee": item.assignee.name if item.assignee else None,
             "due_date": item.due_date, "status": item.status}
            for item in plan(company_id)]


def _event_rows(company, language):
    """Return the upcoming events recommended to *company*, with the gap each addresses."""
    topics = get_bank().topics
    return [{"title": event.title(language), "starts_at": event.starts_at, "kind": event.kind,
             "format": event.format, "place": event.address if event.format == "in_person" else None,
             "topic": topics[item.topic].title.get(language) if item.topic in topics else item.topic,
             "maturity": item.maturity}
            for event, item in for_company(company, limit=RECOMMENDED_EVENTS)]


def company_report(assessment, language, today):
    """Return the data of a submitted assessment's report.

    :param assessment: a submitted (or reviewed) Assessment the caller may show.
    :param language: ``fr`` or ``en``.
    :param today: the date the report is made (in the application's time zone).
    """
    bank, company = get_bank(), assessment.company
    questionnaire = questionnaire_of(assessment)
    previous = previous_submitted(assessment)
    results = build(questionnaire, bank.frameworks, assessment.scorecard, assessment.targets, language,
                    previous.scorecard if previous else None)
    return context.company_report(
        company={"name": company.legal_name, "neq": company.neq, "sector": company.sector,
                 "region": company.region, "size_band": company.size_band},
        assessment={"id": assessment.id, "questionnaire": questionnaire.title.get(language),
                    "version": questionnaire.version, "submitted_at": assessment.submitted_at,
                    "status": assessment.status,
                    "targets": [bank.frameworks[t].name.get(language) for t in assessment.targets
                                if t in bank.frameworks]},
        results=results, frameworks=bank.frameworks, scorecard=assessment.scorecard, language=language,
        actions=_action_rows(company.id, language), events=_event_rows(company, language),
        previous={"submitted_at": previous.submitted_at} if previous else None, today=today,
        review=_review(assessment, questionnaire, language) if assessment.is_reviewed else None,
    )


def _review(assessment, questionnaire, language):
    """Return the advisor's review: validated levels beside declared ones, and the advisor's comments."""
    answers = answers_of(assessment)
    threads = comments_of(assessment)
    reviewer = db.session.get(User, assessment.reviewed_by_id) if assessment.reviewed_by_id else None
    levels = []
    for question in questionnaire.questions:
        row = answers.get(question.id)
        said = [c.body for c in threads.get(question.id, []) if c.author_id == assessment.reviewed_by_id]
        if (row is None or row.validated_value is None) and not said:
            continue
        levels.append({"question": question.text.get(language), "declared": row.value if row else None,
                       "validated": row.validated_value if row else None, "comment": " ".join(said)})
    validated, declared = (assessment.validated_scorecard or {}).get("overall"), assessment.scorecard.get("overall")
    comment = None
    if validated is not None and declared is not None:
        with force_locale(language):
            comment = gettext("With the validated levels, overall maturity is %(validated)s / 5 (declared: "
                              "%(declared)s / 5).", validated=score(validated),
                              declared=score(declared))
    return {"advisor": reviewer.name if reviewer else "", "reviewed_at": assessment.reviewed_at,
            "comment": comment, "levels": levels}


def sector_report(language, today):
    """Return the data of the organizers' sector report (aggregates only, small groups hidden)."""
    titles = {topic_id: topic.title.get(language) for topic_id, topic in get_bank().topics.items()}
    return context.sector_report(demand_table(months=DEMAND_MONTHS), titles, DEMAND_MONTHS, today)


def portfolio_report(advisor, language, today):
    """Return the data of an advisor's portfolio report: one line per company, then a page each.

    Reads the portfolio (a fixed number of queries) and each company's latest stored scorecard,
    one row at a time: only what the pages print is kept (200 scorecards held at once weighed
    some 25 MB in the worker); nothing is rescored.
    """
    bank = get_bank()
    rows = arrange(portfolio(advisor), "name")
    ids = [row["assessment_id"] for row in rows if row["assessment_id"]]
    latest = {}
    for assessment_id, questionnaire_id, version, submitted_at, scorecard in db.session.execute(
            select(Assessment.id, Assessment.questionnaire_id, Assessment.questionnaire_version,
                   Assessment.submitted_at, Assessment.scorecard).where(Assessment.id.in_(ids))):
        questionnaire = find_questionnaire(questionnaire_id, version)
        questions = {q.id: q for q in questionnaire.questions}
        latest[assessment_id] = {
            "submitted_at": submitted_at, "questionnaire": questionnaire.title.get(language),
            "domains": [{"title": d.title.get(language), "value": scorecard["domains"].get(d.id)}
                        for d in questionnaire.domains],
            "gaps": [questions[g["question"]].text.get(language) for g in scorecard["gaps"][:5]
                     if g["question"] in questions]}
    companies = []
    for row in rows:
        page = {"name": row["company"].legal_name, "region": row["company"].region, "sector": row["company"].sector,
                "overall": row["overall"], "trend": row["trend"], "overdue": row["overdue"],
                "reviewed": row["reviewed"], "stages": row["stages"], "last_activity": row["last_activity"],
                "readiness": [{**data, "name": bank.frameworks[cert].name.get(language)}
                              for cert, data in row["readiness"] if cert in bank.frameworks],
                "domains": [], "gaps": [], "submitted_at": None, "questionnaire": None}
        page.update(latest.get(row["assessment_id"], {}))
        companies.append(page)
    return {"advisor": advisor.name, "today": today, "companies": companies,
            "company_ids": [row["company"].id for row in rows]}
