"""Language selection: the user's stored choice, else the session, else the browser."""
from flask import Blueprint, current_app, redirect, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf

from .authz import safe_next_url
from .extensions import db
from .formatting import FILTERS

bp = Blueprint("i18n", __name__)


class LanguageForm(FlaskForm):
    language = HiddenField(validators=[AnyOf(["fr", "en"])])


def select_locale():
    """Return the language of the current request (French by default)."""
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated:
        language = getattr(current_user, "request_language", None) or current_user.language
        if language in languages:
            return language
    if session.get("language") in languages:
        return session["language"]
    return request.accept_languages.best_match(languages, default="fr")


@bp.route("/language", methods=["POST"])
def switch():
    """Switch the interface language, remembering it on the account."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["language"] = form.language.data
        if current_user.is_authenticated:
            current_user.language = form.language.data
            db.session.commit()
    return redirect(safe_next_url(url_for("main.index")))


def current_language():
    """Return the language of the current request as ``fr`` or ``en``."""
    return str(get_locale() or "fr")


@bp.app_context_processor
def inject_locale():
    """Give every template the request's language as ``lang`` (questionnaire texts, event titles)."""
    return {"current_locale": current_language, "lang": current_language()}


for _name, _filter in FILTERS.items():
    bp.add_app_template_filter(_filter, _name)
