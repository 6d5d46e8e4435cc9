"""The plain data each PDF report shows (pure: no Flask, no database).

Services load rows and turn them into plain values; these functions choose
what the report says (which summary sentences, which requirements are met,
which actions are late) and return dicts that the templates only lay out.
Wording stays in the templates, so that it is translated like every page.
"""
from datetime import datetime

from ..scoring.scoring import MAX_QUICK_WINS

STABLE = 0.05  # a change of maturity smaller than this reads as "unchanged"
TOP_TOPICS = 3
# The report lists the first open actions only: the full plan is online and exported as CSV or Excel,
# and a bounded table keeps a report's rendering time bounded whatever the size of the plan.
ACTION_ROWS = 20


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def summary(results, certifications, actions, previous_date=None):
    """Choose the sentences of the executive summary, most important first.

    :param results: the output of :func:`aluqsec.assessments.results.build`.
    :param certifications: the targeted certifications, as :func:`certifications` returns them.
    :param actions: the action plan, as :func:`action_plan` returns it.
    :param previous_date: when the previous assessment was submitted, if there is one.
    :return: ``[{"kind": ..., parameters}]``; the template words each kind.
    """
    sentences = []
    if results["overall"] is not None:
        sentences.append({"kind": "overall", "value": results["overall"], "level": results["overall_level"]})
    change = results["overall_change"]
    if change is not None:
        kind = "unchanged" if abs(change) < STABLE else ("improved" if change > 0 else "declined")
        sentences.append({"kind": kind, "change": abs(change), "since": previous_date})
    scored = [domain for domain in results["domains"] if domain["value"] is not None]
    if len(scored) >= 2:
        strongest = max(scored, key=lambda domain: domain["value"])
        weakest = min(scored, key=lambda domain: domain["value"])
        if strongest["value"] > weakest["value"]:
            sentences.append({"kind": "strongest", "domain": strongest["title"], "value": strongest["value"]})
            sentences.append({"kind": "weakest", "domain": weakest["title"], "value": weakest["value"]})
    for row in certifications:
        sentences.append({"kind": "certification", "row": row})
    if results["gaps"]:
        sentences.append({"kind": "gaps", "count": results["gap_count"], "first": results["gaps"][0]["text"]})
    else:
        sentences.append({"kind": "no_gaps"})
    if results["quick_wins"]:
        sentences.append({"kind": "quick_wins", "count": len(results["quick_wins"])})
    if actions["open_count"]:
        sentences.append({"kind": "actions", "count": actions["open_count"], "overdue": actions["overdue"]})
    if results["unknown"]:
        sentences.append({"kind": "unknown", "count": len(results["unknown"])})
    if results["unanswered"]:
        sentences.append({"kind": "unanswered", "count": len(results["unanswered"])})
    return sentences


def certifications(readiness, frameworks, scorecard, language):
    """Detail the readiness of each targeted certification: met, not met, not assessed, partly assessed.

    :param readiness: ``results["readiness"]`` (rows of :func:`aluqsec.assessments.results.readiness_row`).
    :param frameworks: ``{id: Framework}`` of the questionnaire bank.
    :param scorecard: the stored scorecard (unused: the rows already read it, any scoring version).
    :param language: ``fr`` or ``en``.
    :return: one dict per targeted framework, in the order of *readiness*: the row plus
        ``met_count``, ``met_requirements`` (the requirements met, with titles) and ``threshold``.
    """
    detailed = []
    for row in readiness:
        framework = frameworks.get(row["id"])
        if not row["targeted"] or framework is None:
            continue
        left = {r["id"] for r in row["unmet"] + row["not_applicable"] + row["not_assessed"]}
        detailed.append({
            **row, "met_count": row["met"], "threshold": framework.threshold,
            "met_requirements": [{"id": r.id, "title": r.title.get(language)} for r in framework.requirements
                                 if r.id not in left],
        })
    return detailed


def action_plan(items, today, limit=ACTION_ROWS):
    """Keep the first open actions of the plan, flagging late ones, and count the rest.

    :param items: ``[{"title", "assignee", "due_date", "status"}]`` in the plan's order.
    :param today: the date the report is made, for lateness.
    :param limit: how many open actions the report lists.
    :return: ``{"open": [item + "overdue"] (at most *limit*), "open_count", "done", "overdue"}``,
        the counts covering the whole plan.
    """
    open_items = [{**item, "overdue": item["due_date"] is not None and item["due_date"] < today}
                  for item in items if item["status"] != "done"]
    return {"open": open_items[:limit], "open_count": len(open_items),
            "done": sum(1 for item in items if item["status"] == "done"),
            "overdue": sum(1 for item in open_items if item["overdue"])}


def company_report(*, company, assessment, results, frameworks, scorecard, language, actions, events,
                   previous=None, today, review=None):
    """Return everything the company assessment report shows.

    :param company: ``{"name", "neq", "sector", "region", "size_band"}`` (codes; the template labels them).
    :param assessment: ``{"id", "questionnaire", "version", "submitted_at", "status", "targets"}``.
    :param results: the output of :func:`aluqsec.assessments.results.build` in *language*.
    :param frameworks: ``{id: Framework}`` of the questionnaire bank.
    :param scorecard: the assessment's stored scorecard.
    :param language: ``fr`` or ``en``.
    :param actions: the company's action plan, see :func:`action_plan`.
    :param events: recommended events ``[{"title", "starts_at", "kind", "format", "place", "topic",
        "maturity"}]``, best first.
    :param previous: ``{"submitted_at"}`` of the previous assessment of the same questionnaire, or None.
    :param today: the date the report is made.
    :param review: the advisor's review, None until the assessment is reviewed:
        ``{"advisor", "reviewed_at", "comment", "levels": [{"question", "declared", "validated",
        "comment"}]}``. The report shows a section for it only when present.
    :return: a dict of plain values.
    """
    targeted = certifications(results["readiness"], frameworks, scorecard, language)
    plan = action_plan(actions, today)
    previous_date = _day(previous["submitted_at"]) if previous else None
    return {
        "company": company, "assessment": assessment, "language": language, "today": today,
        "reviewed": assessment["status"] == "reviewed",
        "summary": summary(results, targeted, plan, previous_date),
        "results": results, "certifications": targeted, "actions": plan, "events": events,
        "previous": previous, "review": review, "quick_win_limit": MAX_QUICK_WINS,
        "thresholds": sorted({(framework.name.get(language), framework.threshold)
                              for framework in frameworks.values()}),
    }


def sector_report(table, topic_titles, months, today):
    """Return what the organizers' sector report shows: demand by topic, region and sector.

    :param table: ``{topic id: TopicDemand}`` from :func:`aluqsec.recommendations.demand.demand`;
        counts under the minimum group size are already None and stay hidden.
    :param topic_titles: ``{topic id: title}`` in the report's language.
    :param months: how far ahead scheduled seats are counted.
    :param today: the date the report is made.
    :return: a dict of plain values.
    """
    rows = [{"id": topic, "title": topic_titles.get(topic, topic), "companies": row.companies,
             "seats": row.seats, "by_region": row.by_region, "by_sector": row.by_sector}
            for topic, row in table.items()]
    shown = sorted((row for row in rows if row["companies"] is not None),
                   key=lambda row: (-row["companies"], row["title"]))
    return {
        "rows": rows, "months": months, "today": today,
        "regions": sorted({region for row in rows for region in row["by_region"]}),
        "sectors": sorted({sector for row in rows for sector in row["by_sector"]}),
        "top": shown[:TOP_TOPICS],
        "unserved": [row["title"] for row in shown if row["seats"] == 0],
    }

