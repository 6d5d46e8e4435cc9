"""Steps shared by the login, sign-up and second-factor views."""
from flask import current_app, flash, render_template, url_for
from flask_babel import gettext as _

from .. import audit
from ..extensions import db
from ..models import utcnow
from .sessions import start_session


def external_url(endpoint, **values):
    """Return an absolute link for a mail, on the configured public address."""
    return current_app.config["BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def mail_limit_page(template, form):
    """Answer 429 on *template*, keeping *form*, when a mail limit is reached (nothing was sent)."""
    flash(_("Too many messages were sent to this address recently. Wait an hour, then try again."), "danger")
    return render_template(template, form=form), 429


def finish_login(user):
    """Open the session of *user*, who passed every factor, and commit."""
    user.last_login_at = utcnow()
    audit.record("auth.login", f"user:{user.id}", actor=user)
    db.session.commit()
    start_session(user)
