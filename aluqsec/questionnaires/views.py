"""Questionnaire administration: the published versions and custom uploads."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..authz import can_manage_questionnaires, permission_required
from ..extensions import db
from . import bp
from .forms import UploadForm
from .models import CustomQuestionnaire
from .services import get_bank, publish_upload


def describe(problem):
    """Return *problem* as a sentence in the user's language."""
    location = f"{problem.file}:{problem.line}" if problem.line else problem.file
    message = _(problem.message, **dict(problem.params))
    return f"{location} {problem.path}: {message}" if problem.path else f"{location}: {message}"


def _render_index(form, problems=(), status=200):
    custom = db.session.scalars(select(CustomQuestionnaire).order_by(
        CustomQuestionnaire.questionnaire_id, CustomQuestionnaire.version)).all()
    return render_template("questionnaires/index.html", bank=get_bank(), custom=custom, form=form,
                           problems=[describe(p) for p in problems]), status


@bp.route("/")
@permission_required(can_manage_questionnaires)
def index():
    """List published questionnaire versions and offer an upload."""
    return _render_index(UploadForm())


@bp.route("/upload", methods=["POST"])
@permission_required(can_manage_questionnaires)
def upload():
    """Validate an uploaded questionnaire and publish it only when valid."""
    form = UploadForm()
    if not form.validate_on_submit():
        return _render_index(form, status=400)
    raw = form.file.data.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        form.file.errors.append(_("The file must be UTF-8 text."))
        return _render_index(form, status=400)
    row, problems = publish_upload(text, form.file.data.filename or "upload.yaml", current_user)
    if problems:
        return _render_index(form, problems, status=400)
    audit.record("questionnaires.published", f"questionnaire:{row.questionnaire_id}:{row.version}")
    db.session.commit()
    flash(_("Questionnaire %(id)s version %(version)s published.", id=row.questionnaire_id,
            version=row.version), "success")
    return redirect(url_for("questionnaires.index"))
