"""The validator reports each problem with its file, line and path."""
from pathlib import Path

import pytest

from aluqsec.questionnaires.bank import check_upload, load_directory
from aluqsec.questionnaires.rules import check_questionnaire, content_hash
from aluqsec.questionnaires.yamlsource import Problem, parse

BANK_DIR = Path(__file__).resolve().parents[2] / "questionnaires"
VALID = (Path(__file__).resolve().parents[1] / "fixtures" / "questionnaires" / "valid.yaml").read_text()


@pytest.fixture(scope="module")
def bank():
    loaded, problems = load_directory(BANK_DIR)
    assert problems == []
    return loaded


def check(text, bank):
    source = parse(text, "questionnaires/pilot.yaml")
    if isinstance(source, Problem):
        return None, [str(source)]
    questionnaire, problems = check_questionnaire(source, bank.topics, bank.frameworks)
    return questionnaire, [str(p) for p in problems]


def test_valid_fixture_passes_and_resolves_aliases(bank):
    questionnaire, problems = check(VALID, bank)
    assert problems == []
    question = questionnaire.question("pilot-backups")
    assert question.requirements("cmmc-l1") == ("AC.L1-b.1.i",)  # legacy alias resolved
    assert question.requirements("cybersecure-canada") == ("3.7",)


# (replace this, with that) -> the one expected report line
INVALID = [
    ("          - {level: 5, text:", "          - {level: 6, text:",
     "questionnaires/pilot.yaml:19 domains[0].questions[0].options[5].level: level must be 0-5"),
    ("        weight: 3", "        weight: 4",
     "questionnaires/pilot.yaml:21 domains[0].questions[0].weight: weight must be 1-3"),
    ("        effort: medium", "        effort: huge",
     "questionnaires/pilot.yaml:22 domains[0].questions[0].effort: effort must be low, medium or high"),
    ("        topics: [backup-recovery]\n        mappings", "        topics: [backups]\n        mappings",
     "questionnaires/pilot.yaml:23 domains[0].questions[0].topics[0]: unknown topic 'backups'"),
    ('          cybersecure-canada: ["3.7"]', '          cyber-secure: ["3.7"]',
     "questionnaires/pilot.yaml:25 domains[0].questions[0].mappings.cyber-secure: unknown framework 'cyber-secure'"),
    ('          cybersecure-canada: ["3.7"]', '          cybersecure-canada: ["3.14"]',
     "questionnaires/pilot.yaml:25 domains[0].questions[0].mappings.cybersecure-canada[0]: "
     "unknown requirement '3.14' in cybersecure-canada"),
    ('          cybersecure-canada: ["3.7"]', '          cybersecure-canada: [3.7]',
     "questionnaires/pilot.yaml:25 domains[0].questions[0].mappings.cybersecure-canada[0]: "
     "requirement ids must be quoted strings"),
    ('        help: {fr: "Elles permettent de repartir.", en: "They let you start again."}',
     '        help: {fr: "Elles permettent de repartir."}',
     "questionnaires/pilot.yaml:12 domains[0].questions[0].help: missing the en text"),
    ('        text: {fr: "Faites-vous des sauvegardes?", en: "Do you make backups?"}',
     '        text: {fr: "Backups?", en: "Backups?"}',
     "questionnaires/pilot.yaml:11 domains[0].questions[0].text: the French and English texts are identical"),
    ("        na_allowed: false", "        na_allowed: false\n        owner: Marie",
     "questionnaires/pilot.yaml:21 domains[0].questions[0].owner: unknown key 'owner'"),
    ('title: {fr: "Questionnaire pilote", en: "Pilot questionnaire"}',
     'title: {fr: "Questionnaire pilote", en: "Pilot questionnaire", es: "Cuestionario"}',
     "questionnaires/pilot.yaml:3 title.es: unknown key 'es'"),
    ('version: "1.0"', "version: 1.0",
     "questionnaires/pilot.yaml:2 version: must be a quoted, non-empty string"),
    ("          - {level: 5, text: {fr: \"Automatiques et testées.\", en: \"Automatic and tested.\"}}\n", "",
     "questionnaires/pilot.yaml:13 domains[0].questions[0].options: "
     "must list the six levels 0 to 5, once each and in order"),
]


@pytest.mark.parametrize("old,new,expected", INVALID, ids=[case[2].split(": ")[-1] for case in INVALID])
def test_each_invalid_file_gives_its_precise_message_and_location(bank, old, new, expected):
    assert old in VALID
    _questionnaire, problems = check(VALID.replace(old, new, 1), bank)
    assert problems == [expected]


def test_duplicate_question_ids_and_all_problems_reported_at_once(bank):
    text = VALID.replace("weight: 3", "weight: 0").replace("effort: medium", "effort: none")
    first_question = text[text.index("      - id: pilot-backups"):]
    text = text + first_question
    _questionnaire, problems = check(text, bank)
    assert "questionnaires/pilot.yaml:29 domains[0].questions[1].id: duplicate id 'pilot-backups'" in problems
    assert len([p for p in problems if "weight must be 1-3" in p]) == 2
    assert len([p for p in problems if "effort must be" in p]) == 2


def test_duplicate_yaml_key_is_reported(bank):
    text = VALID.replace("        weight: 3", "        weight: 3\n        weight: 2")
    _questionnaire, problems = check(text, bank)
    assert "questionnaires/pilot.yaml:22 domains[0].questions[0].weight: key given twice (line 22)" in problems


def test_broken_yaml_is_reported_with_its_line(bank):
    _questionnaire, problems = check(VALID.replace("        weight: 3", "        weight: [3"), bank)
    assert len(problems) == 1 and problems[0].startswith("questionnaires/pilot.yaml:2")
    assert "not valid YAML" in problems[0]


def test_content_hash_ignores_comments_and_layout_but_not_content():
    source = parse(VALID, "a.yaml").data
    reformatted = parse("# a comment\n" + VALID.replace("fr: \"Jamais.\", en: \"Never.\"",
                                                        "en: \"Never.\", fr: \"Jamais.\""), "b.yaml").data
    edited = parse(VALID.replace("Jamais.", "Jamais!"), "c.yaml").data
    assert content_hash(source) == content_hash(reformatted)
    assert content_hash(source) != content_hash(edited)


def test_upload_of_an_existing_version_is_refused(bank):
    text = (BANK_DIR / "quick-scan-1.0.yaml").read_text()
    questionnaire, problems = check_upload(text, "quick-scan.yaml", bank, published={})
    assert questionnaire is None
    assert [str(p) for p in problems] == [
        "quick-scan.yaml:2 version: version 1.0 of 'quick-scan' is already published: give it a new version"]


def test_partial_coverage_is_read_with_aliases_resolved(bank):
    questionnaire, problems = check(VALID + "partial_coverage:\n  cmmc-l1: [AC.L1-3.1.1]\n", bank)
    assert problems == []
    assert questionnaire.partly_assessed("cmmc-l1") == ("AC.L1-b.1.i",)
    assert questionnaire.partly_assessed("cpcsc-l1") == ()


@pytest.mark.parametrize("declared,expected", [
    ("  iso-27001: [A.5]\n", "partial_coverage.iso-27001: unknown framework 'iso-27001'"),
    ("  cmmc-l1: [XX.L1-b.1.i]\n", "partial_coverage.cmmc-l1[0]: unknown requirement 'XX.L1-b.1.i' in cmmc-l1"),
    ("  cmmc-l1: [MP.L1-b.1.vii]\n",
     "partial_coverage.cmmc-l1[0]: requirement 'MP.L1-b.1.vii' is not mapped by any question of this questionnaire"),
    ("  cmmc-l1: []\n", "partial_coverage.cmmc-l1: must be a non-empty list of requirement ids"),
])
def test_partial_coverage_names_only_known_requirements_the_questionnaire_maps(bank, declared, expected):
    _questionnaire, problems = check(VALID + "partial_coverage:\n" + declared, bank)
    assert len(problems) == 1 and problems[0].endswith(expected)
