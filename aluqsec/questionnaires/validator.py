"""Check bank files and build their values, reporting every problem at once.

Messages are English templates marked with ``N_`` so that the web pages can
show them translated; the command line prints them as they are.
"""
import re

from .schema import (
    CONFIRMATIONS,
    SCOPES,
    VERDICTS,
    EvidenceKind,
    Framework,
    Requirement,
    Text,
    Topic,
)
from .yamlsource import N_

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# One sentence per language: a code such as "en" inside a French sentence reads as a word ("texte en manquant").
TEXT_PROBLEMS = (("fr", N_("the French text is missing"), N_("the French text is empty")),
                 ("en", N_("the English text is missing"), N_("the English text is empty")))

class Checker:
    """Collects problems about one parsed file while its values are read."""

    def __init__(self, source):
        self.source = source
        self.problems = []

    def fail(self, path, message, **params):
        self.problems.append(self.source.problem(path, message, **params))

    def mapping(self, value, path, required, optional=()):
        """Check that *value* is a mapping with the *required* keys and no unknown ones."""
        if not isinstance(value, dict):
            self.fail(path, N_("must be a mapping"))
            return False
        for key in required:
            if key not in value:
                self.fail(path, N_("missing key '%(key)s'"), key=key)
        for key in value:
            if key not in required and key not in optional:
                self.fail(path + (key,), N_("unknown key '%(key)s'"), key=key)
        return True

    def text(self, value, path):
        """Check a bilingual text and return it as Text (or None)."""
        if not isinstance(value, dict):
            self.fail(path, N_("must give the text in French and English ({fr: ..., en: ...})"))
            return None
        for language, missing, empty in TEXT_PROBLEMS:
            if language not in value:
                self.fail(path, missing)
            elif not isinstance(value[language], str) or not value[language].strip():
                self.fail(path + (language,), empty)
        for key in value:
            if key not in ("fr", "en"):
                self.fail(path + (key,), N_("unknown key '%(key)s'"), key=key)
        fr, en = value.get("fr"), value.get("en")
        if isinstance(fr, str) and isinstance(en, str) and fr.strip() and fr.strip() == en.strip():
            self.fail(path, N_("the French and English texts are identical"))
        if isinstance(fr, str) and isinstance(en, str):
            return Text(fr.strip(), en.strip())
        return None

    def slug(self, value, path, seen=None, kind="id"):
        if not isinstance(value, str) or not SLUG.match(value):
            self.fail(path, N_("%(kind)s must be lower-case letters, digits and dashes"), kind=kind)
        elif seen is not None:
            if value in seen:
                self.fail(path, N_("duplicate id '%(id)s'"), id=value)
            seen.add(value)
        return value

    def integer(self, value, path, low, high, message):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(path, message)
            return None
        return value

    def string(self, value, path):
        if not isinstance(value, str) or not value.strip():
            self.fail(path, N_("must be a quoted, non-empty string"))
            return ""
        return value

    def duplicates(self):
        for path, line in self.source.duplicates:
            self.problems.append(self.source.problem(path, N_("key given twice (line %(line)s)"), line=line))


def check_topics(source):
    """Return ``({id: Topic}, problems)`` for topics.yaml."""
    check = Checker(source)
    check.duplicates()
    topics, seen = {}, set()
    if not isinstance(source.data, list):
        check.fail((), N_("must be a list of topics"))
        return topics, check.problems
    for index, item in enumerate(source.data):
        path = (index,)
        if check.mapping(item, path, ("id", "title")):
            topic_id = check.slug(item.get("id"), path + ("id",), seen)
            title = check.text(item.get("title"), path + ("title",))
            if title:
                topics[topic_id] = Topic(topic_id, title)
    return topics, check.problems


MAX_EVIDENCE_KINDS = 3


def check_evidence(check, value, path):
    """Check a requirement's evidence kinds and return them as EvidenceKind values."""
    if value is None:
        return ()
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_EVIDENCE_KINDS:
        check.fail(path, N_("evidence must list 1 to %(count)s kinds"), count=MAX_EVIDENCE_KINDS)
        return ()
    kinds, seen = [], set()
    for index, item in enumerate(value):
        where = path + (index,)
        if not check.mapping(item, where, ("id", "text"), ("max_age_days",)):
            continue
        kind_id = check.slug(item.get("id"), where + ("id",), seen)
        text = check.text(item.get("text"), where + ("text",))
        age = item.get("max_age_days")
        if age is not None:
            age = check.integer(age, where + ("max_age_days",), 1, 3660,
                                N_("max_age_days must be a whole number of days from 1 to 3660"))
        if text:
            kinds.append(EvidenceKind(id=kind_id, text=text, max_age_days=age))
    return tuple(kinds)


def check_framework(source):
    """Return ``(Framework or None, problems)`` for one framework file."""
    check = Checker(source)
    check.duplicates()
    data = source.data
    if not check.mapping(data, (), ("id", "name", "version", "certification", "threshold", "verdict",
                                    "source", "requirements"), ("groups", "confirmation", "scope")):
        return None, check.problems
    framework_id = check.slug(data.get("id"), ("id",))
    name = check.text(data.get("name"), ("name",))
    version = check.string(data.get("version"), ("version",))
    if not isinstance(data.get("certification"), bool):
        check.fail(("certification",), N_("must be true or false"))
    threshold = check.integer(data.get("threshold", 3), ("threshold",), 0, 5, N_("threshold must be 0-5"))
    if data.get("verdict") not in VERDICTS:
        check.fail(("verdict",), N_("verdict must be 'met-not-met' or 'percent'"))
    confirmation = data.get("confirmation", "")
    if confirmation and confirmation not in CONFIRMATIONS:
        check.fail(("confirmation",), N_("confirmation must be one of %(allowed)s"), allowed=", ".join(CONFIRMATIONS))
    scope = data.get("scope", "")
    if scope and scope not in SCOPES:
        check.fail(("scope",), N_("scope must be one of %(allowed)s"), allowed=", ".join(SCOPES))
    groups = []
    for index, group in enumerate(data.get("groups") or []):
        path = ("groups", index)
        if check.mapping(group, path, ("id", "title")):
            groups.append((str(group.get("id")), check.text(group.get("title"), path + ("title",))))
    group_ids = {group_id for group_id, _title in groups}
    requirements, seen = [], set()
    if not isinstance(data.get("requirements"), list) or not data.get("requirements"):
        check.fail(("requirements",), N_("must be a non-empty list"))
    for index, item in enumerate(data.get("requirements") or []):
        path = ("requirements", index)
        if not check.mapping(item, path, ("id", "title", "verified"), ("group", "aliases", "reference", "evidence")):
            continue
        ids = [item.get("id"), *(item.get("aliases") or [])]
        for offset, requirement_id in enumerate(ids):
            where = path + (("id",) if offset == 0 else ("aliases", offset - 1))
            if not isinstance(requirement_id, str):
                check.fail(where, N_("requirement ids must be quoted strings"))
            elif requirement_id in seen:
                check.fail(where, N_("duplicate id '%(id)s'"), id=requirement_id)
            seen.add(requirement_id)
        if item.get("group") is not None and str(item.get("group")) not in group_ids:
            check.fail(path + ("group",), N_("unknown group '%(group)s'"), group=item.get("group"))
        if not isinstance(item.get("verified"), bool):
            check.fail(path + ("verified",), N_("must be true or false"))
        title = check.text(item.get("title"), path + ("title",))
        requirements.append(Requirement(
            id=str(item.get("id")), title=title, group=item.get("group") and str(item["group"]),
            aliases=tuple(str(a) for a in item.get("aliases") or ()),
            reference=str(item.get("reference", "")), verified=bool(item.get("verified")),
            evidence=check_evidence(check, item.get("evidence"), path + ("evidence",))))
    if check.problems:
        return None, check.problems
    return Framework(id=framework_id, name=name, version=version,
                     certification=data["certification"], threshold=threshold,
                     verdict=data["verdict"], source=str(data["source"]),
                     requirements=tuple(requirements), groups=tuple(groups),
                     confirmation=confirmation or "", scope=scope or ""), check.problems
