"""Evidence kinds in the framework catalogues: shipped for the four certifications, validated by the bank check."""
import pytest

from aluqsec import PROJECT_ROOT
from aluqsec.questionnaires.bank import load_directory
from aluqsec.questionnaires.validator import check_framework
from aluqsec.questionnaires.yamlsource import parse

HEAD = """id: demo
name: {fr: "Démo", en: "Demo"}
version: "1"
certification: true
threshold: 3
verdict: met-not-met
source: "test"
requirements:
  - id: R1
    title: {fr: "Exigence", en: "Requirement"}
    verified: true
"""


def _check(evidence):
    framework, problems = check_framework(parse(HEAD + evidence, "frameworks/demo.yaml"))
    return framework, [problem.message % dict(problem.params) for problem in problems]


def test_the_four_certifications_list_one_to_three_evidence_kinds_per_requirement():
    bank, problems = load_directory(PROJECT_ROOT / "questionnaires")
    assert problems == []
    for framework_id in ("cybersecure-canada", "cpcsc-l1", "cmmc-l1", "law25"):
        framework = bank.frameworks[framework_id]
        for requirement in framework.requirements:
            assert 1 <= len(requirement.evidence) <= 3, (framework_id, requirement.id)
            for kind in requirement.evidence:
                assert kind.text.fr and kind.text.en and kind.text.fr != kind.text.en
    assert len(bank.frameworks["cmmc-l1"].requirements) == 15
    incident = bank.frameworks["cybersecure-canada"].requirement("3.1")
    assert [k.id for k in incident.evidence] == ["incident-plan", "incident-contacts"]
    assert incident.evidence[0].max_age_days == 365


def test_valid_evidence_kinds_are_read():
    framework, problems = _check("""    evidence:
      - id: signed-plan
        text: {fr: "Plan signé", en: "Signed plan"}
        max_age_days: 365
""")
    assert problems == []
    kind = framework.requirements[0].evidence[0]
    assert (kind.id, kind.text.en, kind.max_age_days) == ("signed-plan", "Signed plan", 365)


@pytest.mark.parametrize(("evidence", "message"), [
    ("    evidence: []\n", "evidence must list 1 to 3 kinds"),
    ("    evidence:\n" + "".join(f"      - id: k{n}\n        text: {{fr: \"F{n}\", en: \"E{n}\"}}\n" for n in range(4)),
     "evidence must list 1 to 3 kinds"),
    ("    evidence:\n      - id: k\n        text: {fr: \"Plan\"}\n", "the English text is missing"),
    ("    evidence:\n      - id: Bad_Id\n        text: {fr: \"Plan\", en: \"Plan doc\"}\n",
     "id must be lower-case letters, digits and dashes"),
    ("    evidence:\n      - id: k\n        text: {fr: \"A\", en: \"B\"}\n"
     "      - id: k\n        text: {fr: \"C\", en: \"D\"}\n",
     "duplicate id 'k'"),
    ("    evidence:\n      - id: k\n        text: {fr: \"A\", en: \"B\"}\n        max_age_days: 0\n",
     "max_age_days must be a whole number of days from 1 to 3660"),
    ("    evidence:\n      - id: k\n        text: {fr: \"A\", en: \"B\"}\n        expires: yes\n",
     "unknown key 'expires'"),
])
def test_bad_evidence_kinds_are_reported(evidence, message):
    framework, problems = _check(evidence)
    assert framework is None
    assert message in problems
