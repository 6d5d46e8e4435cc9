"""Check ``practices.yaml``: the actions the plan proposes, and the questions each one closes."""
from .schema import Practice
from .validator import N_, Checker

PRACTICES_FILE = "practices.yaml"


def check_practices(source, questionnaires):
    """Return ``({id: Practice}, problems)`` for practices.yaml.

    :param source: the parsed file (yamlsource.Source).
    :param questionnaires: ``{(id, version): Questionnaire}`` already loaded; every one of
        their questions must belong to exactly one practice, and no practice may name a
        question none of them has.
    """
    check = Checker(source)
    check.duplicates()
    practices, seen, owner = {}, set(), {}
    known = {q.id for questionnaire in questionnaires.values() for q in questionnaire.questions}
    if not isinstance(source.data, list):
        check.fail((), N_("must be a list of practices"))
        return practices, check.problems
    for index, item in enumerate(source.data):
        path = (index,)
        if not check.mapping(item, path, ("id", "title", "why", "questions")):
            continue
        practice_id = check.slug(item.get("id"), path + ("id",), seen)
        title = check.text(item.get("title"), path + ("title",))
        why = check.text(item.get("why"), path + ("why",))
        questions = item.get("questions")
        if not isinstance(questions, list) or not questions:
            check.fail(path + ("questions",), N_("give at least one question id"))
            questions = []
        for position, question_id in enumerate(questions):
            where = path + ("questions", position)
            if question_id not in known:
                check.fail(where, N_("unknown question '%(id)s'"), id=question_id)
            elif question_id in owner:
                check.fail(where, N_("question '%(id)s' already belongs to practice '%(practice)s'"),
                           id=question_id, practice=owner[question_id])
            else:
                owner[question_id] = practice_id
        if title and why:
            practices[practice_id] = Practice(practice_id, title, why, tuple(str(q) for q in questions))
    for (questionnaire_id, version), questionnaire in sorted(questionnaires.items()):
        for question in questionnaire.questions:
            if question.id not in owner:
                check.fail((), N_("question '%(id)s' of '%(questionnaire)s' %(version)s belongs to no "
                                  "practice"), id=question.id, questionnaire=questionnaire_id, version=version)
                owner[question.id] = None  # report each missing question once
    return practices, check.problems
