"""Forms of the assessment journey; the questions themselves are read by answering.py."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField
from wtforms.validators import DataRequired, Optional

from ..auth.forms import MultiCheckboxField
from ..companies.reference import CERTIFICATIONS, choices
from ..scoring.scope import ALL_SYSTEMS, OFFICE, OFFICE_AND_SOME_PLANT, Scope

CONTRACT_SYSTEMS = {
    OFFICE: _l("Office systems only: no plant system handles it"),
    OFFICE_AND_SOME_PLANT: _l("Office systems and some plant systems (for example a machine that "
                              "receives the drawings)"),
    ALL_SYSTEMS: _l("All our systems, plant floor included"),
}
YES_NO = {"yes": _l("Yes"), "no": _l("No")}


def _scope_fields(required):
    """Return the four scoping fields: required on the scope page, optional when starting."""
    check = [DataRequired(message=_l("Choose an answer."))] if required else [Optional()]
    return (
        RadioField(_l(
            "Which systems process, store or send the information of your defence contracts (Federal "
            "Contract Information for CMMC, specified information for CPCSC)?"), choices=choices(CONTRACT_SYSTEMS),
            validators=check),
        RadioField(_l("Do you receive controlled unclassified information (CUI) or protected "
                             "information from a customer?"), choices=choices(YES_NO), validators=check),
        RadioField(_l("Do you make, store or examine controlled goods (Controlled Goods "
                                          "Program, or ITAR items)?"), choices=choices(YES_NO), validators=check),
        RadioField(_l("Do you receive controlled technical drawings or export-controlled "
                                             "technical data?"), choices=choices(YES_NO), validators=check),
    )


def scope_of(form):
    """Return the Scope typed in *form* (unanswered fields stay unknown)."""
    def flag(field):
        return None if not field.data or field.data == "None" else field.data == "yes"
    systems = form.contract_systems.data
    return Scope(systems if systems and systems != "None" else None, flag(form.cui),
                 flag(form.controlled_goods), flag(form.controlled_drawings))


def fill_scope(form, scope):
    """Show a stored Scope in *form*."""
    def word(value):
        return None if value is None else ("yes" if value else "no")
    form.contract_systems.data = scope.contract_systems
    form.cui.data, form.controlled_goods.data = word(scope.cui), word(scope.controlled_goods)
    form.controlled_drawings.data = word(scope.controlled_drawings)


class StartForm(FlaskForm):
    questionnaire = RadioField(_l("Questionnaire"), validators=[DataRequired()])
    targets = MultiCheckboxField(_l("Certifications to measure against"), choices=choices(CERTIFICATIONS))
    copy_previous = BooleanField(_l("Start from my last submitted answers (to re-confirm)"))
    contract_systems, cui, controlled_goods, controlled_drawings = _scope_fields(required=False)


class ScopeForm(FlaskForm):
    contract_systems, cui, controlled_goods, controlled_drawings = _scope_fields(required=True)


class TargetsForm(FlaskForm):
    targets = MultiCheckboxField(_l("Certifications to measure against"), choices=choices(CERTIFICATIONS))
