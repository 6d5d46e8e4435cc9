"""Feedback surveys, their results for organizers, and attendance certificates (PDF and public check)."""
from flask import Response, abort, current_app, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from .. import audit
from ..authz import can_download_certificate, can_manage_events, login_required, permission_required
from ..events.models import Event, Registration
from ..extensions import db
from ..i18n import current_language
from ..jobs.services import ask, prepare_page
from ..jobs.views import REFRESH_SECONDS
from ..models import utcnow
from ..questionnaires.services import get_bank
from ..reporting.render import render_pdf
from . import bp
from .forms import USEFULNESS, FeedbackForm
from .models import EventFeedback
from .period import ERRORS as PERIOD_ERRORS
from .period import read_period
from .presenting import view_model
from .services import certificate_facts, feedback_summary, secret
from .stored import figures
from .summary import certificate_code, read_certificate_code

TOKEN_MAX = 64


def _topic_choices():
    language = current_language()
    return [SelectChoice(topic.id, topic.title.get(language)) for topic in get_bank().topics.values()]


@bp.route("/feedback/<token>", methods=["GET", "POST"])
def feedback(token):
    """Answer the survey of one event (the e-mailed token is the key; one answer per person)."""
    if len(token) > TOKEN_MAX:
        abort(404)
    request_row = db.session.scalar(db.select(EventFeedback).where(EventFeedback.token == token)) or abort(404)
    event = db.session.get(Event, request_row.event_id)
    if request_row.answered_at is not None:
        return render_template("programme/feedback_done.html", event=event, already=True)
    form = FeedbackForm()
    form.topics_wanted.choices = _topic_choices()
    if form.validate_on_submit():
        request_row.usefulness = int(form.usefulness.data)
        request_row.will_apply = form.will_apply.data or ""
        request_row.topics_wanted = list(form.topics_wanted.data or [])
        request_row.other_topics = form.other_topics.data or ""
        request_row.answered_at = utcnow()
        db.session.commit()
        return render_template("programme/feedback_done.html", event=event, already=False)
    return render_template("programme/feedback.html", form=form, event=event), 400 if form.errors else 200


@bp.route("/organizer/events/<int:event_id>/feedback")
@permission_required(can_manage_events)
def results(event_id):
    """Show an event's feedback; what people wrote only when at least five answered."""
    event = db.session.get(Event, event_id) or abort(404)
    return render_template("programme/results.html", event=event, summary=feedback_summary(event),
                           scale=USEFULNESS)


def _registration_or_404(registration_id):
    registration = db.session.get(Registration, registration_id)
    if registration is None or not can_download_certificate(current_user, registration):
        abort(404)
    return registration


@bp.route("/my/registrations/<int:registration_id>/certificate.pdf")
@login_required
def certificate(registration_id):
    """Download the attendance certificate of a completed event, in the person's language."""
    registration = _registration_or_404(registration_id)
    facts = certificate_facts(registration) or abort(404)
    language = current_language()
    code = certificate_code(registration.id, secret())
    context = {**facts, "code": code, "today": utcnow().date(),
               "verify_url": current_app.config["BASE_URL"].rstrip("/") + url_for("programme.verify", code=code)}
    title = _l("Attendance certificate: %(event)s", event=facts["event"].title(language))
    audit.record("programme.certificate", f"registration:{registration.id}")
    db.session.commit()
    return Response(render_pdf("certificate.html", context, language, title), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="aluqsec-certificate-{registration.id}-{language}.pdf"',
        "Cache-Control": "no-store"})


@bp.route("/certificates/<code>")
def verify(code):
    """Say whether a certificate is genuine, showing only what the certificate itself says."""
    registration_id = read_certificate_code(code[:40], secret())
    registration = db.session.get(Registration, registration_id) if registration_id else None
    facts = certificate_facts(registration) if registration else None
    if facts is None:
        flash(_("This code does not match a valid attendance certificate."), "danger")
        return render_template("programme/verify.html", facts=None, code=code[:40]), 404
    return render_template("programme/verify.html", facts=facts, code=code)


def _period_or_400():
    start, end, error = read_period(request.args, to_user_timezone(utcnow()).date())
    if error:
        flash(str(PERIOD_ERRORS[error]), "danger")
    return start, end, error


@bp.route("/organizer/programme")
@permission_required(can_manage_events)
def dashboard():
    """Show the programme's reach, participation, feedback, maturity and uplift for a period."""
    start, end, error = _period_or_400()
    data, snapshot, job = figures(start, end)
    db.session.commit()
    return render_template("programme/dashboard.html", data=view_model(data) if data is not None else None,
                           start=start, end=end, computed_at=snapshot.computed_at if snapshot else None,
                           job=job, refresh=REFRESH_SECONDS, typed=request.args), 400 if error else 200


@bp.route("/organizer/programme/report.<kind>", methods=["GET", "POST"])
@permission_required(can_manage_events)
def report(kind):
    """Ask a worker for the funders' report of a period, as PDF or XLSX, in French or English (``?lang=``)."""
    if kind not in ("pdf", "xlsx"):
        abort(404)
    start, end, error = _period_or_400()
    if error:
        abort(400)
    if request.method == "GET":
        return prepare_page(_l("Programme report"), _l(
            "The report is prepared in the background; we also e-mail you the link when it is ready."))
    language = request.values.get("lang") if request.values.get("lang") in ("fr", "en") else current_language()
    return ask("programme_report", {"kind": kind, "start": start.isoformat(), "end": end.isoformat(),
                                    "language": language, "today": to_user_timezone(utcnow()).date().isoformat()},
               key=f"programme_report:{kind}:{start}:{end}:{language}")


@bp.app_context_processor
def inject_certificates():
    return {"certificate_available": lambda registration: registration.attended is True}
