"""Forms for grants, reviews and coaching records."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, FieldList, FormField, RadioField, StringField, TextAreaField
from wtforms import Form as PlainForm
from wtforms.validators import DataRequired, Length, Optional

from ..auth.forms import email_field
from ..companies.reference import choices
from ..forms import normalize_neq, strip, validate_neq
from .models import Scope

SCOPES = {Scope.VIEW: _l("View: sees the answers, results, progress and reports"),
          Scope.REVIEW: _l("View and review: also comments, validates levels and marks assessments reviewed")}


class GrantForm(FlaskForm):
    email = email_field(_l("Advisor's e-mail"))
    scope = RadioField(_l("Access"), choices=choices(SCOPES), default=Scope.VIEW, validators=[DataRequired()])


class ScopeForm(FlaskForm):
    scope = RadioField(_l("Access"), choices=choices(SCOPES), validators=[DataRequired()])


class ProposeForm(FlaskForm):
    neq = StringField(_l("Company's NEQ"), filters=[normalize_neq], validators=[DataRequired(), validate_neq])
    email = email_field(_l("Advisor's e-mail"))
    scope = RadioField(_l("Access"), choices=choices(SCOPES), default=Scope.VIEW, validators=[DataRequired()])


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), filters=[strip], validators=[DataRequired(), Length(max=4000)])


class CommitmentEditForm(FlaskForm):
    description = StringField(_l("Commitment"), filters=[strip], validators=[DataRequired(), Length(max=500)])
    owner = StringField(_l("Who"), filters=[strip], validators=[Optional(), Length(max=120)])
    due_on = DateField(_l("Due"), validators=[Optional()])
    done = BooleanField(_l("Done"))


class CommitmentForm(PlainForm):
    description = StringField(_l("Commitment"), filters=[strip], validators=[Optional(), Length(max=500)])
    owner = StringField(_l("Who"), filters=[strip], validators=[Optional(), Length(max=120)])
    due_on = DateField(_l("Due"), validators=[Optional()])


class MeetingForm(FlaskForm):
    met_on = DateField(_l("Meeting date"), validators=[DataRequired()])
    notes = TextAreaField(_l("Notes"), filters=[strip], validators=[DataRequired(), Length(max=10000)])
    commitments = FieldList(FormField(CommitmentForm), min_entries=3, max_entries=3)
