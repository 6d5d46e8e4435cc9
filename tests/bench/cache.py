"""Keep the generated cluster database between bench runs (``BENCH_CACHE``, a folder).

Generating 2,000 companies takes from 5 minutes (a quiet machine) to 25; measuring the pages a
few minutes. With ``BENCH_CACHE=/some/folder`` the first run keeps, per database kind, the
generated database (a SQLite file or a ``pg_dump``, with the instance folder's files); later runs
restore it instead of generating again. The demo-size query counts are always taken afresh, on
the demo data the run loads, with the code of the day.

The key names the company count, the seed and a digest of the generator, the demo and the
questionnaires: changing any of them generates afresh. A restored database is brought to the
current migration head (``flask db upgrade``, backfills included), so a new migration does
not need a new generation. A change to how submission scores or stores figures is not in the
key: empty the folder after one (``BENCH_FRESH=1`` also ignores what is kept).
"""
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from .serve import ROOT

SOURCES = ["tests/bench/cluster.py", "tests/bench/cluster_people.py", "aluqsec/demo", "questionnaires"]


def folder():
    """Return the cache folder, or None when the bench keeps nothing."""
    path = os.environ.get("BENCH_CACHE")
    if not path or os.environ.get("BENCH_FRESH"):
        return None
    Path(path).mkdir(parents=True, exist_ok=True)
    return Path(path)


def key(name, companies, seed):
    """Return the name of the kept database for these settings and these sources."""
    digest = hashlib.sha256()
    for source in SOURCES:
        path = ROOT / source
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return f"{name}-{companies}-seed{seed}-{digest.hexdigest()[:12]}"


def begin(kept):
    """Return an empty folder beside *kept* where a run writes what it keeps (renamed by :func:`finish`)."""
    partial = kept.with_name(kept.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    return partial


def save(database_url, folder, name):
    """Copy the database (SQLite file, or a ``pg_dump``) to *folder* as *name* (engines disposed first)."""
    if database_url.startswith("sqlite:///"):
        shutil.copyfile(database_url.removeprefix("sqlite:///"), folder / f"{name}.sqlite")
    else:
        subprocess.run([_pg("pg_dump"), "-Fc", "-f", str(folder / f"{name}.dump"), _libpq(database_url)], check=True)


def load(database_url, folder, name):
    """Put the database saved as *name* back in place of the (migrated, empty or not) one."""
    if database_url.startswith("sqlite:///"):
        path = database_url.removeprefix("sqlite:///")
        for journal in (f"{path}-wal", f"{path}-shm"):  # the replaced database's write-ahead log
            Path(journal).unlink(missing_ok=True)
        shutil.copyfile(folder / f"{name}.sqlite", path)
        return
    url = _libpq(database_url)
    subprocess.run([_pg("psql"), url, "-q", "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"], check=True,
                   capture_output=True)
    subprocess.run([_pg("pg_restore"), "--no-owner", "-j", "2", "-d", url, str(folder / f"{name}.dump")], check=True)
    subprocess.run([_pg("psql"), url, "-q", "-c", "ANALYZE"], check=True)


def finish(partial, kept, instance):
    """Keep the instance's files beside the saved databases and make the folder the kept one."""
    shutil.copytree(instance, partial / "instance", ignore=shutil.ignore_patterns("*.log", "*.sqlite"))
    shutil.rmtree(kept, ignore_errors=True)
    partial.rename(kept)


def restore_instance(kept, instance):
    """Copy the kept instance files (evidence, prepared files) into *instance*."""
    if (kept / "instance").is_dir():
        shutil.copytree(kept / "instance", instance, dirs_exist_ok=True)


def _libpq(database_url):
    return database_url.replace("postgresql+psycopg://", "postgresql://")


def _pg(tool):
    """Return the path of a PostgreSQL client *tool* (the newest server's, as the bench's cluster)."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"), key=lambda p: int(p.parts[-3]))
    return str(found[-1]) if found else tool
