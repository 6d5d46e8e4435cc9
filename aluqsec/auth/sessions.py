"""Server-side session revocation through a per-user session version.

The version is copied into the signed session cookie at login and compared on
every request by the Flask-Login user loader: raising it ends every session
signed with an older value, including copies of the cookie.
"""
from flask import session
from flask_login import current_user, login_user, logout_user
from sqlalchemy.orm import joinedload

from ..companies.models import Membership
from ..extensions import db
from .models import User

SESSION_KEY = "_sv"


def load_user(user_id):
    """Flask-Login loader: the active user of this session while its version is current, else None."""
    try:
        # One statement for what every page's navigation reads (roles, companies), not three.
        user = db.session.get(User, int(user_id), options=[
            joinedload(User.role_grants), joinedload(User.memberships).joinedload(Membership.company)])
    except (TypeError, ValueError, OverflowError):
        return None
    if user is None or not user.active or not user.email_confirmed:
        return None
    if session.get(SESSION_KEY) != user.session_version:
        return None
    # Kept outside the mapped columns, so a commit does not expire it: the request's language
    # is often first asked after a save (its flash message), and would cost a query then.
    user.request_language = user.language
    return user


def start_session(user):
    """Log *user* in for this browser, bound to the account's current session version."""
    session.pop("mfa_pending", None)
    login_user(user)
    session[SESSION_KEY] = user.session_version


def end_all_sessions(user):
    """Make every existing session of *user* invalid on its next request (the caller commits)."""
    user.session_version = (user.session_version or 0) + 1


def end_other_sessions(user):
    """End every session of *user* except the current request's one."""
    end_all_sessions(user)
    if current_user.is_authenticated and current_user.id == user.id:
        session[SESSION_KEY] = user.session_version


def end_session(user):
    """Log out here and everywhere the cookie may have been copied."""
    end_all_sessions(user)
    logout_user()
    session.pop(SESSION_KEY, None)
