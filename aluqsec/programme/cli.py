"""``flask programme send-feedback``: run daily (cron) to survey yesterday's attendees."""
import click
from flask.cli import AppGroup

from ..extensions import db
from .services import send_feedback_requests

programme_cli = AppGroup("programme", help="The cluster's programme: surveys after events.")


@programme_cli.command("send-feedback")
def send_feedback():
    """E-mail the survey to everyone present at an event that ended on an earlier day (once each)."""
    sent = send_feedback_requests()
    db.session.commit()
    click.echo(f"{sent} survey(s) sent.")
