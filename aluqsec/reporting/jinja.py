"""Reach the PDF templates of the top-level ``reports/`` folder through the application's Jinja environment."""
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

from .. import PROJECT_ROOT

REPORTS_DIR = PROJECT_ROOT / "reports"


def configure(app):
    """Make ``reports/<name>`` templates loadable next to the web templates.

    One environment for both means the reports get the same filters, context
    processors, macros (``macros/charts.html``) and translations as the pages.
    """
    app.jinja_loader = ChoiceLoader([app.jinja_loader,
                                     PrefixLoader({"reports": FileSystemLoader(str(REPORTS_DIR))})])
