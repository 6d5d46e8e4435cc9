"""Sign-up and reset take about as long whether or not the address has an account (issue 11, hole 7).

Measured with a real SMTP server and a real argon2 cost (OWASP's minimum, so that a hash left out of one
branch shows, while the suite stays fast); medians of interleaved requests.
"""
import statistics
import time

from ..conftest import csrf_token
from .test_signup import VALID

ROUNDS = 7
OWASP_MINIMUM = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}


def median_times(application, url, forms):
    """Return the median response time (seconds) of POSTing each form of *forms*, interleaved."""
    times = {name: [] for name in forms}
    for round_ in range(ROUNDS):
        for name, form in forms.items():
            client = application.test_client()
            data = {**form(round_), "csrf_token": csrf_token(client, url)}
            started = time.perf_counter()
            response = client.post(url, data=data)
            times[name].append(time.perf_counter() - started)
            assert response.status_code in (200, 302), response.status_code
    return {name: statistics.median(values) for name, values in times.items()}


def close_enough(medians):
    slow, fast = max(medians.values()), min(medians.values())
    return slow - fast < 0.25 * slow + 0.005


def test_signup_and_reset_take_as_long_for_taken_and_free_addresses(app, another_app, make, smtp_server):
    make.make_user(email="taken@example.ca")
    production = another_app(ARGON2_PARAMETERS=OWASP_MINIMUM, SMTP_HOST="127.0.0.1", SMTP_PORT=app.config["SMTP_PORT"],
                             MAIL_LIMITS={kind: {scope: (1000, 3600) for scope in ("address", "sender")}
                                          for kind in app.config["MAIL_LIMITS"]})
    signup = median_times(production, "/auth/signup", {
        "taken": lambda n: {**VALID, "email": "taken@example.ca"},
        "free": lambda n: {**VALID, "email": f"free{n}@example.ca"},
    })
    reset = median_times(production, "/auth/reset", {
        "known": lambda n: {"email": "taken@example.ca"},
        "unknown": lambda n: {"email": f"nobody{n}@example.ca"},
    })
    print(f"\nsign-up median: taken {signup['taken'] * 1000:.1f} ms, free {signup['free'] * 1000:.1f} ms; "
          f"reset median: known {reset['known'] * 1000:.1f} ms, unknown {reset['unknown'] * 1000:.1f} ms")
    assert close_enough(signup), signup
    assert close_enough(reset), reset
