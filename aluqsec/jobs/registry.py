"""The kinds of jobs: a decorator marks a function as one; the factory collects them by module.

Nothing is registered as a side effect of importing: :func:`collect` reads the
modules the factory names (``JOB_MODULES``), as blueprints are listed in ``FEATURES``.
"""
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Result:
    """The file a job made: its bytes, the name it is downloaded under, and its media type."""

    data: bytes
    filename: str
    content_type: str
    covers: tuple = ()  # ids of the companies whose data the file holds


@dataclass(frozen=True)
class JobKind:
    """What a kind of job runs and how the queue treats it.

    :param name: stored in ``Job.kind``.
    :param run: ``run(job, progress) -> Result | None``; ``progress(percent)`` reports progress
        and renews the lease.
    :param title: ``title(args) -> str`` shown on the job's page and in the e-mail (translated).
    :param max_attempts: tries before the job is marked failed.
    :param notify: e-mail the person who asked when the file is ready (large files).
    :param scheduled: a periodic job: its key names its period and is kept once it ran.
    :param origin: ``origin(args) -> (endpoint, values)`` of the page where it is asked for.
    :param isolated: run in a process of its own, forked from the worker (``JOBS_ISOLATE``): what a
        large rendering allocates goes back to the system when it ends, instead of staying in a
        worker that lives for weeks.
    """

    name: str
    run: Callable[..., Any]
    title: Callable[[dict], str] | None = None
    max_attempts: int = 3
    notify: bool = False
    scheduled: bool = False
    origin: Callable[[dict], tuple] | None = None
    isolated: bool = False


def job_kind(name, **options):
    """Mark the decorated function as the job kind *name* (see :class:`JobKind` for *options*)."""
    def decorator(function):
        return JobKind(name=name, run=function, **options)
    return decorator


def collect(module_names):
    """Return ``{name: JobKind}`` for every kind defined at the top level of the named modules."""
    kinds = {}
    for module_name in module_names:
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if isinstance(value, JobKind):
                if value.name in kinds and kinds[value.name] is not value:
                    raise ValueError(f"two job kinds named {value.name!r}")
                kinds[value.name] = value
    return kinds
