"""Charts read on a 390 px phone: radar labels large enough and inside the picture, the table first, dates unclipped."""
import pytest

from .audit import MOBILE
from .journeys import log_in

OUTSIDE = """(selector) => { const box = document.querySelector(selector).getBoundingClientRect();
  return [...document.querySelectorAll(selector + ' text')].filter(t => { const r = t.getBoundingClientRect();
    return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
  }).map(t => t.textContent.trim()); }"""
LABEL_FONT = """() => Math.min(...[...document.querySelectorAll('.radar-chart text tspan')].map(t => {
  const svg = t.ownerSVGElement; return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width
    / svg.viewBox.baseVal.width; }))"""


@pytest.mark.parametrize("who, locale", [("owner", "fr-CA"), ("owner3@demo.aluqsec.ca", "en-CA")])
def test_results_and_progress_charts_read_on_a_phone(make_page, visit_for, who, locale):
    visit = visit_for(make_page(locale))
    log_in(visit, who)
    page = visit.page
    page.set_viewport_size(MOBILE)
    visit.goto(page.locator("main a[href$='/results']").first.get_attribute("href"))
    assert page.evaluate(OUTSIDE, ".radar-chart") == []
    assert page.evaluate(LABEL_FONT) >= 9  # rendered px; the old chart drew 12-unit labels at about 5.6 px
    table_top = page.locator("table", has=page.locator("caption")).first.bounding_box()["y"]
    assert table_top < page.locator(".radar-chart").bounding_box()["y"]  # the table comes first on a phone
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".radar-chart").bounding_box()["y"] < page.locator("table").first.bounding_box()["y"]
    page.set_viewport_size(MOBILE)
    visit.goto(page.locator("main a[href$='/progress']").first.get_attribute("href"))
    assert page.locator(".line-chart text").count() > 6
    assert page.evaluate(OUTSIDE, ".line-chart") == []
