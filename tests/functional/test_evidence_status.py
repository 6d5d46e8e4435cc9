"""Declared, validated and evidence status side by side on the results, progress and portfolio pages."""
import re
from datetime import date, timedelta

import pytest

from aluqsec.auth.models import Role
from aluqsec.evidence.services import create_item, set_review
from aluqsec.extensions import db
from aluqsec.questionnaires.services import get_bank
from aluqsec.reviews.services import mark_reviewed, set_validated

from ..conftest import login, post
from .evidence_helpers import text

CMMC_FR, CMMC_EN = "CMMC niveau 1", "CMMC Level 1"


@pytest.fixture(autouse=True)
def evidence_dir(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EVIDENCE_DIR", str(tmp_path / "evidence"))


def _company(make):
    """CMMC Level 1 targeted, every baseline answer at 5 (all 15 met as declared), evidence for 2 requirements.

    Hand-counted evidence: AC.L1-b.1.i and SI.L1-b.1.xii have every kind accepted and current (2);
    IA.L1-b.1.v has an item awaiting review and PE.L1-b.1.viii an accepted item expired: neither counts.
    """
    owner = make.make_user(name="Odile Owner")
    company = make.make_company(owner=owner, legal_name="Usine Défense inc.", certifications=["cmmc-l1"])
    advisor = make.make_user(name="Adèle Advisor", roles=[Role.ADVISOR])
    make.make_grant(company, advisor, scope="review")
    baseline = get_bank().latest("baseline")
    assessment = make.make_assessment(company, "baseline", answers={q.id: "5" for q in baseline.questions},
                                      submitted=True, user=owner, targets=["cmmc-l1"])
    cmmc = get_bank().frameworks["cmmc-l1"]
    plan = [("AC.L1-b.1.i", True, 0), ("SI.L1-b.1.xii", True, 0), ("IA.L1-b.1.v", False, 0),
            ("PE.L1-b.1.viii", True, 800)]
    for requirement_id, accepted, age in plan:
        for kind in cmmc.requirement(requirement_id).evidence:
            item = create_item(company, owner, kind="note", title=f"{requirement_id} {kind.id}", owner_id=None,
                               dated_on=date.today() - timedelta(days=age),
                               valid_until=date.today() - timedelta(days=age - 30) if age else None,
                               targets=[("cmmc-l1", requirement_id, kind.id)], note="Classeur")
            if accepted:
                set_review(item, advisor, "accepted", "")
    db.session.commit()
    return company, owner, advisor, assessment


def _cells(page, name):
    """Return the three figures of the certification's row in the side-by-side table."""
    table = re.search(r'<table class="table table-sm w-auto small side-by-side">.*?</table>', page, re.S).group(0)
    row = re.search(rf"<th scope=\"row\">{re.escape(name)}[^<]*</th>(.*?)</tr>", table, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_results_and_progress_show_declared_validated_and_evidence_side_by_side(client, make):
    company, owner, advisor, assessment = _company(make)
    login(client, owner.email)
    results = text(client.get(f"/assessments/{assessment.id}/results"))
    assert _cells(results, CMMC_FR) == ["15 / 15", "pas encore examiné", "2 / 15"]
    assert "PCCC" not in re.search(r"side-by-side.*?</table>", results, re.S).group(0)  # not targeted
    # the advisor lowers the operating-system updates question: SI.L1-b.1.xii is no longer met
    set_validated(assessment, {"prt-os-updates": "1"}, advisor)
    mark_reviewed(assessment, advisor)
    db.session.commit()
    results = text(client.get(f"/assessments/{assessment.id}/results"))
    assert _cells(results, CMMC_FR) == ["15 / 15", "14 / 15", "2 / 15"]
    progress = text(client.get(f"/companies/{company.id}/progress"))
    assert _cells(progress, CMMC_FR) == ["15 / 15", "14 / 15", "2 / 15"]
    assert f'href="/evidence/companies/{company.id}/checklist/cmmc-l1"' in progress
    post(client, "/language", {"language": "en"})
    english = text(client.get(f"/companies/{company.id}/progress"))
    assert _cells(english, CMMC_EN) == ["15 / 15", "14 / 15", "2 / 15"]
    assert "Requirements met: declared, validated by the advisor" in english and "Respectées" not in english


def test_portfolio_shows_validated_and_evidence_columns(client, make):
    company, _owner, advisor, assessment = _company(make)
    set_validated(assessment, {"prt-os-updates": "1"}, advisor)
    mark_reviewed(assessment, advisor)
    db.session.commit()
    login(client, advisor.email)
    page = text(client.get("/advisor/portfolio"))
    row = re.search(r"Usine Défense inc\..*?</tr>", page, re.S).group(0)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    # French sets the colon apart with a no-break space; English does not.
    assert f"{CMMC_FR}\u00a0: 14 / 15" in cells and f"{CMMC_FR}\u00a0: 2 / 15" in cells
    assert f'href="/evidence/companies/{company.id}/checklist/cmmc-l1"' in row
    post(client, "/language", {"language": "en"})
    row = re.search(r"Usine Défense inc\..*?</tr>", text(client.get("/advisor/portfolio")), re.S).group(0)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert f"{CMMC_EN}: 14 / 15" in cells and f"{CMMC_EN}: 2 / 15" in cells
