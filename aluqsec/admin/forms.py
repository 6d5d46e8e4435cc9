"""Admin forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.validators import AnyOf, DataRequired

from ..auth.models import Role
from ..companies.reference import choices

ROLE_LABELS = {
    Role.ADVISOR: _l("Advisor"),
    Role.ORGANIZER: _l("Organizer"),
    Role.ADMIN: _l("Administrator"),
}


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=choices({str(r): label for r, label in ROLE_LABELS.items()}),
                       validators=[DataRequired()])
    action = HiddenField(validators=[AnyOf(["grant", "revoke"])])


class StatusForm(FlaskForm):
    action = HiddenField(validators=[AnyOf(["deactivate", "reactivate"])])
