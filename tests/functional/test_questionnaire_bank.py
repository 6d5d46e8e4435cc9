"""The shipped bank, its command line and its immutability."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aluqsec import create_app
from aluqsec.questionnaires.bank import load_directory
from aluqsec.questionnaires.cli import questionnaires_cli
from aluqsec.questionnaires.services import InvalidBank

from ..conftest import config_for

BANK_DIR = Path(__file__).resolve().parents[2] / "questionnaires"
CERTIFYING = {"cybersecure-canada": 18, "cpcsc-l1": 13, "cmmc-l1": 15, "nist-csf-2": 22}


@pytest.fixture
def bank_copy(tmp_path, monkeypatch):
    copy = tmp_path / "questionnaires"
    shutil.copytree(BANK_DIR, copy, ignore=shutil.ignore_patterns("fragments"))
    monkeypatch.setenv("ALUQSEC_QUESTIONNAIRES_DIR", str(copy))
    return copy


def run(*args):
    return CliRunner().invoke(questionnaires_cli, list(args))


def test_shipped_bank_validates():
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: ")


def test_coverage_is_complete_for_the_certifications_and_csf():
    result = run("coverage", "--json", "--questionnaire", "baseline")
    frameworks = json.loads(result.output)["frameworks"]
    for framework_id, count in CERTIFYING.items():
        # the 2 new CyberSecure Canada baseline controls are not verified yet: no question can serve them
        unverified = ["BASELINE-NEW-1", "BASELINE-NEW-2"] if framework_id == "cybersecure-canada" else []
        assert frameworks[framework_id]["uncovered"] == unverified
        assert len(frameworks[framework_id]["requirements"]) == count
    assert frameworks["cybersecure-canada"]["requirements"]["3.13"]  # portable media is served
    assert "cmmc-l1" in frameworks and "AC.L1-b.1.i" in frameworks["cmmc-l1"]["requirements"]


def test_quick_scan_is_short_and_maps_onto_the_same_frameworks():
    bank, _problems = load_directory(BANK_DIR)
    quick = bank.latest("quick-scan")
    assert len(quick.questions) <= 16
    frameworks = {f for q in quick.questions for f, _reqs in q.mappings}
    assert {"cybersecure-canada", "cpcsc-l1", "cmmc-l1", "nist-csf-2"} <= frameworks


def test_full_assessment_has_plant_floor_and_law25_domains():
    bank, _problems = load_directory(BANK_DIR)
    baseline = bank.latest("baseline")
    assert 70 <= len(baseline.questions) <= 120
    domains = {d.id: d for d in baseline.domains}
    assert "plant-floor-ot" in domains["plant-floor"].topics
    assert all(q.na_allowed for q in domains["plant-floor"].questions)
    assert {"law25"} <= {f for q in domains["law25"].questions for f, _r in q.mappings}


def test_every_text_is_bilingual_and_every_reference_exists():
    bank, problems = load_directory(BANK_DIR)
    assert problems == []
    for questionnaire in bank.questionnaires.values():
        for question in questionnaire.questions:
            texts = [question.text, question.help, question.recommendation] + [o.text for o in question.options]
            for text in texts:
                assert text.fr and text.en and text.fr != text.en, question.id
            assert set(question.topics) <= set(bank.topics)
            for framework_id, requirements in question.mappings:
                framework = bank.frameworks[framework_id]
                assert set(requirements) <= {r.id for r in framework.requirements}


def test_list_json_gives_each_version():
    rows = json.loads(run("list", "--json").output)
    by_id = {row["id"]: row for row in rows}
    assert by_id["baseline"]["version"] == "2.0"
    assert by_id["baseline"]["title"]["fr"] == "Évaluation complète AluQSec"
    assert by_id["quick-scan"]["questions"] <= 16


def test_check_reports_problems_and_exits_1(bank_copy):
    path = bank_copy / "quick-scan.yaml"
    path.write_text(path.read_text().replace("weight: 3", "weight: 9", 1))
    result = run("check")
    assert result.exit_code == 1
    assert "quick-scan.yaml:" in result.output and "weight must be 1-3" in result.output


def test_editing_a_published_version_is_refused(bank_copy):
    path = bank_copy / "baseline-1.0.yaml"
    path.write_text(path.read_text().replace("La direction n'aborde jamais", "La direction ignore", 1))
    result = run("check")
    assert result.exit_code == 1
    assert ("version 1.0 of 'baseline' is published and cannot change: "
            "save the edited questionnaire under a new version") in result.output
    assert run("publish").exit_code != 0


def test_new_version_is_published_and_old_one_stays_loadable(bank_copy):
    old = (bank_copy / "quick-scan.yaml").read_text()
    (bank_copy / "quick-scan-2.1.yaml").write_text(
        old.replace('version: "2.0"', 'version: "2.1"', 1).replace("weight: 3", "weight: 2", 1))
    assert run("check").exit_code == 1  # not yet published
    assert "quick-scan 2.1" in run("publish").output
    assert run("check").exit_code == 0
    bank, _problems = load_directory(bank_copy)
    assert bank.latest("quick-scan").version == "2.1"
    assert bank.get("quick-scan", "2.0") is not None and bank.get("quick-scan", "1.0") is not None


def test_application_refuses_to_start_on_an_invalid_bank(bank_copy, database_url):
    path = bank_copy / "quick-scan.yaml"
    path.write_text(path.read_text().replace("effort: low", "effort: tiny", 1))
    with pytest.raises(InvalidBank) as error:
        create_app(config_for(database_url, QUESTIONNAIRES_DIR=str(bank_copy)))
    assert "effort must be low, medium or high" in str(error.value)
    assert "quick-scan.yaml:" in str(error.value)


def test_coverage_json_says_full_or_partial_per_requirement(bank_copy):
    quick = (bank_copy / "quick-scan.yaml").read_text(encoding="utf-8")
    partial = quick.replace('version: "1.0"', 'version: "1.1-test"', 1)
    partial += "\npartial_coverage:\n  cpcsc-l1: [\"03.05.01\", \"03.10.07\"]\n"
    (bank_copy / "quick-scan-partial.yaml").write_text(partial, encoding="utf-8")
    result = run("coverage", "--json", "--questionnaire", "quick-scan")
    assert result.exit_code == 0, result.output
    cpcsc = json.loads(result.output)["frameworks"]["cpcsc-l1"]
    assert cpcsc["requirements"]["03.05.01"] == {"questions": ["qs-accounts", "qs-mfa"], "coverage": "partial"}
    assert cpcsc["requirements"]["03.05.02"]["coverage"] == "full"
    assert cpcsc["requirements"]["03.01.22"] == {"questions": [], "coverage": "none"}
    assert cpcsc["partial"] == ["03.05.01", "03.10.07"]
    assert cpcsc["uncovered"] == ["03.01.22"]
    text = run("coverage", "--questionnaire", "quick-scan").output
    assert "cpcsc-l1: 12/13 requirements covered, 2 only in part" in text
