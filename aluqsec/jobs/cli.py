"""``flask jobs work``: the worker process; ``flask jobs status``: what the queue holds."""
import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from ..extensions import db
from .models import Job
from .worker import Worker

jobs_cli = AppGroup("jobs", help="The job queue: reports, audit packs and the periodic work.")


@jobs_cli.command("work")
@click.option("--burst", is_flag=True, help="Run the jobs that are due, then exit (tests, cron).")
@click.option("--name", default=None, help="How this worker signs its leases (default: host, process, random).")
def work(burst, name):
    """Run jobs until stopped (SIGTERM or Ctrl-C finish the job in hand first)."""
    app = current_app._get_current_object()
    worker = Worker(app, name)
    click.echo(f"worker {worker.name} started" + (" (burst)" if burst else ""))
    ran = worker.work(burst=burst)
    click.echo(f"worker {worker.name} stopped after {ran} job(s)")


@jobs_cli.command("status")
def status():
    """Print how many jobs are in each state."""
    for state, count in db.session.execute(select(Job.state, func.count()).group_by(Job.state)).all():
        click.echo(f"{state}: {count}")
