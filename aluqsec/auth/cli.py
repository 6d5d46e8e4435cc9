"""``flask users`` commands."""
import sys
from datetime import timedelta

import click
import pyotp
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..mail.models import MailQuota
from ..models import utcnow
from ..security.passwords import weakness
from .models import LoginAttempt, PendingSignup, Role
from .services import create_user, find_user

users_cli = AppGroup("users", help="Manage accounts.")

ROLE_CHOICES = [str(role) for role in Role]


@users_cli.command("create")
@click.option("--email", required=True, help="E-mail address, used to log in.")
@click.option("--name", default=None, help="Display name (defaults to the e-mail).")
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLE_CHOICES),
              help="Platform role to grant; repeat for several.")
@click.option("--language", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
def create(email, name, roles, language):
    """Create an account; the password is prompted, or read from standard input when piped."""
    email = email.strip().lower()
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if find_user(email):
        raise click.ClickException(f"an account already uses {email}")
    reason = weakness(password, email, name or "")
    if reason:
        raise click.ClickException(f"password refused ({reason}): use at least 12 varied characters")
    try:
        create_user(email, name or email.split("@")[0], password, language, roles=roles,
                    confirmed=True)  # the admin vouches for the address
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise click.ClickException(f"could not create {email}") from error
    click.echo(f"created {email}" + (f" with roles {', '.join(roles)}" if roles else ""))


@users_cli.command("prune-attempts")
@click.option("--days", default=30, show_default=True, type=click.IntRange(min=1),
              help="Keep the login attempts of the last DAYS days.")
def prune_attempts(days):
    """Delete old login attempts, expired sign-ups and old mail counts (they hold personal information)."""
    cutoff = utcnow() - timedelta(days=days)
    deleted = db.session.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at < cutoff)).rowcount
    # Expired sign-ups and old mail counts hold addresses too; none of them is needed any more.
    expired = utcnow() - timedelta(seconds=current_app.config["CONFIRMATION_MAX_AGE"])
    pending = db.session.execute(delete(PendingSignup).where(PendingSignup.created_at < expired)).rowcount
    quotas = db.session.execute(delete(MailQuota).where(MailQuota.sent_at < utcnow() - timedelta(days=2))).rowcount
    db.session.commit()
    click.echo(f"login attempts deleted: {deleted}")
    click.echo(f"expired sign-ups deleted: {pending}; mail counts deleted: {quotas}")


@users_cli.command("mfa-code")
@click.argument("email")
def mfa_code(email):
    """Print the current TOTP code of an account (for demos and scripted tests on your own server)."""
    user = find_user(email)
    if user is None or not user.totp_secret:
        raise click.ClickException(f"{email} has no two-step verification")
    click.echo(pyotp.TOTP(user.totp_secret).now())
