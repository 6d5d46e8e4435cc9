"""make security: serve the demo with gunicorn, scan it with sqlmap and wapiti as each role, read the findings.

Usage: python -m scripts.security.scan [OUTPUT_DIR]
Environment: SECURITY_BUDGET (seconds for both scanners side by side, default 1200),
ALUQSEC_DEMO_PASSWORD, SECURITY_ALLOW_INCOMPLETE (see findings.py).
Exit status 1 when a finding is not one of the documented ones, or the scan is incomplete.
"""
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from . import findings
from .sessions import NOT_SCANNED, USER_AGENT, Session, crawl_forms, sign_in

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ROLES = {"anonymous": None, "owner": "owner@demo.aluqsec.ca", "advisor": "advisor@demo.aluqsec.ca",
         "organizer": "organizer@demo.aluqsec.ca", "admin": "admin@demo.aluqsec.ca"}
WAPITI_MODULES = "sql,blindsql,xss,permanentxss,exec,file,redirect,crlf,csp,http_headers,cookieflags"  # never ssrf


def wapiti():
    """Return the start of a wapiti command: its interpreter (the script's #! line) on the -x shim."""
    with open(shutil.which("wapiti")) as script:
        interpreter = script.readline()[2:].strip()
    return [interpreter, "-m", "scripts.security.wapiti_excluding"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def demo_server(workdir):
    """Serve a fresh demo database with gunicorn (3 workers: two scanners at once) on a free port."""
    port = free_port()
    env = dict(os.environ, ALUQSEC_INSTANCE_PATH=str(workdir / "instance"),
               ALUQSEC_DATABASE_URL=f"sqlite:///{workdir / 'demo.sqlite'}",
               ALUQSEC_BASE_URL=f"http://127.0.0.1:{port}")
    flask = [str(BIN / "flask"), "--app", "aluqsec"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*flask, "demo", "load"], env=env, cwd=ROOT, check=True, capture_output=True)
    log = open(workdir / "gunicorn.log", "w")
    server = subprocess.Popen([str(BIN / "gunicorn"), "--workers", "3", "--bind", f"127.0.0.1:{port}",
                               "--access-logfile", "-", "aluqsec:create_app()"],
                              env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(120):
            with contextlib.suppress(OSError):
                if Session(base).get("/healthz")[0] == 200:
                    break
            time.sleep(0.5)
        else:
            raise RuntimeError("the demo server did not start; see gunicorn.log")
        yield base, env
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def sqlmap_command(name, session, page, form, out):
    """Return the sqlmap command line that tests every field of *form* (CSRF token refreshed from *page*)."""
    fields = urllib.parse.urlencode(form["fields"])
    command = ["sqlmap", "--batch", "--level", "1", "--risk", "1", "--smart", "--flush-session",
               "--disable-coloring", "--timeout", "10", "--retries", "1",
               "--output-dir", str(out / "sqlmap" / name), "--cookie", session.cookie_header(),
               "--user-agent", USER_AGENT]
    if form["method"] == "post":
        command += ["-u", session.base + form["action"], "--data", fields]
    else:
        command += ["-u", f"{session.base}{form['action'].split('?')[0]}?{fields}"]
    token = next((name for name in form["fields"] if name.endswith("csrf_token")), None)
    if token:  # Flask-WTF: without a fresh token every POST is a 400 and the scan means nothing
        command += ["--csrf-token", token, "--csrf-url", session.base + page, "--skip", token]
    return command


def run_sqlmap(sessions, out, deadline):
    """Run sqlmap on every form each role reaches, each form once; return (scanned, not scanned)."""
    forms = {}
    for role, session in sessions.items():
        for key, found in crawl_forms(session).items():
            forms.setdefault(key, (role, *found))
    scanned, skipped = [], []
    for index, (key, (role, page, form)) in enumerate(sorted(forms.items())):
        label = f"{form['method'].upper()} {key[1]} ({role}; {len(form['fields'])} fields)"
        if time.monotonic() > deadline:
            skipped.append(label)
            continue
        command = sqlmap_command(f"{index:02d}-{role}", sessions[role], page, form, out)
        with open(out / "sqlmap.log", "a") as log:
            log.write(f"\n=== {label}\n{' '.join(command)}\n")
            log.flush()
            try:
                subprocess.run(command, stdout=log, stderr=subprocess.STDOUT,
                               timeout=max(deadline - time.monotonic(), 1))
                scanned.append(label)
            except subprocess.TimeoutExpired:
                skipped.append(label + " (stopped at the budget)")
    return scanned, skipped


def run_wapiti(role, session, out, seconds):
    """Crawl and attack the site as *role* for about *seconds*; return False when it had to be stopped."""
    cookies = out / f"cookies-{role}.json"
    cookies.write_text(json.dumps(session.wapiti_cookies()))
    command = [*wapiti(), "-u", session.base + "/", "--scope", "folder", "-m", WAPITI_MODULES,
               "--max-scan-time", str(int(seconds)), "--max-attack-time", str(max(int(seconds) // 14, 10)),
               "--max-links-per-page", "10", "-d", "2", "-t", "10", "-A", USER_AGENT,
               "--flush-session", "--no-bugreport", "-v", "0",
               "--store-session", str(out / "wapiti-session" / role), "-c", str(cookies),
               "-f", "json", "-o", str(out / "wapiti" / f"{role}.json")]
    for path in NOT_SCANNED:  # wapiti reads * as a wildcard; forms post to e.g. /admin/users/7/status?q=
        command += ["-x", session.base + path, "-x", session.base + path + "?*"]
    with open(out / "wapiti.log", "a") as log:
        log.write(f"\n=== {role}\n{' '.join(command)}\n")
        log.flush()
        scanner = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            scanner.wait(timeout=seconds + 90)
            return True
        except subprocess.TimeoutExpired:
            # A module checks its time only between pages: interrupt it and answer
            # wapiti's question with "r" (report); it may move to the next module
            # instead, so interrupt again until it stops, then kill it.
            for _attempt in range(8):
                scanner.send_signal(signal.SIGINT)
                with contextlib.suppress(OSError):
                    scanner.stdin.write(b"r\n")
                    scanner.stdin.flush()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    scanner.wait(timeout=20)
                    break
            else:
                scanner.kill()
                scanner.wait()
            return False


def main(out):
    started = time.monotonic()
    budget = float(os.environ.get("SECURITY_BUDGET", 1200))
    password = os.environ.get("ALUQSEC_DEMO_PASSWORD", "Demo-AluQSec-2026")
    for folder in ("sqlmap", "wapiti"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    with demo_server(out) as (base, env):
        def code_for(email):
            return subprocess.run([str(BIN / "flask"), "--app", "aluqsec", "users", "mfa-code", email], env=env,
                                  cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()

        # Every role signs in before any scan: the scanners' failed logins would throttle this address.
        sessions = {role: sign_in(base, email, password, code_for) if email else Session(base)
                    for role, email in ROLES.items()}
        scan_start = time.monotonic()
        # sqlmap and wapiti run side by side, each within the whole budget.
        sqlmap = {"scanned": [], "skipped": ["(sqlmap failed: see sqlmap.log)"]}

        def sqlmap_all():
            sqlmap["scanned"], sqlmap["skipped"] = run_sqlmap(sessions, out, scan_start + budget)

        worker = threading.Thread(target=sqlmap_all)
        worker.start()
        stopped = []
        for index, (role, session) in enumerate(sessions.items()):
            left = scan_start + budget - time.monotonic()
            if not run_wapiti(role, session, out, max(left / (len(sessions) - index) - 30, 30)):
                stopped.append(role)
        worker.join()
        print(f"sqlmap: {len(sqlmap['scanned'])} of {len(sqlmap['scanned']) + len(sqlmap['skipped'])} forms scanned")
        incomplete = [f"sqlmap did not finish (budget): {label}" for label in sqlmap["skipped"]]
        incomplete += [f"wapiti as {role} was interrupted at the budget" for role in stopped]
        lost = [role for role, session in sessions.items() if role != "anonymous" and not session.is_signed_in()]
        incomplete += [f"the {role} session ended during the scan: later requests ran signed out" for role in lost]
    print(f"scan took {time.monotonic() - started:.0f} s; outputs in {out}")
    return findings.main(out, list(sessions), incomplete)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="aluqsec-security-"))))
