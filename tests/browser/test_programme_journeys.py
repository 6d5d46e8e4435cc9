"""The cluster's programme: the organizer's dashboard and funders' report (in English), surveys and certificates."""
import re
from datetime import date, timedelta

from .files import downloaded, pdf_text, programme_report
from .journeys import DEMO, last_mail_to, link_in, log_in, log_out

SURVEYED = "Operational technology (OT) circle: PLCs and remote access"  # the demo's circle of these past weeks
PAST_WORKSHOP = "Workshop: backups that survive ransomware"  # a year-old event of the demo programme


def switch_language(visit, to):
    """Press the navigation's language button (the choice is kept on the account)."""
    visit.follow(visit.page.locator(f"nav form[action^='/language'] button[lang={to}]"), f"switched to {to}")
    assert visit.page.locator("html").get_attribute("lang").startswith(to)


def test_organizer_reads_the_programme_results_and_the_funders_report_in_english(visit, tmp_path):
    page = visit.page
    log_in(visit, "organizer")
    switch_language(visit, "en")
    try:
        # The figures are computed by the worker: the page says so and refreshes itself until they are in,
        # unless the visitor stops it (WCAG 2.2.1); "Refresh now" is there with or without the script.
        visit.follow(page.get_by_role("link", name="Programme", exact=True), "programme results, being computed")
        page.get_by_role("button", name="Stop refreshing").click()
        assert page.get_by_text("Automatic refreshing is stopped.").is_visible()
        page.wait_for_timeout(3_000)  # longer than the refresh period: nothing reloaded
        assert page.get_by_text("Automatic refreshing is stopped.").is_visible()
        for _attempt in range(120):  # by hand now, as someone without JavaScript would
            if page.get_by_role("heading", name="Reach").count():
                break
            page.wait_for_timeout(500)
            visit.follow(page.get_by_role("link", name="Refresh now"))
        visit.check("programme results")

        # A period that ends before it starts is refused, with the dates typed kept.
        page.locator("#start").fill("2026-06-30")
        page.locator("#end").fill("2026-01-01")
        visit.click("Show", "programme results, period refused")
        assert "The period must end after it starts." in visit.flash()
        assert page.locator("#start").input_value() == "2026-06-30"

        start = date.today() - timedelta(days=400)
        page.locator("#start").fill(start.isoformat())
        page.locator("#end").fill(date.today().isoformat())
        visit.click("Show", "programme results over 400 days, being computed")
        page.get_by_role("heading", name="Reach").wait_for(timeout=120_000)
        visit.check("programme results over 400 days")
        assert page.locator("main table").count() >= 4

        results = page.url
        name, pdf = programme_report(visit, page.get_by_role("link", name="Funders' report (PDF, English)"))
        assert name.endswith("-en.pdf") and "Median maturity per topic" in pdf_text(pdf, tmp_path)
        page.goto(results)  # the report was prepared on its job's page: back to the same period
        name, xlsx = programme_report(visit, page.get_by_role("link", name="Figures (Excel)"))
        assert name.endswith(".xlsx") and xlsx[:2] == b"PK"

        # What the people who came to a past workshop said of it.
        visit.goto("/organizer/events?past=1", "organizer events with past ones (English)")
        visit.follow(page.locator("main a", has_text=PAST_WORKSHOP), "past workshop")
        visit.click(re.compile("^Feedback$"), "workshop feedback", role="link")
        assert re.search(r"Average: \d\.\d / 5", page.locator("main").inner_text())
        assert page.locator("main h2", has_text="What people will apply").count() == 1
    finally:
        switch_language(visit, "fr")
    log_out(visit)
    visit.assert_clean()


def test_attendee_answers_the_survey_and_downloads_a_certificate_anyone_can_check(visit, make_page, visit_for,
                                                                                   tmp_path):
    page = visit.page
    visit.server.send_surveys_the_day_after(SURVEYED)
    survey = link_in(last_mail_to(visit, DEMO["owner"]), visit.server.url)
    visit.goto(survey, "feedback survey")

    # Without the one required answer: refused, what was typed kept.
    page.locator("#other_topics").fill("Les sauvegardes des automates")
    visit.follow(page.locator("main form button[type=submit]"), "feedback survey incomplete")
    assert page.locator("main [role=alert]").count() == 1
    assert page.locator("#other_topics").input_value() == "Les sauvegardes des automates"
    page.locator("input[name=usefulness][value='4']").check()
    page.locator("#will_apply").fill("Inventorier les automates et leurs accès à distance.")
    page.locator("input[name=topics_wanted]").first.check()
    visit.follow(page.locator("main form button[type=submit]"), "feedback sent")
    assert page.get_by_role("heading", name="Merci").count() == 1
    visit.goto(survey, "feedback survey already answered")
    assert "une seule fois" in page.locator("main").inner_text()

    # The certificate of an event attended, then its public check by someone who is not logged in.
    log_in(visit, "owner")
    visit.goto("/my/events", "my events with certificates")
    link = page.locator("main a[href$='certificate.pdf']").first
    _name, pdf = downloaded(visit, link)
    text = pdf_text(pdf, tmp_path)
    # The code may break across lines after its hyphen: "(code 12-" then "abc…)".
    found = re.search(r"\(code (\d+-)\s*(\w+)\)", text)
    assert found and "Marie Tremblay" in text, text
    code = found.group(1) + found.group(2)
    log_out(visit)

    stranger = visit_for(make_page())
    stranger.goto(f"/certificates/{code}", "certificate checked")
    assert "Marie Tremblay" in stranger.page.locator("main dl").inner_text()
    response = stranger.page.goto(f"/certificates/{code[:-3]}xyz")
    assert response.status == 404
    stranger.check("false certificate")
    assert stranger.page.locator("main .alert-danger").count() == 1
    visit.assert_clean()
    stranger.assert_clean()
