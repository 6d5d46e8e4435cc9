"""Company profile and invitation forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField

from ..auth.forms import CompanyFieldsMixin, email_field


class CompanyForm(CompanyFieldsMixin, FlaskForm):
    benchmark_opt_in = BooleanField(
        _l("Take part in the cluster benchmark: our domain scores count, anonymously, in the medians of similar "
           "companies, and we see those medians (shown only for groups of 5 or more)."))


class InviteForm(FlaskForm):
    email = email_field(_l("E-mail of the person to invite"))
