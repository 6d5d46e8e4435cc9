"""The questionnaire bank as frozen, framework-free values."""
from dataclasses import dataclass, field
from functools import cached_property

LEVELS = range(0, 6)
EFFORTS = ("low", "medium", "high")
VERDICTS = ("met-not-met", "percent")
# What still stands between a self-assessed "all met" and the framework's own outcome.
CONFIRMATIONS = ("affirmation", "attestation", "audit", "indicative", "self-declared")
# A framework scoped to the systems handling the contract information (CMMC / CPCSC Level 1).
SCOPES = ("contract-information",)
# Questions carrying this topic are about plant systems (OT), whatever the questionnaire version.
PLANT_TOPIC = "plant-floor-ot"


@dataclass(frozen=True)
class Text:
    """A text in French and English."""

    fr: str
    en: str

    def get(self, language):
        return self.en if language == "en" else self.fr


@dataclass(frozen=True)
class Topic:
    id: str
    title: Text


@dataclass(frozen=True)
class EvidenceKind:
    """A document or record an auditor will ask to see for a requirement."""

    id: str
    text: Text
    max_age_days: int | None = None  # older evidence no longer counts (a yearly review, a recent report)


@dataclass(frozen=True)
class Requirement:
    id: str
    title: Text
    group: str | None = None
    aliases: tuple[str, ...] = ()
    reference: str = ""
    verified: bool = True
    evidence: tuple[EvidenceKind, ...] = ()


@dataclass(frozen=True)
class Framework:
    id: str
    name: Text
    version: str
    certification: bool
    threshold: int
    verdict: str
    source: str
    requirements: tuple[Requirement, ...]
    groups: tuple[tuple[str, Text], ...] = ()
    confirmation: str = ""  # one of CONFIRMATIONS, or "" when a met verdict needs no caveat
    scope: str = ""  # one of SCOPES, or "" when every question counts

    @property
    def unverified(self):
        """Return the ids of the requirements not verified against the official text."""
        return tuple(requirement.id for requirement in self.requirements if not requirement.verified)

    def requirement(self, requirement_id):
        """Return the requirement with official id *requirement_id*, else None."""
        return next((r for r in self.requirements if r.id == requirement_id), None)

    def canonical(self, requirement_id):
        """Return the official id for *requirement_id* or one of its aliases, else None."""
        for requirement in self.requirements:
            if requirement_id == requirement.id or requirement_id in requirement.aliases:
                return requirement.id
        return None


@dataclass(frozen=True)
class Option:
    level: int
    text: Text


@dataclass(frozen=True)
class Question:
    id: str
    domain: str
    text: Text
    help: Text
    options: tuple[Option, ...]
    na_allowed: bool
    weight: int
    effort: str
    topics: tuple[str, ...]
    # framework id -> official requirement ids (aliases already resolved)
    mappings: tuple[tuple[str, tuple[str, ...]], ...]
    recommendation: Text

    def requirements(self, framework_id):
        return dict(self.mappings).get(framework_id, ())

    @property
    def is_plant_system(self):
        return PLANT_TOPIC in self.topics


@dataclass(frozen=True)
class Domain:
    id: str
    title: Text
    description: Text | None
    topics: tuple[str, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: str
    title: Text
    description: Text
    domains: tuple[Domain, ...]
    content_hash: str
    source: str = ""
    # framework id -> requirement ids this questionnaire assesses only in part
    partial_coverage: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def partly_assessed(self, framework_id):
        return dict(self.partial_coverage).get(framework_id, ())

    @property
    def questions(self):
        return tuple(q for domain in self.domains for q in domain.questions)

    def question(self, question_id):
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class Practice:
    """What the action plan asks a company to do; questions of every questionnaire point to one."""

    id: str
    title: Text
    why: Text
    questions: tuple[str, ...]


def version_key(version):
    """Sort key for versions such as ``1.0``, ``1.10``, ``2.0-beta``."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in version.replace("-", ".").split("."))


@dataclass(frozen=True)
class Bank:
    """Every topic, framework and questionnaire version, validated."""

    topics: dict = field(default_factory=dict)
    frameworks: dict = field(default_factory=dict)
    questionnaires: dict = field(default_factory=dict)  # (id, version) -> Questionnaire
    practices: dict = field(default_factory=dict)  # practice id -> Practice, in file order

    @cached_property
    def _practice_index(self):
        return {question_id: practice for practice in self.practices.values() for question_id in practice.questions}

    def practice_of(self, question_id):
        """Return the practice *question_id* belongs to, or None (an uploaded questionnaire's question)."""
        return self._practice_index.get(question_id)

    def get(self, questionnaire_id, version):
        return self.questionnaires.get((questionnaire_id, version))

    def latest(self, questionnaire_id):
        versions = [q for (qid, _v), q in self.questionnaires.items() if qid == questionnaire_id]
        return max(versions, key=lambda q: version_key(q.version), default=None)

    def find_question(self, questionnaire_id, question_id):
        """Return *question_id* from the newest version of *questionnaire_id* that holds it, else None."""
        versions = sorted((q for (qid, _v), q in self.questionnaires.items() if qid == questionnaire_id),
                          key=lambda q: version_key(q.version), reverse=True)
        # An id never changes meaning, so an older version's text is right for an id the newest dropped.
        return next((found for q in versions if (found := q.question(question_id)) is not None), None)

    def latest_versions(self):
        ids = sorted({qid for qid, _version in self.questionnaires})
        return [self.latest(qid) for qid in ids]
