"""Every page each demo role can reach reads in one language: the user's, questionnaire included."""
import re
from collections import Counter
from itertools import product
from urllib.parse import urldefrag, urlsplit

import pytest
from sqlalchemy import update

from aluqsec.auth.models import User
from aluqsec.extensions import db
from aluqsec.questionnaires.services import get_bank

from ..conftest import login, post
from .bilingual import one_language_strings, read_page, text_pieces

ROLES = ("owner", "member", "advisor", "organizer", "admin")
LINK = re.compile(r'href="(/[^"]*)"')
# Files (PDF, CSV, XLSX, calendars) and assets are not pages; signing out ends the walk.
# The admin outbox shows each stored mail in its recipient's language: its text is data, not the interface.
NOT_PAGES = re.compile(r"^/(static|bootstrap)/|\.(pdf|csv|xlsx|ics)(\?|$)|^/calendar/|^/auth/logout|^/admin/outbox")
# Numbers and dates written the other language's way, or in a second style (issue 12, point 6).
WRONG_FORMS = {
    "fr": [re.compile(r"\d\.\d / 5"), re.compile(r"\d%"), re.compile(r"[-\u2212]0,0\b"),
           re.compile(r"\b\d{1,2} (janv|févr|avr|juil|sept|oct|nov|déc)\. \d{4}"),
           re.compile(r"[^\W\d]:(\s|$)"),  # French puts a space before a colon
           re.compile(r"CPCSC niveau")],  # in French the programme is the PCCC
    "en": [re.compile(r"\d,\d / 5"), re.compile(r"\d %"), re.compile(r"[-\u2212]0\.0\b"),
           re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}"),
           # English does not; a piece with French letters is text someone typed (an advisor's note)
           re.compile(r"^[^éèêàâçùûôîœ]*[\w)]\s:(\s|$)")],
}
NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
SAME_KIND_MAX = 2  # pages per URL shape (ids replaced): enough to see each template with real data
PAGES_MAX = 250
# Pages each role must have reached, so that a broken link cannot shrink the walk unnoticed.
MUST_REACH = {
    "owner": ["/assessments/N/domains/", "/assessments/N/submit", "/assessments/N/results", "/assessments/N/review/",
              "/companies/N/plan", "/companies/N/progress"],
    "member": ["/assessments/N/domains/", "/assessments/N/results", "/companies/N/plan"],
    "advisor": ["/advisor/portfolio", "/assessments/N/results", "/assessments/N/review/", "/companies/N/progress"],
    "organizer": ["/organizer/events/N/edit", "/organizer/demand", "/events/N"],
    "admin": ["/admin/users", "/questionnaires/"],
}


@pytest.fixture(scope="module")
def strings(app):
    with app.app_context():
        return one_language_strings(get_bank())


def shape(url):
    return re.sub(r"\d+", "N", url)


def walk(client):
    """GET every page reachable by links from the dashboard; return ``{url: (status, html)}``."""
    seen, queue, kinds = {}, ["/"], Counter()
    while queue and len(seen) < PAGES_MAX:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        seen[url] = (response.status_code, html, response.headers.get("Location"))
        if response.status_code in (301, 302, 303) and response.headers.get("Location"):
            queue.append(urlsplit(response.headers["Location"])._replace(scheme="", netloc="").geturl())
        for link in LINK.findall(html):
            link = urldefrag(link.replace("&amp;", "&"))[0]
            if NOT_PAGES.search(link) or link in seen or kinds[shape(link)] >= SAME_KIND_MAX:
                continue
            kinds[shape(link)] += 1
            queue.append(link)
    return seen


def start_a_draft(client):
    """Start a full assessment from the dashboard's company, as a member would."""
    dashboard = client.get("/").get_data(as_text=True)
    start = re.search(r'href="(/companies/\d+/assessments)"', dashboard).group(1)
    assert post(client, start, {"questionnaire": "baseline", "targets": "cmmc-l1"}).status_code == 302


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("role", ROLES)
def test_every_reachable_page_is_in_the_users_language(app, client, app_context, strings, role, language):
    app.test_cli_runner().invoke(args=["demo", "load"])
    email = f"{role}@demo.aluqsec.ca"
    db.session.execute(update(User).where(User.email == email).values(language=language))
    db.session.commit()
    assert login(client, email, app.config["DEMO_PASSWORD"]).status_code == 302
    if role in ("owner", "member"):
        start_a_draft(client)
    other = "en" if language == "fr" else "fr"
    pages = walk(client)
    problems, checked = [], 0
    for url, (status, html, _location) in pages.items():
        if status >= 400:
            problems.append(f"{url}: a link leads to HTTP {status}")
        if status != 200 or not html:
            continue
        checked += 1
        html_lang, text = read_page(html, language)
        if html_lang != language:
            problems.append(f"{url}: <html lang={html_lang!r}>")
        foreign = sorted(s for s in strings[other] if s in text)
        if foreign:
            problems.append(f"{url}: {len(foreign)} {other} strings, e.g. {foreign[:3]}")
        # Judged piece by piece: a chart's "5" beside its "sept. 2026" is not a date.
        for pattern, piece in product([*WRONG_FORMS[language], NUMERIC_DATE], text_pieces(html, language)):
            if found := pattern.search(piece):
                problems.append(f"{url}: {found.group(0)!r} is not how {language} pages write it ({piece[:80]!r})")
    shapes = {shape(url) for url, (status, _html, _location) in pages.items() if status == 200}
    missing = [prefix for prefix in MUST_REACH[role] if not any(s.startswith(prefix) for s in shapes)]
    assert not missing, f"not reached as {role}: {missing} ({checked} pages checked)"
    assert not problems, "\n".join(problems)
