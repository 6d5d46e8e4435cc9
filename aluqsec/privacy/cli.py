"""``flask retention purge``, ``flask backup PATH`` and ``flask restore PATH``."""
import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from ..extensions import db
from .backup import BackupError
from .backup import backup as make_backup
from .backup import restore as do_restore
from .retention import purge

retention_cli = AppGroup("retention", help="Apply the retention periods of the privacy notice.")


@retention_cli.command("purge")
def purge_command():
    """Remove what is past its retention period and print what was removed."""
    result = purge()
    db.session.commit()
    for rule, count in result.items():
        click.echo(f"{rule}: {'not applicable' if count is None else count}")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path):
    """Write a consistent backup of the database to PATH (a new file)."""
    try:
        size = make_backup(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"backup written to {path} ({size} bytes)")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def restore_command(path):
    """Restore the backup at PATH into the configured database, which must be empty."""
    db.engine.dispose()
    try:
        do_restore(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"restored {path}")


COMMANDS = (retention_cli, backup_command, restore_command)
