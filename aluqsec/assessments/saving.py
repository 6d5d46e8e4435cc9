"""One save of a domain's answers, as a whole transaction that never loses a colleague's answer."""
from ..extensions import db
from .answering import plan_changes
from .services import AnswerChanged, answers_of, confirm, entry_of, save_entries

# Each retry follows a lost race, which makes the raced question a conflict:
# a third attempt is needed only when three people save the same domain at once.
ATTEMPTS = 4


class StillRacing(RuntimeError):
    """Every attempt lost a race; the caller answers 409 and the user saves again."""


def save_domain(assessment, typed, loaded, confirmed, user):
    """Write what the user changed, commit, and report the conflicts.

    Owns the request's transaction: after a lost race it rolls back, reads the
    answers again and plans again, so the question someone else just wrote
    becomes a conflict instead of being overwritten.

    :param typed: ``{question id: Entry}`` as posted.
    :param loaded: ``{question id: fingerprint when the page was loaded}``.
    :param confirmed: ids of copied answers ticked as re-confirmed.
    :return: ``(answers, saved, conflicts)``: the rows now stored, the ids
        written, and ``{question id: (theirs, yours)}``.
    :raises StillRacing: when every attempt lost a race.
    """
    for _attempt in range(ATTEMPTS):
        answers = answers_of(assessment)
        current = {qid: entry_of(row) for qid, row in answers.items()}
        to_save, conflicts = plan_changes(typed, loaded, current)
        try:
            save_entries(assessment, to_save, user, answers)
            confirm(answers, set(confirmed) - set(to_save) - set(conflicts), user)
            db.session.commit()
        except AnswerChanged:
            db.session.rollback()
            continue
        return answers, set(to_save), conflicts
    raise StillRacing()
