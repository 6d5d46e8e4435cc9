"""Field validators shared by the feature forms."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from .security.passwords import weakness

NEQ_PATTERN = re.compile(r"^\d{10}$")

WEAKNESS_MESSAGES = {
    "short": _l("Use at least 12 characters."),
    "common": _l("This password is too common; choose another."),
    "email": _l("Do not put your e-mail address in your password."),
    "simple": _l("Use a greater variety of characters."),
}


def normalize_neq(value):
    """Drop the spaces and dashes people type inside an NEQ."""
    return re.sub(r"[\s-]", "", value or "")


def strip(value):
    return value.strip() if isinstance(value, str) else value


def lower_strip(value):
    return value.strip().lower() if isinstance(value, str) else value


class StrongPassword:
    """Refuse passwords that are short, common or built from the e-mail address."""

    def __init__(self, email_field="email"):
        self.email_field = email_field

    def __call__(self, form, field):
        email_field = getattr(form, self.email_field, None)
        email = email_field.data if email_field is not None else getattr(form, "account_email", "")
        reason = weakness(field.data or "", email or "")
        if reason:
            raise ValidationError(WEAKNESS_MESSAGES[reason])


def validate_neq(form, field):
    if not NEQ_PATTERN.match(field.data or ""):
        raise ValidationError(_l("The NEQ has exactly 10 digits."))


class ButtonForm(FlaskForm):
    """A button that only needs the CSRF token (cancel, confirm, move...)."""


def confirmed(form_data):
    """Tell whether a destructive action's second step was taken (the ``confirm=yes`` field)."""
    return form_data.get("confirm") == "yes"
