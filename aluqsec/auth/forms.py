"""Forms for sign-up, login, password reset and the profile."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..companies.reference import CERTIFICATIONS, LANGUAGES, REGIONS, SECTORS, SIZE_BANDS, choices
from ..forms import StrongPassword, lower_strip, normalize_neq, strip, validate_neq
from ..privacy.forms import consent_field


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


INVALID_EMAIL = _l("Enter a valid e-mail address, e.g. name@company.ca.")


def email_field(label=None):
    return EmailField(label or _l("E-mail"), filters=[lower_strip],
                      validators=[DataRequired(), Email(message=INVALID_EMAIL), Length(max=254)])


def new_password_fields():
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), StrongPassword()],
        description=_l("At least 12 characters. A short sentence is easy to remember."))
    confirm = PasswordField(
        _l("Confirm the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))])
    return password, confirm


CHOOSE = SelectChoice("", _l("Choose…"))


class CompanyFieldsMixin:
    legal_name = StringField(_l("Legal name of the company"), filters=[strip],
                             validators=[DataRequired(), Length(max=200)])
    neq = StringField(_l("Quebec enterprise number (NEQ)"), filters=[normalize_neq],
                      validators=[DataRequired(), validate_neq],
                      description=_l("10 digits, as shown in the enterprise register."))
    # A blank first choice: a value nobody picked would feed the demand statistics.
    sector = SelectField(_l("Sector"), choices=[CHOOSE] + choices(SECTORS), validators=[DataRequired()])
    region = SelectField(_l("Administrative region"), choices=[CHOOSE] + choices(REGIONS),
                         validators=[DataRequired()])
    size_band = SelectField(_l("Size"), choices=[CHOOSE] + choices(SIZE_BANDS), validators=[DataRequired()])
    certifications = MultiCheckboxField(_l("Certifications you are aiming for"),
                                        choices=choices(CERTIFICATIONS))
    company_language = RadioField(_l("Language of service"), choices=choices(LANGUAGES),
                                  default="fr", validators=[DataRequired()])


class SignupForm(CompanyFieldsMixin, FlaskForm):
    name = StringField(_l("Your name"), filters=[strip], validators=[DataRequired(), Length(max=120)])
    email = email_field()
    password, confirm = new_password_fields()
    accept = BooleanField(
        _l("I agree that AluQSec keeps my name, e-mail and my company's answers to provide the service."),
        validators=[DataRequired(message=_l("Your consent is needed to create the account."))])


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class ResetRequestForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password, confirm = new_password_fields()


class ProfileForm(FlaskForm):
    name = StringField(_l("Your name"), filters=[strip], validators=[DataRequired(), Length(max=120)])
    language = RadioField(_l("Language"), choices=choices(LANGUAGES), validators=[DataRequired()])


class AcceptInvitationForm(FlaskForm):
    name = StringField(_l("Your name"), filters=[strip], validators=[DataRequired(), Length(max=120)])
    password, confirm = new_password_fields()
    accept = consent_field()
