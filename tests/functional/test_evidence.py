"""Evidence library: uploads checked from the bytes, limits, versions, review, downloads, access."""
import gc
import re
import warnings
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from aluqsec.advisors.services import grant_of, revoke
from aluqsec.audit.models import AuditEvent
from aluqsec.auth.models import Role
from aluqsec.evidence.models import EvidenceItem, EvidenceVersion
from aluqsec.evidence.storage import get_storage
from aluqsec.extensions import db

from ..conftest import login, post
from .evidence_helpers import PDF, item_id, text, upload

PLAN = "cybersecure-canada|3.1|incident-plan"
CONTACTS = "cybersecure-canada|3.1|incident-contacts"


@pytest.fixture(autouse=True)
def evidence_dir(app, tmp_path, monkeypatch):
    """Each test its own storage folder: SQLite reuses the ids of deleted companies."""
    monkeypatch.setitem(app.config, "EVIDENCE_DIR", str(tmp_path / "evidence"))


def _setup(make, scope="review"):
    owner = make.make_user(name="Odile Owner")
    company = make.make_company(owner=owner, legal_name="Usine Alpha inc.")
    advisor = make.make_user(name="Adèle Advisor", roles=[Role.ADVISOR])
    make.make_grant(company, advisor, scope=scope)
    return company, owner, advisor


def _actions():
    return list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("evidence.%"))
                                   .order_by(AuditEvent.id)))


def test_member_uploads_a_pdf_and_downloads_it_as_an_attachment(app, client, make):
    company, owner, _advisor = _setup(make)
    login(client, owner.email)
    response = upload(client, company.id, [PLAN], filename="../../Plan réponse <final>.pdf")
    assert response.status_code == 302
    page = text(client.get(response.headers["Location"]))
    assert "Plan de réponse signé" in page and "Plan_reponse_final.pdf" in page
    version = db.session.scalar(select(EvidenceVersion))
    download = client.get(f"/evidence/versions/{version.id}/download")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"] == 'attachment; filename="Plan_reponse_final.pdf"'
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Cache-Control"] == "no-store"
    assert download.headers["Content-Type"] == "application/pdf"
    assert get_storage().files(company.id) == [version.sha256]
    assert _actions() == ["evidence.added"]  # a member's own download is not an advisor's


def test_an_html_page_named_pdf_is_refused_with_the_form_kept(client, make):
    company, owner, _advisor = _setup(make)
    login(client, owner.email)
    response = upload(client, company.id, [PLAN], data=b"<!DOCTYPE html><script>alert(1)</script>",
                      title="Faux plan")
    assert response.status_code == 400
    page = text(response)
    assert "n'est pas un document PDF, PNG, JPEG" in page
    assert 'value="Faux plan"' in page
    assert db.session.scalar(select(EvidenceItem)) is None and get_storage().files(company.id) == []


def test_file_and_company_size_limits_are_configurable(app, client, make, monkeypatch):
    company, owner, _advisor = _setup(make)
    login(client, owner.email)
    monkeypatch.setitem(app.config, "EVIDENCE_MAX_FILE_MB", 0.001)  # 1,048 bytes
    big = PDF + b"0" * 1100
    response = upload(client, company.id, [PLAN], data=big)
    assert response.status_code == 400 and "plus volumineux que" in text(response)
    monkeypatch.setitem(app.config, "EVIDENCE_MAX_FILE_MB", 1)
    monkeypatch.setitem(app.config, "EVIDENCE_MAX_COMPANY_MB", 0.0001)  # 104 bytes in all
    assert upload(client, company.id, [PLAN]).status_code == 302  # 52 bytes
    response = upload(client, company.id, [CONTACTS], data=PDF + b"%" * 60)
    assert response.status_code == 400 and "dépasseraient" in text(response)
    assert db.session.query(EvidenceVersion).count() == 1


def test_a_file_over_the_application_wide_2_mb_cap_is_accepted_under_the_evidence_limit(client, make):
    company, owner, _advisor = _setup(make)
    login(client, owner.email)
    with warnings.catch_warnings():
        # Werkzeug's test client spools a body over 500 KB to a temporary file it leaves to the collector.
        warnings.simplefilter("ignore", ResourceWarning)
        assert upload(client, company.id, [PLAN], data=PDF + b"0" * (3 * 1024 * 1024)).status_code == 302
        gc.collect()
    assert db.session.scalar(select(EvidenceVersion.size)) == len(PDF) + 3 * 1024 * 1024


def test_replacing_a_file_keeps_the_old_version_and_restarts_the_review(client, make):
    company, owner, advisor = _setup(make)
    login(client, owner.email)
    item = item_id(upload(client, company.id, [PLAN]))
    post(client, "/auth/logout")
    login(client, advisor.email)
    assert post(client, f"/evidence/items/{item}/review", {"decision": "accepted", "comment": "OK"}).status_code == 302
    post(client, "/auth/logout")
    login(client, owner.email)
    new = PDF + b"% version 2\n"
    response = post(client, f"/evidence/items/{item}/replace", {"file": (__import__("io").BytesIO(new), "plan-v2.pdf")},
                    content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    found = db.session.get(EvidenceItem, item)
    assert [v.number for v in found.versions] == [1, 2] and found.review == "pending"
    assert client.get(f"/evidence/versions/{found.versions[0].id}/download").data == PDF
    assert client.get(f"/evidence/versions/{found.versions[1].id}/download").data == new
    assert len(get_storage().files(company.id)) == 2


def test_advisor_review_needs_a_comment_to_send_back_and_is_audited(client, make):
    company, owner, advisor = _setup(make)
    login(client, owner.email)
    item = item_id(upload(client, company.id, [PLAN]))
    # a member cannot review
    assert post(client, f"/evidence/items/{item}/review", {"decision": "accepted"}).status_code == 403
    post(client, "/auth/logout")
    login(client, advisor.email)
    refused = post(client, f"/evidence/items/{item}/review", {"decision": "needs-work", "comment": " "})
    assert refused.status_code == 400 and "Indiquez ce qui est à retravailler" in text(refused)
    assert post(client, f"/evidence/items/{item}/review",
                {"decision": "needs-work", "comment": "Plan non signé"}).status_code == 302
    version = db.session.scalar(select(EvidenceVersion))
    assert client.get(f"/evidence/versions/{version.id}/download").status_code == 200
    page = text(client.get(f"/evidence/items/{item}"))
    assert "Plan non signé" in page and "À retravailler" in page
    assert _actions() == ["evidence.added", "evidence.reviewed", "evidence.downloaded"]


def test_view_only_advisor_lists_and_downloads_but_cannot_review_or_change(client, make):
    company, owner, advisor = _setup(make, scope="view")
    login(client, owner.email)
    item = item_id(upload(client, company.id, [PLAN]))
    post(client, "/auth/logout")
    login(client, advisor.email)
    assert "Plan de réponse signé" in text(client.get(f"/evidence/companies/{company.id}"))
    assert post(client, f"/evidence/items/{item}/review", {"decision": "accepted"}).status_code == 403
    assert post(client, f"/evidence/items/{item}/delete", {"confirm": "yes"}).status_code == 403
    assert upload(client, company.id, [PLAN]).status_code == 404


def test_other_companies_and_revoked_advisors_get_nothing(client, make):
    company, owner, advisor = _setup(make)
    stranger = make.make_user(name="Other owner")
    make.make_company(owner=stranger)
    outsider_advisor = make.make_user(roles=[Role.ADVISOR])
    login(client, owner.email)
    item = item_id(upload(client, company.id, [PLAN]))
    version = db.session.scalar(select(EvidenceVersion)).id
    post(client, "/auth/logout")
    revoke(grant_of(company, advisor), owner)
    db.session.commit()
    urls = [f"/evidence/companies/{company.id}", f"/evidence/items/{item}", f"/evidence/versions/{version}/download",
            f"/evidence/companies/{company.id}/checklist/cybersecure-canada",
            f"/evidence/companies/{company.id}/pack/cybersecure-canada"]
    for user in (stranger, outsider_advisor, advisor):
        login(client, user.email)
        for url in urls:
            assert client.get(url).status_code == 404, (user.name, url)
        assert post(client, f"/evidence/items/{item}/delete", {"confirm": "yes"}).status_code == 404
        assert post(client, f"/evidence/items/{item}/review", {"decision": "accepted"}).status_code == 404
        post(client, "/auth/logout")
    assert client.get(urls[2]).status_code == 302  # anonymous: to the login page


def test_link_and_note_need_their_content_and_a_requirement(client, make):
    company, owner, _advisor = _setup(make)
    login(client, owner.email)
    assert upload(client, company.id, [], kind="note", note="Registre tenu dans le classeur").status_code == 400
    response = upload(client, company.id, [PLAN], kind="link", url="javascript:alert(1)")
    assert response.status_code == 400
    assert upload(client, company.id, [PLAN], kind="link", url="https://intranet.example/plan").status_code == 302
    assert upload(client, company.id, ["cybersecure-canada|3.1|no-such-kind"], kind="note",
                  note="x").status_code == 400


def test_deleting_an_item_removes_its_rows_and_files_and_is_audited(client, make):
    company, owner, _advisor = _setup(make)
    login(client, owner.email)
    item = item_id(upload(client, company.id, [PLAN]))
    assert post(client, f"/evidence/items/{item}/delete").status_code == 400  # not confirmed
    assert post(client, f"/evidence/items/{item}/delete", {"confirm": "yes"}).status_code == 302
    assert db.session.scalar(select(EvidenceItem)) is None
    assert get_storage().files(company.id) == []
    assert _actions() == ["evidence.added", "evidence.deleted"]


def test_checklist_shows_declared_result_and_expired_evidence(client, make):
    from .assessment_helpers import ALL_THREE

    company, owner, advisor = _setup(make)
    make.make_assessment(company, answers={**ALL_THREE, "qs-incident-plan": "1"}, submitted=True, user=owner)
    login(client, owner.email)
    old = item_id(upload(client, company.id, [PLAN], dated_on=date.today() - timedelta(days=400)))
    fresh = item_id(upload(client, company.id, [CONTACTS], kind="note", note="Liste affichée à l'accueil"))
    post(client, "/auth/logout")
    login(client, advisor.email)
    for item in (old, fresh):
        post(client, f"/evidence/items/{item}/review", {"decision": "accepted", "comment": ""})
    page = text(client.get(f"/evidence/companies/{company.id}/checklist/cybersecure-canada"))
    row = re.search(r'id="req-3.1".*?</tr>\s*<tr[^>]*>.*?</tr>', page, re.S).group(0)
    assert "Non respectée" in row
    assert "Expirée" in row and "Acceptée" in row and "Preuves incomplètes" in row
