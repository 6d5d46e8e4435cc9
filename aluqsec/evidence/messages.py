"""Words for the evidence pages: refusals, statuses, the requirement choices (needs a request)."""
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from . import rules

SEPARATOR = "|"


def status_labels():
    """Return ``{status: label}`` for kind statuses, declared results and reviews."""
    return {
        rules.KIND_ACCEPTED: _("Accepted"), rules.KIND_AWAITING: _("Awaiting review"),
        rules.KIND_NEEDS_WORK: _("Needs work"), rules.KIND_EXPIRED: _("Expired"), rules.KIND_MISSING: _("Missing"),
        rules.PENDING: _("Awaiting review"),
        rules.MET: _("Met"), rules.NOT_MET: _("Not met"), rules.NOT_ASSESSED: _("Not assessed"),
        "complete": _("Evidence complete"), "incomplete": _("Evidence incomplete"),
    }


REFUSALS = {
    "empty": _l("The file is empty."),
    "type": _l("This file is not a PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or plain text document "
               "(its contents were checked, not its name)."),
    "name": _l("The file's name does not match its contents: rename it with the right extension."),
}


def refusal(error):
    """Return the message for a refused upload in the user's language."""
    if error.code in ("too-large", "quota"):
        size = format_decimal(error.params["limit"] / (1024 * 1024), format="#,##0.#")
        if error.code == "too-large":
            return _("The file is larger than %(size)s MB.", size=size)
        return _("Your company's evidence would exceed %(size)s MB: delete old files first.", size=size)
    return str(REFUSALS[error.code])


def target_choices(frameworks, language):
    """Return a choice ``framework|requirement|kind`` for every expected evidence kind."""
    return [SelectChoice(SEPARATOR.join((framework.id, requirement.id, kind.id)),
                         f"{framework.name.get(language)} · {requirement.id} · {kind.text.get(language)}")
            for framework in frameworks for requirement in framework.requirements for kind in requirement.evidence]


def targets_from(values):
    """Return ``[(framework id, requirement id, kind id)]`` from the chosen values (already validated)."""
    return [tuple(value.split(SEPARATOR, 2)) for value in values]
