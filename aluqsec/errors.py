"""Error pages in the user's language, never with a stack trace."""
import logging

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db

log = logging.getLogger(__name__)

FALLBACK = ("<!doctype html><html lang=\"fr\"><title>AluQSec</title>"
            "<h1>Erreur {code} / Error {code}</h1>"
            "<p>Veuillez réessayer dans un moment. / Please try again in a moment.</p></html>")

PAGES = {400, 403, 404, 405, 409, 413, 429, 500}


def _wants_json():
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _render(code, message=None):
    shown = code if code in PAGES else 500
    if _wants_json():
        return jsonify({"error": shown}), code
    try:
        return render_template("errors/error.html", code=shown, message=message), code
    except Exception:  # the page itself failed (e.g. database down): answer plainly
        log.exception("Could not render the error page")
        return FALLBACK.format(code=shown), code, {"Content-Type": "text/html; charset=utf-8"}


def register(app):
    """Install the error handlers on *app*."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _render(400)

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code is None or error.code < 400:
            return error
        return _render(error.code, getattr(error, "user_message", None))

    @app.errorhandler(Exception)
    def unexpected_error(error):
        if app.testing:
            raise error  # tests see the real failure
        # Roll back so that nothing half-done is kept, then show a plain page.
        db.session.rollback()
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return _render(InternalServerError.code)
