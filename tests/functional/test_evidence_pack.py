"""The audit pack read back as its reader gets it: ZIP listing, index.csv, the cover PDF's text, SPRS list."""
import csv
import io
import subprocess
import zipfile
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from aluqsec.audit.models import AuditEvent
from aluqsec.auth.models import Role
from aluqsec.evidence.services import create_item, set_review
from aluqsec.extensions import db
from aluqsec.questionnaires.services import get_bank

from ..conftest import login, post
from .evidence_helpers import PDF, item_id, upload
from .job_helpers import prepare_and_download


@pytest.fixture(autouse=True)
def evidence_dir(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EVIDENCE_DIR", str(tmp_path / "evidence"))


def _pdf_text(data, tmp_path):
    path = tmp_path / "cover.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


def _zip(response):
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith('attachment; filename="audit-pack-')
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    return zipfile.ZipFile(io.BytesIO(response.data))


def _index(archive, delimiter=";"):
    """Read index.csv as a spreadsheet in the pack's language does: BOM, then ';' in French, ',' in English."""
    data = archive.read("index.csv")
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_cybersecure_pack_holds_cover_index_and_files_under_requirement_ids(client, make, tmp_path):
    from .assessment_helpers import ALL_THREE

    owner = make.make_user(name="Odile Owner")
    company = make.make_company(owner=owner, legal_name="Usine Alpha inc.")
    advisor = make.make_user(name="Adèle Advisor", roles=[Role.ADVISOR])
    make.make_grant(company, advisor, scope="review")
    make.make_assessment(company, answers=ALL_THREE, submitted=True, user=owner)
    login(client, owner.email)
    plan = item_id(upload(client, company.id, ["cybersecure-canada|3.1|incident-plan"], filename="plan.pdf"))
    contacts = item_id(upload(client, company.id, ["cybersecure-canada|3.1|incident-contacts",
                                                   "cybersecure-canada|3.6|training-records"],
                              data=b"Liste des contacts d'urgence", filename="contacts.txt", title="Contacts"))
    post(client, "/auth/logout")
    login(client, advisor.email)
    for item in (plan, contacts):
        post(client, f"/evidence/items/{item}/review", {"decision": "accepted", "comment": ""})
    archive = _zip(prepare_and_download(client, f"/evidence/companies/{company.id}/pack/cybersecure-canada"))
    names = set(archive.namelist())
    assert {"cover.pdf", "index.csv", f"3.1/{plan}-v1-plan.pdf", f"3.1/{contacts}-v1-contacts.txt",
            f"3.6/{contacts}-v1-contacts.txt"} == names
    assert archive.read(f"3.1/{plan}-v1-plan.pdf") == PDF
    index = _index(archive)
    assert index[0][:4] == ["Exigence", "Déclaré", "Preuves attendues", "Statut"]
    lines = {(row[0], row[2]): row for row in index[1:]}
    assert len(index) - 1 == sum(len(r.evidence) for r in get_bank().frameworks["cybersecure-canada"].requirements)
    plan_line = lines[("3.1", "Plan de réponse aux incidents signé, daté de moins de 12 mois")]
    assert plan_line[1] == "Respectée" and plan_line[3] == "Acceptée" and plan_line[8] == f"3.1/{plan}-v1-plan.pdf"
    assert lines[("3.2", "Capture ou rapport montrant les mises à jour automatiques actives")][3] == "Manquante"
    text = _pdf_text(archive.read("cover.pdf"), tmp_path)
    assert "Dossier d'audit : CyberSécuritaire Canada" in text
    assert "Usine Alpha inc." in text and "Adèle Advisor" in text and "Toute l'entreprise" in text
    assert "Preuves complètes" in text and "Manquante" in text
    assert "SPRS" not in text
    actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.action == "evidence.pack_downloaded")))
    assert actions == ["evidence.pack_downloaded"]



def test_an_english_pack_is_english_throughout_index_cover_and_gaps(client, make, tmp_path):
    from .assessment_helpers import ALL_THREE

    owner = make.make_user(name="Odile Owner", language="en")
    company = make.make_company(owner=owner, legal_name="Usine Alpha inc.")
    make.make_assessment(company, answers=ALL_THREE, submitted=True, user=owner)
    login(client, owner.email)
    plan = item_id(upload(client, company.id, ["cybersecure-canada|3.1|incident-plan"], filename="plan.pdf"))
    archive = _zip(prepare_and_download(client, f"/evidence/companies/{company.id}/pack/cybersecure-canada"))
    index = _index(archive, delimiter=",")
    assert index[0][:4] == ["Requirement", "Declared", "Evidence expected", "Status"]
    lines = {(row[0], row[2]): row for row in index[1:]}
    plan_line = lines[("3.1", "Signed incident response plan, dated within 12 months")]
    assert plan_line[1] == "Met" and plan_line[3] == "Awaiting review" and plan_line[8] == f"3.1/{plan}-v1-plan.pdf"
    assert lines[("3.2", "Screenshot or report showing automatic updates turned on")][3] == "Missing"
    text = " ".join(_pdf_text(archive.read("cover.pdf"), tmp_path).split())
    assert "Audit pack: CyberSecure Canada" in text and "Gaps remaining" in text
    assert "Signed incident response plan, dated within 12 months: Awaiting review" in text
    for french in ("Manquante", "Acceptée", "Respectée", "En attente", "autoévaluation", " : "):
        assert french not in text and all(french not in cell for row in index for cell in row), french

def _cmmc_company(make, accept_all=True):
    """A company with every CMMC Level 1 requirement met and one accepted item per expected kind."""
    owner = make.make_user(name="Odile Owner")
    company = make.make_company(owner=owner, legal_name="Usine Défense inc.", certifications=["cmmc-l1"])
    advisor = make.make_user(name="Adèle Advisor", roles=[Role.ADVISOR])
    make.make_grant(company, advisor, scope="review")
    baseline = get_bank().latest("baseline")
    make.make_assessment(company, "baseline", answers={q.id: "5" for q in baseline.questions}, submitted=True,
                         user=owner, targets=["cmmc-l1"])
    items = {}
    for requirement in get_bank().frameworks["cmmc-l1"].requirements:
        for kind in requirement.evidence:
            item = create_item(company, owner, kind="note", title=f"{requirement.id} {kind.id}", owner_id=owner.id,
                               dated_on=date.today(), valid_until=None,
                               targets=[("cmmc-l1", requirement.id, kind.id)], note="Voir le classeur")
            set_review(item, advisor, "accepted", "")
            items[(requirement.id, kind.id)] = item
    db.session.commit()
    return company, owner, items


def _sprs(archive):
    return {row[0]: row[2] for row in csv.reader(io.StringIO(archive.read("sprs.csv").decode("utf-8-sig")))}


def test_cmmc_pack_is_ready_to_affirm_only_when_all_15_are_met_with_evidence(client, make, tmp_path):
    company, owner, items = _cmmc_company(make)
    login(client, owner.email)
    archive = _zip(prepare_and_download(client, f"/evidence/companies/{company.id}/pack/cmmc-l1"))
    sprs = _sprs(archive)
    assert len(sprs) == 16 and set(list(sprs.values())[1:]) == {"MET"}
    text = _pdf_text(archive.read("cover.pdf"), tmp_path)
    assert "Prêt pour l'affirmation" in text and "Pas prêt" not in text
    # one piece of evidence gets too old: that requirement is NOT MET and the pack no longer says ready
    stale = items[("SI.L1-b.1.xii", "patch-report")]
    # 92 days: older than the 90 allowed even where Montreal is still on the previous day (UTC evening)
    stale.dated_on = date.today() - timedelta(days=92)
    db.session.commit()
    archive = _zip(prepare_and_download(client, f"/evidence/companies/{company.id}/pack/cmmc-l1"))
    sprs = _sprs(archive)
    assert sprs["SI.L1-b.1.xii"] == "NOT MET" and list(sprs.values())[1:].count("MET") == 14
    text = _pdf_text(archive.read("cover.pdf"), tmp_path)
    assert "Pas prêt pour l'affirmation" in text and "Prêt pour l'affirmation" not in text
