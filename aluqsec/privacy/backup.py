"""Back up the database to one file and restore it into an empty database.

SQLite: the online backup API (a consistent copy while the application runs).
PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore``; both must be on PATH
and of the server's major version or newer.
"""
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url


class BackupError(Exception):
    """A backup or restore could not be done; the message says why."""


def _libpq_url(url):
    # pg_dump speaks libpq URLs: no "+psycopg" driver part.
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlite_path(url):
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(url.database)


def backup(database_url, path):
    """Write a backup of the database at *database_url* to *path*.

    :return: the size of the backup in bytes.
    """
    url, path = make_url(database_url), Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists; choose a new file")
    if url.get_backend_name() == "sqlite":
        try:
            source = sqlite3.connect(f"file:{_sqlite_path(url)}?mode=ro", uri=True)
            target = sqlite3.connect(path)
        except sqlite3.Error as error:
            raise BackupError(f"cannot open the database or {path}: {error}") from error
        try:
            with target:
                source.backup(target)
        except sqlite3.Error as error:
            raise BackupError(f"backup failed: {error}") from error
        finally:
            target.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}",
              f"--dbname={_libpq_url(url)}"])
    else:
        raise BackupError(f"no backup method for {url.get_backend_name()}")
    return path.stat().st_size


def restore(database_url, path):
    """Restore the backup at *path* into the empty database at *database_url*."""
    url, path = make_url(database_url), Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    if not is_empty(database_url):
        raise BackupError("the target database is not empty; restore only into an empty database")
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(_sqlite_path(url))
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is not a sound SQLite database")
            with target:
                source.backup(target)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a SQLite backup: {error}") from error
        finally:
            target.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              f"--dbname={_libpq_url(url)}", str(path)])
    else:
        raise BackupError(f"no restore method for {url.get_backend_name()}")


def is_empty(database_url):
    """Return True when the database has no table at all."""
    engine = create_engine(database_url)
    try:
        return not inspect(engine).get_table_names()
    finally:
        engine.dispose()


def _run(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools)") from error
    if done.returncode != 0:
        # pg_dump's message may quote the URL: keep the password out of the terminal.
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")
