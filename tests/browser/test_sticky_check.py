"""The keyboard check "focus never hidden under a sticky element" can fail: it catches the overlap it exists for."""
import pytest

from .audit import DESKTOP
from .journeys import company_id_of, sign_up_and_confirm, start_assessment
from .keyboard import KeyboardWalk

# Twenty fields, then a 120 px bar stuck to the bottom of the viewport, as the answer page's Save bar.
OVERLAPPING = """<!doctype html><html lang="en"><head><title>Sticky bar</title><style>
  {extra}
  input {{ display: block; margin: 40px; }}
  input:focus {{ outline: 3px solid #000; }}
  .bar {{ position: sticky; bottom: 0; height: 120px; background: #fff; border-top: 1px solid #000; }}
</style></head><body><main>
  {fields}
  <div class="bar"><button type="button">Save</button></div>
</main></body></html>"""
FIELDS = "\n".join(f'<input aria-label="Field {n}" name="f{n}">' for n in range(20))
THE_FIX = "html { scroll-padding-bottom: 10rem; }"  # as app.css does, sized for this taller bar


def covered_stops(page, extra):
    """Tab through the built page and return the problems about focus under the sticky bar."""
    page.set_content(OVERLAPPING.format(extra=extra, fields=FIELDS))
    walk = KeyboardWalk(page)
    walk.tab_until(lambda state: state["tag"] == "button")
    assert walk.stops >= 20
    return [problem for problem in walk.problems if "hidden under" in problem]


@pytest.fixture
def bare_page(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def test_focus_under_a_sticky_bar_is_reported(bare_page):
    covered = covered_stops(bare_page, extra="")
    assert covered and all("div.bar" in problem for problem in covered), covered


def test_focus_kept_above_the_sticky_bar_passes(bare_page):
    assert covered_stops(bare_page, extra=THE_FIX) == []


def test_the_answer_pages_old_css_fails_the_check(visit):
    page = visit.page
    sign_up_and_confirm(visit, "Barre Collante", "sticky@example.ca", "Barre collante inc.", "1900000777", "Français")
    start_assessment(visit, company_id_of(visit), "quick-scan")
    visit.follow(page.locator("main a.btn-primary[href*='/domains/']"))
    # The CSS before the fix: nothing keeps the focus above the Save bar stuck to the bottom.
    page.add_style_tag(content="html { scroll-padding-bottom: 0 !important; }")
    walk = KeyboardWalk(page)
    walk.tab_until(lambda state: state["tag"] == "button" and state["value"] == "stay")
    covered = [problem for problem in walk.problems if "hidden under" in problem]
    assert covered and all("sticky-actions" in problem for problem in covered), walk.problems
