"""Words and numbers for the programme's figures, shared by the page, the PDF and the workbook."""
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from ..companies.reference import REGIONS, SECTORS
from ..events.forms import KINDS
from ..i18n import current_language
from ..questionnaires.services import get_bank

STEPS = {"registered": _l("Registered"), "assessed": _l("Assessed"),
         "reviewed": _l("With an assessment reviewed by an advisor")}
GROUPINGS = {"kind": _l("By type of event"), "region": _l("By region"), "sector": _l("By sector")}


def series_name(key):
    """Name a reach series: a step, or a certification ("Certified: CMMC Level 1")."""
    if key in STEPS:
        return str(STEPS[key])
    framework = get_bank().frameworks.get(key)
    return str(_l("Certified: %(name)s", name=framework.name.get(current_language()) if framework else key))


def group_label(grouping, key):
    """Name a participation group; an empty key is an online event or an unknown sector."""
    table = {"kind": KINDS, "region": REGIONS, "sector": SECTORS}[grouping]
    if not key:
        return str(_l("Online")) if grouping == "region" else str(_l("Not attached to a company"))
    return str(table.get(key, key))


def topic_name(topic_id):
    topic = get_bank().topics.get(topic_id)
    return topic.title.get(current_language()) if topic else topic_id


def month_label(day):
    return format_date(day, "MMM y")
