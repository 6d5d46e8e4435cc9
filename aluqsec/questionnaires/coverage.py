"""Which questions serve which framework requirement."""


def coverage(questionnaires, frameworks):
    """Map each requirement of each framework to the questions that serve it.

    :param questionnaires: the questionnaires whose questions count.
    :param frameworks: ``{id: Framework}``.
    :return: ``{framework id: {"requirements": {requirement id: [question ids]},
             "uncovered": [requirement ids]}}``, in the frameworks' own order.
    """
    result = {}
    for framework_id, framework in frameworks.items():
        served = {requirement.id: [] for requirement in framework.requirements}
        for questionnaire in questionnaires:
            for question in questionnaire.questions:
                for requirement_id in question.requirements(framework_id):
                    if question.id not in served[requirement_id]:
                        served[requirement_id].append(question.id)
        result[framework_id] = {
            "requirements": served,
            "uncovered": [rid for rid, questions in served.items() if not questions],
        }
    return result
