"""Editing a certification journey."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import DataRequired, Optional

from ..companies.reference import choices
from .metrics import STAGES

STAGE_NAMES = {"self_assessment": _l("Self-assessment"), "remediation": _l("Remediation"),
               "pre_audit": _l("Pre-audit"), "audit_booked": _l("Audit booked"), "certified": _l("Certified")}


class JourneyForm(FlaskForm):
    stage = SelectField(_l("Current stage"), choices=choices(STAGE_NAMES), validators=[DataRequired()])
    self_assessment = DateField(_l("Self-assessment done on"), validators=[Optional()])
    remediation = DateField(_l("Remediation started on"), validators=[Optional()])
    pre_audit = DateField(_l("Pre-audit on"), validators=[Optional()])
    audit_booked = DateField(_l("Audit booked on"), validators=[Optional()])
    certified = DateField(_l("Certified (or self-assessment affirmed) on"), validators=[Optional()])
    target = DateField(_l("Target date"), validators=[Optional()])

    def dates(self):
        return {stage: getattr(self, stage).data for stage in STAGES}

    def validate(self, extra_validators=None):
        # Optional fields skip inline checks when empty: check the certification date here.
        valid = super().validate(extra_validators)
        if self.stage.data == "certified" and not self.certified.data and not self.certified.errors:
            self.certified.errors = [_l("Give the date of the certification.")]
            valid = False
        return valid
