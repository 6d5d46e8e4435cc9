"""Reference lists for company profiles, with their French and English labels."""
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

SECTORS = {
    "primary-aluminium": _l("Primary aluminium"),
    "transformation": _l("Aluminium transformation"),
    "equipment-services": _l("Equipment and services"),
    "aerospace-supplier": _l("Aerospace supplier"),
    "other": _l("Other"),
}

# The 17 administrative regions of Quebec, keyed by their official code.
REGIONS = {
    "01": "Bas-Saint-Laurent",
    "02": "Saguenay–Lac-Saint-Jean",
    "03": "Capitale-Nationale",
    "04": "Mauricie",
    "05": "Estrie",
    "06": "Montréal",
    "07": "Outaouais",
    "08": "Abitibi-Témiscamingue",
    "09": "Côte-Nord",
    "10": "Nord-du-Québec",
    "11": "Gaspésie–Îles-de-la-Madeleine",
    "12": "Chaudière-Appalaches",
    "13": "Laval",
    "14": "Lanaudière",
    "15": "Laurentides",
    "16": "Montérégie",
    "17": "Centre-du-Québec",
}

SIZE_BANDS = {
    "1-9": _l("1 to 9 employees"),
    "10-49": _l("10 to 49 employees"),
    "50-99": _l("50 to 99 employees"),
    "100-249": _l("100 to 249 employees"),
    "250-499": _l("250 to 499 employees"),
    "500+": _l("500 employees or more"),
}

# Certifications a company can target; ids are framework ids of the questionnaire bank.
CERTIFICATIONS = {
    "cybersecure-canada": _l("CyberSecure Canada"),
    "cpcsc-l1": _l("CPCSC Level 1 (Canadian defence contracts)"),
    "cmmc-l1": _l("CMMC Level 1 (U.S. defence supply chain)"),
}

LANGUAGES = {"fr": "Français", "en": "English"}


def choices(mapping):
    """Return WTForms choices from a reference mapping."""
    return [SelectChoice(value, label) for value, label in mapping.items()]
