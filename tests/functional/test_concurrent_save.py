"""Two colleagues save the same question at the same moment: one wins, the other sees the conflict.

Real threads, the real database (SQLite by default, PostgreSQL with
ALUQSEC_TEST_DATABASE_URL). A barrier holds each request right after it has
read the stored answers, so that both have read before either writes: the
race the security test hit 9 times in 12 happens every time here.
"""
import threading

import pytest
from sqlalchemy import event, select

from aluqsec.assessments.models import Answer
from aluqsec.extensions import db

from ..conftest import csrf_token, login
from .assessment_helpers import load
from .test_assessments import domain_url, start


class ReadTogether:
    """Make the marked requests of two threads wait for each other after reading the answers."""

    def __init__(self, engine, table="FROM answers"):
        self.engine, self.table = engine, table
        self.barrier, self.local = threading.Barrier(2, timeout=20), threading.local()

    def _after(self, _conn, _cursor, statement, *_args):
        if getattr(self.local, "armed", False) and statement.lstrip().upper().startswith("SELECT") \
                and self.table in statement:
            self.local.armed = False
            self.barrier.wait()

    def __enter__(self):
        event.listen(self.engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "after_cursor_execute", self._after)

    def post(self, client, url, request, results, name):
        self.local.armed = True
        try:
            results[name] = client.post(url, **request)
        finally:
            self.local.armed = False


def race(app, url, requests, table="FROM answers"):
    """POST to *url* at once, one request per client: ``{name: (client, post keywords)}``.

    :return: ``{name: response}``.
    """
    results = {}
    with app.app_context():
        engine = db.engine
    with ReadTogether(engine, table) as together:
        threads = [threading.Thread(target=together.post, args=(client, url, request, results, name))
                   for name, (client, request) in requests.items()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    return results


def form(client, prints, answers):
    data = {"csrf_token": csrf_token(client), "then": "stay"}
    data.update({f"f-{qid}": value for qid, value in prints.items()})
    data.update({f"q-{qid}": value for qid, value in answers.items()})
    return data


def stored_value(assessment_id, question_id):
    db.session.expire_all()
    return db.session.scalar(select(Answer.value).where(Answer.assessment_id == assessment_id,
                                                        Answer.question_id == question_id))


@pytest.fixture
def colleagues(app, client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca", name="Marie Tremblay"))
    make.make_member(company, make.make_user(email="m@example.ca", name="Luc Gagnon"))
    colleague = app.test_client()
    login(client, "o@example.ca")
    login(colleague, "m@example.ca")
    return client, colleague, start(client, company.id)


@pytest.mark.parametrize("answered_before", [False, True], ids=["first-answer", "change"])
def test_simultaneous_saves_of_different_values_one_wins_the_other_gets_409(app, colleagues, answered_before):
    mine, theirs, assessment_id = colleagues
    url = domain_url(assessment_id, "access")
    if answered_before:
        _html, prints = load(mine, url)
        assert mine.post(url, data=form(mine, prints, {"qs-mfa-all": "1"})).status_code == 302
    _html, my_prints = load(mine, url)
    _html, their_prints = load(theirs, url)
    results = race(app, url, {"owner": (mine, {"data": form(mine, my_prints, {"qs-mfa-all": "4"})}),
                              "member": (theirs, {"data": form(theirs, their_prints, {"qs-mfa-all": "2"})})})
    statuses = sorted(response.status_code for response in results.values())
    assert statuses == [302, 409], statuses
    winner = next(name for name, response in results.items() if response.status_code == 302)
    loser = results["member" if winner == "owner" else "owner"].get_data(as_text=True)
    kept = {"owner": "4", "member": "2"}[winner]
    assert stored_value(assessment_id, "qs-mfa-all") == kept
    assert "Quelqu" in loser and "a modifié cette réponse" in loser  # the conflict, in French
    assert f"Niveau {kept}" in loser  # the winner's value shown to the loser
