"""Forms of the assessment journey; the questions themselves are read by answering.py."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField
from wtforms.validators import DataRequired

from ..auth.forms import MultiCheckboxField
from ..companies.reference import CERTIFICATIONS, choices


class StartForm(FlaskForm):
    questionnaire = RadioField(_l("Questionnaire"), validators=[DataRequired()])
    targets = MultiCheckboxField(_l("Certifications to measure against"), choices=choices(CERTIFICATIONS))
    copy_previous = BooleanField(_l("Start from my last submitted answers (to re-confirm)"))


class TargetsForm(FlaskForm):
    targets = MultiCheckboxField(_l("Certifications to measure against"), choices=choices(CERTIFICATIONS))
