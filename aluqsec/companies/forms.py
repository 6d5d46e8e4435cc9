"""Company profile and invitation forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from ..auth.forms import CompanyFieldsMixin, email_field


class CompanyForm(CompanyFieldsMixin, FlaskForm):
    pass


class InviteForm(FlaskForm):
    email = email_field(_l("E-mail of the person to invite"))
