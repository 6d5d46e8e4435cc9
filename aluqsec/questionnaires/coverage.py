"""Which questions serve which framework requirement, and whether they cover it in full."""

FULL, PARTIAL, NONE = "full", "partial", "none"


def coverage(questionnaires, frameworks):
    """Map each requirement of each framework to the questions that serve it.

    A requirement is covered in *part* when every questionnaire that maps it lists it under
    ``partial_coverage``; in *full* when at least one maps it without that caveat.

    :param questionnaires: the questionnaires whose questions count.
    :param frameworks: ``{id: Framework}``.
    :return: ``{framework id: {"requirements": {requirement id: {"questions": [question ids],
             "coverage": "full" | "partial" | "none"}}, "uncovered": [requirement ids],
             "partial": [requirement ids]}}``, in the frameworks' own order.
    """
    result = {}
    for framework_id, framework in frameworks.items():
        served = {requirement.id: [] for requirement in framework.requirements}
        fully = set()
        for questionnaire in questionnaires:
            partly = set(questionnaire.partly_assessed(framework_id))
            for question in questionnaire.questions:
                for requirement_id in question.requirements(framework_id):
                    if question.id not in served[requirement_id]:
                        served[requirement_id].append(question.id)
                    if requirement_id not in partly:
                        fully.add(requirement_id)
        levels = {rid: NONE if not questions else (FULL if rid in fully else PARTIAL)
                  for rid, questions in served.items()}
        result[framework_id] = {
            "requirements": {rid: {"questions": questions, "coverage": levels[rid]}
                             for rid, questions in served.items()},
            "uncovered": [rid for rid, level in levels.items() if level == NONE],
            "partial": [rid for rid, level in levels.items() if level == PARTIAL],
        }
    return result
