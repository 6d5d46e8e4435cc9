"""iCalendar files: one event, or a person's feed of registrations."""
from datetime import date
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

ZONE = ZoneInfo("America/Montreal")


@cache
def _vtimezone(first_year, last_year):
    """Return Montreal's VTIMEZONE with the changes of *first_year* to *last_year* (built once).

    icalendar's ``add_missing_timezones`` works out every change from 1970 to 2038 for each
    file (a third of a feed's time); the years of the file's sessions are what a calendar needs.
    """
    return Timezone.from_tzid(ZONE.key, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1))


def _add_timezone(calendar, sessions):
    """Put the VTIMEZONE covering *sessions* first in *calendar* (none when there is no session)."""
    years = [moment.astimezone(ZONE).year for session in sessions for moment in (session.starts_at, session.ends_at)]
    if years:
        calendar.subcomponents.insert(0, _vtimezone(min(years), max(years)))


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//AluQSec//Evenements//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "America/Montreal")
    return calendar


def _add_sessions(calendar, event, language, host, show_link, stamp, status=None):
    title = event.title(language)
    count = len(event.sessions)
    for number, session in enumerate(event.sessions, start=1):
        item = VEvent()
        item.add("uid", f"event-{event.id}-session-{session.id}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", session.starts_at.astimezone(ZONE))
        item.add("dtend", session.ends_at.astimezone(ZONE))
        item.add("summary", f"{title} ({number}/{count})" if count > 1 else title)
        description = event.description(language)
        if show_link and event.online_link:
            description += f"\n\n{event.online_link}"
        item.add("description", description)
        if event.address:
            item.add("location", event.address)
        elif show_link and event.online_link:
            item.add("location", event.online_link)
        if event.is_cancelled:
            item.add("status", "CANCELLED")
        elif status == "waitlisted":
            item.add("status", "TENTATIVE")
        else:
            item.add("status", "CONFIRMED")
        calendar.add_component(item)


def event_ics(event, language, host, show_link, stamp):
    """Return the .ics bytes of one event (a circle gives one entry per session).

    :param show_link: include the online link (registrants only).
    :param stamp: the DTSTAMP, an aware datetime.
    """
    calendar = _calendar(event.title(language))
    _add_sessions(calendar, event, language, host, show_link, stamp)
    _add_timezone(calendar, event.sessions)
    return calendar.to_ical()


def feed_ics(registrations, language, host, stamp, name):
    """Return a personal feed: every session of the events *registrations* point to."""
    calendar = _calendar(name)
    for registration in registrations:
        _add_sessions(calendar, registration.event, language, host,
                      show_link=registration.status == "confirmed", stamp=stamp, status=registration.status)
    _add_timezone(calendar, [session for registration in registrations for session in registration.event.sessions])
    return calendar.to_ical()
