"""Which practice a gap belongs to (pure: no Flask, no database)."""

UPLOADED_PREFIX = "question:"


def practice_key(bank, question_id):
    """Return the practice id of *question_id*; a question no practice lists is its own practice."""
    practice = bank.practice_of(question_id)
    return practice.id if practice is not None else UPLOADED_PREFIX + question_id


def gaps_by_practice(bank, gaps):
    """Return ``{practice id: Gap}``, keeping a practice's highest-priority gap, in priority order.

    :param gaps: scoring Gaps, highest priority first (as in a Scorecard).
    """
    worst = {}
    for gap in gaps:
        worst.setdefault(practice_key(bank, gap.question), gap)
    return worst
