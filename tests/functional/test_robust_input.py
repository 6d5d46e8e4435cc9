"""Hostile input gets a 4xx answer with a message, never a 500 nor an off-site redirect."""
import re

import pytest
from sqlalchemy import func, select

from aluqsec.auth.models import Role, User
from aluqsec.companies.models import Company
from aluqsec.extensions import db

from ..conftest import csrf_token, login, post
from .test_event_organizer import event_form

OVER_RANGE = [2**31, 2**63, 10**30]


def id_rules(app):
    """Every rule with an integer part, with the methods it accepts."""
    for rule in app.url_map.iter_rules():
        ints = [name for name, converter in rule._converters.items() if converter.regex.startswith("\\d")]
        if ints:
            yield rule, ints


def build(app, rule, ints, value):
    """Return the path of *rule* with every integer part set to *value* and the others plausible."""
    values = {name: value if name in ints else "x" for name in rule.arguments}
    path = rule.rule
    for name in rule.arguments:
        path = re.sub(rf"<(?:[^:>]+:)?{name}>", str(values[name]), path)
    return path


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("value", OVER_RANGE)
def test_over_range_ids_give_404_on_every_id_route(app, client, make, signed_in, value):
    rules = list(id_rules(app))
    assert len(rules) >= 25, "the URL map lost its id routes?"
    if signed_in:
        make.make_user(email="admin@example.ca", roles=[Role.ADMIN, Role.ORGANIZER, Role.ADVISOR])
        login(client, "admin@example.ca")
    token = csrf_token(client)
    for rule, ints in rules:
        path = build(app, rule, ints, value)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method, data={"csrf_token": token})
            assert response.status_code == 404, f"{method} {path} answered {response.status_code}"


def test_nul_byte_is_refused_on_every_post_route(app, client, make):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN, Role.ORGANIZER, Role.ADVISOR])
    login(client, "admin@example.ca")
    token = csrf_token(client)
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    assert len(posts) >= 30
    for rule in posts:
        ints = [name for name, converter in rule._converters.items() if converter.regex.startswith("\\d")]
        path = build(app, rule, ints, 1)
        response = client.post(path, data={"csrf_token": token, "name": "A\x00B", "email": "a@b.ca"})
        assert response.status_code == 400, f"POST {path} answered {response.status_code}"
        assert "octet NUL" in response.get_data(as_text=True), path


@pytest.fixture
def owner(client, make):
    make.make_company(owner=make.make_user(email="owner@example.ca"), legal_name="Alu Bleu inc.")
    login(client, "owner@example.ca")
    return client


@pytest.mark.parametrize("field", ["legal_name", "city", "website"])
def test_nul_byte_in_a_form_field_is_refused_with_a_message(owner, make, field):
    company = db.session.scalar(select(Company))
    response = post(owner, f"/companies/{company.id}/edit",
                    {"legal_name": "Alu Bleu inc.", field: "Alu\x00Rouge"})
    assert response.status_code == 400
    assert "caractère de contrôle invisible (octet NUL)" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(Company.legal_name)) == "Alu Bleu inc."


@pytest.mark.parametrize("url,data", [
    ("/auth/login", {"email": "a\x00@example.ca", "password": "x"}),
    ("/auth/signup", {"email": "new@example.ca", "name": "Ana\x00", "password": "x" * 14}),
    ("/auth/reset", {"email": "\x00@example.ca"}),
])
def test_nul_byte_in_anonymous_forms_is_refused_in_english_or_french(client, app_context, url, data):
    response = post(client, url, data, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "invisible control character (NUL byte)" in response.get_data(as_text=True)
    response = post(client, url, data, headers={"Accept-Language": "fr"})
    assert "caractère de contrôle invisible (octet NUL)" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.parametrize("url", ["/admin/users?q=a%00b", "/events?topic=%00", "/calendar/ab%00cd.ics",
                                 "/auth/reset/ab%00cd", "/advisor/portfolio?region=%00"])
def test_nul_byte_in_a_query_or_path_is_refused(client, make, url):
    make.make_user(email="staff@example.ca", roles=[Role.ADMIN, Role.ADVISOR])
    login(client, "staff@example.ca")
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("target", [
    "/%09/evil.example", "/\t/evil.example", "//evil.example", "\\\\evil.example", "/\\evil.example",
    "https://evil.example/", "javascript:alert(1)", "\n/evil", "/ok\r\nSet-Cookie: x=1", " //evil.example",
    "/%0a/evil", "http:/evil.example", "///evil.example",
])
def test_bad_next_never_leaves_the_site(client, make, target):
    make.make_user(email="ana@example.ca")
    token = csrf_token(client, "/auth/login")
    response = client.post("/auth/login", query_string={"next": target},
                           data={"email": "ana@example.ca", "password": make.PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    response = client.post("/language", data={"language": "en", "csrf_token": token, "next": target})
    assert response.headers["Location"] == "/"


def test_good_next_is_followed(client, make):
    make.make_user(email="ana@example.ca")
    token = csrf_token(client, "/auth/login")
    response = client.post("/auth/login", query_string={"next": "/events?topic=ot&region=02"},
                           data={"email": "ana@example.ca", "password": make.PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/events?topic=ot&region=02"


@pytest.mark.parametrize("missing", sorted(event_form()))
def test_event_edit_with_a_missing_field_gives_a_form_error(client, make, missing):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER])
    login(client, "org@example.ca")
    event = make.make_event(sessions=3, kind="circle")
    data = event_form()
    del data[missing]
    response = post(client, f"/organizer/events/{event.id}/edit", data)
    assert response.status_code in (302, 400), f"without {missing}: {response.status_code}"


def test_admin_user_list_with_a_huge_page_number(client, make):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    login(client, "admin@example.ca")
    assert client.get(f"/admin/users?page={2**63}").status_code in (200, 404)
    assert client.get(f"/admin/audit?page={10**30}").status_code in (200, 404)
