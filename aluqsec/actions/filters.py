"""Reading the plan page's query string into checked filters."""
from werkzeug.datastructures import MultiDict

from ..questionnaires.schema import EFFORTS
from .services import GROUPS, SORTS, Filters

STATUSES = ("open", "todo", "in_progress", "done", "all")
MAX_PAGE = 10_000


class BadFilter(ValueError):
    """A query-string value the plan page does not offer."""


def _choice(args, name, allowed, default=""):
    value = args.get(name, default)
    if value == "" or value in allowed:
        return value or default
    raise BadFilter(name)


def parse(args, domains, certifications, assignees):
    """Return ``(Filters, page)`` from *args*.

    :param domains: domain ids the plan holds; *certifications* and *assignees* (user ids as strings) likewise.
    :raises BadFilter: on a value the page never offers (a hand-made or stale URL).
    """
    args = args if isinstance(args, MultiDict) else MultiDict(args)
    filters = Filters(
        domain=_choice(args, "domain", domains), certification=_choice(args, "certification", certifications),
        effort=_choice(args, "effort", EFFORTS), status=_choice(args, "status", STATUSES, "open"),
        assignee=_choice(args, "assignee", ("none", *assignees)), group=_choice(args, "group", GROUPS),
        sort=_choice(args, "sort", SORTS, "priority"))
    page = args.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= MAX_PAGE:
        raise BadFilter("page")
    return filters, int(page)


def query_args(filters, page=1):
    """Return the non-default filters (and page) as query arguments."""
    defaults = Filters()
    args = {name: getattr(filters, name) for name in ("domain", "certification", "effort", "status", "assignee",
                                                       "group", "sort")
            if getattr(filters, name) != getattr(defaults, name)}
    if page > 1:
        args["page"] = page
    return args
