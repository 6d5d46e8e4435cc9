from sqlalchemy import func, select

from aluqsec.auth.models import User
from aluqsec.companies.models import Company, CompanyRole
from aluqsec.extensions import db

from ..conftest import post

VALID = {
    "name": "Julie Fortin", "email": "Julie@Fonderie-Lac.ca", "password": "fonderie du lac 2026",
    "confirm": "fonderie du lac 2026", "legal_name": "Fonderie du Lac inc.", "neq": "1234 567 890",
    "sector": "transformation", "region": "02", "size_band": "10-49",
    "certifications": ["cybersecure-canada", "cmmc-l1"], "company_language": "fr", "accept": "y",
}


def counts():
    return (db.session.scalar(select(func.count()).select_from(User)),
            db.session.scalar(select(func.count()).select_from(Company)))


def test_signup_creates_owner_and_company_and_logs_in(client, app_context):
    response = post(client, "/auth/signup", VALID)
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "julie@fonderie-lac.ca"))
    company = user.memberships[0].company
    assert user.memberships[0].role == CompanyRole.OWNER
    assert company.neq == "1234567890"
    assert company.certifications == ["cybersecure-canada", "cmmc-l1"]
    assert user.password_hash.startswith("$argon2id$")
    page = client.get("/").get_data(as_text=True)
    assert "Fonderie du Lac inc." in page


def test_signup_with_bad_neq_explains_and_keeps_input(client, app_context):
    response = post(client, "/auth/signup", {**VALID, "neq": "12345"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Le NEQ compte exactement 10 chiffres." in html
    assert 'value="Fonderie du Lac inc."' in html
    assert 'value="julie@fonderie-lac.ca"' in html
    assert 'aria-describedby="neq-help neq-error"' in html
    assert counts() == (0, 0)


def test_signup_with_duplicate_neq_is_refused(client, make):
    make.make_company(neq="1234567890")
    before = counts()
    response = post(client, "/auth/signup", VALID)
    assert response.status_code == 400
    assert "Une entreprise avec ce NEQ est déjà inscrite" in response.get_data(as_text=True)
    assert counts() == before


def test_signup_with_weak_password_is_refused(client, app_context):
    data = {**VALID, "password": "court", "confirm": "court"}
    response = post(client, "/auth/signup", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Utilisez au moins 12 caractères." in html
    assert 'value="Julie Fortin"' in html
    assert 'value="court"' not in html  # passwords are never echoed back
    assert counts() == (0, 0)


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
