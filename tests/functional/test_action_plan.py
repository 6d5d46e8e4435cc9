"""The action plan: one item per practice, reconciled on each submission, edited, filtered, paged."""
import re
from datetime import date

from sqlalchemy import func, select

from aluqsec.actions.models import ActionItem
from aluqsec.extensions import db
from aluqsec.questionnaires.services import get_bank

from ..conftest import csrf_token, login, post
from .assessment_helpers import ALL_THREE, text
from .concurrency import at_once


def items(company_id):
    db.session.expire_all()
    return list(db.session.scalars(select(ActionItem).where(ActionItem.company_id == company_id)
                                   .order_by(ActionItem.position)))


def by_practice(company_id):
    return {item.practice_id: item for item in items(company_id)}


def baseline(level="3", **levels):
    """Every baseline question at *level*, except those given (dashes as underscores)."""
    answers = {q.id: level for q in get_bank().latest("baseline").questions}
    answers.update({key.replace("_", "-"): value for key, value in levels.items()})
    return answers


def submit_through_the_page(client, assessment):
    response = post(client, f"/assessments/{assessment.id}/submit", follow_redirects=True)
    assert response.status_code == 200
    return text(response.get_data(as_text=True))


def test_quick_scan_then_full_assessment_then_reassessment_keeps_one_item_per_practice(client, make):
    owner = make.make_user(email="o@example.ca", language="en")
    company = make.make_company(owner=owner, certifications=["cybersecure-canada", "cmmc-l1"])
    colleague = make.make_member(company, make.make_user(name="Colin"))
    login(client, "o@example.ca")

    quick = make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1", "qs-backups": "0",
                                                   "qs-media-disposal": "1"})
    page = submit_through_the_page(client, quick)
    assert "Assessment submitted: 3 new actions, 0 actions closed." in page
    first = by_practice(company.id)
    assert sorted(first) == ["acc-mfa-remote", "ast-media-disposal", "bkp-automatic-backups"]
    mfa = first["acc-mfa-remote"]
    prefix = f"a{mfa.id}-"
    edit = {prefix + "assignee": str(colleague.id), prefix + "due_date": "2027-01-15",
            prefix + "status": "in_progress", prefix + "notes": "Devis demandé"}
    assert post(client, f"/actions/{mfa.id}", edit).status_code == 302

    # The full assessment: MFA and media disposal still short, backups fixed, two new gaps.
    full = make.make_assessment(company, "baseline", answers=baseline(
        acc_mfa_remote="1", ast_media_disposal="2", gov_budget="0", prt_os_updates="2"))
    page = submit_through_the_page(client, full)
    assert "Assessment submitted: 2 new actions, 1 action closed." in page
    after = by_practice(company.id)
    assert sorted(after) == ["acc-mfa-remote", "ast-media-disposal", "bkp-automatic-backups", "gov-budget",
                             "prt-os-updates"]
    kept = after["acc-mfa-remote"]
    assert (kept.id, kept.assignee_id, kept.due_date, kept.status, kept.notes) == \
        (mfa.id, colleague.id, date(2027, 1, 15), "in_progress", "Devis demandé")
    assert (kept.questionnaire_id, kept.question_id, kept.level, kept.shortfall) == ("baseline", "acc-mfa-remote", 1, 2)
    assert after["ast-media-disposal"].id == first["ast-media-disposal"].id
    backups = after["bkp-automatic-backups"]
    assert (backups.status, backups.closed_automatically, backups.last_assessment_id) == ("done", True, full.id)

    raw = client.get(f"/companies/{company.id}/plan?status=all").get_data(as_text=True)
    plan_page = text(raw)
    assert "4 open actions · 1 action done" in plan_page
    assert "Closed by itself: the assessment submitted on" in plan_page
    assert len(ROW.findall(raw)) == 5
    assert len(re.findall(r"<h3[^>]*>\d+\. Wipe or destroy storage media before disposing of them</h3>", raw)) == 1

    # Re-assessment: MFA and the budget reach the target, backups slip back, nothing duplicates.
    again = make.make_assessment(company, "baseline", answers=baseline(
        ast_media_disposal="2", bkp_automatic_backups="1", prt_os_updates="2"))
    page = submit_through_the_page(client, again)
    assert "Assessment submitted: 1 new action, 2 actions closed." in page
    final = by_practice(company.id)
    assert len(items(company.id)) == 5
    assert final["acc-mfa-remote"].status == "done" and final["acc-mfa-remote"].closed_automatically
    assert final["acc-mfa-remote"].assignee_id == colleague.id
    assert final["bkp-automatic-backups"].status == "todo" and not final["bkp-automatic-backups"].closed_automatically
    assert final["bkp-automatic-backups"].id == backups.id
    assert {p for p, i in final.items() if i.status != "done"} == {"ast-media-disposal", "bkp-automatic-backups",
                                                                     "prt-os-updates"}
    progress = text(client.get(f"/companies/{company.id}/progress").get_data(as_text=True))
    assert "2 actions done out of 5" in progress


def test_database_refuses_a_second_item_for_one_practice(make):
    company = make.make_company()
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1"}, submitted=True)
    db.session.add(ActionItem(company_id=company.id, practice_id="acc-mfa-remote", questionnaire_id="baseline",
                              question_id="acc-mfa-remote"))
    try:
        db.session.flush()
        raise AssertionError("a duplicate practice item was stored")
    except Exception as error:  # noqa: BLE001  IntegrityError, whatever the driver
        assert "unique" in str(error).lower() or "duplicate" in str(error).lower()
        db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(ActionItem)
                             .where(ActionItem.company_id == company.id)) == 1


def test_a_quick_scan_after_the_full_assessment_leaves_the_practices_it_does_not_ask_about(make):
    company = make.make_company()
    make.make_assessment(company, "baseline", answers=baseline(gov_budget="0", acc_mfa_remote="1"), submitted=True)
    make.make_assessment(company, answers=ALL_THREE, submitted=True)
    state = {p: i.status for p, i in by_practice(company.id).items()}
    assert state == {"gov-budget": "todo", "acc-mfa-remote": "done"}


def test_owner_edits_an_action_and_bad_input_is_kept(client, make):
    owner = make.make_user(email="o@example.ca", name="Olive")
    company = make.make_company(owner=owner)
    colleague = make.make_member(company, make.make_user(name="Colin"))
    outsider = make.make_user(name="Outsider")
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1", "qs-backups": "0", "qs-training": "2"},
                         submitted=True)
    login(client, "o@example.ca")
    item = by_practice(company.id)["acc-mfa-remote"]
    prefix = f"a{item.id}-"
    bad = post(client, f"/actions/{item.id}", {prefix + "assignee": str(outsider.id), prefix + "due_date": "2027-02-30",
                                               prefix + "status": "todo", prefix + "notes": "à voir",
                                               prefix + "back": "effort=low"})
    assert bad.status_code == 400
    html = bad.get_data(as_text=True)
    assert "Cette action n'a pas été enregistrée" in html
    assert 'value="2027-02-30"' in html and "à voir</textarea>" in html
    assert by_practice(company.id)["acc-mfa-remote"].assignee_id is None
    ok = post(client, f"/actions/{item.id}", {prefix + "assignee": str(colleague.id), prefix + "due_date": "2027-01-15",
                                              prefix + "status": "in_progress",
                                              prefix + "back": "effort=low&next=//evil.example"})
    assert ok.status_code == 302 and ok.headers["Location"].endswith(f"/plan?effort=low#action-{item.id}")
    saved = by_practice(company.id)["acc-mfa-remote"]
    assert (saved.assignee_id, saved.due_date, saved.status) == (colleague.id, date(2027, 1, 15), "in_progress")
    too_long = post(client, f"/actions/{item.id}", {prefix + "status": "todo", prefix + "notes": "x" * 2001})
    assert too_long.status_code == 400 and by_practice(company.id)["acc-mfa-remote"].notes == ""


def test_own_order_moves_an_item(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1", "qs-backups": "0", "qs-training": "2"},
                         submitted=True)
    login(client, "o@example.ca")
    order = [i.practice_id for i in items(company.id)]
    first = items(company.id)[0]
    response = post(client, f"/actions/{first.id}/move", {"direction": "down", "back": "sort=order"})
    assert response.headers["Location"].endswith(f"/plan?sort=order#action-{first.id}")
    assert [i.practice_id for i in items(company.id)] == [order[1], order[0], order[2]]
    assert post(client, f"/actions/{first.id}/move", {"direction": "sideways"}).status_code == 400


def test_plan_of_another_company_is_out_of_reach(client, make):
    other = make.make_company()
    make.make_assessment(other, answers={"qs-mfa-all": "1"}, submitted=True)
    item = items(other.id)[0]
    make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    assert client.get(f"/companies/{other.id}/plan").status_code == 404
    assert client.get(f"/companies/{other.id}/plan.xlsx").status_code == 404
    response = client.post(f"/actions/{item.id}", data={"csrf_token": csrf_token(client),
                                                        f"a{item.id}-status": "done"})
    assert response.status_code == 404
    assert items(other.id)[0].status == "todo"


ROW = re.compile(r'<li class="card mb-3[^"]*" id="action-(\d+)">')


def test_plan_pages_filters_and_groups(client, make):
    owner = make.make_user(email="o@example.ca", language="en")
    company = make.make_company(owner=owner, certifications=["cmmc-l1"])
    make.make_assessment(company, "baseline", answers=baseline("0"), submitted=True)
    login(client, "o@example.ca")
    questions = get_bank().latest("baseline").questions
    assert len(items(company.id)) == len(questions) == 113  # baseline 2.0: one practice per question

    def rows(query=""):
        response = client.get(f"/companies/{company.id}/plan{query}")
        assert response.status_code == 200
        return response.get_data(as_text=True), ROW.findall(response.get_data(as_text=True))

    html, first = rows()
    assert len(first) == 20 and "page 1 of 6" in text(html) and "113 actions match" in text(html)
    _html, last = rows("?page=6")
    assert len(last) == 13 and not set(first) & set(last)  # 113 = 5 × 20 + 13
    assert len(html) < 120_000  # a readable page, not 82 cards
    high = [q.id for q in questions if q.effort == "high"]
    _html, found = rows("?effort=high")
    assert sorted(i.question_id for i in items(company.id) if str(i.id) in found) == sorted(high)
    cmmc = [q.id for q in questions if q.requirements("cmmc-l1")]
    html, found = rows("?certification=cmmc-l1&page=1")
    assert f"{len(cmmc)} actions match" in text(html)
    _html, plant = rows("?domain=plant-floor")
    assert len(plant) == sum(1 for q in questions if q.domain == "plant-floor")
    html, _found = rows("?group=effort&effort=low")
    assert "Low effort" in text(html)
    _html, none = rows("?assignee=none&status=done")
    assert none == []
    for bad in ("?page=0", "?page=x", "?effort=huge", "?certification=iso-27001", "?group=colour"):
        assert client.get(f"/companies/{company.id}/plan{bad}").status_code == 400, bad


def sections(html):
    found = {}
    for name in ("top-title", "quick-title"):
        block = html.split(f'id="{name}"', 1)[1].split("</section>", 1)[0]
        found[name] = re.findall(r"<li>([^<]+)</li>", block)
    return found["top-title"], found["quick-title"]


def test_quick_wins_are_not_repeated_among_top_priorities(client, make):
    owner = make.make_user(email="o@example.ca", language="en")
    company = make.make_company(owner=owner, certifications=["cybersecure-canada", "cmmc-l1", "cpcsc-l1"])
    make.make_assessment(company, "baseline", answers=baseline("0"), submitted=True)
    login(client, "o@example.ca")
    html = client.get(f"/companies/{company.id}/plan").get_data(as_text=True)
    top, quick = sections(html)
    assert len(top) == 5 and len(quick) == 5
    assert not set(top) & set(quick)


def test_priority_is_explained_in_words(client, make):
    owner = make.make_user(email="o@example.ca", language="en")
    company = make.make_company(owner=owner, certifications=["cmmc-l1"])
    make.make_assessment(company, "baseline", answers=baseline(acc_mfa_remote="1"), submitted=True)
    login(client, "o@example.ca")
    page = text(client.get(f"/companies/{company.id}/plan").get_data(as_text=True))
    question = get_bank().latest("baseline").question("acc-mfa-remote")
    blocks = bool(question.requirements("cmmc-l1"))
    assert "Require multi-factor authentication for email and remote access" in page
    assert "Why:</strong> A stolen password is enough" in page
    assert "At level 1 where 3 is expected: 2 levels short." in page
    assert "Essential practice (weight 3 of 3) · Low effort." in page
    assert (f"× 2 × 1 = {3 * 2 * 1}" in page)
    assert ("Holds back: CMMC Level 1." in page) == blocks
    assert "Priority 6" not in page
    # Repeated buttons name their action for screen readers.
    assert ('Save<span class="visually-hidden">: Require multi-factor authentication for email and remote access'
            '</span>') in page


def test_plan_page_speaks_one_language(client, make):
    """Every practice title and why, and the words around them, in the user's language only."""
    bank = get_bank()
    for language, other in (("fr", "en"), ("en", "fr")):
        email = f"{language}@example.ca"
        owner = make.make_user(email=email, language=language)
        company = make.make_company(owner=owner, certifications=["cmmc-l1"])
        make.make_assessment(company, "baseline", answers=baseline("1"), submitted=True)
        login(client, email)
        for page in (1, 2, 3, 4, 5):
            html = text(client.get(f"/companies/{company.id}/plan?page={page}&status=all").get_data(as_text=True))
            assert f'<html lang="{language}">' in html
            for practice in bank.practices.values():
                assert getattr(practice.title, other) not in html, (language, practice.id)
                assert getattr(practice.why, other) not in html, (language, practice.id)
        shown = text(client.get(f"/companies/{company.id}/plan?status=all").get_data(as_text=True))
        assert ("Pourquoi" in shown) == (language == "fr") and ("Why:" in shown) == (language == "en")
        post(client, "/auth/logout")


def test_two_submissions_at_once_never_duplicate_an_action(app, make):
    """Two tabs submit two drafts of one company at the same moment: one item per practice, no error."""
    from aluqsec.actions.services import sync_with_gaps
    from aluqsec.assessments.models import Assessment
    from aluqsec.assessments.services import submit
    from aluqsec.auth.models import User

    company = make.make_company()
    # One draft per questionnaire: the two tabs hold the quick scan and the full assessment.
    drafts = [make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1", "qs-backups": "0"}).id,
              make.make_assessment(company, "baseline", answers=baseline(acc_mfa_remote="1",
                                                                   bkp_automatic_backups="0")).id]
    user_id = company.memberships[0].user_id

    def submit_and_sync(assessment):
        sync_with_gaps(assessment, submit(assessment, db.session.get(User, user_id)))

    errors = at_once(app, submit_and_sync, drafts, before=lambda draft_id: db.session.get(Assessment, draft_id))
    assert errors == []
    assert sorted(i.practice_id for i in items(company.id)) == ["acc-mfa-remote", "bkp-automatic-backups"]
