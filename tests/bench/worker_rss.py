"""Run the jobs that are due with one worker, as ``flask jobs work --burst`` does, and report them.

The page bench asks, through the pages, for the long work of the cluster (the advisor's portfolio
PDF, the sector report, the funders' report) and then runs this module in a process of its own:
it prints one JSON line with each job's kind, state and seconds, and the worker's peak resident
memory: the larger of its own (``VmHWM``) and that of the biggest process it forked for a large
rendering (``JOBS_ISOLATE``, ``ru_maxrss`` of its children).
"""
import json
import resource
import sys

from sqlalchemy import select


def own_peak_mb():
    """This process's peak resident memory in MB.

    ``VmHWM``, not ``ru_maxrss``: Linux keeps ``ru_maxrss`` across ``execve``, so a worker started
    by the bench would report the bench's own size (about 200 MB at 2,000 companies) as its peak.
    """
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    from aluqsec import create_app
    from aluqsec.extensions import db
    from aluqsec.jobs.models import Job
    from aluqsec.jobs.worker import Worker

    app = create_app()
    worker, peaks = Worker(app, name="bench-worker"), []
    execute = worker.execute

    def traced(job):
        kind = job.kind
        execute(job)
        peaks.append((kind, own_peak_mb()))

    worker.execute = traced  # the worker's own peak after each job: which one raised it
    ran = worker.work(burst=True)
    with app.app_context():
        jobs = [{"id": job.id, "kind": job.kind, "state": job.state, "progress": job.progress,
                 "seconds": (job.finished_at - job.started_at).total_seconds()
                 if job.finished_at and job.started_at else None}
                for job in db.session.scalars(select(Job)
                                              .order_by(Job.id))]
    own, forked = own_peak_mb(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux
    print(json.dumps({"ran": ran, "jobs": jobs, "peak_rss_mb": max(own, forked), "own_rss_mb": own,
                      "job_process_rss_mb": forked, "worker_peak_after": peaks}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
