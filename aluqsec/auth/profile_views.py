"""The profile: name, language, second factor and open sessions."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user

from .. import audit
from ..authz import login_required
from ..extensions import db
from ..forms import ButtonForm
from . import bp
from .forms import ProfileForm
from .mfa import STAFF_ROLES, remaining_recovery_codes
from .sessions import end_session


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """Edit one's name and language."""
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        current_user.name = form.name.data
        current_user.language = form.language.data
        db.session.commit()
        refresh()
        flash(_("Profile saved."), "success")
        return redirect(url_for("auth.profile"))
    user = current_user._get_current_object()
    recovery_left = remaining_recovery_codes(user) if user.mfa_enabled else 0
    return render_template("auth/profile.html", form=form, mfa_enabled=user.mfa_enabled,
                           mfa_mandatory=bool(user.roles & STAFF_ROLES), recovery_left=recovery_left), \
        400 if form.errors else 200


@bp.route("/sessions/end", methods=["POST"])
@login_required
def end_sessions():
    """Sign out everywhere: every session of this account ends, this one included."""
    if not ButtonForm().validate_on_submit():
        return redirect(url_for("auth.profile")), 400
    user = current_user._get_current_object()
    audit.record("auth.signed_out_everywhere", f"user:{user.id}", actor=user)
    end_session(user)
    db.session.commit()
    flash(_("Every session of your account has ended. Log in again."), "info")
    return redirect(url_for("auth.login"))
