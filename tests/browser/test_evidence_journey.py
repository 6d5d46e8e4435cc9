"""Evidence: an owner files a PDF and a note against requirements, the advisor judges them, the checklist follows."""
import re

from .files import SMALL_PDF, audit_pack
from .journeys import company_id_of, log_in, log_out

FRAMEWORK = "cybersecure-canada"


def add_evidence(visit, title, target, pdf=None, note=""):
    """Fill the library's form for a file (*pdf* bytes) or a note linked to *target*; submit it."""
    page = visit.page
    form = page.locator("main form[action$='/items']")
    form.locator(f"input[name=kind][value={'file' if pdf else 'note'}]").check()
    form.locator("#title").fill(title)
    if pdf:
        form.locator("#file").set_input_files(files=[{"name": "politique.pdf", "mimeType": "application/pdf",
                                                      "buffer": pdf}])
    else:
        form.locator("#note").fill(note)
    form.locator("#targets").select_option(target)
    visit.follow(form.locator("button[type=submit]"), f"evidence “{title}” added")


def test_owner_files_evidence_the_advisor_judges_it_and_the_checklist_and_pack_follow(visit, make_page, visit_for):
    page = visit.page
    log_in(visit, "owner")
    company_id = company_id_of(visit)
    visit.goto(f"/evidence/companies/{company_id}", "evidence library")
    targets = page.locator(f"#targets option[value^='{FRAMEWORK}|']")
    first_target, second_target = (targets.nth(n).get_attribute("value") for n in (0, 1))

    # A file of the wrong type is refused with the form kept.
    form = page.locator("main form[action$='/items']")
    form.locator("#title").fill("Politique de sauvegarde")
    form.locator("#file").set_input_files(files=[{"name": "politique.pdf", "mimeType": "application/pdf",
                                                  "buffer": b"not a pdf at all"}])
    form.locator("#targets").select_option(first_target)
    visit.follow(form.locator("button[type=submit]"), "evidence refused")
    assert page.locator("#file-error").count() == 1
    assert page.locator("#title").input_value() == "Politique de sauvegarde"

    add_evidence(visit, "Politique de sauvegarde", first_target, pdf=SMALL_PDF)
    pdf_item = page.url.removeprefix(visit.server.url)
    assert page.locator("main table a[href*='/download']").get_by_text("politique.pdf").count() == 1
    visit.goto(f"/evidence/companies/{company_id}", "evidence library")
    add_evidence(visit, "Registre des accès", second_target, note="Revu chaque trimestre par la direction.")
    note_item = page.url.removeprefix(visit.server.url)
    requirement = first_target.split("|")[1]
    visit.goto(f"/evidence/companies/{company_id}/checklist/{FRAMEWORK}", "evidence checklist")
    assert page.locator(f"#req-{re.escape(requirement)}").get_by_text("Politique de sauvegarde").count() == 1
    log_out(visit)

    # The advisor (review grant) accepts the file and sends the note back, a comment being required.
    advisor = visit_for(make_page())
    log_in(advisor, "advisor")
    advisor.goto(pdf_item, "evidence seen by the advisor")
    advisor.page.locator("input[name=decision][value=accepted]").check()
    advisor.click(re.compile("Enregistrer la révision|Save the review"), "evidence accepted")
    assert advisor.page.locator("main dl").get_by_text(re.compile("^Acceptée?|^Accepted")).count() == 1
    advisor.goto(note_item, "note seen by the advisor")
    advisor.page.locator("input[name=decision][value=needs-work]").check()
    advisor.click(re.compile("Enregistrer la révision|Save the review"), "needs work without a comment")
    assert advisor.page.locator("#comment-error").count() == 1
    advisor.page.locator("#comment").fill("Ajouter la date de la dernière revue.")
    advisor.click(re.compile("Enregistrer la révision|Save the review"), "evidence needs work")
    assert advisor.page.locator("main blockquote").inner_text() == "Ajouter la date de la dernière revue."
    log_out(advisor)

    # The owner reads the verdicts on the checklist and takes the audit pack.
    log_in(visit, "owner")
    visit.goto(f"/evidence/companies/{company_id}/checklist/{FRAMEWORK}", "checklist after the review")
    row = page.locator(f"#req-{re.escape(requirement)}")
    assert row.get_by_text(re.compile("Acceptée?|Accepted")).count() >= 1
    names = audit_pack(visit)
    assert any(name.endswith("politique.pdf") for name in names), names
    log_out(visit)
    visit.assert_clean()
    advisor.assert_clean()
