"""Editing one action item."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField
from wtforms.validators import AnyOf, DataRequired, Optional

from ..companies.reference import choices
from .models import ActionStatus

STATUS_LABELS = {
    ActionStatus.TODO: _l("To do"),
    ActionStatus.IN_PROGRESS: _l("In progress"),
    ActionStatus.DONE: _l("Done"),
}


class ActionForm(FlaskForm):
    assignee = SelectField(_l("Assignee"), validators=[Optional()])
    due_date = DateField(_l("Due date"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=choices({str(k): v for k, v in STATUS_LABELS.items()}),
                         validators=[DataRequired()])


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[AnyOf(["up", "down"])])
