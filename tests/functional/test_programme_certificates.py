"""Attendance certificates: a PDF for whoever completed an event, checkable at a public URL."""
import re
import shutil
import subprocess

import pytest

from aluqsec.events.models import Registration
from aluqsec.extensions import db

from ..conftest import login
from .assessment_helpers import text
from .test_programme_feedback import held_event

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def pdf_text(pdf, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    return " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())


@pytest.fixture
def completed(make):
    """Julie (Fonderie du Lac inc.) attended the single 3-hour session of a workshop; Marc was absent."""
    julie = make.make_user(email="julie@example.ca", name="Julie Fortin")
    company = make.make_company(owner=julie, legal_name="Fonderie du Lac inc.")
    marc = make.make_user(email="marc@example.ca", name="Marc Roy", language="en")
    event, (mine, theirs) = held_event(make, [julie, marc], present=1)
    mine.company_id = company.id
    mine.attended, theirs.attended = True, False
    db.session.commit()
    return event, mine, theirs


@needs_poppler
@pytest.mark.parametrize(("language", "expected"), [
    ("fr", ["Attestation de participation", "Julie Fortin", "Fonderie du Lac inc.", "Atelier réponse aux incidents",
            "1 séance sur 1", "3,0", "Réponse aux incidents"]),
    ("en", ["Attendance certificate", "Julie Fortin", "Incident response workshop", "1 session of 1", "3.0"]),
])
def test_certificate_pdf_says_who_what_when_and_how_long(client, make, completed, tmp_path, language, expected):
    _event, mine, _theirs = completed
    mine.user.language = language
    db.session.commit()
    login(client, "julie@example.ca")
    mine_page = client.get("/my/events").get_data(as_text=True)
    assert f"/my/registrations/{mine.id}/certificate.pdf" in mine_page
    response = client.get(f"/my/registrations/{mine.id}/certificate.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    content = pdf_text(response.data, tmp_path)
    for words in expected:
        assert words in content, words
    code = re.search(r"/certificates/(\d+-[a-z2-7]{16})", content).group(1)
    assert code.startswith(f"{mine.id}-")


def verify_url(client, registration_id):
    login(client, "julie@example.ca")
    body = client.get(f"/my/registrations/{registration_id}/certificate.pdf").data
    assert body.startswith(b"%PDF")
    from aluqsec.programme.services import secret
    from aluqsec.programme.summary import certificate_code

    return f"/certificates/{certificate_code(registration_id, secret())}"


def test_verification_shows_only_what_the_certificate_says(app, client, completed):
    _event, mine, _theirs = completed
    url = verify_url(client, mine.id)
    page = text(app.test_client().get(url).get_data(as_text=True))
    assert "Cette attestation est authentique" in page
    assert "Julie Fortin" in page and "Fonderie du Lac inc." in page and "Atelier réponse aux incidents" in page
    assert "julie@example.ca" not in page  # no e-mail, no other data


def test_tampered_and_revoked_codes_are_refused(app, client, completed):
    _event, mine, _theirs = completed
    url = verify_url(client, mine.id)
    anonymous = app.test_client()
    tampered = url[:-1] + ("a" if url[-1] != "a" else "b")
    response = anonymous.get(tampered)
    assert response.status_code == 404
    assert "ne correspond à aucune attestation" in text(response.get_data(as_text=True))
    assert anonymous.get(url.replace(f"/{mine.id}-", f"/{mine.id + 1}-")).status_code == 404
    assert anonymous.get("/certificates/" + "9" * 300).status_code == 404
    db.session.get(Registration, mine.id).attended = False  # attendance corrected: the certificate no longer holds
    db.session.commit()
    assert anonymous.get(url).status_code == 404


def test_no_certificate_without_completion_nor_for_someone_else(app, client, completed):
    _event, mine, theirs = completed
    login(client, "julie@example.ca")
    assert client.get(f"/my/registrations/{theirs.id}/certificate.pdf").status_code == 404
    marc = app.test_client()
    login(marc, "marc@example.ca")
    assert marc.get(f"/my/registrations/{theirs.id}/certificate.pdf").status_code == 404  # did not attend
    assert marc.get(f"/my/registrations/{mine.id}/certificate.pdf").status_code == 404
    assert app.test_client().get(f"/my/registrations/{mine.id}/certificate.pdf").status_code in (302, 401)
