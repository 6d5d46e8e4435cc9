"""Labels of the maturity scale and answer choices, in the user's language."""
from flask_babel import lazy_gettext as _l

LEVELS = {
    0: _l("Non-existent"),
    1: _l("Ad hoc"),
    2: _l("Repeatable"),
    3: _l("Defined"),
    4: _l("Managed"),
    5: _l("Optimized"),
}

EFFORTS = {"low": _l("Low effort"), "medium": _l("Medium effort"), "high": _l("High effort")}

STATUSES = {"draft": _l("In progress"), "submitted": _l("Submitted"), "reviewed": _l("Reviewed")}
