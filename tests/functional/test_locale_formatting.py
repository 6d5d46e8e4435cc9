"""Numbers, percentages and dates read the way each language writes them, on pages, in PDFs and in mails."""
import re
from datetime import UTC, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest

from aluqsec.auth.models import Role
from aluqsec.events.reminders import send_due_reminders
from aluqsec.events.services import register
from aluqsec.extensions import db

from ..conftest import login, post
from .assessment_helpers import ALL_THREE, table_rows
from .job_helpers import prepare_and_download
from .test_reports import needs_poppler, pdf_text

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTREAL = ZoneInfo("America/Montreal")
NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")


def visible(html):
    """Return what a reader sees: tags, scripts and entities out, no-break spaces kept."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def french_day(day):
    return "1er" if day.day == 1 else str(day.day)


def long_date(moment, language):
    day = moment.astimezone(MONTREAL).date()
    if language == "fr":
        return f"{french_day(day)} {MONTHS_FR[day.month - 1]} {day.year}"
    return f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}"


@pytest.fixture
def progressed(make):
    """A company whose access domain went from 2.45 to 3.27 (+0.8) between two quick scans."""
    owner = make.make_user(email="o@example.ca")
    company = make.make_company(owner=owner, legal_name="Usinage Précis inc.")
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1"}, submitted=True)
    latest = make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "4"}, submitted=True)
    return company, latest


@pytest.mark.parametrize(("language", "access", "percent", "wrong_percent"), [
    # access: qs-accounts, qs-sign-in, qs-mfa-all (weight 3 each), qs-physical (weight 2):
    # (9 + 9 + 3 + 6)/11 = 2.45 then (9 + 9 + 12 + 6)/11 = 3.27, change +0.82
    ("fr", ["Accès aux systèmes et aux locaux", "3,3", "2,5", "+0,8"], re.compile(r"\d[\u00a0\u202f]%"),
     re.compile(r"\d ?%")),
    ("en", ["Access to systems and premises", "3.3", "2.5", "+0.8"], re.compile(r"\d%"),
     re.compile(r"\d[ \u00a0\u202f]%")),
])
def test_results_page_writes_scores_percentages_and_dates_in_the_reader_s_language(
        client, make, progressed, language, access, percent, wrong_percent):
    company, latest = progressed
    login(client, "o@example.ca")
    post(client, "/language", {"language": language})
    html = client.get(f"/assessments/{latest.id}/results").get_data(as_text=True)
    assert access in table_rows(html)
    seen = visible(html)
    assert percent.search(seen) and not wrong_percent.search(seen), seen[:2000]
    assert long_date(latest.submitted_at, language) in seen
    assert not NUMERIC_DATE.search(seen)
    overall = re.search(r"(\d[.,]\d) / 5", seen).group(1)
    assert ("," in overall) == (language == "fr")


@pytest.mark.parametrize(("language", "first_row", "comma"), [("fr", "Accès aux systèmes et aux locaux", True),
                                                              ("en", "Access to systems and premises", False)])
def test_progress_and_assessment_list_use_the_locale_and_one_date_style(client, progressed, language, first_row,
                                                                        comma):
    company, latest = progressed
    login(client, "o@example.ca")
    post(client, "/language", {"language": language})
    progress = client.get(f"/companies/{company.id}/progress").get_data(as_text=True)
    change = next(row for row in table_rows(progress) if row and row[0] == first_row)
    assert change[1:] == (["2,5", "3,3", "+0,8"] if comma else ["2.5", "3.3", "+0.8"])
    listing = client.get(f"/companies/{company.id}/assessments").get_data(as_text=True)
    for seen in (visible(progress), visible(listing)):
        assert long_date(latest.submitted_at, language) in seen
        assert not NUMERIC_DATE.search(seen)
    assert ("3,1 / 5" if comma else "3.1 / 5") in visible(listing)


# overall: 16 questions of total weight 42, all at 3 but qs-mfa-all (weight 3) at 1 then 4:
# (126 - 6)/42 = 2.86 then (126 + 3)/42 = 3.07, change 9/42 = +0.21
@pytest.mark.parametrize(("language", "trend", "zero"), [("fr", "+0,2", "="), ("en", "+0.2", "=")])
def test_portfolio_trend_is_signed_and_a_zero_change_is_an_equals_sign(client, make, progressed, language, trend,
                                                                     zero):
    company, _latest = progressed
    advisor = make.make_user(email="adv@example.ca", roles=[Role.ADVISOR], language=language)
    steady = make.make_company(legal_name="Fonderie Stable inc.")
    make.make_assessment(steady, answers=ALL_THREE, submitted=True)
    make.make_assessment(steady, answers=ALL_THREE, submitted=True)
    make.make_grant(company, advisor)
    make.make_grant(steady, advisor)
    login(client, "adv@example.ca")
    rows = {row[0]: row for row in table_rows(client.get("/advisor/portfolio").get_data(as_text=True)) if row}
    precise = next(row for name, row in rows.items() if name.startswith("Usinage Précis"))
    stable = next(row for name, row in rows.items() if name.startswith("Fonderie Stable"))
    assert trend in precise and zero in stable
    assert precise[1] == ("3,1" if language == "fr" else "3.1")
    assert not any(re.fullmatch(r"[-\u2212]0[.,]0", cell) for cell in stable)


# French sets a colon apart with a space ("CMMC niveau 1 : Non respectée"), English does not.
WRONG_COLON = {"fr": re.compile(r"[^\W\d]:\s"), "en": re.compile(r"[\w)] :\s")}


@needs_poppler
@pytest.mark.parametrize(("language", "score", "wrong"), [("fr", re.compile(r"\d,\d / 5"), re.compile(r"\d\.\d / 5")),
                                                          ("en", re.compile(r"\d\.\d / 5"), re.compile(r"\d,\d / 5"))])
def test_pdf_report_writes_numbers_and_dates_like_the_page(client, progressed, tmp_path, language, score, wrong):
    _company, latest = progressed
    login(client, "o@example.ca")
    words = pdf_text(client.get(f"/assessments/{latest.id}/report.pdf?lang={language}").data, tmp_path)
    assert score.search(words) and not wrong.search(words)
    assert long_date(latest.submitted_at, language) in words
    assert not NUMERIC_DATE.search(words)
    assert not WRONG_COLON[language].search(words), WRONG_COLON[language].search(words)


def test_event_reminder_mail_gives_weekday_date_and_time_in_each_language(app, make, smtp_server):
    event = make.make_event(days_ahead=3)
    start = (datetime.now(UTC) + timedelta(days=3)).astimezone(MONTREAL).replace(hour=14, minute=5, second=0,
                                                                                   microsecond=0)
    event.sessions[0].starts_at = event.starts_at = start.astimezone(UTC)
    event.sessions[0].ends_at = event.ends_at = (start + timedelta(hours=2)).astimezone(UTC)
    event.registration_deadline = start.astimezone(UTC) - timedelta(days=1)
    french, english = make.make_user(email="fr@example.ca"), make.make_user(email="en@example.ca", language="en")
    register(event, french, None)
    register(event, english, None)
    db.session.commit()
    assert send_due_reminders() == 2
    bodies = {m["To"]: " ".join(m.get_content().split()) for m in smtp_server.messages}
    day = start.date()
    assert (f"{DAYS_FR[day.weekday()]} {french_day(day)} {MONTHS_FR[day.month - 1]} {day.year}, 14:05"
            in bodies["fr@example.ca"])
    assert (f"{DAYS_EN[day.weekday()]}, {MONTHS_EN[day.month - 1]} {day.day}, {day.year}, 2:05 PM"
            in bodies["en@example.ca"].replace("\u202f", " "))


@needs_poppler
@pytest.mark.parametrize(("language", "rise"), [("fr", "+0,2"), ("en", "+0.2")])
def test_portfolio_pdf_writes_changes_like_the_page(client, make, progressed, tmp_path, language, rise):
    company, _latest = progressed
    advisor = make.make_user(email="adv@example.ca", roles=[Role.ADVISOR], language=language)
    steady = make.make_company(legal_name="Fonderie Stable inc.")
    make.make_assessment(steady, answers=ALL_THREE, submitted=True)
    make.make_assessment(steady, answers=ALL_THREE, submitted=True)
    make.make_grant(company, advisor)
    make.make_grant(steady, advisor)
    login(client, "adv@example.ca")
    words = pdf_text(prepare_and_download(client, f"/advisor/portfolio/report.pdf?lang={language}").data, tmp_path)
    assert f"▲ {rise}" in words and "=" in words
    assert not WRONG_COLON[language].search(words), WRONG_COLON[language].search(words)
    assert not re.search(r"[-\u2212]0[.,]0\b", words) and not NUMERIC_DATE.search(words)
    assert long_date(_latest.submitted_at, language) in words


@pytest.mark.parametrize("language,registered,taken,left", [
    ("fr", 0, "0 place prise sur 2", "2 libres sur 2"),
    ("fr", 1, "1 place prise sur 2", "1 libre sur 2"),
    ("fr", 2, "2 places prises sur 2", "0 libre sur 2"),
    ("en", 1, "1 of 2 seats taken", "1 left of 2"),
    ("en", 2, "2 of 2 seats taken", "0 left of 2"),
])
def test_seats_agree_with_their_number_in_each_language(client, make, language, registered, taken, left):
    make.make_user(email="org@example.ca", roles=[Role.ORGANIZER], language=language)
    event = make.make_event(capacity=2)
    for number in range(registered):
        register(event, make.make_user(email=f"p{number}@example.ca"), None)
    db.session.commit()
    login(client, "org@example.ca")
    assert taken in visible(client.get(f"/organizer/events/{event.id}").get_data(as_text=True))
    assert left in visible(client.get(f"/events/{event.id}").get_data(as_text=True))
