"""Privacy notice on every page, consent at sign-up and on invitations, with its version recorded."""
import re

import pytest
from sqlalchemy import select

from aluqsec.auth.models import User
from aluqsec.companies.models import Company
from aluqsec.companies.services import create_invitation
from aluqsec.extensions import db
from aluqsec.privacy.models import PrivacyConsent
from aluqsec.privacy.notice import NOTICE_VERSION

from ..conftest import login, post
from .test_signup import VALID


def consents(email):
    db.session.expire_all()
    return [(c.notice_version, c.context) for c in db.session.scalars(
        select(PrivacyConsent).join(User, User.id == PrivacyConsent.user_id).where(User.email == email))]


@pytest.mark.parametrize("language, heading, officer_heading", [
    ("fr", "Politique de confidentialité", "Personne responsable de la protection des renseignements personnels"),
    ("en", "Privacy notice", "Person in charge of the protection of personal information"),
])
def test_notice_names_the_configured_officer_and_retention_periods(app, client, language, heading,
                                                                   officer_heading):
    app.config.update(PRIVACY_OFFICER_NAME="Marie Tremblay", PRIVACY_OFFICER_ADDRESS="1 rue Racine, Saguenay",
                      PRIVACY_OFFICER_EMAIL="rp@cluster.example")
    try:
        html = client.get("/privacy/", headers={"Accept-Language": language}).get_data(as_text=True)
    finally:
        app.config.update(PRIVACY_OFFICER_NAME="Responsable", PRIVACY_OFFICER_ADDRESS="",
                          PRIVACY_OFFICER_EMAIL="vie-privee@aluqsec.ca")
    assert f"<h1 class=\"h2\">{heading}</h1>" in html
    assert officer_heading in html
    assert "Marie Tremblay" in html and "1 rue Racine, Saguenay" in html and "rp@cluster.example" in html
    assert NOTICE_VERSION in html
    days = app.config["RETENTION_DAYS"]
    assert (f"{days['LOGIN_ATTEMPTS']} jours" if language == "fr" else f"{days['LOGIN_ATTEMPTS']} days") in html


@pytest.mark.parametrize("path", ["/", "/auth/login", "/auth/signup", "/events/", "/privacy/", "/auth/reset"])
def test_every_public_page_links_to_the_notice_in_its_footer(client, path):
    response = client.get(path, follow_redirects=True)
    footer = response.get_data(as_text=True).split("<footer")[1]
    assert 'href="/privacy/"' in footer


def test_signed_in_pages_link_to_the_notice(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    for path in ("/", f"/companies/{company.id}", "/auth/profile", "/privacy/me",
                 f"/companies/{company.id}/assessments", f"/companies/{company.id}/progress"):
        footer = client.get(path).get_data(as_text=True).split("<footer")[1]
        assert 'href="/privacy/"' in footer, path


def test_signup_links_the_notice_and_records_the_consent_with_its_version(client, app_context):
    assert 'href="/privacy/"' in client.get("/auth/signup").get_data(as_text=True).split("<footer")[0]
    assert post(client, "/auth/signup", VALID).status_code == 302
    assert consents("julie@fonderie-lac.ca") == [(NOTICE_VERSION, "signup")]


def _invitation(make, email):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    _, token = create_invitation(company, email, company.memberships[0].user)
    db.session.commit()
    return company, f"/companies/invitations/{token}"


def test_invitee_without_account_must_accept_the_notice(app, make):
    company, link = _invitation(make, "new@example.ca")
    newcomer = app.test_client()
    page = newcomer.get(link).get_data(as_text=True)
    assert 'href="/privacy/"' in page.split("<footer")[0] and 'name="accept"' in page
    form = {"name": "Chloé", "password": "welcome to the plant", "confirm": "welcome to the plant"}
    refused = post(newcomer, link, form)
    assert refused.status_code == 400
    assert "Votre consentement est nécessaire" in refused.get_data(as_text=True)
    assert 'value="Chloé"' in refused.get_data(as_text=True)
    db.session.expire_all()
    assert len(db.session.get(Company, company.id).memberships) == 1
    assert post(newcomer, link, {**form, "accept": "y"}).status_code == 302
    assert consents("new@example.ca") == [(NOTICE_VERSION, "invitation")]


def test_invitee_with_an_account_also_accepts_the_notice(app, make):
    make.make_user(email="known@example.ca")
    company, link = _invitation(make, "known@example.ca")
    client = app.test_client()
    login(client, "known@example.ca")
    page = client.get(link).get_data(as_text=True)
    assert 'name="accept"' in page
    assert post(client, link, {}).status_code == 400
    db.session.expire_all()
    assert len(db.session.get(Company, company.id).memberships) == 1
    assert post(client, link, {"accept": "y"}).status_code == 302
    db.session.expire_all()
    assert len(db.session.get(Company, company.id).memberships) == 2
    assert consents("known@example.ca") == [(NOTICE_VERSION, "invitation")]


def test_my_data_page_lists_the_consents(client, app_context):
    post(client, "/auth/signup", VALID)
    html = client.get("/privacy/me").get_data(as_text=True)
    assert re.search(rf"version {re.escape(NOTICE_VERSION)} acceptée", html)


FRENCH_ONLY = ("Données de l'entreprise", "Politique de confidentialité", "Télécharger", "Supprimer", "Vérification",
               "entreprise", "Mes données")
ENGLISH_ONLY = ("Company data", "Privacy notice", "Download", "Delete", "verification", "My data", "company")


def test_privacy_pages_speak_one_language_at_a_time(app, make):
    from html import unescape

    from aluqsec.auth.models import Role
    owner = make.make_user(email="o@example.ca", language="en")
    company = make.make_company(owner=owner)
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER], language="en")
    pages = {"o@example.ca": ["/privacy/", "/privacy/me", f"/privacy/companies/{company.id}"],
             "org@example.ca": ["/privacy/verification"]}
    for language, foreign in (("en", FRENCH_ONLY), ("fr", ENGLISH_ONLY)):
        for email, paths in pages.items():
            client = app.test_client()
            login(client, email)
            post(client, "/language", {"language": language})
            for path in paths:
                html = unescape(client.get(path).get_data(as_text=True))
                visible = re.sub(r"<[^>]+>", " ", html.split("<main")[1].split("</main>")[0])
                visible = visible.replace(company.legal_name, "")
                found = [word for word in foreign if word in visible]
                assert found == [], (language, path, found)
