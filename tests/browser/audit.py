"""Checks run on every page state a journey reaches: axe-core, then the 390 px mobile width."""
import re
import time
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' — '
      + n.failureSummary.split('\\n').slice(1).join(' '))}));
}"""

# Widest element and every table that can overflow without a focusable scroll region around it.
MEASURE_MOBILE = """() => {
  const width = document.documentElement.scrollWidth;
  // The elements whose right edge makes the page this wide (they may sit inside a scroll box yet escape it).
  const widest = [];
  if (width > window.innerWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      if (Math.abs(el.getBoundingClientRect().right - width) < 1.5 && widest.length < 3) {
        widest.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
          + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.')
             : ''));
      }
    }
  }
  const unscrollable = [];
  for (const table of document.querySelectorAll('main table')) {
    let region = table.parentElement;
    while (region && !['auto', 'scroll'].includes(getComputedStyle(region).overflowX)) region = region.parentElement;
    const named = region && (region.getAttribute('aria-label') || region.getAttribute('aria-labelledby'));
    if (!region || region.tabIndex < 0 || !named) {
      unscrollable.push((table.querySelector('caption') || table).textContent.trim().slice(0, 60));
    }
  }
  return {width, widest, unscrollable};
}"""


UNMARKED_CURRENT = """() => [...document.querySelectorAll('body > nav a[href]')]
  .filter(a => a.pathname === location.pathname && a.getAttribute('aria-current') !== 'page'
               && !a.classList.contains('navbar-brand'))
  .map(a => a.textContent.trim())"""


def repeated_buttons(page, label):
    """Return a problem per button name that several buttons of the page's main content share."""
    names = re.findall(r'- button "((?:[^"\\]|\\.)*)"', page.locator("main").aria_snapshot())
    return [f"{label}: {names.count(name)} buttons are all called “{name}”: name the item each acts on"
            for name in sorted(set(names)) if names.count(name) > 1]


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


class PageAudit:
    """Collect the findings of every page state checked during the run."""

    def __init__(self, artefacts):
        self.artefacts = Path(artefacts)
        self.states = 0
        self.mobile_states = 0
        self.seconds = 0.0

    def check(self, page, label):
        """Run axe-core and the mobile width check on *page*; return the problems found."""
        page.wait_for_load_state("load")
        started = time.monotonic()
        problems = []
        try:
            if page.evaluate("typeof axe") == "undefined":
                page.add_script_tag(path=str(AXE))
            violations = page.evaluate(RUN_AXE, WCAG_TAGS)
        except Exception as error:  # a page that cannot be checked is a failure, not a pass
            violations = [{"id": "axe-not-run", "impact": "n/a", "nodes": [str(error)[:300]]}]
        self.states += 1
        for v in violations:
            problems.append(f"{label}: axe {v['id']} ({v['impact']}): " + " | ".join(v["nodes"]))
        problems += repeated_buttons(page, label)
        problems += [f"{label}: the navigation link “{name}” to this page lacks aria-current"
                     for name in page.evaluate(UNMARKED_CURRENT)]
        problems += self.check_mobile(page, label)
        self.seconds += time.monotonic() - started
        return problems

    def check_mobile(self, page, label):
        """Resize to 390×844, measure overflow and table regions, restore the desktop size."""
        viewport = page.viewport_size
        page.set_viewport_size(MOBILE)
        problems = []
        try:
            found = page.evaluate(MEASURE_MOBILE)
            self.mobile_states += 1
            if found["width"] > MOBILE["width"]:
                problems.append(f"{label}: {found['width']} px wide at 390 px (widest: {found['widest']})")
            for caption in found["unscrollable"]:
                problems.append(f"{label}: table “{caption}” has no focusable, named scroll region")
            if problems:
                self.artefacts.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(self.artefacts / f"{slug(label)}-390.png"), full_page=True)
        finally:
            page.set_viewport_size(viewport or DESKTOP)
        return problems
