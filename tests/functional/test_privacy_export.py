"""Take-away copies: complete for the company or the person, free of any other company's data, audited."""
import io
import json
import zipfile
from pathlib import Path

from sqlalchemy import select

from aluqsec.audit.models import AuditEvent
from aluqsec.extensions import db

from ..conftest import login, post
from .privacy_helpers import fill_company

DOCS = Path(__file__).resolve().parents[2] / "docs" / "export-format.md"


def _archive(response):
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    manifest = json.loads(archive.read("manifest.json"))
    assert sorted(manifest["files"]) == sorted(name for name in archive.namelist() if name != "manifest.json")
    documents = {name[:-5]: json.loads(archive.read(name)) for name in archive.namelist()
                 if name.endswith(".json") and name != "manifest.json"}
    return archive, manifest, documents


def _text_of(archive):
    """Every file of the archive as text (the XLSX is a ZIP of XML: its parts are read too)."""
    texts = []
    for name in archive.namelist():
        content = archive.read(name)
        if name.endswith(".xlsx"):
            inner = zipfile.ZipFile(io.BytesIO(content))
            texts += [inner.read(part).decode("utf-8", "replace") for part in inner.namelist()]
        elif not name.endswith(".pdf"):
            texts.append(content.decode("utf-8"))
    return "\n".join(texts)


def test_company_export_holds_everything_and_nothing_of_another_company(client, make):
    filled, _ = fill_company(make, "alpha")
    other, _ = fill_company(make, "beta")
    login(client, filled.owner.email)
    archive, manifest, documents = _archive(post(client, f"/privacy/companies/{filled.company.id}/export"))
    assert (manifest["format"], manifest["version"], manifest["kind"], manifest["id"]) == \
        ("aluqsec-export", 1, "company", filled.company.id)
    assert documents["company"]["legal_name"] == "Usine Alpha inc."
    assert {m["email"]: m["role"] for m in documents["members"]} == {
        filled.owner.email: "owner", filled.member.email: "member"}
    assert [i["email"] for i in documents["invitations"]] == ["newcomer-alpha@alpha.example"]
    assessments = {a["id"]: a for a in documents["assessments"]}
    assert set(assessments) == {filled.submitted.id, filled.draft.id}
    submitted = assessments[filled.submitted.id]
    assert submitted["scorecard"]["domains"] and submitted["status"] == "submitted"
    backups = next(a for a in submitted["answers"] if a["question_id"] == "qs-backups")
    assert (backups["value"], backups["validated_value"]) == ("1", "0")
    assert backups["note"] == "Backups on a USB key (secret-alpha)"
    assert [c["author"]["name"] for c in submitted["comments"]] == ["Advisor Alpha", "Owner Alpha"]
    assert [a["question_id"] for a in assessments[filled.draft.id]["answers"]] == ["qs-backups"]
    assert {item["question_id"] for item in documents["action_plan"]} >= {"qs-backups", "qs-mfa-all"}
    grants = {g["advisor"]["email"]: g for g in documents["advisor_grants"]}
    assert grants[filled.advisor.email]["status"] == "active"
    assert [h["action"] for h in grants[filled.advisor.email]["history"]] == ["granted"]
    assert [h["action"] for h in grants["adv2-alpha@alpha.example"]["history"]] == ["proposed"]
    assert documents["coaching"][0]["notes"] == "Coaching notes secret-alpha"
    assert documents["coaching"][0]["commitments"][0]["description"] == "Buy a second disk secret-alpha"
    assert documents["journeys"][0]["stage"] == "remediation"
    assert documents["registrations"][0]["person"]["name"] == "Owner Alpha"
    assert "companies.edited" in [entry["action"] for entry in documents["audit"]]
    evidence = documents["evidence"][0]
    assert (evidence["title"], evidence["review"], evidence["reviewed_by"]["name"]) == (
        "Registre secret-alpha", "accepted", "Advisor Alpha")
    assert evidence["requirements"] == [{"framework_id": "cybersecure-canada", "requirement_id": "3.1",
                                         "kind_id": "incident-plan"}]
    assert archive.read(evidence["versions"][0]["file"]) == b"Registre des incidents secret-alpha"
    assert [(a["framework_id"], a["official_name"], a["signed_on"]) for a in documents["attestations"]] == [
        ("cpcsc-l1", "Signataire secret-alpha", "2026-11-02")]
    assert archive.read("plan.csv").decode("utf-8-sig").startswith("Ordre;")  # a French user's separator
    assert archive.read("plan.xlsx")[:2] == b"PK"
    assert archive.read(f"reports/assessment-{filled.submitted.id}-fr.pdf")[:5] == b"%PDF-"
    assert not any(name.startswith(f"reports/assessment-{filled.draft.id}") for name in archive.namelist())
    everything = _text_of(archive)
    for foreign in (other.secret, "Usine Beta", other.company.neq, other.owner.email, other.advisor.email,
                    other.member.email, other.address, "token-", "alpha feedback"):
        assert foreign not in everything, foreign
    assert filled.address not in everything  # network addresses are not the company's to see
    actions = list(db.session.scalars(select(AuditEvent.target).where(AuditEvent.action == "privacy.company_exported")))
    assert actions == [f"company:{filled.company.id}"]


def test_personal_export_holds_the_person_and_no_one_else(client, make):
    filled, _ = fill_company(make, "alpha")
    other, _ = fill_company(make, "beta")
    login(client, filled.owner.email)
    archive, manifest, documents = _archive(post(client, "/privacy/me/export"))
    assert (manifest["kind"], manifest["id"]) == ("user", filled.owner.id)
    assert documents["profile"]["email"] == filled.owner.email
    assert [m["company"]["legal_name"] for m in documents["memberships"]] == ["Usine Alpha inc."]
    assert [c["context"] for c in documents["consents"]] == ["signup"]
    assert filled.address in [a["address"] for a in documents["login_attempts"]]
    assert "auth.login" in [entry["action"] for entry in documents["activity"]]
    assert documents["mail_sent_to_you"][0]["subject"] == "Invitation à Usine Alpha inc."
    assert documents["registrations"][0]["status"] == "confirmed"
    assert [(f["usefulness"], f["will_apply"]) for f in documents["feedback"]] == \
        [(4, "Test our restores (alpha feedback)")]
    everything = _text_of(archive)
    for foreign in (other.secret, "Usine Beta", other.owner.email, filled.member.email, filled.advisor.email,
                    other.address, "password_hash", "$argon2", "token-", "beta feedback"):
        assert foreign not in everything, foreign
    assert db.session.scalar(select(AuditEvent.target).where(AuditEvent.action == "privacy.user_exported")) == \
        f"user:{filled.owner.id}"


def test_advisor_export_lists_access_but_not_the_companies_records(client, make):
    filled, _ = fill_company(make, "alpha")
    login(client, filled.advisor.email)
    _, _, documents = _archive(post(client, "/privacy/me/export"))
    assert [(g["company"]["legal_name"], g["status"]) for g in documents["advisor_access"]] == \
        [("Usine Alpha inc.", "active")]
    assert filled.secret not in json.dumps(documents)


def test_exports_need_a_csrf_token_and_a_session(client, make):
    filled, _ = fill_company(make, "alpha")
    assert client.post("/privacy/me/export").status_code in (302, 400)
    login(client, filled.owner.email)
    assert client.post("/privacy/me/export").status_code == 400
    assert client.post(f"/privacy/companies/{filled.company.id}/export").status_code == 400
    assert client.get("/privacy/me/export").status_code == 405


def test_export_format_documents_every_file(client, make):
    filled, _ = fill_company(make, "alpha")
    login(client, filled.owner.email)
    _, company_manifest, _ = _archive(post(client, f"/privacy/companies/{filled.company.id}/export"))
    _, user_manifest, _ = _archive(post(client, "/privacy/me/export"))
    docs = DOCS.read_text()
    for name in {*company_manifest["files"], *user_manifest["files"], "manifest.json"}:
        documented = {"reports": "reports/assessment-<id>-<lang>.pdf",
                      "evidence": "evidence/<item id>/v<number>-<file name>"}.get(name.split("/")[0], name)
        assert f"`{documented}`" in docs, documented
