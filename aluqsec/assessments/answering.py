"""Read the answers posted for one domain and decide what to save (pure).

Form fields per question: ``q-<id>`` the choice ("0".."5", "na", "unknown"),
``j-<id>`` the N/A justification, ``n-<id>`` the note, and ``f-<id>`` the
fingerprint of the answer as it was when the page was loaded.
"""
import hashlib
from dataclasses import dataclass

from ..scoring.scoring import NA, UNKNOWN

CHOICES = tuple(str(level) for level in range(6)) + (NA, UNKNOWN)
NOTE_MAX = 4000


@dataclass(frozen=True)
class Entry:
    """What one question's answer is (or is to become)."""

    value: str | None
    justification: str = ""
    note: str = ""

    @property
    def fingerprint(self):
        raw = "\x1f".join((self.value or "", self.justification, self.note))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]

    @property
    def is_empty(self):
        return self.value is None and not self.note


class UnknownQuestion(ValueError):
    """The form names a question that is not in this domain."""


def posted_question_ids(form):
    return {key[2:] for key in form if key[:2] in ("q-", "j-", "n-", "f-", "k-")}


def confirmed_ids(form):
    """Return the questions whose copied answer the user ticked as re-confirmed (``k-<id>``)."""
    return {key[2:] for key in form if key.startswith("k-")}


def parse_domain(domain, form):
    """Read the posted answers of *domain*.

    :param domain: the questionnaire Domain shown on the page.
    :param form: mapping of posted field names to strings.
    :return: ``(entries, loaded, errors)``: the Entry typed for each question,
             the fingerprint each had when the page was loaded, and an error
             code per question (``choice``, ``na_not_allowed``, ``justification``,
             ``too_long``).
    :raises UnknownQuestion: when the form names a question outside *domain*.
    """
    questions = {question.id: question for question in domain.questions}
    strangers = posted_question_ids(form) - set(questions)
    if strangers:
        raise UnknownQuestion(", ".join(sorted(strangers)))
    entries, loaded, errors = {}, {}, {}
    for question_id, question in questions.items():
        value = (form.get(f"q-{question_id}") or "").strip() or None
        justification = (form.get(f"j-{question_id}") or "").strip()
        note = (form.get(f"n-{question_id}") or "").strip()
        entries[question_id] = Entry(value, justification if value == NA else "", note)
        loaded[question_id] = form.get(f"f-{question_id}", "")
        if value is not None and value not in CHOICES:
            errors[question_id] = "choice"
        elif value == NA and not question.na_allowed:
            errors[question_id] = "na_not_allowed"
        elif value == NA and not justification:
            errors[question_id] = "justification"
        elif len(note) > NOTE_MAX or len(justification) > NOTE_MAX:
            errors[question_id] = "too_long"
    return entries, loaded, errors


def plan_changes(entries, loaded, current):
    """Decide, question by question, what a save does.

    :param entries: ``{question id: Entry}`` as posted.
    :param loaded: ``{question id: fingerprint when the page was loaded}``.
    :param current: ``{question id: Entry}`` as stored now (missing = unanswered).
    :return: ``(to_save, conflicts)``: the entries to write, and for each
             conflicting question the pair ``(theirs, yours)``. A question the
             user did not touch is never written, so nobody's answer is
             overwritten by a stale page.
    """
    to_save, conflicts = {}, {}
    for question_id, mine in entries.items():
        stored = current.get(question_id, Entry(None))
        touched = mine.fingerprint != loaded.get(question_id)
        if not touched or mine == stored:
            continue
        if loaded.get(question_id) == stored.fingerprint:
            to_save[question_id] = mine
        else:
            conflicts[question_id] = (stored, mine)
    return to_save, conflicts


def progress(domains, answered_ids):
    """Count answered questions per domain and overall.

    :return: ``({domain id: (answered, total)}, (answered, total))``.
    """
    per_domain = {}
    for domain in domains:
        ids = [question.id for question in domain.questions]
        per_domain[domain.id] = (sum(1 for qid in ids if qid in answered_ids), len(ids))
    answered = sum(done for done, _total in per_domain.values())
    total = sum(total for _done, total in per_domain.values())
    return per_domain, (answered, total)


class BadPayload(ValueError):
    """An autosave body that is not one answer of this domain."""


AUTOSAVE_KEYS = {"question", "value", "justification", "note", "fingerprint", "confirmed"}


def autosave_fields(payload, question_ids):
    """Turn the JSON body of an autosave into the form fields of its one question.

    :param payload: the decoded JSON (``question``, ``value``, ``justification``,
        ``note``, ``fingerprint``, ``confirmed``).
    :param question_ids: the ids of the domain's questions.
    :return: ``(question id, {field name: string})`` as ``parse_domain`` reads them.
    :raises BadPayload: on anything else than one question of the domain with string fields.
    """
    if not isinstance(payload, dict) or set(payload) - AUTOSAVE_KEYS:
        raise BadPayload("not an autosave object")
    question_id = payload.get("question")
    if not isinstance(question_id, str) or question_id not in question_ids:
        raise BadPayload("unknown question")
    fields = {}
    for key, prefix in (("value", "q"), ("justification", "j"), ("note", "n"), ("fingerprint", "f")):
        value = payload.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise BadPayload(f"{key} must be a string")
        fields[f"{prefix}-{question_id}"] = value
    if not isinstance(payload.get("confirmed", False), bool):
        raise BadPayload("confirmed must be true or false")
    if payload.get("confirmed"):
        fields[f"k-{question_id}"] = "y"
    return question_id, fields
