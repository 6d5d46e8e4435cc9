"""``flask questionnaires``: check, publish and inspect the bank.

These commands work without starting the application, so that ``check`` can
report on a bank that would stop the application from starting.
"""
import json
import os
from pathlib import Path

import click

from .bank import LOCK_FILE, load_directory, read_lock, write_lock
from .coverage import coverage as compute_coverage

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "questionnaires"


def bank_dir():
    return Path(os.environ.get("ALUQSEC_QUESTIONNAIRES_DIR") or DEFAULT_DIR)


@click.group("questionnaires", help="Check, publish and inspect the questionnaire bank.")
def questionnaires_cli():
    pass


@questionnaires_cli.command("check")
def check():
    """Validate every file; exit 1 with the list of problems when any."""
    bank, problems = load_directory(bank_dir())
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        raise SystemExit(1)
    count = sum(len(q.questions) for q in bank.questionnaires.values())
    click.echo(f"OK: {len(bank.questionnaires)} questionnaire versions, {count} questions, "
               f"{len(bank.frameworks)} frameworks, {len(bank.topics)} topics.")


@questionnaires_cli.command("publish")
def publish():
    """Record the content hash of every valid version not yet published."""
    root = bank_dir()
    bank, problems = load_directory(root, check_lock=False)
    if problems:
        for problem in problems:
            click.echo(str(problem))
        raise click.ClickException("fix the problems above before publishing")
    lock = read_lock(root / LOCK_FILE)
    added = []
    for key, questionnaire in sorted(bank.questionnaires.items()):
        if key not in lock:
            lock[key] = questionnaire.content_hash
            added.append(f"{key[0]} {key[1]}")
        elif lock[key] != questionnaire.content_hash:
            raise click.ClickException(
                f"{key[0]} {key[1]} is published with other content: give the edited file a new version")
    write_lock(root / LOCK_FILE, lock)
    click.echo("published: " + (", ".join(added) if added else "nothing new"))


def _selected(bank, questionnaire_id):
    if questionnaire_id:
        questionnaire = bank.latest(questionnaire_id)
        if questionnaire is None:
            raise click.ClickException(f"no questionnaire '{questionnaire_id}'")
        return [questionnaire]
    return bank.latest_versions()


@questionnaires_cli.command("coverage")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--questionnaire", "questionnaire_id", default=None,
              help="Only this questionnaire (latest version); default: all of them.")
def coverage(as_json, questionnaire_id):
    """Show, per framework, the questions serving each requirement, partial and uncovered ones."""
    bank, problems = load_directory(bank_dir(), check_lock=False)
    result = compute_coverage(_selected(bank, questionnaire_id), bank.frameworks)
    if as_json:
        click.echo(json.dumps({"frameworks": result}, indent=2, ensure_ascii=False))
        return
    for framework_id, data in result.items():
        covered = len(data["requirements"]) - len(data["uncovered"])
        partial = f", {len(data['partial'])} only in part" if data["partial"] else ""
        click.echo(f"{framework_id}: {covered}/{len(data['requirements'])} requirements covered{partial}")
        for requirement_id, served in data["requirements"].items():
            note = " (partial)" if served["coverage"] == "partial" else ""
            click.echo(f"  {requirement_id:<22} {', '.join(served['questions']) or '-- uncovered --'}{note}")


@questionnaires_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_(as_json):
    """List the questionnaire versions of the bank."""
    bank, _problems = load_directory(bank_dir(), check_lock=False)
    rows = [{"id": q.id, "version": q.version, "title": {"fr": q.title.fr, "en": q.title.en},
             "questions": len(q.questions)}
            for _key, q in sorted(bank.questionnaires.items())]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['id']:<16} {row['version']:<8} {row['questions']:>4} questions  {row['title']['fr']}")
