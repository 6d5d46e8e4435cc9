"""make security's reading of the scanners' outputs, and what it keeps away from the scanners."""
import json

import pytest

from scripts.security import findings
from scripts.security.sessions import SKIPPED


def wapiti_report(root, role, vulnerabilities=None, anomalies=None):
    (root / "wapiti").mkdir(parents=True, exist_ok=True)
    (root / "wapiti" / f"{role}.json").write_text(json.dumps(
        {"vulnerabilities": vulnerabilities or {}, "anomalies": anomalies or {}}))


def entry(info, path="/", method="GET", parameter=""):
    return {"info": info, "path": path, "method": method, "parameter": parameter}


def test_plain_http_and_documented_findings_pass_and_a_500_fails(tmp_path, capsys):
    wapiti_report(tmp_path, "owner", vulnerabilities={"HTTP Secure Headers": [
        entry("Strict-Transport-Security is not set"), entry("X-XSS-Protection is not set")]})
    assert findings.main(tmp_path, ["owner"]) == 0
    assert "(obsolete header; CSP instead)" in capsys.readouterr().out
    wapiti_report(tmp_path, "anonymous", anomalies={"Internal Server Error": [
        entry("The server responded with a 500 HTTP error code", "/auth/signup", "POST", "password")]})
    assert findings.main(tmp_path, ["owner", "anonymous"]) == 1
    assert "FINDING: wapiti anonymous: Internal Server Error" in capsys.readouterr().out


def test_a_payload_found_in_a_csv_download_passes_and_in_an_html_page_fails(tmp_path, capsys):
    found = "Permanent XSS vulnerability found in http://127.0.0.1:8000/companies/1/{} by injecting the parameter " \
            "a1-notes of http://127.0.0.1:8000/actions/1"
    wapiti_report(tmp_path, "owner", vulnerabilities={"Cross Site Scripting": [
        entry(found.format("plan.csv"), "/actions/1", "POST", "a1-notes")]})
    assert findings.main(tmp_path, ["owner"]) == 0
    assert "(a CSV download, never rendered as HTML)" in capsys.readouterr().out
    wapiti_report(tmp_path, "owner", vulnerabilities={"Cross Site Scripting": [
        entry(found.format("plan"), "/actions/1", "POST", "a1-notes")]})
    assert findings.main(tmp_path, ["owner"]) == 1


def test_a_missing_header_other_than_the_documented_ones_is_a_finding(tmp_path):
    wapiti_report(tmp_path, "owner", vulnerabilities={"HTTP Secure Headers": [
        entry("X-Frame-Options is not set")]})
    assert findings.main(tmp_path, ["owner"]) == 1


def test_an_injectable_form_and_an_unfinished_scan_fail(tmp_path, monkeypatch):
    wapiti_report(tmp_path, "owner")
    assert findings.main(tmp_path, ["owner"]) == 0
    assert findings.main(tmp_path, ["owner", "admin"]) == 1  # no report for admin: did not finish
    assert findings.main(tmp_path, ["owner"], ["the admin session ended during the scan"]) == 1
    monkeypatch.setenv("SECURITY_ALLOW_INCOMPLETE", "1")
    assert findings.main(tmp_path, ["owner"], ["the admin session ended during the scan"]) == 0
    log = tmp_path / "sqlmap" / "03-owner" / "127.0.0.1" / "log"
    log.parent.mkdir(parents=True)
    log.write_text("Parameter: q (GET)\n    Type: boolean-based blind\n")
    assert findings.main(tmp_path, ["owner"]) == 1


@pytest.mark.parametrize("path,skipped", [
    ("/auth/logout", True), ("/auth/sessions/end", True), ("/admin/users/7/status", True),
    ("/admin/users/7/roles?q=x", True), ("/admin/users/7/mfa-reset", True),
    ("/companies/3/members/9/remove", True), ("/privacy/me/delete", True), ("/privacy/companies/3/delete", True),
    ("/static/app.css", True), ("/assessments/4/report.pdf", True),
    ("/admin/users", False), ("/admin/users?q=a", False), ("/privacy/me", False), ("/companies/3/members", False),
    ("/auth/profile", False),
])
def test_session_ending_and_destructive_routes_are_kept_from_the_scanners(path, skipped):
    # The admin's scan deactivated the organizer and signed itself out: later requests ran anonymous.
    assert bool(SKIPPED.search(path)) is skipped


def test_wapiti_exclusions_match_whole_urls_with_their_query():
    from scripts.security.wapiti_excluding import wildcard_translate

    base = "http://127.0.0.1:5000"
    pattern, with_query = (wildcard_translate(base + "/admin/users/*/mfa-reset" + tail) for tail in ("", "?*"))
    assert pattern.match(base + "/admin/users/7/mfa-reset")
    assert with_query.match(base + "/admin/users/7/mfa-reset?q=")
    assert not pattern.match(base + "/admin/users/7/mfa-reset?q=")
    assert not pattern.match(base + "/admin/users") and not with_query.match(base + "/admin/users?q=a")
