"""Keep the generated cluster database between bench runs (``BENCH_CACHE``, a folder).

Generating 2,000 companies takes a quarter of an hour or more; measuring the pages a few
minutes. With ``BENCH_CACHE=/some/folder`` the first run keeps, per database kind, what the
generator built (the SQLite file or a ``pg_dump``, the instance folder's files, the query
counts taken at demo size) and later runs restore it instead of generating again.

The key names the company count, the seed and a digest of the generator, the demo and the
questionnaires: changing any of them generates afresh. A restored database is brought to the
current migration head (``flask db upgrade``, backfills included), so a new migration does
not need a new generation. A change to how submission scores or stores figures is not in the
key: empty the folder after one (``BENCH_FRESH=1`` also ignores what is kept).
"""
import hashlib
import json
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


def restore(kept, database_url, instance):
    """Restore *kept* into the (migrated, empty) database and instance; return the demo counts."""
    if database_url.startswith("sqlite:///"):
        shutil.copyfile(kept / "bench.sqlite", database_url.removeprefix("sqlite:///"))
    else:
        url = _libpq(database_url)
        subprocess.run([_pg("psql"), url, "-q", "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"], check=True,
                       capture_output=True)
        subprocess.run([_pg("pg_restore"), "--no-owner", "-j", "2", "-d", url, str(kept / "bench.dump")], check=True)
        subprocess.run([_pg("psql"), url, "-q", "-c", "ANALYZE"], check=True)
    if (kept / "instance").is_dir():
        shutil.copytree(kept / "instance", instance, dirs_exist_ok=True)
    return json.loads((kept / "demo_counts.json").read_text())


def keep(kept, database_url, instance, demo_counts):
    """Keep the generated database, the instance's files and the demo counts under *kept*."""
    partial = kept.with_name(kept.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    if database_url.startswith("sqlite:///"):
        shutil.copyfile(database_url.removeprefix("sqlite:///"), partial / "bench.sqlite")
    else:
        subprocess.run([_pg("pg_dump"), "-Fc", "-f", str(partial / "bench.dump"), _libpq(database_url)], check=True)
    shutil.copytree(instance, partial / "instance", ignore=shutil.ignore_patterns("*.log", "*.sqlite"))
    (partial / "demo_counts.json").write_text(json.dumps(demo_counts))
    shutil.rmtree(kept, ignore_errors=True)
    partial.rename(kept)


def _libpq(database_url):
    return database_url.replace("postgresql+psycopg://", "postgresql://")


def _pg(tool):
    """Return the path of a PostgreSQL client *tool* (the newest server's, as the bench's cluster)."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"), key=lambda p: int(p.parts[-3]))
    return str(found[-1]) if found else tool
