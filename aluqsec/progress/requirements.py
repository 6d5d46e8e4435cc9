"""Compare two assessments requirement by requirement (pure: no Flask, no database).

Question ids change between questionnaire versions (a question split in two, a new one
added); the frameworks' official requirements do not. Comparing by requirement lets the
progress page set a quick scan 1.0 beside a full assessment 2.0.
"""
from ..scoring.readiness import normalized

MET, NOT_MET, NOT_ASSESSED = "met", "not met", "not assessed"


def statuses(framework, data):
    """Return ``{requirement id: met | not met | not assessed | None}`` from a stored readiness.

    None means unknown: a scorecard stored before the catalogue grew does not say how the
    requirements added since then stood.
    """
    data = normalized(data, framework)
    unmet, not_assessed = set(data["unmet"]), set(data["not_assessed"])
    complete = data["total"] == len(framework.requirements)
    found = {}
    for requirement in framework.requirements:
        if requirement.id in unmet:
            found[requirement.id] = NOT_MET
        elif requirement.id in not_assessed:
            found[requirement.id] = NOT_ASSESSED
        else:
            found[requirement.id] = MET if complete else None
    return found


def compare(before, after, frameworks, language):
    """Return, per framework both scorecards assess, the requirements whose status changed.

    :param before: the earlier stored scorecard (any scoring version); *after* the later one.
    :param frameworks: ``{id: Framework}``.
    :return: ``[{"id", "name", "met_before", "met_after", "total", "changes": [{"id", "title",
             "before", "after"}]}]`` in the frameworks' order.
    """
    rows = []
    for framework_id, framework in frameworks.items():
        old, new = before["readiness"].get(framework_id), after["readiness"].get(framework_id)
        if old is None or new is None:
            continue
        old_status, new_status = statuses(framework, old), statuses(framework, new)
        changes = [{"id": r.id, "title": r.title.get(language), "before": old_status[r.id],
                    "after": new_status[r.id]}
                   for r in framework.requirements if old_status[r.id] != new_status[r.id]]
        rows.append({"id": framework_id, "name": framework.name.get(language),
                     "met_before": sum(1 for s in old_status.values() if s == MET),
                     "met_after": sum(1 for s in new_status.values() if s == MET),
                     "total": len(framework.requirements), "changes": changes})
    return rows
