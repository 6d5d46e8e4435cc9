"""Organizer forms (events) and the forms SME users post."""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    FieldList,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms import Form as PlainForm
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, ValidationError

from ..auth.forms import MultiCheckboxField
from ..companies.reference import REGIONS, choices
from ..forms import strip
from .models import Format, Kind

ZONE = ZoneInfo("America/Montreal")
MAX_SESSIONS = 8

KINDS = {Kind.CIRCLE: _l("Sharing circle"), Kind.TRAINING: _l("Training"),
         Kind.AWARENESS: _l("Awareness session"), Kind.WEBINAR: _l("Webinar")}
FORMATS = {Format.IN_PERSON: _l("In person"), Format.ONLINE: _l("Online")}
EVENT_LANGUAGES = {"fr": _l("French"), "en": _l("English"), "bilingual": _l("Bilingual")}


def to_utc(local):
    """Read a naive date-time typed in Montreal time as an aware UTC value."""
    return None if local is None else local.replace(tzinfo=ZONE).astimezone(UTC)


def to_local(moment):
    return None if moment is None else moment.astimezone(ZONE).replace(tzinfo=None)


class SessionForm(PlainForm):
    starts_at = DateTimeLocalField(_l("Start of session"), validators=[Optional()], format="%Y-%m-%dT%H:%M")
    ends_at = DateTimeLocalField(_l("End of session"), validators=[Optional()], format="%Y-%m-%dT%H:%M")

    def validate_ends_at(self, field):
        if bool(self.starts_at.data) != bool(field.data):
            raise ValidationError(_l("Give both the start and the end."))
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must come after the start."))


class EventForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=choices(KINDS), validators=[DataRequired()])
    title_fr = StringField(_l("Title in French"), filters=[strip], validators=[DataRequired(), Length(max=200)],
                           render_kw={"lang": "fr"})
    title_en = StringField(_l("Title in English"), filters=[strip], validators=[DataRequired(), Length(max=200)],
                           render_kw={"lang": "en"})
    description_fr = TextAreaField(_l("Description in French"), filters=[strip],
                                   validators=[DataRequired(), Length(max=5000)], render_kw={"lang": "fr"})
    description_en = TextAreaField(_l("Description in English"), filters=[strip],
                                   validators=[DataRequired(), Length(max=5000)], render_kw={"lang": "en"})
    topics = MultiCheckboxField(_l("Topics"), validators=[DataRequired(_l("Choose at least one topic."))])
    language = RadioField(_l("Language"), choices=choices(EVENT_LANGUAGES), default="fr",
                          validators=[DataRequired()])
    format = RadioField(_l("Format"), choices=choices(FORMATS), default=Format.IN_PERSON,
                        validators=[DataRequired()])
    address = StringField(_l("Address"), filters=[strip], validators=[Length(max=300)])
    region = SelectField(_l("Region"), choices=[SelectChoice("", "—")] + choices(REGIONS), validators=[Optional()])
    online_link = URLField(_l("Online link (shown to registrants only)"), filters=[strip],
                           validators=[Optional(), URL(require_tld=False), Length(max=500)])
    capacity = IntegerField(_l("Capacity"), validators=[DataRequired(), NumberRange(min=1, max=10000)])
    registration_deadline = DateTimeLocalField(_l("Registration deadline"), format="%Y-%m-%dT%H:%M",
                                               validators=[DataRequired()])
    facilitator = StringField(_l("Facilitator"), filters=[strip], validators=[Length(max=200)])
    sessions = FieldList(FormField(SessionForm), min_entries=MAX_SESSIONS, max_entries=MAX_SESSIONS)

    # Confirmed registrations when editing, so capacity cannot drop below them.
    seats_taken = 0

    def filled_sessions(self):
        return sorted((s.starts_at.data, s.ends_at.data) for s in self.sessions
                      if s.starts_at.data and s.ends_at.data)

    def validate_sessions(self, field):
        if not self.filled_sessions():
            raise ValidationError(_l("Give at least one session with its start and end."))
        if self.kind.data != Kind.CIRCLE and len(self.filled_sessions()) > 1:
            raise ValidationError(_l("Only a sharing circle can have several sessions."))

    def validate_registration_deadline(self, field):
        sessions = self.filled_sessions()
        if field.data and sessions and field.data > sessions[0][0]:
            raise ValidationError(_l("The registration deadline must come before the first session."))

    def validate_capacity(self, field):
        if field.data is not None and field.data < self.seats_taken:
            raise ValidationError(lazy_ngettext(
                "%(num)d person is already confirmed: the capacity cannot be lower.",
                "%(num)d people are already confirmed: the capacity cannot be lower.", self.seats_taken))

    def validate(self, extra_validators=None):
        # Fields marked Optional skip their own inline checks when empty, so the
        # checks that depend on the format are made here, for the form as a whole.
        valid = super().validate(extra_validators)
        required = {Format.IN_PERSON: ((self.address, _l("Give the address of an in-person event.")),
                                       (self.region, _l("Give the region of an in-person event."))),
                    Format.ONLINE: ((self.online_link, _l("Give the link of an online event.")),)}
        for field, message in required.get(self.format.data, ()):
            if not field.data:
                field.errors = [*field.errors, message]
                valid = False
        return valid


class EventFilterForm(FlaskForm):
    class Meta:
        csrf = False

    topic = SelectField(_l("Topic"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()],
                         choices=[SelectChoice("", _l("All regions"))] + choices(REGIONS))
    language = SelectField(_l("Language"), validators=[Optional()],
                           choices=[SelectChoice("", _l("All languages"))] + choices(EVENT_LANGUAGES))
    kind = SelectField(_l("Kind"), validators=[Optional()],
                       choices=[SelectChoice("", _l("All kinds"))] + choices(KINDS))


class MessageForm(FlaskForm):
    subject = StringField(_l("Subject"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(_l("Message"), filters=[strip], validators=[DataRequired(), Length(max=5000)])


def now_local():
    return to_local(datetime.now(UTC))
