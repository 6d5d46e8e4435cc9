"""Check one questionnaire file against the schema, the topics and the frameworks."""
import hashlib
import json

from .schema import EFFORTS, LEVELS, Domain, Option, Question, Questionnaire
from .validator import N_, Checker

QUESTION_KEYS = ("id", "text", "help", "options", "na_allowed", "weight", "effort", "topics",
                 "mappings", "recommendation")


def content_hash(data):
    """Return the SHA-256 of the parsed content (whitespace and comments do not count)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def check_questionnaire(source, topics, frameworks):
    """Return ``(Questionnaire or None, problems)`` for one questionnaire file.

    :param source: the parsed file (yamlsource.Source).
    :param topics: ``{id: Topic}``.
    :param frameworks: ``{id: Framework}``.
    """
    check = Checker(source)
    check.duplicates()
    data = source.data
    if not check.mapping(data, (), ("id", "version", "title", "description", "domains"), ("partial_coverage",)):
        return None, check.problems
    questionnaire_id = check.slug(data.get("id"), ("id",))
    version = check.string(data.get("version"), ("version",))
    title = check.text(data.get("title"), ("title",))
    description = check.text(data.get("description"), ("description",))
    domains, domain_ids, question_ids = [], set(), set()
    if not isinstance(data.get("domains"), list) or not data.get("domains"):
        check.fail(("domains",), N_("must be a non-empty list"))
    for index, item in enumerate(data.get("domains") or []):
        domain = _domain(check, item, ("domains", index), domain_ids, question_ids, topics, frameworks)
        if domain is not None:
            domains.append(domain)
    partial = _partial_coverage(check, data.get("partial_coverage"), domains, frameworks)
    if check.problems:
        return None, check.problems
    return Questionnaire(id=questionnaire_id, version=version, title=title, description=description,
                         domains=tuple(domains), content_hash=content_hash(data),
                         source=source.file, partial_coverage=partial), []


def _framework_entries(check, value, path, frameworks):
    """Yield ``(framework id, framework, requirement ids, path)`` of a ``{framework id: [ids]}`` mapping.

    Entries naming an unknown framework, or without a non-empty list, are reported and skipped.
    """
    for framework_id, requirement_ids in value.items():
        where = path + (framework_id,)
        framework = frameworks.get(framework_id)
        if framework is None:
            check.fail(where, N_("unknown framework '%(framework)s'"), framework=framework_id)
        elif not isinstance(requirement_ids, list) or not requirement_ids:
            check.fail(where, N_("must be a non-empty list of requirement ids"))
        else:
            yield framework_id, framework, requirement_ids, where


def _partial_coverage(check, value, domains, frameworks):
    """Read ``partial_coverage: {framework id: [requirement ids]}``: known and mapped in this questionnaire."""
    if value is None:
        return ()
    path = ("partial_coverage",)
    if not isinstance(value, dict):
        check.fail(path, N_("must be a mapping of framework id to a list of requirement ids"))
        return ()
    mapped = {}
    for domain in domains:
        for question in domain.questions:
            for framework_id, requirement_ids in question.mappings:
                mapped.setdefault(framework_id, set()).update(requirement_ids)
    partial = []
    for framework_id, framework, requirement_ids, where in _framework_entries(check, value, path, frameworks):
        resolved = []
        for index, requirement_id in enumerate(requirement_ids):
            canonical = framework.canonical(requirement_id) if isinstance(requirement_id, str) else None
            if canonical is None:
                check.fail(where + (index,), N_("unknown requirement '%(requirement)s' in %(framework)s"),
                           requirement=str(requirement_id), framework=framework_id)
            elif canonical not in mapped.get(framework_id, ()):
                check.fail(where + (index,), N_(
                    "requirement '%(requirement)s' is not mapped by any question of this questionnaire"),
                    requirement=requirement_id)
            elif canonical not in resolved:
                resolved.append(canonical)
        partial.append((framework_id, tuple(resolved)))
    return tuple(partial)


def _topics(check, value, path, topics):
    if not isinstance(value, list) or not value:
        check.fail(path, N_("give at least one topic"))
        return ()
    for index, topic in enumerate(value):
        if topic not in topics:
            check.fail(path + (index,), N_("unknown topic '%(topic)s'"), topic=topic)
    return tuple(value)


def _domain(check, item, path, domain_ids, question_ids, topics, frameworks):
    if not check.mapping(item, path, ("id", "title", "topics", "questions"), ("description",)):
        return None
    domain_id = check.slug(item.get("id"), path + ("id",), domain_ids)
    title = check.text(item.get("title"), path + ("title",))
    description = check.text(item["description"], path + ("description",)) if "description" in item else None
    domain_topics = _topics(check, item.get("topics"), path + ("topics",), topics)
    questions = []
    if not isinstance(item.get("questions"), list) or not item.get("questions"):
        check.fail(path + ("questions",), N_("must be a non-empty list"))
    for index, raw in enumerate(item.get("questions") or []):
        question = _question(check, raw, path + ("questions", index), domain_id, question_ids,
                             topics, frameworks)
        if question is not None:
            questions.append(question)
    return Domain(domain_id, title, description, domain_topics, tuple(questions))


def _question(check, item, path, domain_id, question_ids, topics, frameworks):
    if not check.mapping(item, path, QUESTION_KEYS):
        return None
    question_id = check.slug(item.get("id"), path + ("id",), question_ids)
    texts = {key: check.text(item.get(key), path + (key,)) for key in ("text", "help", "recommendation")}
    options = _options(check, item.get("options"), path + ("options",))
    if not isinstance(item.get("na_allowed"), bool):
        check.fail(path + ("na_allowed",), N_("must be true or false"))
    weight = check.integer(item.get("weight"), path + ("weight",), 1, 3, N_("weight must be 1-3"))
    if item.get("effort") not in EFFORTS:
        check.fail(path + ("effort",), N_("effort must be low, medium or high"))
    question_topics = _topics(check, item.get("topics"), path + ("topics",), topics)
    mappings = _mappings(check, item.get("mappings"), path + ("mappings",), frameworks)
    return Question(id=question_id, domain=domain_id, text=texts["text"], help=texts["help"],
                    options=options, na_allowed=item.get("na_allowed") is True, weight=weight,
                    effort=item.get("effort"), topics=question_topics, mappings=mappings,
                    recommendation=texts["recommendation"])


def _options(check, value, path):
    if not isinstance(value, list):
        check.fail(path, N_("must list the six levels 0 to 5"))
        return ()
    options, readable = [], True
    for index, item in enumerate(value):
        where = path + (index,)
        if not check.mapping(item, where, ("level", "text")):
            readable = False
            continue
        level = item.get("level")
        if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
            check.fail(where + ("level",), N_("level must be 0-5"))
            readable = False
            continue
        options.append(Option(level, check.text(item.get("text"), where + ("text",))))
    levels = [option.level for option in options]
    # Once each option is readable, check the set as a whole (else the option's own message says it).
    if readable and levels != list(LEVELS):
        check.fail(path, N_("must list the six levels 0 to 5, once each and in order"))
    return tuple(options)


def _mappings(check, value, path, frameworks):
    if not isinstance(value, dict) or not value:
        check.fail(path, N_("map the question to at least one framework requirement"))
        return ()
    mappings = []
    for framework_id, framework, requirement_ids, where in _framework_entries(check, value, path, frameworks):
        resolved = []
        for index, requirement_id in enumerate(requirement_ids):
            if not isinstance(requirement_id, str):
                check.fail(where + (index,), N_("requirement ids must be quoted strings"))
                continue
            canonical = framework.canonical(requirement_id)
            if canonical is None:
                check.fail(where + (index,), N_("unknown requirement '%(requirement)s' in %(framework)s"),
                           requirement=requirement_id, framework=framework_id)
            elif canonical not in resolved:
                resolved.append(canonical)
        mappings.append((framework_id, tuple(resolved)))
    return tuple(mappings)
