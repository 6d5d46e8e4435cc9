"""Adding, replacing and reviewing evidence."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from .models import ItemKind
from .rules import ACCEPTED, NEEDS_WORK

KIND_LABELS = {ItemKind.FILE: _l("File"), ItemKind.LINK: _l("Link"), ItemKind.NOTE: _l("Note")}
REVIEW_LABELS = {ACCEPTED: _l("Accepted"), NEEDS_WORK: _l("Needs work")}


class EvidenceForm(FlaskForm):
    kind = RadioField(_l("Kind of evidence"), choices=[SelectChoice(str(k), v) for k, v in KIND_LABELS.items()],
                      default=ItemKind.FILE)
    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the evidence a title.")), Length(max=200)])
    file = FileField(_l("File (PDF, PNG, JPEG, Word, Excel or text)"))
    url = StringField(_l("Link"), validators=[Optional(), Length(max=500),
                                              URL(require_tld=False, message=_l("Enter a web address (https://…)."))])
    note = TextAreaField(_l("Note"), validators=[Length(max=5000)])
    owner = SelectField(_l("Owner"), validators=[Optional()])
    dated_on = DateField(_l("Date of the document"), validators=[DataRequired(_l("Give the document's date."))])
    valid_until = DateField(_l("Valid until"), validators=[Optional()])
    targets = SelectMultipleField(_l("Requirements it shows"), validators=[
        DataRequired(_l("Choose at least one requirement."))])

    def validate_url(self, field):
        if self.kind.data == ItemKind.LINK:
            if not field.data:
                raise ValidationError(_l("Enter the link."))
            if not field.data.lower().startswith(("https://", "http://")):
                raise ValidationError(_l("Enter a web address (https://…)."))

    def validate_note(self, field):
        if self.kind.data == ItemKind.NOTE and not (field.data or "").strip():
            raise ValidationError(_l("Write the note."))

    def validate_file(self, field):
        if self.kind.data == ItemKind.FILE and not field.data:
            raise ValidationError(_l("Choose a file."))

    def validate_valid_until(self, field):
        if field.data and self.dated_on.data and field.data < self.dated_on.data:
            raise ValidationError(_l("The end of validity comes before the document's date."))


class ReplaceForm(FlaskForm):
    file = FileField(_l("New version"), validators=[FileRequired(_l("Choose a file."))])


class ReviewForm(FlaskForm):
    decision = RadioField(_l("Verdict"), choices=[SelectChoice(k, v) for k, v in REVIEW_LABELS.items()],
                          validators=[DataRequired(_l("Choose a verdict."))])
    comment = TextAreaField(_l("Comment"), validators=[Length(max=2000)])

    def validate_comment(self, field):
        if self.decision.data == NEEDS_WORK and not (field.data or "").strip():
            raise ValidationError(_l("Say what needs work."))


class LinkForm(FlaskForm):
    item = SelectField(_l("Evidence already in the library"), coerce=int,
                       validators=[DataRequired(_l("Choose the evidence to link."))])
    targets = SelectMultipleField(_l("Requirements it shows"), validators=[
        DataRequired(_l("Choose at least one requirement."))])


class AttestationForm(FlaskForm):
    official_name = StringField(_l("Name of the senior official"), validators=[
        DataRequired(_l("Give the official's name.")), Length(max=120)])
    official_title = StringField(_l("Title"), validators=[
        DataRequired(_l("Give the official's title.")), Length(max=120)])
    signed_on = DateField(_l("Date signed (leave empty until it is signed)"), validators=[Optional()])
