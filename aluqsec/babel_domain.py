"""Translations looked up once per request and language, instead of at every string.

Flask-Babel resolves the context, the locale and its catalogue cache on each ``_()``: about
14 µs a string, over a millisecond on a page of a hundred strings. This domain keeps the
resolved catalogue beside the locale it was resolved for; ``force_locale`` (mail in the
recipient's language) swaps the locale object, so the next string resolves again.

Flask-WTF reads WTForms' own catalogue (its validators' messages) from disk on every request
that has a form; the request class below gives it the catalogue parsed once per language.
"""
from functools import cache, cached_property

from babel import support
from flask import Request
from flask_babel import Domain, get_babel, get_locale
from flask_babel import _get_current_context as babel_context
from wtforms.i18n import messages_path


@cache
def _wtforms_catalogue(locale):
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class TranslatedRequest(Request):
    """A request whose WTForms catalogue (read by Flask-WTF) is parsed once per language, not per request."""

    @cached_property
    def wtforms_translations(self):
        return _wtforms_catalogue(str(get_locale()))


class RequestDomain(Domain):
    """The app's message domain, its catalogue kept for the rest of the request."""

    def get_translations(self):
        """Return the catalogue of the request's current locale."""
        context = babel_context()
        if context is None:
            return super().get_translations()
        kept = getattr(context, "aluqsec_translations", None)
        locale = getattr(context, "babel_locale", None)
        if kept is not None and locale is not None and kept[0] is locale:
            return kept[1]
        translations = super().get_translations()
        context.aluqsec_translations = (getattr(context, "babel_locale", None), translations)
        return translations


def install(app, babel):
    """Use a RequestDomain for *babel*'s strings, in Python and in templates."""
    app.request_class = TranslatedRequest
    domain = RequestDomain(domain=get_babel(app).default_domain)
    babel.domain_instance = domain
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: domain.get_translations().ugettext(string),
        ngettext=lambda singular, plural, n: domain.get_translations().ungettext(singular, plural, n),
        pgettext=lambda context, string: domain.get_translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: domain.get_translations().unpgettext(
            context, singular, plural, n),
        newstyle=True)
