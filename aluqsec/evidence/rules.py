"""When evidence counts: expiry, evidence-complete requirements, CMMC "ready to affirm" (pure)."""
from dataclasses import dataclass
from datetime import date, timedelta

ACCEPTED, NEEDS_WORK, PENDING = "accepted", "needs-work", "pending"
REVIEWS = (PENDING, ACCEPTED, NEEDS_WORK)
# Status of one expected kind, from best to worst.
KIND_ACCEPTED, KIND_AWAITING, KIND_NEEDS_WORK, KIND_EXPIRED, KIND_MISSING = (
    "accepted", "awaiting-review", "needs-work", "expired", "missing")
MET, NOT_MET, NOT_ASSESSED = "met", "not met", "not assessed"


@dataclass(frozen=True)
class Proof:
    """One evidence item as far as a requirement's kind is concerned."""

    kind: str
    review: str
    dated_on: date
    valid_until: date | None = None


def expires_on(proof, max_age_days):
    """Return the last day *proof* counts (the earlier of valid-until and date + max age), or None."""
    ends = [proof.valid_until] if proof.valid_until else []
    if max_age_days:
        ends.append(proof.dated_on + timedelta(days=max_age_days))
    return min(ends) if ends else None


def is_current(proof, max_age_days, today):
    end = expires_on(proof, max_age_days)
    return end is None or today <= end


def kind_status(kind, proofs, today):
    """Return the status of one expected :class:`~aluqsec.questionnaires.schema.EvidenceKind`."""
    mine = [p for p in proofs if p.kind == kind.id]
    current = [p for p in mine if is_current(p, kind.max_age_days, today)]
    reviews = {p.review for p in current}
    if ACCEPTED in reviews:
        return KIND_ACCEPTED
    if PENDING in reviews:
        return KIND_AWAITING
    if NEEDS_WORK in reviews:
        return KIND_NEEDS_WORK
    return KIND_EXPIRED if mine else KIND_MISSING


def evidence_complete(kinds, proofs, today):
    """Return True when every expected kind has an accepted, unexpired item (never for no kind at all)."""
    return bool(kinds) and all(kind_status(kind, proofs, today) == KIND_ACCEPTED for kind in kinds)


def sprs_status(declared, complete):
    """Return MET only when the requirement is met in self-assessment AND its evidence is complete."""
    return "MET" if declared == MET and complete else "NOT MET"


def ready_to_affirm(rows, expected):
    """Return True only when all *expected* requirements are listed, each met with complete evidence.

    :param rows: ``[(declared result, evidence complete)]``, one per requirement.
    """
    return len(rows) == expected and all(sprs_status(declared, complete) == "MET" for declared, complete in rows)


def complete_requirements(framework, proofs, today):
    """Return how many requirements of *framework* are evidence-complete.

    :param proofs: ``{requirement id: [Proof]}`` of the company's items linked to that framework.
    """
    if not proofs:  # most companies of a list: no item, nothing complete (each requirement expects a kind)
        return 0
    return sum(1 for requirement in framework.requirements
               if evidence_complete(requirement.evidence, proofs.get(requirement.id, ()), today))


@dataclass(frozen=True)
class SideBySide:
    """One certification: requirements met as declared, as validated by the advisor, and with complete evidence.

    ``validated`` is None until an advisor reviewed the assessment; ``declared`` None when no
    submitted assessment covers the certification.
    """

    framework: str
    name: object  # Text
    total: int
    declared: int | None
    validated: int | None
    evidence: int


REMINDER_LEADS = (30, 7)  # days before evidence stops counting when its company's owners are told


def item_expiry(dated_on, valid_until, max_ages):
    """Return the last day an item counts for every kind it serves, or None when it never expires.

    :param max_ages: the ``max_age_days`` of the kinds the item is linked to (None for no limit).
    """
    ends = [valid_until] if valid_until else []
    ends += [dated_on + timedelta(days=age) for age in max_ages if age]
    return min(ends) if ends else None


def leads_due(expiry, today, leads=REMINDER_LEADS):
    """Return the leads (days before *expiry*) whose reminder is due on *today*, longest first.

    A reminder is due from its day up to the expiry itself, so a job that missed a day
    still sends it; nothing is due once the item has expired.
    """
    if expiry is None or today > expiry:
        return []
    return sorted((lead for lead in leads if expiry - timedelta(days=lead) <= today), reverse=True)
