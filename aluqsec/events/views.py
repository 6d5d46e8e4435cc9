"""Events for SME users: browse, register, cancel, calendars."""
import secrets

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from .. import audit
from ..auth.models import User
from ..authz import can_manage_events, login_required
from ..extensions import db
from ..formatting import score
from ..forms import ButtonForm, confirmed
from ..i18n import current_language
from ..models import utcnow
from ..questionnaires.services import get_bank
from ..recommendations.services import for_company
from . import bp
from .calendar import event_ics, feed_ics
from .forms import EVENT_LANGUAGES, FORMATS, KINDS, EventFilterForm
from .models import Event, RegistrationStatus
from .queries import active_ids, my_statuses, registrations_of, upcoming
from .services import RegistrationClosed, cancel_registration, closed_reason, register, registration_of

CLOSED_MESSAGES = {
    "cancelled": _l("This event is cancelled."),
    "past": _l("This event has already started: registration is closed."),
    "deadline": _l("The registration deadline has passed."),
}


def topic_choices():
    return [SelectChoice(topic.id, topic.title.get(current_language())) for topic in get_bank().topics.values()]


def _company():
    memberships = current_user.memberships if current_user.is_authenticated else []
    return memberships[0].company if memberships else None


def _event_or_404(event_id):
    return db.session.get(Event, event_id) or abort(404)


# The list is paged: a cluster schedules hundreds of events a year.
PAGE_SIZE = 24
MAX_PAGE = 1000


@bp.route("/events")
def index():
    """List upcoming events with filters, and those recommended for the user's company."""
    form = EventFilterForm(request.args)
    form.topic.choices = [SelectChoice("", _("All topics"))] + topic_choices()
    filters = {name: form[name].data for name in ("topic", "region", "language", "kind")} if form.validate() else {}
    page = request.args.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= MAX_PAGE:
        abort(400)
    page = int(page)
    everything = upcoming()
    events = upcoming(filters) if any(filters.values()) else everything
    pages = max(1, -(-len(events) // PAGE_SIZE))
    if page > pages:
        abort(404)
    statuses = my_statuses(current_user, everything)
    company = _company()
    recommended = for_company(company, everything, limit=3, exclude=active_ids(statuses)) if company else []
    query = {name: value for name, value in filters.items() if value}
    return render_template("events/index.html", form=form, events=events[(page - 1) * PAGE_SIZE:page * PAGE_SIZE],
                           total=len(events), page=page, pages=pages, recommended=recommended, statuses=statuses,
                           page_url=lambda number: url_for("events.index", page=number, **query))


@bp.route("/events/<int:event_id>")
def show(event_id):
    """Show an event; the online link only to confirmed registrants and organizers."""
    event = _event_or_404(event_id)
    registration = registration_of(event, current_user) if current_user.is_authenticated else None
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    show_link = confirmed or (current_user.is_authenticated and can_manage_events(current_user))
    return render_template("events/show.html", event=event, registration=registration, show_link=show_link,
                           closed=closed_reason(event), form=ButtonForm())


@bp.route("/events/<int:event_id>/register", methods=["POST"])
@login_required
def register_view(event_id):
    """Take a seat, or a place on the waitlist when the event is full."""
    event = _event_or_404(event_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        registration = register(event, current_user, _company())
    except RegistrationClosed as closed:
        flash(str(CLOSED_MESSAGES[closed.reason]), "danger")
        return redirect(url_for("events.show", event_id=event.id)), 303
    audit.record("events.registered", f"event:{event.id}", status=registration.status)
    db.session.commit()
    if registration.status == RegistrationStatus.CONFIRMED:
        flash(_("Your seat is confirmed. See you there!"), "success")
    else:
        flash(_("The event is full: you are on the waitlist. We will e-mail you if a seat frees up."), "info")
    return redirect(url_for("events.show", event_id=event.id))


@bp.route("/events/<int:event_id>/cancel", methods=["POST"])
@login_required
def cancel(event_id):
    """Cancel one's registration; the first person in line gets the seat."""
    event = _event_or_404(event_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    registration = registration_of(event, current_user)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        abort(404)
    if not confirmed(request.form):
        flash(_("Confirm that you want to cancel your registration."), "warning")
        return redirect(url_for("events.show", event_id=event.id)), 303
    cancel_registration(registration)
    audit.record("events.cancelled_registration", f"event:{event.id}")
    db.session.commit()
    flash(_("Your registration is cancelled."), "info")
    return redirect(url_for("events.show", event_id=event.id))


def _host():
    return current_app.config["BASE_URL"].split("//", 1)[-1].split("/", 1)[0]


def _ics_response(content, filename):
    return Response(content, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/events/<int:event_id>.ics")
def ics(event_id):
    """Download the event as an iCalendar file."""
    event = _event_or_404(event_id)
    registration = registration_of(event, current_user) if current_user.is_authenticated else None
    show_link = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    return _ics_response(event_ics(event, current_language(), _host(), show_link, utcnow()), f"aluqsec-{event.id}.ics")


@bp.route("/my/events")
@login_required
def mine():
    """List the user's registrations and the personal calendar feed."""
    if current_user.calendar_token is None:
        current_user.calendar_token = secrets.token_urlsafe(32)
        db.session.commit()
    feed = current_app.config["BASE_URL"].rstrip("/") + url_for("events.feed", token=current_user.calendar_token)
    return render_template("events/mine.html", registrations=registrations_of(current_user, active_only=False),
                           feed=feed, form=ButtonForm())


@bp.route("/my/calendar/regenerate", methods=["POST"])
@login_required
def regenerate_feed():
    """Replace the calendar feed address; the old one stops working."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    if not confirmed(request.form):
        flash(_("Confirm that you want a new calendar address."), "warning")
        return redirect(url_for("events.mine")), 303
    current_user.calendar_token = secrets.token_urlsafe(32)
    audit.record("events.feed_regenerated", f"user:{current_user.id}")
    db.session.commit()
    flash(_("Your calendar address has changed: update it in your calendar application."), "success")
    return redirect(url_for("events.mine"))


@bp.route("/calendar/<token>.ics")
def feed(token):
    """Serve a person's calendar feed to calendar applications (the token is the key)."""
    if len(token) < 20:
        abort(404)
    user = db.session.scalar(db.select(User).where(User.calendar_token == token))
    if user is None or not user.active:
        abort(404)
    content = feed_ics(registrations_of(user), user.language, _host(), utcnow(), "AluQSec")
    return _ics_response(content, "aluqsec.ics")


REGISTRATION_STATUSES = {"confirmed": _l("Seat confirmed"), "waitlisted": _l("On the waitlist"),
                         "cancelled": _l("Registration cancelled")}


def topic_titles(topic_ids):
    topics, language = get_bank().topics, current_language()
    return [topics[t].title.get(language) if t in topics else t for t in topic_ids]


def recommendation_reason(recommendation):
    """Say why an event is recommended: the gap it addresses."""
    return _("Your maturity in “%(topic)s” is %(value)s / 5.", topic=topic_titles([recommendation.topic])[0],
             value=score(recommendation.maturity))


@bp.app_context_processor
def inject_event_labels():
    return {"event_kinds": KINDS, "event_languages": EVENT_LANGUAGES, "event_formats": FORMATS,
            "registration_statuses": REGISTRATION_STATUSES, "topic_titles": topic_titles,
            "recommendation_reason": recommendation_reason}
