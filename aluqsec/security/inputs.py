"""Checks every request passes before a view sees it: ids in range, no NUL bytes, safe redirects."""
import re
from urllib.parse import unquote, urlsplit

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

# Primary keys are PostgreSQL "integer" columns: larger numbers cannot name a row,
# and sending them to the database fails (out of range) instead of finding nothing.
MAX_ID = 2**31 - 1
# Page numbers in lists are bounded the same way: OFFSET must fit in a 64-bit integer.
MAX_PAGE = 10**6

# A path on this site: one slash, then no second slash or backslash, and no
# whitespace or control character that a browser would drop to make "//host".
SAFE_PATH = re.compile(r"/(?![/\\])[^\s\\\x00-\x1f\x7f]*")


class DatabaseId(IntegerConverter):
    """The ``int`` converter of every route: at most 10 digits, 1 to 2^31-1, else no match (404)."""

    regex = r"\d{1,10}"

    def __init__(self, map, min=1, max=MAX_ID, **kwargs):  # noqa: A002 (werkzeug's names)
        super().__init__(map, min=min, max=max, **kwargs)


class UnsafeInput(BadRequest):
    """A 400 whose page tells the user what was wrong."""

    user_message = _l("The request contains an invisible control character (NUL byte). "
                      "Remove it, for example by typing the text again, and try again.")


def _has_nul(values):
    return any("\x00" in key or "\x00" in value for key, value in values.items(multi=True))


def refuse_nul_bytes():
    """Answer 400 when the path, the query or a form field holds a NUL byte.

    PostgreSQL refuses NUL in text, so it would otherwise become a 500 deep in a view.
    """
    if "\x00" in request.path or _has_nul(request.args) or _has_nul(request.form):
        raise UnsafeInput()
    if any("\x00" in (upload.filename or "") for upload in request.files.values()):
        raise UnsafeInput()


def is_safe_next(target):
    """Return True when *target* is a path on this site that no browser reads as another host."""
    if not isinstance(target, str):
        return False
    # Checked once more decoded: a proxy or a browser may decode "%09" or "%2F" before use.
    if not (SAFE_PATH.fullmatch(target) and SAFE_PATH.fullmatch(unquote(target))):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def page_number(value):
    """Return the page number asked for, between 1 and MAX_PAGE."""
    return min(max(value or 1, 1), MAX_PAGE)


def register(app):
    """Install the id converter and the NUL check on *app*, before any blueprint adds routes."""
    app.url_map.converters["int"] = DatabaseId
    app.before_request(refuse_nul_bytes)
