"""The accounts pages in both languages, and the recovery codes renewed from the profile."""
import re

import pytest

from ..conftest import login, post

PAGES = {
    "fr": ("Vérification en deux étapes", "Se déconnecter partout", "Boîte d'envoi"),
    "en": ("Two-step verification", "Sign out everywhere", "Outbox"),
}


@pytest.mark.parametrize("language,other", [("fr", "en"), ("en", "fr")])
def test_profile_mfa_setup_and_outbox_speak_one_language(app, client, make, language, other):
    make.make_user(email="admin@example.ca", roles=["admin"], language=language)
    login(client, "admin@example.ca")
    profile = client.get("/auth/profile").get_data(as_text=True)
    outbox = client.get("/admin/outbox").get_data(as_text=True).replace("&#39;", "'")
    for text in PAGES[language][:2]:
        assert text in profile
    assert PAGES[language][2] in outbox
    for text in PAGES[other]:
        assert text not in profile and text not in outbox


@pytest.mark.parametrize("language,expected", [("fr", "Activer la vérification en deux étapes"),
                                               ("en", "Set up two-step verification")])
def test_mfa_setup_page_in_both_languages(client, make, language, expected):
    make.make_company(owner=make.make_user(email="o@example.ca", language=language))
    login(client, "o@example.ca")
    page = client.get("/auth/mfa/setup").get_data(as_text=True)
    assert expected in page and "<svg" in page


def test_renewed_recovery_codes_replace_the_old_ones(app, client, make):
    make.make_user(email="adv@example.ca", roles=["advisor"])
    login(client, "adv@example.ca")
    page = post(client, "/auth/mfa/recovery-codes").get_data(as_text=True)
    codes = re.findall(r"<li>([0-9A-F-]{23})</li>", page)
    assert len(codes) == 10
    second = post(client, "/auth/mfa/recovery-codes").get_data(as_text=True)
    assert not set(codes) & set(re.findall(r"<li>([0-9A-F-]{23})</li>", second))
    other = app.test_client()
    post(other, "/auth/login", {"email": "adv@example.ca", "password": "correct horse battery"})
    assert post(other, "/auth/mfa", {"code": codes[0]}).status_code == 401


def test_recovery_codes_cannot_be_made_without_mfa_or_csrf(client, make):
    make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    assert post(client, "/auth/mfa/recovery-codes").status_code == 400
    assert client.post("/auth/sessions/end").status_code == 400
    assert client.get("/auth/profile").status_code == 200  # the refused POST ended nothing
