"""Configuration read from ``ALUQSEC_`` environment variables."""
import os
import secrets
from pathlib import Path

PREFIX = "ALUQSEC_"

# Environment variable (without prefix) -> (Flask config key, type, default).
SETTINGS = {
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str, None),
    "SECRET_KEY": ("SECRET_KEY", str, None),
    "BASE_URL": ("BASE_URL", str, "http://127.0.0.1:5000"),
    "SMTP_HOST": ("SMTP_HOST", str, ""),
    "SMTP_PORT": ("SMTP_PORT", int, 25),
    "SMTP_USERNAME": ("SMTP_USERNAME", str, ""),
    "SMTP_PASSWORD": ("SMTP_PASSWORD", str, ""),
    "SMTP_STARTTLS": ("SMTP_STARTTLS", bool, False),
    "MAIL_FROM": ("MAIL_FROM", str, "AluQSec <no-reply@aluqsec.ca>"),
    "PROXY_HOPS": ("PROXY_HOPS", int, 0),
    "DEMO_PASSWORD": ("DEMO_PASSWORD", str, "Demo-AluQSec-2026"),
    "QUESTIONNAIRES_DIR": ("QUESTIONNAIRES_DIR", str, None),
    # Evidence library: largest file, and all the files of one company (every version counts).
    "EVIDENCE_MAX_FILE_MB": ("EVIDENCE_MAX_FILE_MB", float, 10.0),
    "EVIDENCE_MAX_COMPANY_MB": ("EVIDENCE_MAX_COMPANY_MB", float, 200.0),
    "EVIDENCE_DIR": ("EVIDENCE_DIR", str, None),
    # Job queue: where prepared files go (shared by every server), how long a worker holds a job
    # before another may take it, the first retry delay (doubling), and whether workers run the schedule.
    "JOBS_DIR": ("JOBS_DIR", str, None),
    "JOBS_LEASE_SECONDS": ("JOBS_LEASE_SECONDS", int, 600),
    "JOBS_BACKOFF_SECONDS": ("JOBS_BACKOFF_SECONDS", int, 30),
    "JOBS_POLL_SECONDS": ("JOBS_POLL_SECONDS", float, 2.0),
    "JOBS_SCHEDULE": ("JOBS_SCHEDULE", bool, True),
    "JOBS_ISOLATE": ("JOBS_ISOLATE", bool, True),
    "JOBS_SCHEDULE_SECONDS": ("JOBS_SCHEDULE_SECONDS", int, 60),
    # Long PDF reports (the advisor's portfolio) are rendered this many companies at a time.
    "REPORT_PART_COMPANIES": ("REPORT_PART_COMPANIES", int, 10),
    # Programme results: stored figures older than this are computed again even if nothing they
    # count changed (an event's topics or a company's sector leave no count behind).
    "PROGRAMME_FIGURES_TTL": ("PROGRAMME_FIGURES_TTL", int, 3600),
    # Share of a series' sessions a person attends for the event to count as completed.
    "COMPLETION_SHARE": ("COMPLETION_SHARE", float, 0.66),
    # The person in charge of the protection of personal information (Law 25, s. 3.1).
    # No default name: the notice's heading already names the role in the reader's language.
    "PRIVACY_OFFICER_NAME": ("PRIVACY_OFFICER_NAME", str, ""),
    "PRIVACY_OFFICER_TITLE": ("PRIVACY_OFFICER_TITLE", str, ""),
    "PRIVACY_OFFICER_EMAIL": ("PRIVACY_OFFICER_EMAIL", str, "vie-privee@aluqsec.ca"),
    "PRIVACY_OFFICER_ADDRESS": ("PRIVACY_OFFICER_ADDRESS", str, ""),
    "PRIVACY_OFFICER_PHONE": ("PRIVACY_OFFICER_PHONE", str, ""),
}

# Retention periods in days (ALUQSEC_RETENTION_<NAME>_DAYS); the privacy notice shows them.
RETENTION_DEFAULTS = {
    "LOGIN_ATTEMPTS": 30,       # throttling needs 15 minutes; 30 days helps investigate an attack
    "OUTBOX_BODIES": 7,         # the longest link in a mail (invitation) expires after 7 days
    "OUTBOX_MESSAGES": 365,     # recipient and subject, to answer "did you send me ...?"
    "AUDIT_PERSONAL": 365,      # addresses, typed e-mails and details of audit entries
    "DRAFT_IDLE": 365,          # a draft untouched this long gets a notice ...
    "DRAFT_NOTICE": 30,         # ... and is deleted this long after the notice if still untouched
    "UNCONFIRMED_ACCOUNTS": 30,  # accounts whose e-mail address was never confirmed
    "DELETION_GRACE": 30,       # a company's deletion can be cancelled during this period
    "PREPARED_FILES": 7,        # reports and audit packs prepared in the background, once ready
    "PROGRAMME_FIGURES": 30,    # a period's programme figures nobody opened since (counts, no personal data)
}


def _parse(kind, raw):
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return kind(raw)


def from_environment(environ=os.environ):
    """Return the settings present in *environ* as Flask config keys."""
    config = {"RETENTION_DAYS": dict(RETENTION_DEFAULTS)}
    for name in RETENTION_DEFAULTS:
        raw = environ.get(f"{PREFIX}RETENTION_{name}_DAYS")
        if raw:
            config["RETENTION_DAYS"][name] = int(raw)
    for name, (key, kind, default) in SETTINGS.items():
        raw = environ.get(PREFIX + name)
        if raw is not None and raw != "":
            config[key] = _parse(kind, raw)
        elif default is not None:
            config[key] = default
    return config


def instance_secret_key(instance_path):
    """Read the instance's secret key, generating it on first use.

    :param instance_path: the Flask instance folder.
    :return: a key that stays the same across restarts and workers.
    """
    path = Path(instance_path) / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        # O_EXCL: when several workers start at once, the first key written wins.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def defaults(instance_path):
    """Return the settings used when nothing else is configured."""
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(instance_path) / 'aluqsec.sqlite'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_DEFAULT_TIMEZONE": "America/Montreal",
        "LANGUAGES": ("fr", "en"),
        "BOOTSTRAP_SERVE_LOCAL": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "ARGON2_PARAMETERS": {},
        "PASSWORD_RESET_MAX_AGE": 3600,
        "INVITATION_MAX_AGE": 7 * 24 * 3600,
        # A shared office shares one address: the tight limit is per account and address.
        # (messages, seconds) per scope: what anyone can make the platform send, and to whom.
        "MAIL_LIMITS": {
            "reset": {"address": (3, 3600)},
            "signup": {"address": (3, 3600)},
            "confirm": {"address": (3, 3600)},
            "invitation": {"sender": (20, 24 * 3600), "address": (3, 24 * 3600)},
            "organizer_message": {"sender": (10, 3600)},
        },
        "CONFIRMATION_MAX_AGE": 24 * 3600,
        "MFA_PENDING_MAX_AGE": 5 * 60,
        "LOGIN_THROTTLE": {"window": 15 * 60, "per_account_address": 5, "per_account": 20,
                           "per_address": 100, "mfa_per_account": 5},
    }
