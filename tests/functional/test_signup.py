import re

from sqlalchemy import func, select

from aluqsec.auth.models import User
from aluqsec.companies.models import Company, CompanyRole
from aluqsec.extensions import db

from ..conftest import CSRF_PATTERN, post

VALID = {
    "name": "Julie Fortin", "email": "Julie@Fonderie-Lac.ca", "password": "fonderie du lac 2026",
    "confirm": "fonderie du lac 2026", "legal_name": "Fonderie du Lac inc.", "neq": "1234 567 890",
    "sector": "transformation", "region": "02", "size_band": "10-49",
    "certifications": ["cybersecure-canada", "cmmc-l1"], "company_language": "fr", "accept": "y",
}

CONFIRM = {"password": VALID["password"]}


def counts():
    return (db.session.scalar(select(func.count()).select_from(User)),
            db.session.scalar(select(func.count()).select_from(Company)))


def page_text(response, local_part):
    """Return the page without its CSRF tokens (signed with the time) and with the address masked."""
    return CSRF_PATTERN.sub("", response.get_data(as_text=True)).replace(local_part, "X@")


def sign_up(client, data=VALID):
    """Sign up and follow the confirmation link kept in the outbox, as a newcomer would; return the answer."""
    from aluqsec.mail.models import OutboxMessage

    assert post(client, "/auth/signup", data).status_code == 200
    db.session.expire_all()
    body = db.session.scalars(select(OutboxMessage.body).order_by(OutboxMessage.id.desc())).first()
    link = re.search(r"http://localhost(/auth/confirm/\S+)", body).group(1)
    return post(client, link, {"password": data["password"]})


def confirmation_link(inbox):
    return re.search(r"http://localhost(/auth/confirm/\S+)", inbox.body()).group(1)


def test_signup_creates_nothing_until_the_address_is_confirmed(client, app_context, smtp_server):
    response = post(client, "/auth/signup", VALID)
    assert response.status_code == 200
    assert "Vérifiez vos courriels" in response.get_data(as_text=True)
    assert counts() == (0, 0)
    assert client.get("/auth/profile").status_code == 302  # not logged in
    assert smtp_server.messages[-1]["To"] == "julie@fonderie-lac.ca"
    link = confirmation_link(smtp_server)
    # Opening the link (a mail scanner may) spends nothing: the account exists after the button.
    assert client.get(link).status_code == 200
    assert counts() == (0, 0)
    assert post(client, link, {"password": "someone else's guess"}).status_code == 400
    assert counts() == (0, 0)
    assert post(client, link, CONFIRM).status_code == 302
    user = db.session.scalar(select(User).where(User.email == "julie@fonderie-lac.ca"))
    company = user.memberships[0].company
    assert user.memberships[0].role == CompanyRole.OWNER
    assert user.email_confirmed
    assert company.neq == "1234567890"
    assert company.certifications == ["cybersecure-canada", "cmmc-l1"]
    assert user.password_hash.startswith("$argon2id$")
    page = client.get("/").get_data(as_text=True)
    assert "Fonderie du Lac inc." in page


def test_confirmation_link_works_once(app, client, app_context, smtp_server):
    post(client, "/auth/signup", VALID)
    link = confirmation_link(smtp_server)
    assert post(client, link, CONFIRM).status_code == 302
    other = app.test_client()
    again = post(other, link, CONFIRM)
    assert again.headers["Location"] == "/auth/signup"
    assert counts() == (1, 1)


def test_confirmation_link_expires(app, client, app_context, smtp_server, monkeypatch):
    post(client, "/auth/signup", VALID)
    link = confirmation_link(smtp_server)
    monkeypatch.setitem(app.config, "CONFIRMATION_MAX_AGE", -1)
    assert post(client, link, CONFIRM).headers["Location"] == "/auth/signup"
    assert counts() == (0, 0)


def test_confirmation_link_with_a_forged_token_is_refused(client, app_context, smtp_server):
    post(client, "/auth/signup", VALID)
    link = confirmation_link(smtp_server)
    assert post(client, link[:-3] + "xyz", CONFIRM).headers["Location"] == "/auth/signup"
    assert counts() == (0, 0)


def test_signup_answers_the_same_for_a_taken_address_and_mails_what_happened(client, make, smtp_server):
    make.make_user(email="julie@fonderie-lac.ca", name="Julie")
    before = counts()
    taken = post(client, "/auth/signup", VALID)
    fresh = post(client, "/auth/signup", {**VALID, "email": "nouvelle@fonderie-lac.ca"})
    assert taken.status_code == fresh.status_code == 200
    assert page_text(taken, "julie@") == page_text(fresh, "nouvelle@")
    assert counts() == before
    first, second = smtp_server.messages
    assert first["To"] == "julie@fonderie-lac.ca"
    assert "quelqu'un a tenté de s'inscrire" in first["Subject"].lower()
    assert "/auth/confirm/" not in smtp_server.body(0)
    assert second["To"] == "nouvelle@fonderie-lac.ca" and "/auth/confirm/" in smtp_server.body(1)


def test_signup_does_not_tell_whether_a_neq_is_registered(client, make, smtp_server):
    make.make_company(neq="1234567890")
    response = post(client, "/auth/signup", VALID)
    assert response.status_code == 200
    assert "NEQ" not in response.get_data(as_text=True)
    # The person who proves the address learns it, and gets an account to be invited with.
    assert post(client, confirmation_link(smtp_server), CONFIRM).status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Demandez à son propriétaire de vous inviter" in page
    user = db.session.scalar(select(User).where(User.email == "julie@fonderie-lac.ca"))
    assert user.memberships == []


def test_signup_mails_are_limited_per_address(client, app_context, smtp_server):
    for _ in range(3):
        assert post(client, "/auth/signup", VALID).status_code == 200
    response = post(client, "/auth/signup", VALID)
    assert response.status_code == 429
    assert "Trop de messages ont été envoyés à cette adresse" in response.get_data(as_text=True)
    assert len(smtp_server.messages) == 3


def test_signup_with_bad_neq_explains_and_keeps_input(client, app_context):
    response = post(client, "/auth/signup", {**VALID, "neq": "12345"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Le NEQ compte exactement 10 chiffres." in html
    assert 'value="Fonderie du Lac inc."' in html
    assert 'value="julie@fonderie-lac.ca"' in html
    assert 'aria-describedby="neq-help neq-error"' in html
    assert counts() == (0, 0)


def test_signup_with_weak_password_is_refused(client, app_context):
    data = {**VALID, "password": "court", "confirm": "court"}
    response = post(client, "/auth/signup", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Utilisez au moins 12 caractères." in html
    assert 'value="Julie Fortin"' in html
    assert 'value="court"' not in html  # passwords are never echoed back
    assert counts() == (0, 0)


def test_signup_with_a_long_passphrase_works_and_a_too_long_one_is_refused(client, app_context, smtp_server):
    # make security found a 500: zxcvbn raises on more than 72 characters, the form allows 256.
    long = "the ingots leave the Saguenay plant at dawn every tuesday; " * 2
    mismatch = {**VALID, "password": long, "confirm": long + "!"}
    assert post(client, "/auth/signup", mismatch).status_code == 400
    too_long = "x7#" * 90
    response = post(client, "/auth/signup", {**VALID, "password": too_long, "confirm": too_long})
    assert response.status_code == 400
    assert "256" in response.get_data(as_text=True)
    assert counts() == (0, 0)
    assert sign_up(client, {**VALID, "password": long, "confirm": long}).status_code == 302
    assert counts() == (1, 1)


def test_signup_requires_consent(client, app_context):
    data = {k: v for k, v in VALID.items() if k != "accept"}
    response = post(client, "/auth/signup", data)
    assert response.status_code == 400
    assert counts() == (0, 0)


def test_signup_preselects_no_sector_region_or_size(client, app_context):
    page = client.get("/auth/signup").get_data(as_text=True)
    for name in ("sector", "region", "size_band"):
        select_html = page[page.index(f'name="{name}"'):]
        select_html = select_html[:select_html.index("</select>")]
        assert 'selected' not in select_html.split("</option>", 1)[1], name  # only the blank choice may be selected
        assert 'value=""' in select_html.split("</option>", 1)[0]
    response = post(client, "/auth/signup", {**VALID, "sector": "", "region": ""})
    assert response.status_code == 400
    assert counts() == (0, 0)
    assert 'value="Fonderie du Lac inc."' in response.get_data(as_text=True)
