"""Benchmark every main page of every role at the cluster's size, on SQLite and PostgreSQL.

Run ``make bench`` (after the PDF benchmark) or ``.venv/bin/python -m tests.bench.bench_pages``.
Per database: migrate an empty database, load the demo, count each page's SQL queries (test
client), generate the cluster around the demo (``cluster.py``), count again, serve with
gunicorn (2 sync workers) beside the bare-Flask floor (``floor.py``), then load each page with
wrk for BENCH_SECONDS, the floor just before it; answer saves from 8 clients; print one table
and the targets of issue 15 as met / not met. See the README, "Benchmarks".
"""
import argparse
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import cache
from .load import SAVERS, answer_saves, measure, wrk_available
from .serve import BIN, ROOT, Browser, Gunicorn, PostgreSQL, free_port, mfa_code, server_env
from .targets import Row, table, targets, verdict_lines


def build_app(database_url, instance, secret):
    """Build the app in this process on *database_url* (the same settings as the served one)."""
    os.environ["ALUQSEC_INSTANCE_PATH"] = instance
    from aluqsec import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": secret, "SMTP_HOST": ""})


def prepare(app, companies, seed, echo, database_url, instance, migrate):
    """Load the demo, count queries, generate the cluster, count again; return what the load runs need.

    With ``BENCH_CACHE`` the generated database is restored when kept, and kept when generated.
    """
    import logging

    from sqlalchemy import text

    from aluqsec.demo import load_demo
    from aluqsec.extensions import db

    from .cluster import generate
    from .pages import compute_programme_figures, query_counts, resolve_pages, saver_specs

    password = app.config["DEMO_PASSWORD"]
    logging.getLogger("aluqsec.mail").setLevel(logging.WARNING)  # reviews mail their owners: to the outbox
    base = cache.folder()
    kept = base / cache.key(database_url.split(":")[0].split("+")[0], companies, seed) if base else None

    def demo_counts_now():
        with app.app_context():
            compute_programme_figures()
        with app.app_context():
            pages = resolve_pages()
        return query_counts(app, pages, password)

    with app.app_context():
        load_demo(password)
    demo_counts = demo_counts_now()  # on the demo, with the code of the day, kept database or not
    if kept and kept.is_dir():
        with app.app_context():
            db.engine.dispose()
        cache.load(database_url, kept, "bench")
        cache.restore_instance(kept, instance)
        migrate()  # kept at an older head: the new migrations (and their backfills) run on it
        echo(f"restored the generated database kept in {kept}")
    else:
        started = time.monotonic()
        with app.app_context():
            summary = generate(companies, seed, echo=echo)
            db.session.execute(text("ANALYZE"))  # statistics, as a database that grew over years has
            db.session.commit()
            db.engine.dispose()
        echo(f"generated in {time.monotonic() - started:.0f} s: {summary}")
        if kept:
            partial = cache.begin(kept)
            cache.save(database_url, partial, "bench")
            cache.finish(partial, kept, instance)
            echo(f"kept in {kept} (BENCH_CACHE)")
    with app.app_context():
        compute_programme_figures()  # the worker's hourly job has them ready; the page reads them
        pages = resolve_pages()
        specs = saver_specs(min(SAVERS, companies))
    cluster_counts = query_counts(app, pages, password)
    with app.app_context():
        from .pages import ACCOUNTS, calendar_token

        token = calendar_token(ACCOUNTS["owner"])
        db.engine.dispose()
    return password, pages, demo_counts, cluster_counts, specs, token


def sign_in_all(port, password, env, specs):
    """Return ``{role: Browser}`` signed in through the login form, and the savers' browsers."""
    from .pages import ACCOUNTS

    read_code, browsers = mfa_code(env), {None: Browser(port)}
    for role, email in ACCOUNTS.items():
        browsers[role] = Browser(port)
        browsers[role].sign_in(email, password, read_code)
    savers = []
    for email, draft_id, domain_id, questions, stored in specs:
        browser = Browser(port)
        browser.sign_in(email, password, read_code)
        savers.append((browser, draft_id, domain_id, questions, stored))
    return browsers, savers


def measure_layout(floor, layout, owner, seconds):
    """Return the reference row: the owner's signed-in layout with nothing of its own (``layout.py``)."""
    connection = Browser(layout.port)
    connection.cookies = dict(owner.cookies)  # the same signed session: the servers share key and database
    status, _location, _page = connection.request("GET", "/_bench/layout")
    if status != 200:
        raise RuntimeError(f"the signed-in layout answered {status}")
    floor_load = measure(floor.port, "/floor", seconds)
    load = measure(layout.port, "/_bench/layout", seconds, connection.cookie_header())
    return Row("signed-in layout only", True, load, floor_load, None, None, reference=True)


def run_long_work(browsers, env, echo):
    """Ask for each piece of long work through its page, run one worker over them; return its report."""
    import json

    from .pages import LONG_WORK

    labels = {}
    for label, role, url in LONG_WORK:
        browser = browsers[role]
        status, location, _page = browser.request("POST", url, {"csrf_token": browser.csrf(url)})
        if status != 303:
            raise RuntimeError(f"{label} ({url}) answered {status} to the prepare button")
        labels[int(location.rstrip("/").rsplit("/", 1)[-1])] = label
    output = subprocess.run([str(BIN / "python"), "-m", "tests.bench.worker_rss"], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True).stdout
    report = json.loads(output.strip().splitlines()[-1])
    echo("  the worker's own peak after each job it ran: " + ", ".join(
        f"{kind} {peak:.0f} MB" for kind, peak in report["worker_peak_after"]))
    report["jobs"] = [{**job, "label": labels[job["id"]]} for job in report["jobs"] if job["id"] in labels]
    echo(f"  long work: {len(report['jobs'])} jobs in one worker, peak RSS {report['peak_rss_mb']:.0f} MB "
         f"(the worker {report['own_rss_mb']:.0f} MB, its largest job process {report['job_process_rss_mb']:.0f} MB)")
    return report


def run_database(name, database_url, args, echo):
    """Prepare, serve and measure one database; print its table and targets."""
    with tempfile.TemporaryDirectory(prefix=f"aluqsec-bench-{name}-") as instance:
        _run_in(name, database_url, instance, args, echo)


def _run_in(name, database_url, instance, args, echo):
    secret = secrets.token_hex(16)
    env = server_env(database_url, instance, secret)
    def migrate():
        subprocess.run([str(BIN / "flask"), "--app", "aluqsec", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)

    migrate()
    app = build_app(database_url, instance, secret)
    password, pages, demo_counts, cluster_counts, specs, token = prepare(
        app, args.companies, args.seed, echo, database_url, instance, migrate)
    with open(Path(instance) / "gunicorn.log", "w") as log:
        server, floor = Gunicorn("aluqsec:create_app()", env, log), Gunicorn("tests.bench.floor:app", env, log)
        layout = Gunicorn("tests.bench.layout:app", env, log)
        try:
            browsers, savers = sign_in_all(server.port, password, env, specs)
            rows = []
            for page in pages:
                url, browser = page.url.format(token=token), browsers[page.role]
                status, _location, _body = browser.request("GET", url)  # warm, and check it answers
                if status != 200:
                    raise RuntimeError(f"{page.label} ({url}) answered {status}")
                floor_load = measure(floor.port, "/floor", args.seconds)
                load = measure(server.port, url, args.seconds, browser.cookie_header())
                browsers[None].request("GET", "/healthz")  # served once the requests wrk left queued are
                rows.append(Row(page.label, page.html, load, floor_load, demo_counts.get(page.label),
                                cluster_counts.get(page.label)))
                echo(f"  {page.label}: {load.rps:.1f} req/s (floor {floor_load.rps:.1f})")
            rows.append(measure_layout(floor, layout, browsers["owner"], args.seconds))
            echo(f"  {rows[-1].page}: {rows[-1].load.rps:.1f} req/s (floor {rows[-1].floor.rps:.1f})")
            save = answer_saves(savers, args.seconds) if savers else None
            rss = server.peak_rss_mb()
            long_work = run_long_work(browsers, env, echo)
        finally:
            server.stop()
            floor.stop()
            layout.stop()
    print(f"\n== {name}: {args.companies} generated companies, {args.seconds} s per page, "
          f"{'wrk -t2 -c16' if wrk_available() else 'Python load generator (wrk absent: apt-get install wrk)'} ==")
    print(table(rows))
    if save is not None:
        print(f"answer save ({len(savers)} clients, one domain each): {save.rps:.1f} saves/s, p50 {save.p50:.1f} ms, "
              f"p95 {save.p95:.1f} ms, p99 {save.p99:.1f} ms, {save.failed} failed")
    print(f"web worker peak RSS: {rss:.0f} MB")
    for job in long_work["jobs"]:
        seconds = "-" if job["seconds"] is None else f"{job['seconds']:.1f} s"
        print(f"job {job['label']}: {job['state']}, {seconds} in the worker")
    print(f"job worker peak RSS: {long_work['peak_rss_mb']:.0f} MB (the worker {long_work['own_rss_mb']:.0f} MB, "
          f"its largest job process {long_work['job_process_rss_mb']:.0f} MB)")
    print("targets (issue 15, point 4):")
    print("\n".join(verdict_lines(targets(rows, save, max(rss, long_work["peak_rss_mb"])))))
    sys.stdout.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=int(os.environ.get("BENCH_COMPANIES", 2000)))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--databases", default=os.environ.get("BENCH_DATABASES", "sqlite,postgresql"))
    args = parser.parse_args(argv)
    # Stopped with kill: still stop the servers and remove the temporary databases (finally blocks).
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))

    def echo(message):
        print(message, flush=True)

    if not wrk_available():
        echo("wrk is not installed (apt-get install wrk): using the Python load generator, which is slower")
    for name in args.databases.split(","):
        started = time.monotonic()
        if name == "sqlite":
            with tempfile.TemporaryDirectory(prefix="aluqsec-bench-db-") as folder:
                run_database(name, f"sqlite:///{folder}/bench.sqlite", args, echo)
        elif name == "postgresql":
            cluster = PostgreSQL.start(int(os.environ.get("BENCH_PG_PORT") or free_port()))
            if cluster is None:
                echo("PostgreSQL skipped: no server binaries under /usr/lib/postgresql (apt-get install postgresql)")
                continue
            try:
                run_database(name, cluster.url, args, echo)
            finally:
                cluster.stop()
        else:
            raise SystemExit(f"unknown database {name!r} (sqlite, postgresql)")
        echo(f"{name}: {time.monotonic() - started:.0f} s in all")


if __name__ == "__main__":
    main()
