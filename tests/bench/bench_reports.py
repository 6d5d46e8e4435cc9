"""Benchmark the PDF reports: the demo company's full assessment report, rendered warm.

Run ``make bench`` (or ``.venv/bin/python -m tests.bench.bench_reports``). The demo data is
loaded into a throw-away SQLite database; the report is downloaded through the application as
the demo owner would, ``--rounds`` times after one warm-up. The floor, a one-page PDF rendered
in the same process, tells how fast this machine is at the moment of the run.
"""
import argparse
import math
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROUNDS = 15
TARGET = 1.0  # seconds, median
OWNER = "owner@demo.aluqsec.ca"
COMPANY_NEQ = "1160000017"
PASSWORD = "bench-only-password"
CHEAP_ARGON2 = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


def percentile(values, fraction):
    """Return the nearest-rank percentile of *values* (``fraction`` 0.9 for p90)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def timed(call, rounds):
    """Call *call* once to warm up, then *rounds* times; return ``(first duration, durations, last result)``."""
    start = time.perf_counter()
    result = call()
    first = time.perf_counter() - start
    durations = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = call()
        durations.append(time.perf_counter() - start)
    return first, durations, result


def page_count(pdf, folder):
    path = Path(folder) / "report.pdf"
    path.write_bytes(pdf)
    try:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def demo_app(instance):
    """Build the application on a fresh SQLite database in *instance*, with the demo data loaded."""
    os.environ["ALUQSEC_INSTANCE_PATH"] = instance
    from aluqsec import create_app
    from aluqsec.demo import load_demo
    from aluqsec.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance}/bench.sqlite", "SECRET_KEY": "bench",
                      "ARGON2_PARAMETERS": CHEAP_ARGON2, "WTF_CSRF_ENABLED": False, "SMTP_HOST": ""})
    with app.app_context():
        db.create_all()  # the schema of the models; migrations are tested elsewhere
        load_demo(PASSWORD)
    return app


def latest_assessment_id(app):
    from sqlalchemy import select

    from aluqsec.assessments.models import Assessment, Status
    from aluqsec.companies.models import Company
    from aluqsec.extensions import db

    with app.app_context():
        return db.session.scalar(
            select(Assessment.id).join(Company, Company.id == Assessment.company_id)
            .where(Company.neq == COMPANY_NEQ, Assessment.status != Status.DRAFT)
            .order_by(Assessment.submitted_at.desc()).limit(1))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"timed renders (default {ROUNDS})")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as instance:
        app = demo_app(instance)
        client = app.test_client()
        client.post("/auth/login", data={"email": OWNER, "password": PASSWORD})
        url = f"/assessments/{latest_assessment_id(app)}/report.pdf?lang={args.lang}"

        def download():
            response = client.get(url)
            if response.status_code != 200 or response.mimetype != "application/pdf":
                raise SystemExit(f"{url} answered {response.status_code} {response.mimetype}")
            return response.data

        cold, durations, pdf = timed(download, args.rounds)
        from weasyprint import HTML

        _, floor, _ = timed(lambda: HTML(string="<html lang=fr><title>x</title><p>Plancher</p></html>").write_pdf(),
                         args.rounds)
        pages = page_count(pdf, instance)
    median = statistics.median(durations)
    print(f"company report ({args.lang}, demo owner): {pages or '?'} pages, {len(pdf) // 1024} kB")
    print(f"{args.rounds} warm downloads: median {median:.3f} s, p90 {percentile(durations, 0.9):.3f} s "
          f"(min {min(durations):.3f}, max {max(durations):.3f})")
    print(f"first download of the process (imports WeasyPrint, cold caches): {cold:.3f} s")
    print(f"floor, a one-page PDF in the same process: median {statistics.median(floor):.3f} s")
    print(f"target median <= {TARGET:.1f} s: {'met' if median <= TARGET else 'MISSED'}")


if __name__ == "__main__":
    main()
