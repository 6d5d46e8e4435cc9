"""Servers for the page benchmark: gunicorn as in production, a throw-away PostgreSQL, signed-in HTTP sessions."""
import http.client
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
WORKERS = 2


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """``gunicorn --workers 2`` serving *app* on a free port until ``stop()``."""

    def __init__(self, app, env, log):
        self.port = free_port()
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}",
             "--timeout", "120", app], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"gunicorn {app} exited; see {log.name}") from None
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn {app} did not listen within 60 s")

    def workers(self):
        """Return the process ids of the workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def peak_rss_mb(self):
        """Return the largest peak resident memory (VmHWM) of the workers, in MB."""
        peaks = [0.0]
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            peaks.append(int(match.group(1)) / 1024 if match else 0.0)
        return max(peaks)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class PostgreSQL:
    """A throw-away PostgreSQL cluster (as ``.ci/run`` starts one), or None from ``start()`` when absent."""

    @classmethod
    def start(cls, port):
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
        if not versions:
            return None
        return cls(versions[-1].parent, port)

    def __init__(self, pgbin, port):
        self.pgbin, self.port = pgbin, port
        self.data = tempfile.mkdtemp(prefix="aluqsec-bench-pg-")
        shutil.chown(self.data, "postgres", "postgres")
        self._as_postgres(f"{pgbin}/initdb -D {self.data} -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync")
        self._as_postgres(f"{pgbin}/pg_ctl -D {self.data} -l {self.data}/server.log -w -t 30 start "
                          f"-o '-p {port} -c listen_addresses=127.0.0.1 -k {self.data} -c fsync=off'")
        subprocess.run([f"{pgbin}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "aluqsec_bench"],
                       check=True)
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/aluqsec_bench"

    def _as_postgres(self, command):
        subprocess.run(["su", "postgres", "-c", command], check=True, stdout=subprocess.DEVNULL)

    def stop(self):
        self._as_postgres(f"{self.pgbin}/pg_ctl -D {self.data} -m fast -w stop")
        shutil.rmtree(self.data, ignore_errors=True)


class Browser:
    """A signed-in HTTP session on one server: keeps the cookies, reads CSRF tokens."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, fields=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": self.cookie_header()}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        return response.status, response.getheader("Location") or "", data.decode("utf-8", "replace")

    def cookie_header(self):
        return "; ".join(f"{key}={value}" for key, value in self.cookies.items())

    def csrf(self, path):
        _status, _location, page = self.request("GET", path)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        if match is None:
            raise RuntimeError(f"no CSRF token on {path}")
        return match.group(1)

    def sign_in(self, email, password, mfa_code):
        """Sign in through the login form; *mfa_code* (called only for staff) gives the TOTP code."""
        status, location, _ = self.request("POST", "/auth/login", {
            "csrf_token": self.csrf("/auth/login"), "email": email, "password": password})
        if status == 302 and location.endswith("/auth/mfa"):
            for _attempt in range(2):
                status, location, _ = self.request("POST", "/auth/mfa", {
                    "csrf_token": self.csrf("/auth/mfa"), "code": mfa_code(email)})
                if status == 302:
                    break
                time.sleep(31 - time.time() % 30)  # the code of this 30 s step was used: wait for the next
        if status != 302:
            raise RuntimeError(f"could not sign in as {email} ({status})")


def mfa_code(env):
    """Return a function reading an account's current TOTP code with ``flask users mfa-code``."""
    def read(email):
        return subprocess.run([str(BIN / "flask"), "--app", "aluqsec", "users", "mfa-code", email], cwd=ROOT,
                              env=env, capture_output=True, text=True, check=True).stdout.strip()
    return read


def server_env(database_url, instance, secret):
    """Return the environment the served app and the flask commands run with."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ALUQSEC_")}
    env.update(ALUQSEC_DATABASE_URL=database_url, ALUQSEC_INSTANCE_PATH=instance, ALUQSEC_SECRET_KEY=secret,
               ALUQSEC_SMTP_HOST="")
    return env
