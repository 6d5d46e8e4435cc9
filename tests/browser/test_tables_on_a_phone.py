"""Wide tables on a 390 px phone (evidence checklist, advisor portfolio): rows stacked, each cell named, on screen."""
import pytest

from .audit import DESKTOP, MOBILE
from .journeys import company_id_of, log_in

# Every cell of the checklist: its right edge, its column label as a phone shows it (CSS generated content).
CELLS = """() => [...document.querySelectorAll('main table.table-stack tbody td')].map(td => ({
  right: td.getBoundingClientRect().right, label: getComputedStyle(td, '::before').content}))"""


@pytest.mark.parametrize("who, locale, status", [("owner", "fr-CA", '"Statut"'),
                                                ("owner3@demo.aluqsec.ca", "en-CA", '"Status"')])
def test_evidence_checklist_reads_row_by_row_on_a_phone(make_page, visit_for, who, locale, status):
    visit = visit_for(make_page(locale))
    log_in(visit, who)
    page = visit.page
    page.set_viewport_size(MOBILE)
    visit.goto(f"/evidence/companies/{company_id_of(visit)}/checklist/cmmc-l1", "evidence checklist on a phone")
    cells = page.evaluate(CELLS)
    assert len(cells) > 15
    assert max(cell["right"] for cell in cells) <= MOBILE["width"]  # nothing to scroll sideways for
    assert status in {cell["label"] for cell in cells}
    assert page.get_by_role("table").get_by_role("rowheader").count() == 15  # still a table to screen readers
    page.set_viewport_size(DESKTOP)
    assert {cell["label"] for cell in page.evaluate(CELLS)} == {"none"}  # a plain table again


def test_advisor_portfolio_reads_company_by_company_on_a_phone(make_page, visit_for):
    visit = visit_for(make_page("fr-CA"))
    log_in(visit, "advisor")
    page = visit.page
    page.set_viewport_size(MOBILE)
    visit.goto("/advisor/portfolio", "portfolio on a phone")
    cells = page.evaluate(CELLS)
    companies = page.locator("main table tbody th[scope=row]").count()  # the demo's two, and any a journey added
    assert companies >= 2 and len(cells) == 8 * companies
    assert max(cell["right"] for cell in cells) <= MOBILE["width"]
    assert {'"Maturité"', '"Préparation"', '"Dernière activité"'} <= {cell["label"] for cell in cells}
    assert page.get_by_role("table").get_by_role("rowheader").count() == companies  # still a table to screen readers
