"""The floor: a bare Flask page served like the app (gunicorn, 2 sync workers), measured beside each page.

A Jinja page of 30 questions with 5 radios each and no database: what the framework, the
template engine and this machine give at best at the moment of the run. ``gunicorn
tests.bench.floor:app``.
"""
from flask import Flask, render_template

QUESTIONS = [{"id": f"q{n}", "text": f"Question {n} : pratique de sécurité numéro {n}",
              "options": [(level, f"Niveau {level}") for level in range(5)]} for n in range(1, 31)]

app = Flask(__name__)


@app.route("/floor")
def floor():
    """Render the floor page."""
    return render_template("floor.html", questions=QUESTIONS)
