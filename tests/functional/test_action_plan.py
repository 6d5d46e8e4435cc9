"""The action plan: generated from gaps, edited, reordered, exported, carried over."""
import csv
import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import select

from aluqsec.actions.models import ActionItem
from aluqsec.extensions import db

from ..conftest import csrf_token, login, post
from .assessment_helpers import ALL_THREE, text


def items(company_id):
    db.session.expire_all()
    return list(db.session.scalars(select(ActionItem).where(ActionItem.company_id == company_id)
                                   .order_by(ActionItem.position)))


def test_plan_has_one_item_per_gap_with_its_recommendation(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1", "qs-backups": "0"}, submitted=True)
    assert sorted(item.question_id for item in items(company.id)) == ["qs-backups", "qs-mfa-all"]
    login(client, "o@example.ca")
    page = text(client.get(f"/companies/{company.id}/plan").get_data(as_text=True))
    assert "authentification multifacteur" in page.lower()


def test_items_carry_over_and_close_when_the_gap_is_gone(make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1", "qs-backups": "0"}, submitted=True)
    first = {item.question_id: item.id for item in items(company.id)}
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "2", "qs-training": "1"}, submitted=True)
    after = {item.question_id: (item.id, item.status, item.closed_automatically) for item in items(company.id)}
    assert after["qs-mfa-all"] == (first["qs-mfa-all"], "todo", False)  # same item carried over
    assert after["qs-backups"] == (first["qs-backups"], "done", True)  # gap gone: closed by itself
    assert after["qs-training"][1] == "todo"  # new gap: new item


def test_owner_assigns_dates_reorders_and_bad_input_is_kept(client, make):
    owner = make.make_user(email="o@example.ca", name="Olive")
    company = make.make_company(owner=owner)
    colleague = make.make_member(company, make.make_user(name="Colin"))
    outsider = make.make_user(name="Outsider")
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1", "qs-backups": "0", "qs-training": "2"},
                         submitted=True)
    login(client, "o@example.ca")
    item = items(company.id)[0]
    prefix = f"a{item.id}-"
    bad = post(client, f"/actions/{item.id}", {prefix + "assignee": str(outsider.id),
                                               prefix + "due_date": "2027-02-30", prefix + "status": "todo"})
    assert bad.status_code == 400
    assert 'value="2027-02-30"' in bad.get_data(as_text=True)
    assert items(company.id)[0].assignee_id is None
    ok = post(client, f"/actions/{item.id}", {prefix + "assignee": str(colleague.id),
                                              prefix + "due_date": "2027-01-15", prefix + "status": "in_progress"})
    assert ok.status_code == 302
    saved = items(company.id)[0]
    assert (saved.assignee_id, saved.due_date, saved.status) == (colleague.id, date(2027, 1, 15), "in_progress")
    order = [i.question_id for i in items(company.id)]
    post(client, f"/actions/{item.id}/move", {"direction": "down"})
    assert [i.question_id for i in items(company.id)] == [order[1], order[0], order[2]]


def test_plan_exports_as_csv_and_excel(client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    make.make_assessment(company, answers={**ALL_THREE, "qs-mfa-all": "1", "qs-backups": "0"}, submitted=True)
    login(client, "o@example.ca")
    response = client.get(f"/companies/{company.id}/plan.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0] == ["Ordre", "Lacune", "Quoi faire", "Priorité", "Responsable", "Échéance", "Statut"]
    assert len(rows) == 3 and rows[1][6] == "À faire"
    workbook = load_workbook(io.BytesIO(client.get(f"/companies/{company.id}/plan.xlsx").get_data()))
    sheet = workbook.active
    assert sheet.title == "Plan d'action"
    assert [cell.value for cell in sheet[1]][:3] == ["Ordre", "Lacune", "Quoi faire"]
    assert sheet.max_row == 3 and sheet["B2"].value == rows[1][1]


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
