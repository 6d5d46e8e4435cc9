"""The audit pack's cover read back with pdftotext: signatures, annual dates, maintenance audit, review, gaps."""
import re
import subprocess
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from aluqsec.advisors.models import ReviewComment
from aluqsec.auth.models import Role
from aluqsec.evidence.models import Attestation
from aluqsec.evidence.services import create_item, set_review
from aluqsec.extensions import db
from aluqsec.progress.metrics import add_months
from aluqsec.progress.models import Journey

from ..conftest import login, post
from .evidence_helpers import text
from .job_helpers import prepare_and_download
from .test_evidence_pack import _cmmc_company, _zip


@pytest.fixture(autouse=True)
def evidence_dir(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EVIDENCE_DIR", str(tmp_path / "evidence"))


def _pack(client, company, framework):
    """Ask for the audit pack as the checklist's button does, let the worker prepare it, open the ZIP."""
    return _zip(prepare_and_download(client, f"/evidence/companies/{company.id}/pack/{framework}"))


def _flat(data, tmp_path):
    """Return the cover's text in reading order (no layout), spaces and line breaks folded: cells read whole."""
    path = tmp_path / "cover.pdf"
    path.write_bytes(data)
    found = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return " ".join(found.split())


def _attest(client, company_id, framework_id, **fields):
    data = {"official_name": "Marie Tremblay", "official_title": "Présidente", "signed_on": ""}
    data.update(fields)
    return post(client, f"/evidence/companies/{company_id}/attestation/{framework_id}", data)


def test_cmmc_affirmation_cannot_be_dated_until_ready_and_goes_on_the_cover(client, make, tmp_path):
    company, owner, items = _cmmc_company(make)
    stale = items[("SI.L1-b.1.xii", "patch-report")]
    stale.dated_on = date.today() - timedelta(days=92)
    db.session.commit()
    login(client, owner.email)
    today = datetime.now(ZoneInfo("America/Montreal")).date()  # the users' day, as the form checks it
    refused = _attest(client, company.id, "cmmc-l1", signed_on=today.isoformat())
    assert refused.status_code == 400
    page = text(refused)
    assert "Aucune affirmation ne peut encore être datée" in page and 'value="Marie Tremblay"' in page
    assert db.session.scalar(select(func.count()).select_from(Attestation)) == 0
    # the name and title may be recorded before the affirmation itself
    assert _attest(client, company.id, "cmmc-l1").status_code == 302
    archive = _pack(client, company, "cmmc-l1")
    cover = _flat(archive.read("cover.pdf"), tmp_path)
    assert "Pas prêt pour l'affirmation" in cover and "Marie Tremblay" in cover and "Présidente" in cover
    assert "Aucune affirmation n'est possible tant qu'une exigence est NON RESPECTÉE" in cover
    assert "SI.L1-b.1.xii" in cover.split("Écarts restants")[1]  # the stale report is the one gap left
    # the report is renewed: every requirement is MET with evidence, the affirmation can be dated
    stale.dated_on = today
    db.session.commit()
    assert _attest(client, company.id, "cmmc-l1", signed_on=(today + timedelta(days=1)).isoformat()).status_code == 400
    assert _attest(client, company.id, "cmmc-l1", signed_on=today.isoformat()).status_code == 302
    archive = _pack(client, company, "cmmc-l1")
    cover = _flat(archive.read("cover.pdf"), tmp_path)
    assert "Prêt pour l'affirmation" in cover and "Pas prêt" not in cover
    assert "Personne signataire de l'affirmation (CMMC, saisie dans SPRS)" in cover
    renew = add_months(today, 12)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
    day = "1er" if renew.day == 1 else renew.day  # French writes the first of a month "1er"
    assert f"au plus tard le {day} {months[renew.month - 1]} {renew.year}" in cover
    assert "Aucun : chaque exigence est respectée" in cover


def test_cpcsc_cover_has_the_attestation_review_comments_and_gaps(client, make, tmp_path):
    from aluqsec.questionnaires.services import get_bank

    owner = make.make_user(name="Odile Owner")
    company = make.make_company(owner=owner, legal_name="Usine Défense inc.", certifications=["cpcsc-l1"])
    advisor = make.make_user(name="Adèle Advisor", roles=[Role.ADVISOR])
    make.make_grant(company, advisor, scope="review")
    baseline = get_bank().latest("baseline")
    assessment = make.make_assessment(company, "baseline", answers={q.id: "5" for q in baseline.questions},
                                      submitted=True, user=owner, targets=["cpcsc-l1"])
    item = create_item(company, owner, kind="note", title="Liste des comptes", owner_id=None, dated_on=date.today(),
                       valid_until=None, targets=[("cpcsc-l1", "03.01.01", "user-account-list")], note="Voir")
    set_review(item, advisor, "needs-work", "Il manque les comptes de service de l'automate.")
    question = next(q for q in baseline.questions if q.requirements("cpcsc-l1"))
    db.session.add(ReviewComment(assessment_id=assessment.id, question_id=question.id,
                                 body="Montrez la règle écrite.", author_id=advisor.id))
    db.session.commit()
    login(client, owner.email)
    assert _attest(client, company.id, "cpcsc-l1", signed_on="2026-03-02").status_code == 302
    archive = _pack(client, company, "cpcsc-l1")
    cover = _flat(archive.read("cover.pdf"), tmp_path)
    assert "Attestation de la haute direction (PCCC)" in cover and "Marie Tremblay" in cover
    assert "2 mars 2026" in cover and "au plus tard le 2 mars 2027" in cover
    assert "Il manque les comptes de service de l'automate." in cover and "Adèle Advisor" in cover
    assert "Montrez la règle écrite." in cover
    gaps = cover.split("Écarts restants")[1]
    assert "03.01.01" in gaps and "À retravailler" in gaps and "Manquante" in gaps
    # each reason reads "what : where it stands", the colon set apart in French only
    assert re.search(r"\w\s:\sÀ retravailler", gaps) and not re.search(r"[^\W\d]:\s", gaps)
    assert "SPRS" not in cover
    post(client, "/language", {"language": "en"})
    english = _flat(_pack(client, company, "cpcsc-l1").read("cover.pdf"), tmp_path)
    assert "Senior official's attestation (CPCSC)" in english and "by March 2, 2027 at the latest" in english
    assert "Gaps remaining" in english and "Écarts" not in english
    english_gaps = english.split("Gaps remaining")[1]
    assert re.search(r"\w: Needs work", english_gaps) and not re.search(r"[\w)] :\s", english_gaps)


def test_cybersecure_cover_gives_the_maintenance_audit_date(client, make, tmp_path):
    owner = make.make_user(name="Odile Owner")
    company = make.make_company(owner=owner, legal_name="Usine Alpha inc.")
    login(client, owner.email)
    cover = _flat(_pack(client, company, "cybersecure-canada").read("cover.pdf"),
                  tmp_path)
    assert "Audit de maintien 12 mois après la date de certification (pas encore certifiée)" in cover
    db.session.add(Journey(company_id=company.id, certification="cybersecure-canada", stage="certified",
                           certified_on=date(2026, 3, 15)))
    db.session.commit()
    cover = _flat(_pack(client, company, "cybersecure-canada").read("cover.pdf"),
                  tmp_path)
    assert "prévu le 15 mars 2027, 12 mois après la certification du 15 mars 2026" in cover
    assert "Attestation" not in cover and "affirmation" not in cover
    # the attestation route is only for the certifications a senior official signs
    assert _attest(client, company.id, "cybersecure-canada").status_code == 404
