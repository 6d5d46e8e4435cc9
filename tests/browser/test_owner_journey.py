"""A new company's whole journey, in French and in English."""
import csv
import io
import re
import zipfile

import pytest

from .journeys import (
    NEW_PASSWORD,
    answer_domain,
    company_id_of,
    domain_count,
    last_mail_to,
    link_in,
    log_in,
    log_out,
    sign_up_and_confirm,
    start_assessment,
    submit_assessment,
)

LANGUAGES = {
    "fr": dict(locale="fr-CA", language_label="Français", company="Anodisation Jonquière inc.", neq="1190000048",
               owner="Chantal Girard"),
    "en": dict(locale="en-CA", language_label="English", company="Saguenay Alloy Works Ltd.", neq="1190000055",
               owner="Peter Morgan"),
}
# A mix of levels, "I don't know" and N/A, cycled over each domain's questions.
MIX = [("3", ""), ("1", "Seulement au bureau / office only"), ("unknown", ""), ("4", ""),
       ("na", "Aucun tel système / no such system"), ("2", ""), ("0", ""), ("5", "Vérifié en 2026 / checked in 2026")]


def answers_for(visit, shift):
    """Pick this domain's answers from MIX (shifted per domain), giving N/A only where the question allows it."""
    page, answers = visit.page, []
    for index in range(domain_count(visit)):
        value, text = MIX[(index + shift) % len(MIX)]
        qid = page.locator("fieldset.question").nth(index).get_attribute("id").removeprefix("question-")
        if value == "na" and not page.locator(f"#q-{qid}-na").count():
            value, text = "2", ""
        answers.append((value, text))
    return answers


def answer_every_domain(visit, assessment_id):
    """Answer all domains through "Save and continue", from the first to the review page."""
    visit.follow(visit.page.locator("main a.btn-primary[href*='/domains/']"))
    domains = 0
    while "/domains/" in visit.page.url:
        answer_domain(visit, answers_for(visit, domains), label=f"assessment {assessment_id} domain {domains + 1}")
        domains += 1
    return domains


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_new_company_from_sign_up_to_advisor_access(lang, make_page, visit_for):
    data = LANGUAGES[lang]
    visit = visit_for(make_page(data["locale"]))
    page = visit.page
    email = f"{lang}.owner@anodisation.example"
    sign_up_and_confirm(visit, data["owner"], email, data["company"], data["neq"], data["language_label"])
    company_id = company_id_of(visit)

    # Quick scan, every question answered, then submitted.
    quick = start_assessment(visit, company_id, "quick-scan")
    assert answer_every_domain(visit, quick) >= 2
    submit_assessment(visit, quick)

    # Full assessment: levels, "I don't know", N/A with justification; submitted.
    full = start_assessment(visit, company_id, "baseline")
    assert answer_every_domain(visit, full) >= 5
    submit_assessment(visit, full)
    assert page.locator("main svg").count() >= 1
    assert page.get_by_text(re.compile(r"\d[,.]\d / 5")).count() >= 1

    # Report as PDF from the results.
    pdf = visit.fetch(page.locator("main a[href*='report.pdf']").first.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"

    # Register to a recommended event and take its calendar file.
    recommended = page.locator("main a[href^='/events/']").first
    event_title = recommended.inner_text()
    visit.follow(recommended, "recommended event")
    visit.follow(page.locator("main form[action$='/register'] button"), "event after registering")
    assert page.get_by_text(re.compile("confirmée|confirmed|liste d.attente|waitlist")).count()
    ics = visit.fetch(page.locator("main a[href$='.ics']").get_attribute("href"))
    assert "BEGIN:VEVENT" in ics.text() and event_title.split()[0] in ics.text()

    # The action plan: assign, date, close, reorder; then both exports.
    work_the_plan(visit, company_id, data["owner"])

    # Invite a colleague, who accepts in their own browser.
    colleague = f"{lang}.colleague@anodisation.example"
    visit.goto(f"/companies/{company_id}", "company profile")
    page.locator("main input[type=email]").fill(colleague)
    visit.click(re.compile("Envoyer l.invitation|Send the invitation"), "invitation sent")
    accept_invitation(visit_for(make_page(data["locale"])), colleague, data["company"])

    # Grant the demo advisor access to reviews.
    visit.goto(f"/companies/{company_id}/access", "advisor access")
    page.locator("main form input[type=email]").fill("advisor@demo.aluqsec.ca")
    page.locator("main input[name=scope][value=review]").check()
    visit.click(re.compile("Donner accès|Give access"), "advisor access granted")
    assert page.locator("main table").get_by_text("advisor@demo.aluqsec.ca").count() == 1
    log_out(visit)
    visit.assert_clean()


def work_the_plan(visit, company_id, owner_name):
    """Assign the first action with a due date, close the second, move the fourth up; export."""
    page = visit.page
    visit.goto(f"/companies/{company_id}/plan", "action plan")
    items = page.locator("main li.card")
    assert items.count() >= 4
    first = items.nth(0)
    first.locator("select[name$='-assignee']").select_option(label=owner_name)
    first.locator("input[name$='-due_date']").fill("2027-03-31")
    first.locator("select[name$='-status']").select_option("in_progress")
    visit.follow(first.locator("button[type=submit]").filter(has_text=re.compile("Enregistrer|Save")),
                 "action plan after assigning")
    first = page.locator("main li.card").nth(0)
    assert first.locator("select[name$='-assignee'] option:checked").inner_text() == owner_name
    assert first.locator("input[name$='-due_date']").input_value() == "2027-03-31"

    second = page.locator("main li.card").nth(1)
    second_title = second.locator("h3").inner_text().split(". ", 1)[1]
    second.locator("select[name$='-status']").select_option("done")
    visit.follow(second.locator("button[type=submit]").filter(has_text=re.compile("Enregistrer|Save")),
                 "action plan after closing")
    visit.goto(f"/companies/{company_id}/plan?status=done", "action plan, done")
    assert page.locator("main li.card", has_text=second_title).count() == 1
    visit.goto(f"/companies/{company_id}/plan", "action plan")

    visit.goto(f"/companies/{company_id}/plan?sort=order", "action plan in the company's own order")
    fourth = page.locator("main li.card").nth(3)
    fourth_title = fourth.locator("h3").inner_text().split(". ", 1)[1]
    visit.follow(fourth.get_by_role("button", name=re.compile("Monter|Move up")), "action plan after moving up")
    assert fourth_title in page.locator("main li.card").nth(2).locator("h3").inner_text()

    rows = list(csv.reader(io.StringIO(visit.fetch(f"/companies/{company_id}/plan.csv").text().lstrip("\ufeff"))))
    # The page shows 20 actions at a time; the export holds them all.
    assert len(rows) >= items.count() + 1 and any(owner_name in cell for row in rows for cell in row)
    xlsx = visit.fetch(f"/companies/{company_id}/plan.xlsx").body()
    assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(io.BytesIO(xlsx)).namelist()


def accept_invitation(visit, email, company):
    """Follow the invitation e-mail, create the account and land in the company."""
    page = visit.page
    visit.goto(link_in(last_mail_to(visit, email), visit.server.url), "invitation")
    page.locator("#name").fill("Collègue Colleague")
    page.locator("#password").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    page.locator("main form #accept").check()  # consent to the privacy notice
    visit.click(re.compile("Créer mon compte|Create my account"), "colleague joined")
    page.locator("nav .dropdown-toggle").last.click()
    assert page.locator("nav .dropdown-menu").get_by_text(company).count() == 1
    visit.assert_clean()



def test_owner_answers_the_clusters_advisor_proposal_in_english(make_page, visit_for):
    visit = visit_for(make_page("en-CA"))
    page = visit.page
    log_in(visit, "owner_en")
    company_id = company_id_of(visit)
    visit.goto(f"/companies/{company_id}/access", "advisor access with a proposal")
    proposal = page.locator("main section.alert")
    assert "proposes" in proposal.inner_text()
    visit.follow(proposal.get_by_role("button", name=re.compile("^Accept")), "proposal accepted")
    assert page.locator("main section.alert").count() == 0
    assert page.locator("main table").get_by_text("Active", exact=True).count() == 1
    visit.goto(f"/companies/{company_id}/plan", "action plan (English)")
    visit.goto("/my/events", "my events (English)")
    log_out(visit)
    visit.assert_clean()
