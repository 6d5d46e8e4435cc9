"""Load the whole questionnaire bank from its folder and check it as one."""
from pathlib import Path

from .practices import PRACTICES_FILE, check_practices
from .rules import check_questionnaire
from .schema import Bank
from .validator import N_, check_framework, check_topics
from .yamlsource import Problem, parse

LOCK_FILE = "published.lock"


def read_lock(path):
    """Return ``{(id, version): sha256}`` from a lock file (empty when absent)."""
    entries = {}
    if not path.exists():
        return entries
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            questionnaire_id, version, digest = line.split()
            entries[(questionnaire_id, version)] = digest
    return entries


def write_lock(path, entries):
    lines = ["# Published questionnaire versions: id version sha256 of the parsed content.",
             "# Never edit a line: publish a changed questionnaire under a new version."]
    lines += [f"{qid} {version} {digest}" for (qid, version), digest in sorted(entries.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _parse_file(path, root):
    name = str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)
    return parse(path.read_text(encoding="utf-8"), name)


def load_directory(root, check_lock=True):
    """Load topics, frameworks, questionnaires and practices under *root*.

    :param root: the ``questionnaires/`` folder.
    :param check_lock: refuse content that differs from ``published.lock``.
    :return: ``(Bank, problems)``; the bank holds only what validated.
    """
    root = Path(root)
    problems = []
    topics = {}
    source = _parse_file(root / "topics.yaml", root)
    if isinstance(source, Problem):
        problems.append(source)
    else:
        topics, found = check_topics(source)
        problems += found
    frameworks = {}
    for path in sorted((root / "frameworks").glob("*.yaml")):
        source = _parse_file(path, root)
        if isinstance(source, Problem):
            problems.append(source)
            continue
        framework, found = check_framework(source)
        problems += found
        if framework is not None:
            if framework.id in frameworks:
                problems.append(source.problem(("id",), N_("duplicate id '%(id)s'"), id=framework.id))
            frameworks[framework.id] = framework
    questionnaires = {}
    for path in sorted(root.glob("*.yaml")):
        if path.name in ("topics.yaml", PRACTICES_FILE):
            continue
        source = _parse_file(path, root)
        if isinstance(source, Problem):
            problems.append(source)
            continue
        questionnaire, found = check_questionnaire(source, topics, frameworks)
        problems += found
        if questionnaire is None:
            continue
        key = (questionnaire.id, questionnaire.version)
        if key in questionnaires:
            problems.append(source.problem(("version",), N_(
                "version %(version)s of '%(id)s' is also defined in %(other)s"),
                version=key[1], id=key[0], other=questionnaires[key].source))
            continue
        questionnaires[key] = questionnaire
    practices = {}
    if not (root / PRACTICES_FILE).exists():
        problems.append(Problem(PRACTICES_FILE, 0, "", N_("the file is missing: every question must belong "
                                                          "to a practice")))
    else:
        source = _parse_file(root / PRACTICES_FILE, root)
        if isinstance(source, Problem):
            problems.append(source)
        else:
            practices, found = check_practices(source, questionnaires)
            problems += found
    if check_lock:
        problems += lock_problems(root / LOCK_FILE, questionnaires)
    bank = Bank(topics=topics, frameworks=frameworks, questionnaires=questionnaires, practices=practices)
    return bank, problems


def lock_problems(lock_path, questionnaires):
    """Report published versions whose content changed, vanished, or was never published."""
    lock = read_lock(lock_path)
    problems = []
    for key, questionnaire in sorted(questionnaires.items()):
        digest = lock.get(key)
        if digest is None:
            problems.append(Problem(questionnaire.source, 1, "version", N_(
                "version %(version)s of '%(id)s' is not published: run "
                "'flask --app aluqsec questionnaires publish'"),
                (("id", key[0]), ("version", key[1]))))
        elif digest != questionnaire.content_hash:
            problems.append(Problem(questionnaire.source, 1, "version", N_(
                "version %(version)s of '%(id)s' is published and cannot change: "
                "save the edited questionnaire under a new version"),
                (("id", key[0]), ("version", key[1]))))
    for (questionnaire_id, version) in sorted(set(lock) - set(questionnaires)):
        problems.append(Problem(lock_path.name, 0, "", N_(
            "published version %(version)s of '%(id)s' is missing: old versions must stay loadable"),
            (("id", questionnaire_id), ("version", version))))
    return problems


def check_upload(text, filename, bank, published):
    """Validate an uploaded questionnaire against *bank*.

    :param published: ``{(id, version): sha256}`` of every version already published.
    :return: ``(Questionnaire or None, problems)``.
    """
    source = parse(text, filename)
    if isinstance(source, Problem):
        return None, [source]
    questionnaire, problems = check_questionnaire(source, bank.topics, bank.frameworks)
    if questionnaire is not None:
        key = (questionnaire.id, questionnaire.version)
        if key in published or key in bank.questionnaires:
            problems.append(source.problem(("version",), N_(
                "version %(version)s of '%(id)s' is already published: give it a new version"),
                version=key[1], id=key[0]))
            questionnaire = None
    return questionnaire, problems
