"""A domain's save sends the same statements however many answers change, and none after its commit."""
from sqlalchemy import event

from aluqsec.extensions import db

from ..conftest import csrf_token, login
from .assessment_helpers import checked, load
from .test_assessments import domain_url, start


class Statements:
    """Record the SQL the application sends, and where the commits fall among it."""

    def __init__(self, engine):
        self.engine, self.sent = engine, []

    def _statement(self, _conn, _cursor, statement, *_args):
        self.sent.append(statement.split(None, 1)[0].upper())

    def _commit(self, _conn):
        self.sent.append("COMMIT")

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._statement)
        event.listen(self.engine, "commit", self._commit)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._commit)


def _saved(app, client, url, answers):
    """POST every question of the domain (*answers*, empty ones emptied); return the statements sent."""
    _html, prints = load(client, url)
    data = {"csrf_token": csrf_token(client), "then": "stay"}
    data.update({f"f-{qid}": value for qid, value in prints.items()})
    data.update({f"q-{qid}": value for qid, value in answers.items()})
    with app.app_context():
        engine = db.engine
    with Statements(engine) as statements:
        response = client.post(url, data=data)
    assert response.status_code == 302
    assert "Réponses enregistrées." in client.get(response.headers["Location"]).get_data(as_text=True)
    return statements.sent


def test_changing_one_answer_or_all_of_a_domain_costs_the_same_statements(app, client, make):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    login(client, "o@example.ca")
    url = domain_url(start(client, company.id), "access")
    _html, prints = load(client, url)
    questions = sorted(prints)
    assert len(questions) >= 3
    first = _saved(app, client, url, {qid: "1" for qid in questions})

    one = _saved(app, client, url, {qid: "2" if qid == questions[0] else "1" for qid in questions})
    every = _saved(app, client, url, {qid: "3" for qid in questions})
    emptied = _saved(app, client, url, {qid: "" for qid in questions[:2]} | {qid: "4" for qid in questions[2:]})

    # The session's user, the assessment, its answers; then the new rows, or one UPDATE for all the changed ones.
    # (PostgreSQL sends the new rows in one INSERT, SQLite one each.)
    assert first[:3] == ["SELECT", "SELECT", "SELECT"] and set(first[3:-1]) == {"INSERT"} and first[-1] == "COMMIT"
    assert one == ["SELECT", "SELECT", "SELECT", "UPDATE", "COMMIT"]
    assert every == one
    # Emptied answers are deleted with one statement too.
    assert emptied == ["SELECT", "SELECT", "SELECT", "UPDATE", "DELETE", "COMMIT"]
    html, _prints = load(client, url)
    assert checked(html) == {qid: "4" for qid in questions[2:]}
