"""Editing one action item (validated on POST; the rows are drawn by a plain macro)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from ..companies.reference import choices
from .models import ActionStatus

STATUS_LABELS = {
    ActionStatus.TODO: _l("To do"),
    ActionStatus.IN_PROGRESS: _l("In progress"),
    ActionStatus.DONE: _l("Done"),
}
WEIGHTS = {1: _l("Useful practice (weight 1 of 3)"), 2: _l("Important practice (weight 2 of 3)"),
           3: _l("Essential practice (weight 3 of 3)")}
NOTES_MAX = 2000


class ActionForm(FlaskForm):
    assignee = SelectField(_l("Assignee"), validators=[Optional()])
    due_date = DateField(_l("Due date"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=choices({str(k): v for k, v in STATUS_LABELS.items()}),
                         validators=[DataRequired()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=NOTES_MAX)])
    back = HiddenField()  # the plan page's query string, to come back to the same filters and page


class MoveForm(FlaskForm):
    direction = HiddenField(validators=[AnyOf(["up", "down"])])
    back = HiddenField()
