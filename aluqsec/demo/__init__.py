"""``flask demo load``: demo data for trying AluQSec, loaded only where missing."""
from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from ..aggregates.services import refresh_all
from ..assessments.models import Assessment
from ..auth.models import User
from ..auth.services import find_user
from ..companies.models import Company
from ..extensions import db
from ..questionnaires.services import get_bank
from .accounts import ACCOUNTS, load_accounts
from .advisors import load_advisor_data
from .assessments import load_assessments
from .cluster import load_cluster
from .events import load_events
from .evidence import load_evidence
from .programme import load_programme

demo_cli = AppGroup("demo", help="Demo data.")


def load_demo(password):
    """Create whatever demo data is missing and commit; return the number of records created."""
    created = load_accounts(password)
    created += load_assessments()
    created += load_cluster(password)
    created += load_events(find_user("organizer@demo.aluqsec.ca"))
    created += load_programme()
    created += load_advisor_data()
    created += load_evidence()
    _registered_before_their_history()
    # Demo history is back-dated after submission: store the figures from the final dates.
    refresh_all(get_bank().frameworks)
    db.session.commit()
    return created


def _registered_before_their_history():
    """Date each demo company's registration two weeks before its first (back-dated) assessment."""
    first = (select(Company, func.min(Assessment.created_at)).join(Assessment, Assessment.company_id == Company.id)
             .group_by(Company.id))
    for company, started in db.session.execute(first).all():
        if company.created_at > started:
            company.created_at = started - timedelta(days=14)


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Load only when the database has no account yet.")
def load(if_empty):
    """Load the demo data (running it twice duplicates nothing)."""
    password = current_app.config["DEMO_PASSWORD"]
    if if_empty and db.session.scalar(select(User.id).limit(1)) is not None:
        click.echo("demo data: the database already has accounts; nothing loaded")
    else:
        click.echo(f"demo data: {load_demo(password)} new records")
    click.echo(f"demo logins (password: {password}):")
    for email, _name, roles, _company in ACCOUNTS:
        user = find_user(email)
        line = f"  {email:<28} {', '.join(str(r) for r in roles) or 'company':<10}"
        if user is not None and user.totp_secret:
            line += f" TOTP key {user.totp_secret} (code now: .venv/bin/flask --app aluqsec users mfa-code {email})"
        click.echo(line.rstrip())
    click.echo("Staff accounts need a code from an authenticator app: add the TOTP key to it, "
               "or print the current code with the command shown.")
