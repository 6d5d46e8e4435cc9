"""Questionnaire content 2.0: versions side by side, mappings that match each framework, Law 25 and OT content."""
import shutil
from pathlib import Path

import pytest

from aluqsec.questionnaires.bank import LOCK_FILE, load_directory, read_lock

BANK_DIR = Path(__file__).resolve().parents[2] / "questionnaires"
BANK, PROBLEMS = load_directory(BANK_DIR)
BASELINE = BANK.get("baseline", "2.0")
QUICK = BANK.get("quick-scan", "2.0")
OLD_BASELINE = BANK.get("baseline", "1.0")
OLD_QUICK = BANK.get("quick-scan", "1.0")

# The questions that v1 asked two things at once; v2 asks each thing under a new id.
SPLIT = {"acc-passwords": {"acc-password-rules", "acc-password-manager"},
         "net-website": {"net-website-maintenance", "net-website-admin"},
         "l25-collection-consent": {"l25-collection-notice", "l25-consent"},
         "l25-privacy-impact-assessment": {"l25-pia-systems", "l25-pia-transfers"},
         "inc-exercises-lessons": {"inc-exercises"},  # the "lessons" half is gov-lessons-learned
         "bkp-encryption": {"bkp-encrypted-copies", "bkp-key-custody"},
         "net-cloud-services": {"net-cloud-inventory", "net-cloud-configuration"}}

# Issue 10 point 3: the element each requirement needs, and the v2 question whose level 3 asks it
# (question id, words its level-3 text must contain).
LEVEL3_ELEMENTS = {
    ("cpcsc-l1", "03.05.01"): [("acc-sign-in", "authentication required everywhere"),
                               ("acc-screen-lock", "automatic lock")],
    ("cpcsc-l1", "03.05.03"): [("acc-mfa-onsite", "MFA required for every account, including signing in to computers")],
    ("cmmc-l1", "PE.L1-b.1.ix"): [("ppl-entry-records", "every entry")],
    ("cpcsc-l1", "03.10.07"): [("ppl-entry-records", "for everyone"), ("ppl-output-devices", "secure printing")],
    ("cpcsc-l1", "03.10.01"): [("ppl-physical-access-review", "review at least yearly"),
                               ("ppl-physical-access-review", "access removed on the day")],
    ("cmmc-l1", "SC.L1-b.1.x"): [("inc-logging", "Log sources defined")],
    ("cpcsc-l1", "03.13.01"): [("inc-logging", "Log sources defined")],
    ("cpcsc-l1", "03.01.01"): [("acc-inactive-accounts", "are disabled"),
                               ("acc-screen-lock", "idle sessions ended")],
}


def level3(question):
    return question.options[3].text.en


def test_both_versions_load_and_the_new_one_is_latest():
    assert PROBLEMS == []
    assert BANK.latest("baseline") is BASELINE and BANK.latest("quick-scan") is QUICK
    lock = read_lock(BANK_DIR / LOCK_FILE)
    for questionnaire in (OLD_BASELINE, OLD_QUICK, BASELINE, QUICK):
        assert lock[(questionnaire.id, questionnaire.version)] == questionnaire.content_hash
    # The v1 files are the ones published in the first lock lines, untouched.
    assert OLD_BASELINE.content_hash == "8bdb704c184491d130fca2761734c6adb0925d2edf8c12123b8ea79190c73eb7"
    assert OLD_QUICK.content_hash == "0f767ce35c8cbfb58d1ce7874e504b173a8d4069b9e95e4539026d3e5f61fb50"
    assert OLD_QUICK.question("qs-mfa") is not None and QUICK.question("qs-mfa") is None


def test_an_id_kept_in_v2_keeps_its_question():
    for old, new in ((OLD_BASELINE, BASELINE), (OLD_QUICK, QUICK)):
        for question in old.questions:
            kept = new.question(question.id)
            if kept is not None:
                assert kept.text.en == question.text.en, question.id


def test_double_barrelled_questions_are_split_under_new_ids():
    for old_id, new_ids in SPLIT.items():
        assert OLD_BASELINE.question(old_id) is not None
        assert BASELINE.question(old_id) is None
        for new_id in new_ids:
            assert BASELINE.question(new_id) is not None, new_id
            assert OLD_BASELINE.question(new_id) is None, f"{new_id} had another meaning in v1"
    assert {"qs-sign-in", "qs-mfa-all"} <= {q.id for q in QUICK.questions}


@pytest.mark.parametrize("framework_id", ["cmmc-l1", "cpcsc-l1", "cybersecure-canada", "nist-csf-2", "law25"])
def test_v2_baseline_asks_every_requirement(framework_id):
    served = {r for q in BASELINE.questions for r in q.requirements(framework_id)}
    missing = [r for r in BANK.frameworks[framework_id].requirements if r.id not in served]
    # Only a catalogue placeholder whose official content is still unverified may go unasked
    # (the 2 newest CyberSecure Canada baseline controls); everything else is asked.
    assert [r.id for r in missing if r.verified or framework_id != "cybersecure-canada"] == []


def test_quick_scan_maps_each_question_to_at_most_two_csf_categories():
    assert max(len(q.requirements("nist-csf-2")) for q in QUICK.questions) <= 2
    assert max(len(q.requirements("nist-csf-2")) for q in OLD_QUICK.questions) == 7  # the inflation fixed
    assert "DE.AE" not in QUICK.question("qs-antimalware").requirements("nist-csf-2")


@pytest.mark.parametrize("questionnaire", [BASELINE, QUICK], ids=["baseline", "quick-scan"])
def test_no_question_that_requires_mfa_at_level_3_decides_cmmc_level_1(questionnaire):
    # acc-external-systems names MFA only as an example of the conditions its policy sets.
    mfa = [q for q in questionnaire.questions if "MFA" in level3(q) and q.id != "acc-external-systems"]
    assert len(mfa) >= (8 if questionnaire is BASELINE else 1)
    for question in mfa:
        assert question.requirements("cmmc-l1") == (), question.id
    # MFA still decides CPCSC 03.05.03, which requires it.
    assert any("03.05.03" in q.requirements("cpcsc-l1") for q in mfa)


def test_stricter_than_framework_links_are_gone():
    # A 15-character passphrase and a password manager for everyone are not CMMC IA.L1-b.1.vi.
    for question_id in ("acc-password-rules", "acc-password-manager"):
        assert BASELINE.question(question_id).requirements("cmmc-l1") == ()
    # Encrypted USB keys at level 3 go beyond media sanitization (MP.L1-b.1.vii, 03.08.03).
    media = QUICK.question("qs-media-disposal")
    assert "encrypted" in level3(media)
    assert media.requirements("cmmc-l1") == () and media.requirements("cpcsc-l1") == ()
    # Something still authenticates people for IA.L1-b.1.vi without MFA.
    assert "IA.L1-b.1.vi" in QUICK.question("qs-sign-in").requirements("cmmc-l1")
    assert "MFA" not in level3(QUICK.question("qs-sign-in"))


@pytest.mark.parametrize("key", sorted(LEVEL3_ELEMENTS), ids=lambda key: key[1])
def test_each_named_requirement_has_a_question_asking_its_element_at_level_3(key):
    framework_id, requirement_id = key
    assert requirement_id not in dict(BASELINE.partial_coverage).get(framework_id, ())
    for question_id, words in LEVEL3_ELEMENTS[key]:
        question = BASELINE.question(question_id)
        assert requirement_id in question.requirements(framework_id), question_id
        assert words in level3(question), question_id


def test_partial_coverage_names_what_the_quick_scan_asks_only_in_part():
    partial = dict(QUICK.partial_coverage)
    assert {"03.05.01", "03.10.01", "03.10.07", "03.13.01", "03.01.01"} <= set(partial["cpcsc-l1"])
    assert {"PE.L1-b.1.ix", "SC.L1-b.1.x"} <= set(partial["cmmc-l1"])
    assert dict(BASELINE.partial_coverage) == {"cpcsc-l1": ("03.01.20", "03.01.22"), "cmmc-l1": ("AC.L1-b.1.iii",)}


def test_partial_coverage_must_name_a_requirement_some_question_serves(tmp_path):
    copy = tmp_path / "questionnaires"
    shutil.copytree(BANK_DIR, copy)
    path = copy / "quick-scan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "partial_coverage:\n", "partial_coverage:\n  law25: [L25-BIOMETRICS]\n", 1), encoding="utf-8")
    _bank, problems = load_directory(copy, check_lock=False)
    assert [p.message % dict(p.params) for p in problems] == [
        "requirement 'L25-BIOMETRICS' is not mapped by any question of this questionnaire"]


def test_law25_catalogue_and_questions():
    law = {r.id: r for r in BANK.frameworks["law25"].requirements}
    for verified in ("L25-INCIDENTS", "L25-INCIDENT-REGISTER", "L25-TRANSFER", "L25-TRANSPARENCY"):
        assert law[verified].verified, verified
    for unverified in ("L25-CONSENT", "L25-PROVIDERS"):
        assert not law[unverified].verified
    assert law["L25-BIOMETRICS"].reference.startswith("Act to establish a legal framework for information technology")
    assert "ss. 44-45" in law["L25-BIOMETRICS"].reference
    assert "s. 8.1" in law["L25-LOCATION-TECH"].reference and "ss. 27" in law["L25-ACCESS-RECTIFICATION"].reference
    register = level3(BASELINE.question("l25-incident-register-fields"))
    for field in ("information involved", "circumstances", "date of the incident", "date it was discovered",
                  "number of people affected", "risk assessment", "dates of notices", "measures taken"):
        assert field in register  # r. 3.1, s. 7
    assert "approved by the person in charge" in level3(BASELINE.question("l25-policies-approved"))
    biometrics = BASELINE.question("l25-biometrics")
    assert "express" in level3(biometrics) and "before going live" in level3(biometrics) and biometrics.na_allowed
    for question_id in ("l25-collection-notice", "l25-consent", "l25-access-rectification"):
        help_text = BASELINE.question(question_id).help
        assert "Business contact details" in help_text.en and "coordonnées d'affaires" in help_text.fr
    assert BASELINE.question("l25-video-surveillance").requirements("law25") == ("L25-TRANSPARENCY",)
    assert BASELINE.question("l25-location-tracking").requirements("law25") == ("L25-LOCATION-TECH",)


NEW_OT = ("ot-industrial-dmz", "ot-engineering-workstations", "ot-sis-separation", "ot-manual-operation",
          "ot-control-room-access", "ot-firmware-qualification")
NEW_IT = ("prt-host-firewall", "prt-vulnerability-watch", "ppl-travel-abroad")
# Level 3 needs someone technical to confirm: the help says whom to ask.
ASK_SOMEONE = {"ot-industrial-dmz": "integrator", "ot-engineering-workstations": "integrator",
               "ot-sis-separation": "integrator", "ot-firmware-qualification": "integrator",
               "prt-host-firewall": "IT provider", "prt-vulnerability-watch": "IT provider",
               "net-public-zone": "IT provider", "acc-device-authorization": "IT provider",
               "net-email-protection": "IT provider", "acc-mfa-onsite": "IT provider"}


@pytest.mark.parametrize("question_id", NEW_OT + NEW_IT)
def test_new_plant_and_it_questions_are_complete(question_id):
    question = BASELINE.question(question_id)
    assert [o.level for o in question.options] == [0, 1, 2, 3, 4, 5]
    assert len({o.text.en for o in question.options}) == 6 and len({o.text.fr for o in question.options}) == 6
    assert 1 <= question.weight <= 3 and question.effort in ("low", "medium", "high") and question.topics
    assert question.recommendation.fr and question.recommendation.en
    if question_id in NEW_OT:
        assert question.domain == "plant-floor" and "plant-floor-ot" in question.topics and question.na_allowed


@pytest.mark.parametrize("question_id", sorted(ASK_SOMEONE))
def test_technical_level_3_comes_with_whom_to_ask(question_id):
    help_text = BASELINE.question(question_id).help
    assert ASK_SOMEONE[question_id] in help_text.en
    assert ("intégrateur" if ASK_SOMEONE[question_id] == "integrator" else "fournisseur TI") in help_text.fr


def french_texts(questionnaire):
    for question in questionnaire.questions:
        yield question.text.fr
        yield question.help.fr
        yield question.recommendation.fr
        yield from (option.text.fr for option in question.options)


def test_french_corrections():
    french = list(french_texts(BASELINE))
    assert not any("ERP" in text for text in french)
    first = next(text for text in french if "PGI" in text)
    assert "progiciel de gestion intégré (PGI)" in first
    joined = "\n".join(french)
    assert "automates programmables industriels (API" in joined
    assert "sélecteur à clé (mode RUN/PROG)" in joined and "clé de mode" not in joined
    assert "anti-logiciels malveillants" in joined and "antimalware" not in joined
    english = "\n".join(q.help.en for q in BASELINE.questions)
    assert "Sûreté du Québec" in english and "Sûreté du Quebec" not in english
    assert "PCCC niveau 1 (CPCSC)" in BASELINE.description.fr
