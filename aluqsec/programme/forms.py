"""The short survey sent after an event."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..auth.forms import MultiCheckboxField
from ..companies.reference import choices
from ..forms import strip

USEFULNESS = {"1": _l("1 — not useful"), "2": _l("2"), "3": _l("3"), "4": _l("4"), "5": _l("5 — very useful")}


class FeedbackForm(FlaskForm):
    usefulness = RadioField(_l("How useful was this activity for your company?"),
                            choices=choices(USEFULNESS), validators=[DataRequired()])
    will_apply = TextAreaField(_l("What will you apply in your company?"), filters=[strip],
                               validators=[Length(max=2000)],
                               description=_l("Shown to the organizers with the other answers only when at least "
                                              "five people answered."))
    topics_wanted = MultiCheckboxField(_l("Which topics would you like next?"))
    other_topics = StringField(_l("Another topic"), filters=[strip], validators=[Length(max=300)])
