"""A burst of concurrent wrong passwords gets no more evaluations than the limit (real threads)."""
import threading

from sqlalchemy import func, select

from aluqsec.auth.models import LoginAttempt
from aluqsec.extensions import db

from ..conftest import csrf_token

BURST = 40


def test_a_burst_of_concurrent_wrong_passwords_evaluates_at_most_five(app, make):
    make.make_user(email="ana@example.ca")
    clients = [app.test_client() for _ in range(BURST)]
    tokens = [csrf_token(c, "/auth/login") for c in clients]
    start = threading.Barrier(BURST)
    statuses = []

    def attempt(client, token):
        start.wait()
        response = client.post("/auth/login", data={"email": "ana@example.ca", "password": "wrong password!",
                                                      "csrf_token": token})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=attempt, args=pair) for pair in zip(clients, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    limit = app.config["LOGIN_THROTTLE"]["per_account_address"]
    assert sorted(statuses) == [401] * limit + [429] * (BURST - limit)
    db.session.expire_all()
    recorded = db.session.scalar(select(func.count()).select_from(LoginAttempt))
    assert recorded == limit
