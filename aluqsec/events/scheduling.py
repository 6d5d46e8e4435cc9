"""Creating and editing events from the organizer's form."""
from ..extensions import db
from .forms import to_local, to_utc
from .models import Event, EventSession

FIELDS = ("kind", "title_fr", "title_en", "description_fr", "description_en", "topics", "language", "format",
          "address", "region", "online_link", "capacity", "facilitator")


def apply_form(event, form):
    """Copy the form into *event*, replacing its sessions; flush.

    :return: the event.
    """
    for name in FIELDS:
        setattr(event, name, getattr(form, name).data)
    if event.format == "online":
        event.address, event.region = "", None
    event.region = event.region or None
    event.registration_deadline = to_utc(form.registration_deadline.data)
    sessions = [(to_utc(start), to_utc(end)) for start, end in form.filled_sessions()]
    event.sessions = [EventSession(starts_at=start, ends_at=end) for start, end in sessions]
    event.starts_at, event.ends_at = sessions[0][0], max(end for _start, end in sessions)
    db.session.add(event)
    db.session.flush()
    return event


def form_data(event, copy=False):
    """Return the form's initial data for *event* (for editing or duplicating)."""
    data = {name: getattr(event, name) for name in FIELDS}
    data["region"] = event.region or ""
    data["registration_deadline"] = to_local(event.registration_deadline)
    data["sessions"] = [{"starts_at": to_local(s.starts_at), "ends_at": to_local(s.ends_at)} for s in event.sessions]
    if copy:
        # A copy keeps the content; its dates are chosen anew.
        data["sessions"], data["registration_deadline"] = [], None
    return data


def new_event(user):
    return Event(created_by_id=user.id, seats_taken=0)
