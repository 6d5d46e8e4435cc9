"""AluQSec: cybersecurity maturity and certification readiness for Quebec SMEs."""
import importlib
import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config as settings
from .extensions import babel, bootstrap, csrf, db, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config=None):
    """Build the application from named steps.

    :param config: mapping of Flask settings applied last (tests use it).
    """
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=os.environ.get("ALUQSEC_INSTANCE_PATH") or None,
        instance_relative_config=True,
    )
    configure(app, config or {})
    register_extensions(app)
    register_input_checks(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_request_hooks(app)
    register_commands(app)
    register_jobs(app)
    load_questionnaires(app)
    return app


def configure(app, overrides):
    app.config.update(settings.defaults(app.instance_path))
    app.config["QUESTIONNAIRES_DIR"] = str(PROJECT_ROOT / "questionnaires")
    app.config.update(settings.from_environment())
    app.config.update(overrides)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.instance_secret_key(app.instance_path)
    if app.config["BASE_URL"].startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"
    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_extensions(app):
    from flask_babel import lazy_gettext

    from . import babel_domain
    from .auth.sessions import load_user
    from .i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories="translations")
    babel_domain.install(app, babel)
    bootstrap.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    # Flask-Login's own message is English: translate it when it is flashed, in the visitor's language.
    login_manager.login_message = lazy_gettext("Please log in to access this page.")
    login_manager.localize_callback = str
    login_manager.session_protection = "strong"


FEATURES = ("main", "auth", "companies", "admin", "questionnaires", "assessments", "actions", "events",
            "organizer", "advisors", "reviews", "progress", "reporting", "privacy", "programme", "evidence", "jobs")

# Modules defining job kinds (functions decorated with ``jobs.registry.job_kind``).
JOB_MODULES = ("reporting.jobs", "programme.jobs", "evidence.jobs", "events.jobs", "jobs.scheduled")


def register_input_checks(app):
    from .security import inputs

    inputs.register(app)


def register_blueprints(app):
    from . import i18n

    for feature in FEATURES:
        # Importing the views attaches the routes to the feature's blueprint.
        views = importlib.import_module(f"{__name__}.{feature}.views")
        app.register_blueprint(views.bp)
    importlib.import_module(f"{__name__}.reporting.jinja").configure(app)
    app.register_blueprint(i18n.bp)


def register_errorhandlers(app):
    from .errors import register

    register(app)


def register_request_hooks(app):
    from .mail import configure_logging
    from .security import headers

    headers.register(app)
    configure_logging(app)


def register_commands(app):
    # "flask questionnaires" and "flask assessments" are also plugin commands
    # (setup.cfg) so that they run when an invalid bank keeps the application from starting.
    from .assessments.cli import assessments_cli
    from .auth.cli import users_cli
    from .demo import demo_cli
    from .events.reminders import reminders_cli
    from .jobs.cli import jobs_cli
    from .privacy.cli import COMMANDS as privacy_commands
    from .programme.cli import programme_cli
    from .questionnaires.cli import questionnaires_cli

    for group in (users_cli, demo_cli, questionnaires_cli, assessments_cli, reminders_cli, programme_cli,
                  jobs_cli, *privacy_commands):
        app.cli.add_command(group)


def register_jobs(app):
    from .jobs.queue import KINDS
    from .jobs.registry import collect

    app.extensions[KINDS] = collect(f"{__name__}.{module}" for module in JOB_MODULES)


def load_questionnaires(app):
    from .questionnaires.services import load_bank

    load_bank(app)
