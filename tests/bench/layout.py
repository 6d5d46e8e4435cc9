"""The app's own floor: a signed-in page with nothing of its own, served beside the app by the bench.

Every signed-in page pays for what this page does and nothing more: the session cookie read,
the account loaded and its session version checked, the layout and the navigation of the
role rendered, the security headers. Measured beside the bare-Flask floor, it shows how much
of the floor's throughput is left to a page before it reads or renders anything of its own.
``gunicorn 'tests.bench.layout:app'`` (a bench-only route; the served app itself is unchanged).
"""
from flask import render_template
from flask_login import login_required

from aluqsec import create_app

app = create_app()
_PAGE = app.jinja_env.from_string('{% extends "base.html" %}{% block title %}AluQSec{% endblock %}')


@app.route("/_bench/layout")
@login_required
def layout():
    """Render the layout alone for the signed-in account."""
    return render_template(_PAGE)
