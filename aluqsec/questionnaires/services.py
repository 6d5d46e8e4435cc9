"""The questionnaire bank inside the application."""
from functools import lru_cache
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from .bank import check_upload, load_directory
from .models import CustomQuestionnaire
from .rules import check_questionnaire
from .schema import version_key
from .yamlsource import parse

EXTENSION_KEY = "aluqsec.bank"


class InvalidBank(RuntimeError):
    """The shipped bank does not validate; the application must not start."""

    def __init__(self, problems):
        self.problems = problems
        report = "\n".join(str(problem) for problem in problems)
        super().__init__(f"the questionnaire bank is invalid ({len(problems)} problems):\n{report}")


def load_bank(app):
    """Validate the bank folder and keep the bank on *app*; refuse to start when invalid."""
    bank, problems = load_directory(Path(app.config["QUESTIONNAIRES_DIR"]))
    if problems:
        raise InvalidBank(problems)
    app.extensions[EXTENSION_KEY] = bank


def get_bank():
    return current_app.extensions[EXTENSION_KEY]


def published_custom():
    """Return ``{(id, version): sha256}`` of the uploaded questionnaires."""
    rows = db.session.execute(select(CustomQuestionnaire.questionnaire_id, CustomQuestionnaire.version,
                                     CustomQuestionnaire.content_hash))
    return {(qid, version): digest for qid, version, digest in rows}


def publish_upload(text, filename, user):
    """Validate an uploaded file and publish it when valid.

    :return: ``(CustomQuestionnaire or None, problems)``.
    """
    questionnaire, problems = check_upload(text, filename, get_bank(), published_custom())
    if problems:
        return None, problems
    row = CustomQuestionnaire(questionnaire_id=questionnaire.id, version=questionnaire.version,
                              content=text, content_hash=questionnaire.content_hash,
                              filename=filename, uploaded_by_id=user.id)
    db.session.add(row)
    db.session.flush()
    return row, []


def offered_questionnaires():
    """Return ``{id: newest version}`` of every questionnaire, shipped or uploaded by an admin."""
    offered = {questionnaire.id: questionnaire for questionnaire in get_bank().latest_versions()}
    for row in db.session.scalars(select(CustomQuestionnaire)):
        questionnaire = _parse_custom(row.content, row.filename, row.content_hash)
        known = offered.get(row.questionnaire_id)
        if questionnaire is not None and (known is None
                                          or version_key(questionnaire.version) > version_key(known.version)):
            offered[questionnaire.id] = questionnaire
    return offered


def find_questionnaire(questionnaire_id, version):
    """Return a shipped or uploaded questionnaire version, or None."""
    shipped = get_bank().get(questionnaire_id, version)
    if shipped is not None:
        return shipped
    row = db.session.scalar(select(CustomQuestionnaire).where(
        CustomQuestionnaire.questionnaire_id == questionnaire_id,
        CustomQuestionnaire.version == version))
    return None if row is None else _parse_custom(row.content, row.filename, row.content_hash)


@lru_cache(maxsize=64)
def _parse_custom(text, filename, content_hash):
    # Published versions never change, so parsing once per process is safe.
    bank = get_bank()
    questionnaire, _problems = check_questionnaire(parse(text, filename), bank.topics, bank.frameworks)
    return questionnaire
