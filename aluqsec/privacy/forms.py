"""Forms for consent, export, deletion and verification."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from ..forms import strip


def consent_field():
    """The check box by which a person accepts the privacy notice (sign-up, invitation)."""
    return BooleanField(
        _l("I have read the privacy notice and I agree that AluQSec keeps my name, e-mail and my "
           "company's answers to provide the service."),
        validators=[DataRequired(message=_l("Your consent is needed to create the account."))])


class ConsentForm(FlaskForm):
    accept = consent_field()


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=200)])
    confirm = BooleanField(_l("I understand that my account and my personal data will be deleted for good."),
                           validators=[DataRequired(message=_l("Tick the box to confirm."))])


class OwnerForm(FlaskForm):
    """Give the owner role to a member, so that the last owner can leave."""

    member = SelectField(_l("Member"), coerce=int, validators=[DataRequired()])


class DeleteCompanyForm(FlaskForm):
    name = StringField(_l("Type the company's legal name to confirm"), filters=[strip],
                       validators=[DataRequired(), Length(max=200)])


class VerifyForm(FlaskForm):
    checked = BooleanField(_l("I checked the NEQ against the company's documents (enterprise register)."),
                           validators=[DataRequired(message=_l("Check the NEQ against the documents first."))])
