"""practices.yaml: every question of every questionnaire belongs to exactly one practice."""
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from aluqsec.questionnaires.bank import load_directory
from aluqsec.questionnaires.cli import questionnaires_cli

BANK_DIR = Path(__file__).resolve().parents[2] / "questionnaires"


@pytest.fixture
def bank_copy(tmp_path, monkeypatch):
    copy = tmp_path / "questionnaires"
    shutil.copytree(BANK_DIR, copy, ignore=shutil.ignore_patterns("fragments"))
    monkeypatch.setenv("ALUQSEC_QUESTIONNAIRES_DIR", str(copy))
    return copy


def edit_practices(folder, change):
    path = folder / "practices.yaml"
    practices = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(practices)
    path.write_text(yaml.safe_dump(practices, allow_unicode=True, sort_keys=False), encoding="utf-8")


def check():
    return CliRunner().invoke(questionnaires_cli, ["check"])


def test_every_shipped_question_has_exactly_one_practice():
    bank, problems = load_directory(BANK_DIR)
    assert problems == []
    for questionnaire in bank.questionnaires.values():
        for question in questionnaire.questions:
            owners = [p.id for p in bank.practices.values() if question.id in p.questions]
            assert len(owners) == 1, question.id
    # The quick scan's question and its full-assessment counterpart are one action.
    assert bank.practice_of("qs-media-disposal") is bank.practice_of("ast-media-disposal")
    assert bank.practice_of("qs-mfa").title.en == "Require multi-factor authentication for email and remote access"


def test_practice_titles_and_reasons_are_bilingual_and_short():
    bank, _problems = load_directory(BANK_DIR)
    for practice in bank.practices.values():
        assert len(practice.title.fr) <= 100 and len(practice.title.en) <= 100, practice.id
        assert not practice.title.en.endswith("?") and not practice.title.fr.endswith("?")
        assert practice.why.fr.count(". ") <= 2 and practice.why.en.count(". ") <= 2, practice.id


def test_check_names_a_question_left_without_practice(bank_copy):
    edit_practices(bank_copy, lambda practices: practices[0]["questions"].remove("gov-leadership"))
    result = check()
    assert result.exit_code == 1
    assert "question 'gov-leadership' of 'baseline' 1.0 belongs to no practice" in result.output


def test_check_refuses_a_question_in_two_practices_and_an_unknown_one(bank_copy):
    def change(practices):
        practices[1]["questions"].append("gov-leadership")
        practices[2]["questions"].append("no-such-question")
    edit_practices(bank_copy, change)
    result = check()
    assert result.exit_code == 1
    assert "practices.yaml:" in result.output
    assert "[1].questions[2]: question 'gov-leadership' already belongs to practice 'gov-leadership'" in result.output
    assert "[2].questions[1]: unknown question 'no-such-question'" in result.output


def test_check_refuses_a_missing_practices_file(bank_copy):
    (bank_copy / "practices.yaml").unlink()
    result = check()
    assert result.exit_code == 1 and "practices.yaml: the file is missing" in result.output
