import pytest

from aluqsec.auth.models import Role

from ..conftest import login, post


def test_post_without_csrf_token_is_rejected(client, make):
    make.make_user(email="ana@example.ca")
    response = client.post("/auth/login", data={"email": "ana@example.ca", "password": "x"})
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/auth/profile", "/admin/users", "/companies/1"])
def test_anonymous_visitors_are_sent_to_login(client, app_context, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_wrong_role_gets_403(client, make):
    make.make_user(email="organizer@example.ca", roles=[Role.ORGANIZER])
    login(client, "organizer@example.ca")
    assert client.get("/admin/users").status_code == 403


def test_member_of_one_company_cannot_see_another(client, make):
    mine = make.make_company(owner=make.make_user(email="a@example.ca"))
    theirs = make.make_company(legal_name="Secret Alu inc.")
    login(client, "a@example.ca")
    assert client.get(f"/companies/{mine.id}").status_code == 200
    for url in (f"/companies/{theirs.id}", f"/companies/{theirs.id}/edit"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Secret Alu" not in response.get_data(as_text=True)
    assert post(client, f"/companies/{theirs.id}/invite", {"email": "x@example.ca"}).status_code == 404


def test_member_cannot_edit_company_profile(client, make):
    company = make.make_company()
    make.make_member(company, make.make_user(email="m@example.ca"))
    login(client, "m@example.ca")
    assert client.get(f"/companies/{company.id}").status_code == 200
    assert client.get(f"/companies/{company.id}/edit").status_code == 404


def test_security_headers_and_csp_without_inline_script(client, app_context):
    response = client.get("/auth/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    html = response.get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html and "onclick" not in html


@pytest.mark.parametrize("language,text", [("fr", "Page introuvable"), ("en", "Page not found")])
def test_404_page_in_both_languages(client, app_context, language, text):
    response = client.get("/no-such-page", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert text in response.get_data(as_text=True)


def test_unexpected_error_shows_plain_page_without_trace(another_app):
    app = another_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom", headers={"Accept-Language": "en"})
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "secret internals" not in html and "Traceback" not in html


def test_downloads_and_signed_in_pages_are_never_stored(client, make):
    import re

    from aluqsec.events.services import register
    from aluqsec.extensions import db

    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner)
    assessment = make.make_assessment(company, submitted=True, answers={"qs-mfa-all": "2"})
    event = make.make_event()
    register(event, owner, company)
    db.session.commit()
    login(client, "o@example.ca")
    feed = client.get("/my/events").get_data(as_text=True)
    calendar = re.search(r"/calendar/[^\"<\s]+\.ics", feed)
    urls = [f"/companies/{company.id}/plan.csv", f"/companies/{company.id}/plan.xlsx", f"/events/{event.id}.ics",
            f"/assessments/{assessment.id}/report.pdf", f"/companies/{company.id}", "/auth/profile", "/my/events"]
    urls += [calendar.group(0)] if calendar else []
    assert calendar, "the personal calendar feed link is on /my/events"
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers.get("Cache-Control") == "no-store", url


def test_static_files_may_be_cached(client, app_context):
    response = client.get("/static/css/app.css")
    response.close()
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
