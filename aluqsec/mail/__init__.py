"""Outgoing e-mail: through SMTP when configured, else kept in the outbox."""
import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale

from ..extensions import db
from .models import OutboxMessage

log = logging.getLogger(__name__)


def render_message(template, language, **context):
    """Render ``templates/mail/<template>.txt`` in *language*.

    The first line of the rendered template is the subject, the rest the body.
    :return: ``(subject, body)``.
    """
    if not has_request_context():
        # Commands (reminders) render mail outside any request: give url_for a base.
        with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
            return render_message(template, language, **context)
    with force_locale(language):
        text = render_template(f"mail/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def send_mail(recipient, template, language="fr", **context):
    """Send one message and record it in the outbox.

    :param recipient: e-mail address.
    :param template: mail template name, e.g. ``password_reset``.
    :param language: ``fr`` or ``en``, the recipient's language.
    :return: the OutboxMessage (added to the session, not committed).
    """
    subject, body = render_message(template, language, **context)
    config = current_app.config
    status = "stored"
    if config.get("SMTP_HOST"):
        status = "sent" if _deliver(config, recipient, subject, body) else "failed"
    else:
        # Written in full so that whoever runs the app can follow confirmation and reset links.
        log.info("No SMTP server configured; message kept in the outbox (admin page /admin/outbox):\n"
                 "To: %s\nSubject: %s\n\n%s", recipient, subject, body)
    message = OutboxMessage(recipient=recipient, subject=subject, body=body, status=status)
    db.session.add(message)
    return message


def _deliver(config, recipient, subject, body):
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = recipient
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="aluqsec.ca")
    message.set_content(body)
    try:
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=10) as smtp:
            if config.get("SMTP_STARTTLS"):
                smtp.starttls(context=ssl.create_default_context())
            if config.get("SMTP_USERNAME"):
                smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        # The user's action must not fail because the mail relay is down; the
        # outbox keeps the message with status "failed" for a later resend.
        log.exception("Could not send mail to %s", recipient)
        return False
    return True


def configure_logging(app):
    """Show the mail log on the server's standard error when no SMTP server is configured."""
    if app.config.get("SMTP_HOST") or log.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s] %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
