from sqlalchemy import select

from aluqsec.auth.models import User
from aluqsec.extensions import db

from ..conftest import login, post


def test_french_is_the_default(client, app_context):
    html = client.get("/auth/login").get_data(as_text=True)
    assert '<html lang="fr">' in html
    assert "Mot de passe oublié?" in html


def test_browser_language_is_used_when_nothing_chosen(client, app_context):
    html = client.get("/auth/login", headers={"Accept-Language": "en-CA,en;q=0.8"}).get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Forgot your password?" in html


def test_switching_language_is_stored_on_the_account(client, make):
    make.make_user(email="ana@example.ca", language="fr")
    login(client, "ana@example.ca")
    response = post(client, "/language?next=/auth/profile", {"language": "en"})
    assert response.headers["Location"] == "/auth/profile"
    assert '<html lang="en">' in client.get("/auth/profile").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(User.language).where(User.email == "ana@example.ca")) == "en"


def test_anonymous_language_switch_is_kept_in_the_session(client, app_context):
    post(client, "/language", {"language": "en"})
    assert "Forgot your password?" in client.get("/auth/login").get_data(as_text=True)


def test_profile_language_choice(client, make):
    make.make_user(email="ana@example.ca", language="en")
    login(client, "ana@example.ca")
    response = post(client, "/auth/profile", {"name": "Ana B.", "language": "fr"}, follow_redirects=True)
    assert "Profil enregistré." in response.get_data(as_text=True)


def test_logout_message_is_in_the_person_s_language(client, make):
    from ..conftest import login, post

    make.make_user(email="en@example.ca", language="en")
    login(client, "en@example.ca")
    page = post(client, "/auth/logout", follow_redirects=True).get_data(as_text=True)
    assert "You are logged out." in page and "Vous êtes déconnecté" not in page
