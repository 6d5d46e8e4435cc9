"""Keyboard only: a questionnaire domain answered, saved and the assessment submitted, on desktop and phone."""
import pytest

from .audit import DESKTOP, MOBILE
from .journeys import company_id_of, sign_up_and_confirm, start_assessment
from .keyboard import KeyboardWalk


def wanted(state, typed):
    """Stop on an unanswered radio group, on the first note field, or on Save."""
    return (state["type"] == "radio" and not state["radioGroupChecked"]
            or state["tag"] == "textarea" and state["name"].startswith("n-") and not typed
            or state["tag"] == "button" and state["value"] == "stay")


def answer_by_keyboard(walk):
    """Tab through the domain: choose a level in each unanswered radio group, type a note once, then Save."""
    typed = False
    while True:
        state = walk.tab_until(lambda s, typed=typed: wanted(s, typed))
        if state["tag"] == "button":
            walk.activate()
            return
        if state["tag"] == "textarea":
            walk.page.keyboard.type("Saisi au clavier")
            typed = True
        else:
            walk.page.keyboard.press("Space")
            walk.page.keyboard.press("ArrowDown")


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "phone"])
def test_domain_answered_saved_and_submitted_by_keyboard_alone(viewport, visit):
    page = visit.page
    number = viewport["width"]
    sign_up_and_confirm(visit, "Clavier Seulement", f"keyboard{number}@example.ca", f"Clavier {number} inc.",
                        f"19000{number:05d}", "Français")
    assessment = start_assessment(visit, company_id_of(visit), "quick-scan")
    page.set_viewport_size(viewport)
    walk = KeyboardWalk(page)

    walk.tab_until(lambda s: "/domains/" in s["href"] and s["tag"] == "a" and "btn" in page.evaluate(
        "document.activeElement.className"))
    walk.activate()
    questions = page.locator("fieldset.question").count()
    answer_by_keyboard(walk)
    assert page.locator("fieldset.question input[type=radio]:checked").count() == questions
    assert page.locator("fieldset.question textarea[name^=n-]").first.input_value() == "Saisi au clavier"
    visit.check("domain saved by keyboard")

    walk.tab_until(lambda s: s["href"] == f"/assessments/{assessment}")
    walk.activate()
    walk.tab_until(lambda s: s["href"].endswith(f"/assessments/{assessment}/submit"))
    walk.activate()
    walk.tab_until(lambda s: s["tag"] == "button" and s["type"] == "submit" and "valuation" in s["text"])
    walk.activate()
    assert page.url.endswith(f"/assessments/{assessment}/results")
    visit.check("results after a keyboard submission")

    assert walk.backgrounds == {"dark", "light"}, walk.backgrounds
    assert not walk.problems, f"{len(walk.problems)} of {walk.stops} focus stops failed:\n" + "\n".join(walk.problems)
    visit.assert_clean()
