"""Organizer pages: the event calendar, one event's registrations, the demand view."""
from collections import Counter

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from .. import audit
from ..authz import can_manage_events, permission_required
from ..events.attendance import AttendanceError, presence, record_attendance, sessions_needed, started_sessions
from ..events.delivery import SENDING
from ..events.forms import KINDS, EventFilterForm, EventForm, MessageForm
from ..events.mailings import (
    CANCELLATION,
    MESSAGE,
    has_recipients,
    queue_mailing,
    recent_mailings,
    retry_mailing,
    still_to_try,
)
from ..events.models import Event, EventMailing, RegistrationStatus
from ..events.queries import all_events
from ..events.scheduling import apply_form, form_data, new_event
from ..events.services import cancel_event, registrants
from ..events.views import REGISTRATION_STATUSES, topic_choices
from ..exports import csv_delimiter, write_csv
from ..extensions import db
from ..forms import ButtonForm, confirmed
from ..i18n import current_language
from ..mail.limits import MailLimitReached, spend
from ..recommendations.services import demand_table
from . import bp

manager_required = permission_required(can_manage_events)


def _event_or_404(event_id):
    return db.session.get(Event, event_id) or abort(404)


def _event_form(event=None, data=None):
    form = EventForm(data=data) if data is not None else EventForm()
    form.topics.choices = topic_choices()
    form.seats_taken = event.seats_taken if event is not None else 0
    return form


@bp.route("/events")
@manager_required
def events():
    """List events with filters; past ones on request."""
    form = EventFilterForm(request.args)
    form.topic.choices = [SelectChoice("", _("All topics"))] + topic_choices()
    filters = {name: form[name].data for name in ("topic", "region", "language", "kind")} if form.validate() else {}
    past = request.args.get("past") == "1"
    return render_template("organizer/events.html", events=all_events(filters, include_past=past), form=form,
                           past=past, kinds=KINDS)


def _save(form, event, template, action):
    if form.validate_on_submit():
        apply_form(event, form)
        audit.record(action, f"event:{event.id}")
        db.session.commit()
        flash(_("Event saved."), "success")
        return redirect(url_for("organizer.show", event_id=event.id))
    return render_template(template, form=form, event=event), 400 if form.errors else 200


@bp.route("/events/new", methods=["GET", "POST"])
@manager_required
def create():
    """Schedule a new event."""
    return _save(_event_form(), new_event(current_user), "organizer/edit.html", "events.created")


@bp.route("/events/<int:event_id>/duplicate", methods=["GET", "POST"])
@manager_required
def duplicate(event_id):
    """Start a new event from an existing one's content, with new dates."""
    source = _event_or_404(event_id)
    form = _event_form(data=form_data(source, copy=True)) if request.method == "GET" else _event_form()
    return _save(form, new_event(current_user), "organizer/edit.html", "events.created")


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@manager_required
def edit(event_id):
    """Edit an event; capacity never drops below the confirmed registrations."""
    event = _event_or_404(event_id)
    if event.is_cancelled:
        abort(403)
    form = _event_form(event, data=form_data(event)) if request.method == "GET" else _event_form(event)
    return _save(form, event, "organizer/edit.html", "events.edited")


@bp.route("/events/<int:event_id>")
@manager_required
def show(event_id):
    """Show an event's registrations, attendance and messaging."""
    return _event_page(_event_or_404(event_id), MessageForm())


def _event_page(event, message_form, status=200):
    """Render the event's page, with *message_form* as typed (kept when it is refused)."""
    people = registrants(event, statuses=tuple(RegistrationStatus))
    mailings = recent_mailings(event)
    return render_template("organizer/show.html", event=event, people=people, form=ButtonForm(),
                           message_form=message_form, started=started_sessions(event), present=presence(event),
                           mailings=mailings, mailings_sending=any(d.state == SENDING for _m, d in mailings),
                           needed=sessions_needed(len(event.sessions), current_app.config["COMPLETION_SHARE"])), status


@bp.route("/events/<int:event_id>/cancel", methods=["POST"])
@manager_required
def cancel(event_id):
    """Cancel the event and queue the notice to everyone registered or waiting."""
    event = _event_or_404(event_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if not confirmed(request.form):
        flash(_("Confirm that you want to cancel the event."), "warning")
        return redirect(url_for("organizer.show", event_id=event.id)), 303
    if cancel_event(event):
        mailing, _created = queue_mailing(event, CANCELLATION, current_user)
        audit.record("events.cancelled", f"event:{event.id}", notified=mailing.recipients if mailing else 0,
                     mailing=mailing.id if mailing else None)
        db.session.commit()
        if mailing is None:
            flash(_("Event cancelled. Nobody was registered or waiting: there is no notice to send."), "success")
        else:
            flash(ngettext("Event cancelled; the notice is queued for %(num)d person: it is being sent.",
                           "Event cancelled; the notice is queued for %(num)d people: it is being sent.",
                           mailing.recipients), "success")
    return redirect(url_for("organizer.show", event_id=event.id))


@bp.route("/events/<int:event_id>/attendance", methods=["POST"])
@manager_required
def attendance(event_id):
    """Record who attended each session that has started; a series is completed at the configured share."""
    event = _event_or_404(event_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    present = {}
    for key in request.form:
        if key.startswith("present-"):
            try:
                present[int(key[8:])] = {int(value) for value in request.form.getlist(key)}
            except ValueError:
                abort(400)
    for session in started_sessions(event):
        present.setdefault(session.id, set())
    try:
        marked = record_attendance(event, present, current_app.config["COMPLETION_SHARE"])
    except AttendanceError:
        db.session.rollback()
        flash(_("Attendance can only be taken for sessions that have started, and for confirmed people."), "danger")
        return redirect(url_for("organizer.show", event_id=event.id)), 303
    audit.record("events.attendance", f"event:{event.id}", present=marked)
    db.session.commit()
    flash(_("Attendance saved."), "success")
    return redirect(url_for("organizer.show", event_id=event.id))


@bp.route("/events/<int:event_id>/message", methods=["POST"])
@manager_required
def message(event_id):
    """Queue a message to everyone registered or waiting; a worker sends it."""
    event = _event_or_404(event_id)
    form = MessageForm()
    if not form.validate_on_submit():
        return _event_page(event, form, 400)
    if not has_recipients(event):
        flash(_("Nobody is registered or waiting for this event: the message was not sent."), "warning")
        return _event_page(event, form, 409)
    try:
        spend("organizer_message", sender=current_user.id)
    except MailLimitReached:
        flash(_("You sent many messages in the last hour. Wait a little, then send this one again."), "danger")
        return _event_page(event, form, 429)
    mailing, created = queue_mailing(event, MESSAGE, current_user, form.subject.data, form.body.data)
    if created:  # the same message sent twice at once (a double click) is one mailing, audited once
        audit.record("events.message", f"event:{event.id}", recipients=mailing.recipients, mailing=mailing.id)
    db.session.commit()
    flash(ngettext("Message queued for %(num)d person: it is being sent.",
                   "Message queued for %(num)d people: it is being sent.", mailing.recipients), "success")
    return redirect(url_for("organizer.show", event_id=event.id))


@bp.route("/events/<int:event_id>/mailings/<int:mailing_id>/retry", methods=["POST"])
@manager_required
def retry(event_id, mailing_id):
    """Try a mailing again for the people it did not reach, once its job has given up."""
    event = _event_or_404(event_id)
    mailing = db.session.get(EventMailing, mailing_id)
    if mailing is None or mailing.event_id != event.id:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    left = still_to_try(mailing)
    if not left or (mailing.job is not None and mailing.job.is_active):  # nobody left, or still being sent
        flash(_("This message is not waiting for another try."), "info")
        return redirect(url_for("organizer.show", event_id=event.id)), 303
    try:
        spend("organizer_message", sender=current_user.id)
    except MailLimitReached:
        flash(_("You sent many messages in the last hour. Wait a little, then send this one again."), "danger")
        return redirect(url_for("organizer.show", event_id=event.id)), 303
    retry_mailing(mailing, current_user)
    audit.record("events.message_retried", f"event:{event.id}", mailing=mailing.id, recipients=left)
    db.session.commit()
    flash(ngettext("Another try is queued for %(num)d person not reached.",
                   "Another try is queued for the %(num)d people not reached.", left), "success")
    return redirect(url_for("organizer.show", event_id=event.id))


@bp.route("/events/<int:event_id>/registrations.csv")
@manager_required
def registrations_csv(event_id):
    """Download the event's registrations."""
    event = _event_or_404(event_id)
    header = [_("Company"), _("Name"), _("E-mail"), _("Status"), _("Registered on"), _("Sessions attended"),
              _("Completed")]
    completed = {None: "", True: _("Yes"), False: _("No")}
    attended = Counter(registration_id for registration_id, _session in presence(event))
    rows = [[r.company.legal_name if r.company else "", r.user.name, r.user.email,
             str(REGISTRATION_STATUSES.get(r.status, r.status)), r.queued_at.date(),
             attended[r.id] if r.status == RegistrationStatus.CONFIRMED else "", completed[r.attended]]
            for r in registrants(event, statuses=tuple(RegistrationStatus))]
    return Response(write_csv(header, rows, delimiter=csv_delimiter(current_language())), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="registrations-{event.id}.csv"'})


@bp.route("/demand")
@manager_required
def demand():
    """Show, per topic, how many companies have a gap (by region and sector) and the seats scheduled."""
    months = 6
    table = demand_table(months=months)
    regions = sorted({region for row in table.values() for region in row.by_region})
    sectors = sorted({sector for row in table.values() for sector in row.by_sector})
    return render_template("organizer/demand.html", table=table, regions=regions, sectors=sectors,
                           months=months)
