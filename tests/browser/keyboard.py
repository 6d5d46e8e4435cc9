"""Keyboard walking with checks on every focus stop: visible ring, enough contrast, never under a sticky bar."""

# What the focused element looks like and whether a sticky or fixed element covers it.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  window.__pinned ??= [...document.querySelectorAll('body *')]
    .filter(e => ['sticky', 'fixed'].includes(getComputedStyle(e).position));
  const r = el.getBoundingClientRect();
  const covered = window.__pinned.filter(s => !s.contains(el)).map(s => [s, s.getBoundingClientRect()])
    .filter(([s, q]) => q.height && r.top < q.bottom - 1 && r.bottom > q.top + 1
                        && r.left < q.right && r.right > q.left)
    .map(([s]) => s.tagName.toLowerCase() + '.' + s.className);
  let background = 'rgb(255, 255, 255)';
  for (let a = el.parentElement; a; a = a.parentElement) {
    const c = getComputedStyle(a).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { background = c; break; }
  }
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '', value: el.value || '',
          href: el.getAttribute('href') || '', text: (el.innerText || el.id || '').trim().slice(0, 50),
          radioGroupChecked: el.type === 'radio' ? !!document.querySelector(`input[name="${el.name}"]:checked`) : null,
          outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
          outlineColor: style.outlineColor, background, covered,
          visible: r.bottom <= window.innerHeight && r.top >= 0};
}"""


def _channels(css):
    parts = css[css.index("(") + 1:css.index(")")].replace("/", ",").split(",")
    return [float(p) for p in parts[:3]]


def over(css, background):
    """Return the opaque ``rgb()`` colour that *css* (maybe translucent) shows on *background*."""
    parts = css[css.index("(") + 1:css.index(")")].replace("/", ",").split(",")
    alpha = float(parts[3]) if len(parts) > 3 else 1.0
    mixed = [alpha * c + (1 - alpha) * b for c, b in zip(_channels(css), _channels(background), strict=True)]
    return "rgb({:.0f}, {:.0f}, {:.0f})".format(*mixed)


def luminance(css):
    """Return the relative luminance of a CSS ``rgb()`` colour."""
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in _channels(css))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    """Return the WCAG contrast ratio of two CSS colours."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class KeyboardWalk:
    """Press keys on a page and check every focus stop; problems and the backgrounds seen are kept."""

    def __init__(self, page):
        self.page = page
        self.problems = []
        self.backgrounds = set()
        self.stops = 0

    def focused(self):
        """Return the state of the focused element (checked), or None on the body."""
        state = self.page.evaluate(FOCUS_STATE)
        if state is None:
            return None
        self.stops += 1
        where = f"{self.page.url.split('/', 3)[-1]} {state['tag']} “{state['text'] or state['name']}”"
        if state["outlineStyle"] == "none" or state["outlineWidth"] < 2:
            self.problems.append(f"{where}: focus ring {state['outlineWidth']} px {state['outlineStyle']}")
        elif contrast(over(state["outlineColor"], state["background"]), state["background"]) < 3:
            ratio = contrast(over(state["outlineColor"], state["background"]), state["background"])
            self.problems.append(f"{where}: focus ring {state['outlineColor']} on {state['background']} "
                                 f"is {ratio:.2f}:1")
        if state["covered"]:
            self.problems.append(f"{where}: hidden under {state['covered']}")
        if not state["visible"]:
            self.problems.append(f"{where}: focused outside the viewport")
        self.backgrounds.add("dark" if luminance(state["background"]) < 0.18 else "light")
        return state

    def tab_until(self, matches, limit=200):
        """Press Tab until *matches(state)*; return that state."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            state = self.focused()
            if state and matches(state):
                return state
        raise AssertionError(f"no focus stop matched after {limit} Tab presses on {self.page.url}")

    def activate(self, key="Enter"):
        """Press *key* on the focused link or button and wait for the next page."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
