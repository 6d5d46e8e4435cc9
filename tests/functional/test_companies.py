import re

from aluqsec.companies.models import Company, CompanyRole
from aluqsec.extensions import db

from ..conftest import login, post


def test_owner_edits_profile_and_bad_input_is_kept(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    data = {"legal_name": "Nouveau nom inc.", "neq": "abc", "sector": "other", "region": "16",
            "size_band": "1-9", "company_language": "en"}
    response = post(client, f"/companies/{company.id}/edit", data)
    assert response.status_code == 400
    assert 'value="Nouveau nom inc."' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Company, company.id).legal_name != "Nouveau nom inc."
    data["neq"] = "9999999999"
    assert post(client, f"/companies/{company.id}/edit", data).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Company, company.id)
    assert (saved.legal_name, saved.region, saved.language) == ("Nouveau nom inc.", "16", "en")


def test_owner_invites_a_colleague_who_joins(app, client, make, smtp_server):
    company = make.make_company(owner=make.make_user(email="o@example.ca", name="Olivier"))
    login(client, "o@example.ca")
    assert post(client, f"/companies/{company.id}/invite", {"email": "Colleague@Example.ca"}).status_code == 302
    message = smtp_server.messages[-1]
    assert message["To"] == "colleague@example.ca"
    assert "Olivier" in message["Subject"]
    link = re.search(r"http://localhost(/companies/invitations/\S+)", smtp_server.body()).group(1)
    newcomer = app.test_client()
    form = {"name": "Chloé", "password": "welcome to the plant", "confirm": "welcome to the plant", "accept": "y"}
    assert post(newcomer, link, form).status_code == 302
    page = newcomer.get(f"/companies/{company.id}").get_data(as_text=True)
    assert "Chloé" in page
    db.session.expire_all()
    roles = {m.user.email: m.role for m in db.session.get(Company, company.id).memberships}
    assert roles == {"o@example.ca": CompanyRole.OWNER, "colleague@example.ca": CompanyRole.MEMBER}
    again = app.test_client()
    assert post(again, link, {**form, "name": "Intruder"}).headers["Location"] == "/"


def test_invitation_with_bad_email_shows_error(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    response = post(client, f"/companies/{company.id}/invite", {"email": "not-an-address"})
    assert response.status_code == 400
    assert 'value="not-an-address"' in response.get_data(as_text=True)
