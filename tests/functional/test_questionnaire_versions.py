"""Questionnaire versions side by side: old assessments keep theirs, new ones take the newest."""
from sqlalchemy import select

from aluqsec.actions.models import ActionItem
from aluqsec.assessments.models import Assessment
from aluqsec.extensions import db

from ..conftest import login, post
from .assessment_helpers import checked, load, text

V1_ALL_THREE = {"qs-responsible": "3", "qs-personal-info": "3", "qs-suppliers-cloud": "3", "qs-accounts": "3",
                "qs-mfa": "3", "qs-physical": "3", "qs-devices": "3", "qs-patching": "3", "qs-antimalware": "3",
                "qs-firewall": "3", "qs-plant-network": "3", "qs-backups": "3", "qs-media-disposal": "3",
                "qs-training": "3", "qs-incident-plan": "3"}
# v1 qs-mfa, in French: the question a 1.0 assessment was answered on.
V1_MFA_FR = "Utilisez-vous des mots de passe robustes et l'authentification multifacteur"


def test_an_assessment_started_on_v1_keeps_v1_and_a_new_one_takes_v2(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    old = make.make_assessment(company, version="1.0", answers={**V1_ALL_THREE, "qs-mfa": "1"}, submitted=True)
    login(client, "o@example.ca")
    response = post(client, f"/companies/{company.id}/assessments",
                    {"questionnaire": "quick-scan", "targets": ["cpcsc-l1"], "copy_previous": "y"})
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    db.session.expire_all()
    assert db.session.get(Assessment, old.id).questionnaire_version == "1.0"
    assert db.session.get(Assessment, new_id).questionnaire_version == "2.0"
    # The old assessment still shows the questions it was answered on, with its answers.
    html, _prints = load(client, f"/assessments/{old.id}/domains/access")
    assert V1_MFA_FR in text(html) and checked(html)["qs-mfa"] == "1"
    assert "qs-mfa-all" not in html
    assert client.get(f"/assessments/{old.id}/results").status_code == 200
    # The new one asks the split questions; answers to ids both versions share are carried over to re-confirm.
    html, _prints = load(client, f"/assessments/{new_id}/domains/access")
    assert "qs-sign-in" in html and "qs-mfa-all" in html and 'name="q-qs-mfa"' not in html
    assert checked(html)["qs-accounts"] == "3" and "qs-mfa-all" not in checked(html)


def test_an_action_from_a_v1_question_keeps_its_title_after_v2(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_assessment(company, version="1.0", answers={**V1_ALL_THREE, "qs-mfa": "1"}, submitted=True)
    assert [i.question_id for i in db.session.scalars(
        select(ActionItem).where(ActionItem.company_id == company.id))] == ["qs-mfa"]
    login(client, "o@example.ca")
    page = text(client.get(f"/companies/{company.id}/plan").get_data(as_text=True))
    assert V1_MFA_FR in page and "qs-mfa" not in page
