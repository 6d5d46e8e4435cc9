"""The authorization matrix: every route of the URL map, tried by every kind of person.

HOW TO DECLARE A NEW ROUTE (one line in EXPECTED below):

    "feature.endpoint": expect(DENY_404, anon=LOGIN, owner_a=OK, member_a=OK),

The first argument is the outcome for every principal not named; name the
others. A different outcome for one method goes under "METHOD feature.endpoint"
(e.g. "POST assessments.answer"). Outcomes:
    OK        the request reaches the view (any answer but 403, 404 or a redirect to login)
    LOGIN     302 to /auth/login (anonymous visitors)
    DENY_403  403 Forbidden
    DENY_404  404 Not Found (hides that the object exists)
If the route takes an argument that is not an id, give it a value in ARGUMENTS.
A route without a declared outcome makes test_every_route_has_a_declared_outcome
fail with its name.

Principals (the world built by build_world): anon; owner_a and member_a of
company A; owner_b of company B; adv_view and adv_review, advisors A granted
with the view and the review scope; adv_other, an advisor only company B
granted; organizer; admin. Every id in a URL is one of A's objects. Every
method a rule accepts is tried, POST with a valid CSRF token and no other
field, so the request reaches the authorization check; a denied request must
leave every table unchanged. To print the outcomes observed today in the
format of the table: ALUQSEC_AUTHZ_OBSERVE=1 pytest -s tests/functional/test_authz_matrix.py
"""
import os
import time

from flask import url_for
from sqlalchemy import event

from aluqsec.extensions import db

from ..conftest import CSRF_PATTERN
from . import authz_world

OK, LOGIN, DENY_403, DENY_404 = "ok", "login", "403", "404"
PRINCIPALS = ("anon", "owner_a", "member_a", "owner_b", "adv_view", "adv_review", "adv_other", "organizer", "admin")
MEMBERS = dict(owner_a=OK, member_a=OK)
GRANTED = dict(adv_view=OK, adv_review=OK)


def expect(default, **outcomes):
    """Return ``{principal: outcome}``: *default* for everyone not named in *outcomes*."""
    unknown = set(outcomes) - set(PRINCIPALS)
    assert not unknown, f"unknown principals {unknown}"
    return {name: outcomes.get(name, default) for name in PRINCIPALS}


def signed_in(default=OK, **outcomes):
    """Anonymous visitors go to the login page; the others get *default* unless named."""
    return expect(default, anon=LOGIN, **outcomes)


EVERYONE = expect(OK)

# endpoint (or "METHOD endpoint") -> outcome per principal.
EXPECTED = {
    # Public pages, static files and capability links (the token is the key).
    "main.index": EVERYONE,
    "main.healthz": EVERYONE,
    "static": EVERYONE,
    "bootstrap.static": EVERYONE,
    "i18n.switch": EVERYONE,
    "auth.login": EVERYONE,
    "auth.signup": EVERYONE,
    "auth.request_reset": EVERYONE,
    "auth.reset_password": EVERYONE,
    "companies.accept": EVERYONE,
    "events.feed": EVERYONE,
    "events.index": EVERYONE,
    "events.show": EVERYONE,
    "events.ics": EVERYONE,
    "programme.feedback": EVERYONE,  # the e-mailed token is the key
    "programme.verify": EVERYONE,  # public check of a certificate's code
    "privacy.notice": EVERYONE,
    # Any signed-in account.
    "auth.logout": expect(LOGIN),  # back to the login page, signed out
    "auth.end_sessions": expect(LOGIN),  # "sign out everywhere" signs this session out too
    "auth.mfa": expect(LOGIN),  # only between the password and the code; otherwise back to the login page
    "auth.mfa_setup": signed_in(),
    "auth.renew_recovery_codes": signed_in(),
    "auth.confirm_signup": EVERYONE,  # the e-mailed token is the key; a made-up one opens nothing
    "GET auth.confirm_account_address": EVERYONE,
    "POST auth.confirm_account_address": expect(LOGIN),  # a made-up token: back to the login page
    "companies.remove": signed_in(DENY_404, owner_a=OK, member_a=DENY_403, adv_view=DENY_403, adv_review=DENY_403),
    "assessments.autosave": signed_in(DENY_404, **MEMBERS, adv_view=DENY_403, adv_review=DENY_403),
    "admin.change_status": signed_in(DENY_403, admin=OK),
    "admin.reset_mfa": signed_in(DENY_403, admin=OK),
    "admin.outbox": signed_in(DENY_403, admin=OK),
    # Evidence: the company's members manage it; advisors with an active grant read it; reviewers verify.
    "evidence.index": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "evidence.item": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "evidence.download": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "evidence.checklist_page": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "evidence.pack": signed_in(DENY_404, **MEMBERS, **GRANTED),
    # A prepared file (here A's audit pack): who may ask for it, judged again at each visit.
    "jobs.show": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "jobs.download": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "evidence.add": signed_in(DENY_404, **MEMBERS),
    "evidence.link": signed_in(DENY_404, **MEMBERS),
    "evidence.attest": signed_in(DENY_404, **MEMBERS),
    "evidence.replace": signed_in(DENY_404, **MEMBERS, adv_view=DENY_403, adv_review=DENY_403),
    "evidence.delete": signed_in(DENY_404, **MEMBERS, adv_view=DENY_403, adv_review=DENY_403),
    "evidence.review": signed_in(DENY_404, owner_a=DENY_403, member_a=DENY_403, adv_view=DENY_403, adv_review=OK),
    "auth.profile": signed_in(),
    "events.mine": signed_in(),
    "events.regenerate_feed": signed_in(),
    "events.register_view": signed_in(),
    "programme.certificate": signed_in(DENY_404, owner_a=OK),  # one's own attendance only
    "privacy.mine": signed_in(),  # one's own personal information
    "privacy.export_mine": signed_in(),
    "privacy.delete_mine": signed_in(),
    # Company A's data: its members, and advisors while A's grant is active.
    "companies.show": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "progress.show": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "assessments.show": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "assessments.results": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "reporting.download_assessment": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "GET assessments.answer": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "POST assessments.answer": signed_in(DENY_404, **MEMBERS, adv_view=DENY_403, adv_review=DENY_403),
    "assessments.confirm_submit": signed_in(DENY_404, **MEMBERS, adv_view=DENY_403, adv_review=DENY_403),
    "assessments.change_targets": signed_in(DENY_404, **MEMBERS, adv_view=DENY_403, adv_review=DENY_403),
    "assessments.scope": signed_in(DENY_404, **MEMBERS, adv_view=DENY_403, adv_review=DENY_403),
    # Members only: the action plan and the list of assessments; advisors never change records.
    "actions.index": signed_in(DENY_404, **MEMBERS),
    "actions.export_csv": signed_in(DENY_404, **MEMBERS),
    "actions.export_xlsx": signed_in(DENY_404, **MEMBERS),
    "assessments.index": signed_in(DENY_404, **MEMBERS),
    "actions.edit": signed_in(DENY_404, **MEMBERS),
    "actions.reorder": signed_in(DENY_404, **MEMBERS),
    "progress.edit_journey": signed_in(DENY_404, **MEMBERS),
    # Owners only.
    "companies.edit": signed_in(DENY_404, owner_a=OK),
    "companies.invite": signed_in(DENY_404, owner_a=OK),
    "advisors.access": signed_in(DENY_404, owner_a=OK),
    "advisors.change": signed_in(DENY_404, owner_a=OK),
    "privacy.company": signed_in(DENY_404, owner_a=OK),  # Law 25: export and deletion of A's data
    "privacy.export_company": signed_in(DENY_404, owner_a=OK),
    "privacy.delete_company": signed_in(DENY_404, owner_a=OK),
    "privacy.add_owner": signed_in(DENY_404, owner_a=OK),
    "privacy.cancel_deletion": signed_in(DENY_404, owner_a=OK),
    # Coaching record: the advisors A granted, and A's members who read it.
    "GET advisors.coaching": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "POST advisors.coaching": signed_in(DENY_404, **GRANTED, **{k: DENY_403 for k in MEMBERS}),
    # A commitment: A's members and the advisor who wrote the record (adv_view).
    "advisors.update_commitment": signed_in(DENY_404, **MEMBERS, adv_view=OK, adv_review=DENY_403),
    # Reviews: reviewers write; members and view-scope advisors read.
    "reviews.overview": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "GET reviews.domain": signed_in(DENY_404, **MEMBERS, **GRANTED),
    "POST reviews.domain": signed_in(DENY_404, **MEMBERS, adv_review=OK, adv_view=DENY_403),
    "reviews.reviewed": signed_in(DENY_404, adv_review=OK, owner_a=DENY_403, member_a=DENY_403,
                                  adv_view=DENY_403),
    # Advisors' own portfolio.
    "advisors.portfolio_view": signed_in(DENY_403, adv_view=OK, adv_review=OK, adv_other=OK),
    "reporting.download_portfolio": signed_in(DENY_403, adv_view=OK, adv_review=OK, adv_other=OK),
    # Organizers (and admins).
    "advisors.propose_advisor": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.demand": signed_in(DENY_403, organizer=OK, admin=OK),
    "reporting.download_demand": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.events": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.create": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.show": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.edit": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.duplicate": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.cancel": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.attendance": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.message": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.retry": signed_in(DENY_403, organizer=OK, admin=OK),
    "organizer.registrations_csv": signed_in(DENY_403, organizer=OK, admin=OK),
    "programme.results": signed_in(DENY_403, organizer=OK, admin=OK),
    "programme.dashboard": signed_in(DENY_403, organizer=OK, admin=OK),
    "programme.report": signed_in(DENY_403, organizer=OK, admin=OK),
    "privacy.queue": signed_in(DENY_403, organizer=OK, admin=OK),  # checking that companies are real
    "privacy.verify": signed_in(DENY_403, organizer=OK, admin=OK),
    "privacy.withdraw": signed_in(DENY_403, organizer=OK, admin=OK),
    "events.cancel": signed_in(DENY_404, owner_a=OK),  # one's own registration only
    # Admins.
    "admin.users": signed_in(DENY_403, admin=OK),
    "admin.audit_log": signed_in(DENY_403, admin=OK),
    "admin.change_role": signed_in(DENY_403, admin=OK),
    "questionnaires.index": signed_in(DENY_403, admin=OK),
    "questionnaires.upload": signed_in(DENY_403, admin=OK),
}

# Values for the URL arguments that are not ids of A's objects.
# "endpoint.argument" gives a value for one endpoint only.
ARGUMENTS = {"domain_id": "access", "certification": "cybersecure-canada", "action": "revoke",
             "filename": "css/app.css", "bootstrap.static.filename": "js/bootstrap.min.js",
             "programme.report.kind": "xlsx", "framework_id": "cybersecure-canada",
             "evidence.attest.framework_id": "cpcsc-l1"}


# Which of the world's tokens each route with a <token> gets.
TOKENS = {"events.feed": "calendar_token", "companies.accept": "invitation_token",
          "auth.reset_password": "reset_token", "programme.feedback": "feedback_token",
          "auth.confirm_signup": "confirm_token", "auth.confirm_account_address": "confirm_token"}


def expectation(endpoint, method):
    return EXPECTED.get(f"{method} {endpoint}") or EXPECTED.get(endpoint)


def rule_methods(rule):
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_every_route_has_a_declared_outcome(app):
    missing = undeclared(app)
    assert not missing, ("routes without a declared outcome in tests/functional/test_authz_matrix.py "
                         f"EXPECTED (see the top of that file): {', '.join(missing)}")


def undeclared(app):
    """Return "METHOD endpoint (rule)" for every method of a rule that EXPECTED does not cover."""
    return [f"{method} {rule.endpoint} ({rule.rule})" for rule in app.url_map.iter_rules()
            for method in rule_methods(rule) if expectation(rule.endpoint, method) is None]


def test_an_undeclared_route_is_named(another_app):
    application = another_app()
    application.add_url_rule("/companies/<int:company_id>/secret", "companies.secret", lambda company_id: "",
                             methods=["GET", "POST"])
    assert undeclared(application) == ["GET companies.secret (/companies/<int:company_id>/secret)",
                                       "POST companies.secret (/companies/<int:company_id>/secret)"]


def outcome(response):
    location = response.headers.get("Location", "")
    if response.status_code in (301, 302, 303) and location.startswith("/auth/login"):
        return LOGIN
    if response.status_code == 403:
        return DENY_403
    if response.status_code == 404:
        return DENY_404
    return OK


class Writes:
    """Count the statements that change the database (INSERT, UPDATE, DELETE) while active.

    ``world`` counts those that touch more than the login and audit records.
    """

    NOISE = {"login_attempts", "audit_events"}

    def __init__(self, engine):
        self.engine, self.count, self.world = engine, 0, 0

    def _seen(self, _connection, _cursor, statement, *args):
        words = statement.replace("(", " ").split()
        verb = words[0].upper() if words else ""
        if verb in ("INSERT", "UPDATE", "DELETE"):
            self.count += 1
            table = words[2] if verb in ("INSERT", "DELETE") else words[1]
            self.world += table.strip('"') not in self.NOISE

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._seen)


class World:
    """A's objects and one signed-in client per principal; restored after an allowed change."""

    def __init__(self, app):
        self.app, self.restores = app, 0
        authz_world.empty_database()
        self.ids, self.users = authz_world.build()
        self.clients = {name: app.test_client() for name in PRINCIPALS}
        self.tokens = {}
        for name in PRINCIPALS:
            self.sign_in(name)
        with db.engine.connect() as connection:
            self.rows = {table: [dict(row._mapping) for row in connection.execute(table.select())]
                         for table in db.metadata.sorted_tables}

    def sign_in(self, name):
        client = self.clients[name]
        if name != "anon":
            authz_world.sign_in(client, self.users[name])
        self.tokens[name] = CSRF_PATTERN.search(client.get("/").get_data(as_text=True)).group(1)

    def restore(self):
        """Put every table back as built (same ids, so the clients' sessions stay valid)."""
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
            for table, rows in self.rows.items():
                if rows:
                    connection.execute(table.insert(), rows)
        self.restores += 1

    def path(self, rule):
        values = {}
        for name in rule.arguments:
            if name == "token":
                values[name] = self.ids[TOKENS[rule.endpoint]]
            elif name == "item_id" and rule.endpoint.startswith("evidence."):
                values[name] = self.ids["item_id_evidence"]  # an evidence item, not an action item
            elif name in self.ids:
                values[name] = self.ids[name]
            else:
                values[name] = ARGUMENTS.get(f"{rule.endpoint}.{name}") or ARGUMENTS[name]
        if rule.endpoint in authz_world.DRAFT_ENDPOINTS:
            values["assessment_id"] = self.ids["draft_id"]
        with self.app.test_request_context():
            return url_for(rule.endpoint, **values)


def test_authorization_matrix(app, app_context):
    world = World(app)
    observed, problems, spent = {}, [], {}
    rules = sorted(app.url_map.iter_rules(), key=lambda r: r.rule)
    for rule in rules:
        for method in rule_methods(rule):
            expected = expectation(rule.endpoint, method)
            for principal in PRINCIPALS:
                client = world.clients[principal]
                started = time.perf_counter()
                with Writes(db.engine) as writes:
                    response = client.open(world.path(rule), method=method,
                                           data={"csrf_token": world.tokens[principal]} if method == "POST" else None)
                response.close()
                spent[rule.endpoint] = spent.get(rule.endpoint, 0) + time.perf_counter() - started
                got = outcome(response)
                observed.setdefault((rule.endpoint, method), {})[principal] = got
                if got not in (OK, LOGIN) and writes.count:
                    problems.append(f"{method} {rule.rule} by {principal}: denied ({got}) but it wrote to the database")
                if writes.world:
                    world.restore()  # an allowed action changed what the next requests would see
                if rule.endpoint in authz_world.SESSION_ENDING:
                    world.sign_in(principal)
                if expected is not None and expected[principal] != got:
                    problems.append(f"{method} {rule.rule} by {principal}: expected {expected[principal]}, got {got}"
                                    f" ({response.status_code})")
    if os.environ.get("ALUQSEC_AUTHZ_OBSERVE"):
        for (endpoint, method), row in sorted(observed.items()):
            print(f"{method:5} {endpoint:35} " + " ".join(f"{p}={row[p]}" for p in PRINCIPALS))
        print(f"world restored {world.restores} times; slowest:",
              ", ".join(f"{e} {t:.1f}s" for e, t in sorted(spent.items(), key=lambda x: -x[1])[:8]))
    assert not problems, "\n".join(problems)
