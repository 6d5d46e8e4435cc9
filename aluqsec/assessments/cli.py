"""``flask assessments``: score a file of answers, or print an empty one to fill in."""
import json

import click
from flask import Flask
from flask_babel import Babel

from ..questionnaires.bank import load_directory
from ..questionnaires.cli import bank_dir
from ..scoring.scope import SCOPING_QUESTIONS, scope_from
from ..scoring.scoring import score as compute_score
from ..scoring.scoring import to_json
from . import verdicts
from .results import readiness_row

LANGUAGES = ("fr", "en")


@click.group("assessments", help="Score answers against the questionnaire bank.")
def assessments_cli():
    pass


def _questionnaire(bank, questionnaire_id, version=None):
    questionnaire = bank.latest(questionnaire_id) if version is None else bank.get(questionnaire_id, version)
    if questionnaire is None:
        known = bank.latest(questionnaire_id)
        if known is None:
            raise click.ClickException(f"no questionnaire '{questionnaire_id}'")
        raise click.ClickException(f"no version '{version}' of questionnaire '{questionnaire_id}'")
    return questionnaire


def _read(file):
    try:
        data = json.load(file)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{file.name}: not valid JSON ({error})")
    if not isinstance(data, dict) or not isinstance(data.get("questionnaire"), str):
        raise click.ClickException(f'{file.name}: expected an object with "questionnaire", "version" and "answers"')
    if not isinstance(data.get("answers", {}), dict):
        raise click.ClickException(f'{file.name}: "answers" must be an object of question id: answer')
    targets = data.get("targets", [])
    if not isinstance(targets, list) or not all(isinstance(target, str) for target in targets):
        raise click.ClickException(f'{file.name}: "targets" must be a list of framework ids')
    if data.get("version") is not None and not isinstance(data["version"], str):
        raise click.ClickException(f'{file.name}: "version" must be a string such as "1.0"')
    try:
        data["scope"] = scope_from(data.get("scope"))
    except (TypeError, ValueError) as error:
        raise click.ClickException(f"{file.name}: {error}")
    return data


def _words(language):
    """Return an app context whose Babel speaks *language*, for the verdict words (no database needed)."""
    app = Flask("aluqsec")
    Babel(app, locale_selector=lambda: language, default_translation_directories="translations")
    return app.app_context()


def _explained(result, frameworks, language):
    """Add to each framework's readiness its verdict, count and rule in words, and the Level 2 notice."""
    with _words(language):
        for framework_id, data in result["readiness"].items():
            row = readiness_row(frameworks[framework_id], data, False, language)
            data["label"] = verdicts.verdict_label(row["verdict"], row["confirmation"])
            data["summary"] = verdicts.count_sentence(row)
            data["rule"] = verdicts.rule_sentence(row)
            data["notes"] = verdicts.notes(row)
        result["notices"] = [verdicts.level2_notice()] if result["level2_needed"] else []
        result["language"] = language
    return result


@assessments_cli.command("score")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--language", type=click.Choice(LANGUAGES), default="fr", show_default=True,
              help="Language of the verdict words.")
def score(file, language):
    """Print the scorecard, as JSON, of the answers in FILE ("-" for standard input).

    FILE holds {"questionnaire": id, "version": v, "answers": {question id: 0-5, "na",
    "unknown" or null}, "targets": [certification ids], "scope": {scoping question: answer}};
    without a version the latest one is used; without a scope, plant questions count everywhere.
    """
    data = _read(file)
    bank, _problems = load_directory(bank_dir())
    questionnaire = _questionnaire(bank, data["questionnaire"], data.get("version"))
    targets = data.get("targets", [])
    unknown_targets = [target for target in targets if target not in bank.frameworks]
    if unknown_targets:
        raise click.ClickException(f"unknown target framework '{unknown_targets[0]}'")
    try:
        scorecard = compute_score(questionnaire, bank.frameworks, data.get("answers", {}), targets,
                                  scope=data["scope"])
    except ValueError as error:
        raise click.ClickException(str(error))
    result = _explained(to_json(scorecard), bank.frameworks, language)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@assessments_cli.command("template")
@click.argument("questionnaire_id")
@click.option("--version", default=None, help="Questionnaire version; default: the latest.")
def template(questionnaire_id, version):
    """Print an answers file for QUESTIONNAIRE_ID with every answer and scoping answer left null.

    "scoping_questions" lists the allowed values of each scoping answer.
    """
    bank, _problems = load_directory(bank_dir())
    questionnaire = _questionnaire(bank, questionnaire_id, version)
    data = {"questionnaire": questionnaire.id, "version": questionnaire.version,
            "scoping_questions": SCOPING_QUESTIONS,
            "scope": dict.fromkeys(SCOPING_QUESTIONS),
            "answers": {question.id: None for question in questionnaire.questions}}
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
