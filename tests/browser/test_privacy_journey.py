"""Law 25 in a browser: the notice, taking one's data away, a company's deletion asked and cancelled, verification."""
import re

from .files import downloaded, zip_names
from .journeys import company_id_of, log_in, log_out, sign_up_and_confirm

COMPANY = "Fonderie Lac-Kénogami inc."


def test_owner_takes_data_away_and_cancels_a_deletion_then_the_admin_verifies_the_company(visit, make_page,
                                                                                          visit_for):
    page = visit.page
    visit.goto("/", "home page")
    visit.follow(page.locator("footer a[href='/privacy/']"), "privacy notice")
    assert page.locator("main table").get_by_role("row").count() >= 8
    sign_up_and_confirm(visit, "Julie Fortin", "julie.fortin@kenogami.example", COMPANY, "1190000062", "Français")
    company_id = company_id_of(visit)

    visit.goto("/privacy/me", "my data")
    name, data = downloaded(visit, page.get_by_role("button", name="Télécharger mes données"))
    assert name.endswith(".zip") and any(n.endswith(".json") for n in zip_names(data))
    visit.follow(page.locator(f"main a[href='/privacy/companies/{company_id}']").first, "company data")
    name, data = downloaded(visit, page.get_by_role("button", name=re.compile("Télécharger les données")))
    assert name.endswith(".zip") and any(n.endswith(".json") for n in zip_names(data))

    # The deletion needs the legal name typed; once asked it can be cancelled during the grace period.
    page.locator("#name").fill("Une autre compagnie")
    visit.click("Supprimer l'entreprise", "deletion refused")
    assert page.locator("#name-error").count() == 1 and page.locator("#name").input_value() == "Une autre compagnie"
    page.locator("#name").fill(COMPANY)
    visit.click("Supprimer l'entreprise", "deletion scheduled")
    assert page.locator("main .alert-warning").count() >= 1
    visit.click("Annuler la suppression", "deletion cancelled")
    assert page.locator("#name").count() == 1
    log_out(visit)

    # The admin checks the NEQ and marks the company a verified member, then withdraws it.
    admin = visit_for(make_page())
    log_in(admin, "admin")
    admin.follow(admin.page.get_by_role("link", name="Vérification des membres"), "verification queue")
    row = admin.page.locator("main tr", has_text=COMPANY)
    admin.follow(row.get_by_role("button", name=re.compile("Marquer comme membre vérifié")),
                 "verification without the check")
    row = admin.page.locator("main tr", has_text=COMPANY)
    assert row.locator(".invalid-feedback").count() == 1
    row.locator("input[name=checked]").check()
    admin.follow(row.get_by_role("button", name=re.compile("Marquer comme membre vérifié")), "company verified")
    verified = admin.page.locator("main table").nth(1).locator("tr", has_text=COMPANY)
    assert verified.count() == 1
    admin.follow(verified.get_by_role("button"), "verification withdrawn")
    assert admin.page.locator("main table").first.locator("tr", has_text=COMPANY).count() == 1
    log_out(admin)
    visit.assert_clean()
    admin.assert_clean()
