import io
from pathlib import Path

from sqlalchemy import func, select

from aluqsec.auth.models import Role
from aluqsec.extensions import db
from aluqsec.questionnaires.models import CustomQuestionnaire
from aluqsec.questionnaires.services import find_questionnaire

from ..conftest import csrf_token, login

VALID = (Path(__file__).resolve().parents[1] / "fixtures" / "questionnaires" / "valid.yaml").read_bytes()


def upload(client, content, filename="pilot.yaml"):
    return client.post("/questionnaires/upload", data={
        "csrf_token": csrf_token(client), "file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data")


def stored():
    return db.session.scalar(select(func.count()).select_from(CustomQuestionnaire))


def test_upload_rejects_a_bad_file_with_the_report(client, make):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    login(client, "admin@example.ca")
    response = upload(client, VALID.replace(b"weight: 3", b"weight: 5").replace(b"[backup-recovery]\n        mappings",
                                                                                b"[backups]\n        mappings"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "2 problèmes à corriger" in html
    assert "pilot.yaml:21 domains[0].questions[0].weight: le poids doit être de 1 à 3" in html
    assert "sujet inconnu « backups »" in html
    assert stored() == 0


def test_upload_accepts_a_good_file_and_publishes_it(client, make):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    login(client, "admin@example.ca")
    response = upload(client, VALID)
    assert response.status_code == 302
    assert stored() == 1
    assert "pilot" in client.get("/questionnaires/").get_data(as_text=True)
    assert find_questionnaire("pilot", "1.0").question("pilot-backups").weight == 3
    again = upload(client, VALID)
    assert again.status_code == 400 and stored() == 1


def test_upload_refuses_non_yaml_and_non_admins(client, make):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    make.make_user(email="owner@example.ca")
    login(client, "owner@example.ca")
    assert upload(client, VALID).status_code == 403
    client.post("/auth/logout", data={"csrf_token": csrf_token(client)})
    login(client, "admin@example.ca")
    response = upload(client, b"\x89PNG", filename="logo.png")
    assert response.status_code == 400
    assert "Le fichier doit être un fichier .yaml ou .yml." in response.get_data(as_text=True)
    assert stored() == 0


def test_alias_bomb_upload_answers_quickly_with_a_message(client, make):
    import time

    from ..unit.test_yaml_limits import alias_bomb

    make.make_user(email="admin@example.ca", roles=[Role.ADMIN], language="en")
    login(client, "admin@example.ca")
    started = time.perf_counter()
    response = upload(client, alias_bomb().encode())
    assert time.perf_counter() - started < 2
    assert response.status_code == 400
    assert "pilot.yaml:1: anchors and aliases (&amp; and *) are not allowed" in response.get_data(as_text=True)
    assert stored() == 0


def test_recursive_alias_and_deep_nesting_are_explained_in_french(client, make):
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    login(client, "admin@example.ca")
    html = upload(client, b"root: &loop\n  child: *loop\n").get_data(as_text=True)
    assert "les ancres et alias (&amp; et *) ne sont pas permis" in html
    response = upload(client, b"[" * 5000 + b"]" * 5000)
    assert response.status_code == 400
    assert "imbrication de plus de 50 niveaux" in response.get_data(as_text=True)
    assert stored() == 0
