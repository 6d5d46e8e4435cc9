"""Load generators: wrk when installed (a Python generator otherwise), and the answer-save clients."""
import http.client
import shutil
import subprocess
import threading
import time

from aluqsec.assessments.answering import Entry

from .targets import load_from_latencies, parse_wrk

THREADS, CONNECTIONS = 2, 16
SAVERS = 8


def wrk_available():
    return shutil.which("wrk") is not None


def measure(port, path, seconds, cookie=""):
    """Load ``GET path`` for *seconds* with 16 connections; return a Load."""
    if wrk_available():
        command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
        if cookie:
            command += ["-H", f"Cookie: {cookie}"]
        output = subprocess.run(command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                                check=True).stdout
        return parse_wrk(output)
    return python_load(port, path, seconds, cookie)


def python_load(port, path, seconds, cookie="", connections=CONNECTIONS):
    """Load ``GET path`` from *connections* threads with kept-alive connections (slower than wrk)."""
    latencies, failed, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, bad = [], 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
                response = connection.getresponse()
                response.read()
                bad += response.status >= 400
            except (OSError, http.client.HTTPException):
                bad += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)
            failed[0] += bad

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load_from_latencies(latencies, seconds, failed[0])


def answer_saves(savers, seconds):
    """Have each saver post its domain again and again for *seconds*, at once; return a Load.

    :param savers: ``[(Browser signed in, draft id, domain id, [question ids], {question id: fingerprint})]``,
        one draft each, so that every save writes (levels alternate) and none conflicts.
    """
    latencies, failed, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def client(browser, draft_id, domain_id, questions, stored):
        path = f"/assessments/{draft_id}/domains/{domain_id}"
        token = browser.csrf(path)
        mine, bad, turn = [], 0, 0
        while time.monotonic() < deadline:
            level = str(2 + turn % 2)
            fields = {"csrf_token": token}
            for question in questions:
                fields.update({f"q-{question}": level, f"j-{question}": "", f"n-{question}": "",
                               f"f-{question}": stored.get(question, "")})
            start = time.perf_counter()
            status, _location, _page = browser.request("POST", path, fields)
            mine.append((time.perf_counter() - start) * 1000)
            if status == 302:
                stored = {question: Entry(level).fingerprint for question in questions}
                turn += 1
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            failed[0] += bad

    threads = [threading.Thread(target=client, args=saver) for saver in savers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load_from_latencies(latencies, seconds, failed[0])
