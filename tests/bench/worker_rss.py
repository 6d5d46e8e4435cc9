"""Run the jobs that are due with one worker, as ``flask jobs work --burst`` does, and report them.

The page bench asks, through the pages, for the long work of the cluster (the advisor's portfolio
PDF, the sector report, the funders' report) and then runs this module in a process of its own:
it prints one JSON line with each job's kind, state and seconds, and the process's peak resident
memory (``ru_maxrss``), which is the worker's, not the bench's.
"""
import json
import resource
import sys

from sqlalchemy import select


def main():
    from aluqsec import create_app
    from aluqsec.extensions import db
    from aluqsec.jobs.models import Job
    from aluqsec.jobs.worker import Worker

    app = create_app()
    ran = Worker(app, name="bench-worker").work(burst=True)
    with app.app_context():
        jobs = [{"id": job.id, "kind": job.kind, "state": job.state, "progress": job.progress,
                 "seconds": (job.finished_at - job.started_at).total_seconds()
                 if job.finished_at and job.started_at else None}
                for job in db.session.scalars(select(Job)
                                              .order_by(Job.id))]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(json.dumps({"ran": ran, "jobs": jobs, "peak_rss_mb": peak}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
