"""Evidence rules: expiry, the evidence-complete requirement, CMMC "ready to affirm", file sniffing."""
import io
import zipfile
from datetime import date

import pytest

from aluqsec.evidence import rules, sniff
from aluqsec.evidence.rules import ACCEPTED, NEEDS_WORK, PENDING, Proof
from aluqsec.questionnaires.schema import EvidenceKind, Text

TODAY = date(2026, 12, 1)
PLAN = EvidenceKind("incident-plan", Text("Plan signé", "Signed plan"), max_age_days=365)
CONTACTS = EvidenceKind("incident-contacts", Text("Contacts", "Contacts"))


def proof(kind, review, dated_on=date(2026, 6, 1), valid_until=None):
    return Proof(kind.id, review, dated_on, valid_until)


# Hand-computed: (proofs, status of PLAN, status of CONTACTS, complete?)
TABLE = [
    ([], "missing", "missing", False),
    ([proof(PLAN, ACCEPTED)], "accepted", "missing", False),
    ([proof(PLAN, ACCEPTED), proof(CONTACTS, PENDING)], "accepted", "awaiting-review", False),
    ([proof(PLAN, ACCEPTED), proof(CONTACTS, NEEDS_WORK)], "accepted", "needs-work", False),
    ([proof(PLAN, ACCEPTED), proof(CONTACTS, ACCEPTED)], "accepted", "accepted", True),
    # dated 2025-11-30: 365 days later is 2026-11-30, before today: expired
    ([proof(PLAN, ACCEPTED, date(2025, 11, 30)), proof(CONTACTS, ACCEPTED)], "expired", "accepted", False),
    # dated 2025-12-01: counts through 2026-12-01, today included
    ([proof(PLAN, ACCEPTED, date(2025, 12, 1)), proof(CONTACTS, ACCEPTED)], "accepted", "accepted", True),
    # valid-until in the past wins over a kind without max age
    ([proof(PLAN, ACCEPTED), proof(CONTACTS, ACCEPTED, valid_until=date(2026, 11, 30))], "accepted", "expired", False),
    # an expired accepted item and a current one needing work: needs work
    ([proof(PLAN, ACCEPTED, date(2024, 1, 1)), proof(PLAN, NEEDS_WORK), proof(CONTACTS, ACCEPTED)],
     "needs-work", "accepted", False),
    # one accepted item is enough even beside one sent back
    ([proof(PLAN, NEEDS_WORK), proof(PLAN, ACCEPTED), proof(CONTACTS, ACCEPTED, valid_until=TODAY)],
     "accepted", "accepted", True),
]


@pytest.mark.parametrize(("proofs", "plan", "contacts", "complete"), TABLE)
def test_evidence_complete_follows_the_hand_computed_table(proofs, plan, contacts, complete):
    assert rules.kind_status(PLAN, proofs, TODAY) == plan
    assert rules.kind_status(CONTACTS, proofs, TODAY) == contacts
    assert rules.evidence_complete((PLAN, CONTACTS), proofs, TODAY) is complete


def test_a_requirement_without_expected_kinds_is_never_evidence_complete():
    assert rules.evidence_complete((), [proof(PLAN, ACCEPTED)], TODAY) is False


def test_expiry_is_the_earlier_of_valid_until_and_max_age():
    item = proof(PLAN, ACCEPTED, date(2026, 1, 1), valid_until=date(2026, 6, 30))
    assert rules.expires_on(item, 365) == date(2026, 6, 30)
    assert rules.expires_on(item, 30) == date(2026, 1, 31)
    assert rules.expires_on(proof(CONTACTS, ACCEPTED), None) is None


MET, NOT_MET, NOT_ASSESSED = rules.MET, rules.NOT_MET, rules.NOT_ASSESSED


@pytest.mark.parametrize(("rows", "ready"), [
    ([(MET, True)] * 15, True),
    ([(MET, True)] * 14, False),  # a requirement missing from the list is not met
    ([(MET, True)] * 14 + [(MET, False)], False),  # met without complete evidence
    ([(MET, True)] * 14 + [(NOT_MET, True)], False),  # evidence accepted but declared not met
    ([(MET, True)] * 14 + [(NOT_ASSESSED, True)], False),
    ([], False),
])
def test_cmmc_ready_to_affirm_only_when_all_15_are_met_with_evidence(rows, ready):
    assert rules.ready_to_affirm(rows, 15) is ready
    assert [rules.sprs_status(d, c) for d, c in rows].count("MET") == sum(1 for d, c in rows if d == MET and c)


def _office(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in parts:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX = _office(["[Content_Types].xml", "word/document.xml"])


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("plan.pdf", b"%PDF-1.7\n...", ("pdf", None)),
    ("plan.pdf", b"<!doctype html><script>alert(1)</script>", (None, "type")),
    ("plan.pdf", b"  <html><body>hi</body></html>", (None, "type")),
    ("notes.txt", b"<svg onload=alert(1)>", (None, "type")),
    ("capture.png", b"\x89PNG\r\n\x1a\n\x00\x00", ("png", None)),
    ("capture.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", ("jpeg", None)),
    ("capture.png", b"\xff\xd8\xff\xe0\x00\x10JFIF", (None, "name")),
    ("policy.docx", DOCX, ("docx", None)),
    ("register.xlsx", _office(["[Content_Types].xml", "xl/workbook.xml"]), ("xlsx", None)),
    ("macro.docx", _office(["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]), (None, "type")),
    ("archive.docx", _office(["readme.txt"]), (None, "type")),
    ("notes.txt", "Registre tenu à jour.\n".encode(), ("text", None)),
    ("notes.txt", b"\x00\x01binary", (None, "type")),
    ("notes.txt", b"\xff\xfe\xfa", (None, "type")),
    ("program.exe", b"MZ\x90\x00", (None, "type")),
    ("empty.txt", b"", (None, "type")),
])
def test_file_type_comes_from_the_bytes_and_must_match_the_name(name, data, expected):
    assert sniff.check(name, data) == expected


@pytest.mark.parametrize(("dated_on", "valid_until", "max_ages", "expiry"), [
    (date(2026, 1, 1), None, [], None),  # a note with no end and kinds without age limit
    (date(2026, 1, 1), None, [None, 365], date(2027, 1, 1)),
    (date(2026, 1, 1), None, [365, 90], date(2026, 4, 1)),  # the strictest kind it serves
    (date(2026, 1, 1), date(2026, 3, 1), [365, 90], date(2026, 3, 1)),
    (date(2026, 1, 1), date(2026, 6, 1), [90], date(2026, 4, 1)),
])
def test_an_item_stops_counting_at_the_earliest_of_its_end_and_its_kinds_ages(dated_on, valid_until, max_ages,
                                                                               expiry):
    assert rules.item_expiry(dated_on, valid_until, max_ages) == expiry


@pytest.mark.parametrize(("today", "leads"), [
    (date(2026, 10, 31), []),  # 31 days ahead
    (date(2026, 11, 1), [30]),
    (date(2026, 11, 23), [30]),
    (date(2026, 11, 24), [30, 7]),  # a job that never ran since still sends the 30-day one
    (date(2026, 12, 1), [30, 7]),  # the last day it counts
    (date(2026, 12, 2), []),  # expired: too late for a reminder
])
def test_reminders_are_due_30_and_7_days_before_expiry_until_it(today, leads):
    assert rules.leads_due(date(2026, 12, 1), today) == leads
    assert rules.leads_due(None, today) == []
