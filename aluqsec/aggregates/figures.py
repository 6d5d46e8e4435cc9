"""Turn one stored scorecard (any scoring version) into the typed figures pages aggregate (pure)."""
from dataclasses import dataclass

from ..progress.requirements import statuses
from ..scoring.readiness import normalized


@dataclass(frozen=True)
class FrameworkFigure:
    """One framework's readiness summary: what lists and portfolios show."""

    met: int
    total: int
    percent: float
    verdict: str
    not_assessed: int
    target_rank: int | None  # position among the assessment's targeted certifications; None if not targeted


@dataclass(frozen=True)
class Figures:
    """The figures of one scorecard; None values are kept (a domain with every answer N/A)."""

    overall: float | None
    domains: dict  # domain id -> float | None
    topics: dict  # topic id -> float | None (scorecards before topics existed have none)
    frameworks: dict  # framework id -> FrameworkFigure
    requirements: dict  # (framework id, requirement id) -> met | not met | not assessed | None (unknown)


def figures_of(scorecard: dict, frameworks: dict, targets=()) -> Figures:
    """Return the figures of a stored *scorecard*, old readiness formats read as they read now.

    :param scorecard: the scorecard as stored with the assessment (a dict).
    :param frameworks: ``{id: Framework}`` of the bank; readiness of a framework the bank
        no longer has is left out, as the results page leaves it out.
    :param targets: the assessment's targeted certifications, in order.
    """
    targets = list(targets or ())
    readiness = {fid: data for fid, data in (scorecard.get("readiness") or {}).items() if fid in frameworks}
    summaries, requirements = {}, {}
    for framework_id, data in readiness.items():
        framework = frameworks[framework_id]
        current = normalized(data, framework)
        summaries[framework_id] = FrameworkFigure(current["met"], current["total"], float(current["percent"]),
                                                  current["verdict"], len(current["not_assessed"]),
                                                  targets.index(framework_id) if framework_id in targets else None)
        for requirement_id, status in statuses(framework, data).items():
            requirements[(framework_id, requirement_id)] = status
    return Figures(scorecard.get("overall"), dict(scorecard.get("domains") or {}),
                   dict(scorecard.get("topics") or {}), summaries, requirements)


def summary_rows(history, scorecards):
    """Choose the rows to store from a company's submitted *history* (pure).

    :param history: ``[(assessment id, questionnaire id, submitted_at, reviewed_at, targets)]``, newest first.
    :param scorecards: ``{assessment id: stored scorecard}`` for at least the chosen assessments
        and the one after each of them in *history*.
    :return: ``[(assessment row, latest, previous overall)]``: the newest assessment of each
        questionnaire; ``latest`` marks the company's newest of all.
    """
    chosen, rows = set(), []
    for index, row in enumerate(history):
        if row[1] in chosen:
            continue
        chosen.add(row[1])
        before = history[index + 1][0] if index + 1 < len(history) else None
        previous = (scorecards[before] or {}).get("overall") if before is not None else None
        rows.append((row, index == 0, previous))
    return rows


def needed_ids(history):
    """Return the assessment ids whose scorecards :func:`summary_rows` reads."""
    newest = {}
    for index, row in enumerate(history):
        newest.setdefault(row[1], index)
    return {history[i][0] for start in newest.values() for i in (start, start + 1) if i < len(history)}
