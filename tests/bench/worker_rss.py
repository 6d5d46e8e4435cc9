"""Run the jobs that are due with one worker, as ``flask jobs work --burst`` does, and report them.

The page bench asks, through the pages, for the long work of the cluster (the advisor's portfolio
PDF, the sector report, the funders' report) and then runs this module in a process of its own:
it prints one JSON line with each job's kind, state and seconds, and the worker's peak resident
memory (``ru_maxrss``): the larger of its own and that of the biggest process it forked for a
large rendering (``JOBS_ISOLATE``), which is the worker's, not the bench's.
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
    own, forked = (resource.getrusage(who).ru_maxrss / 1024  # kB on Linux
                   for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"ran": ran, "jobs": jobs, "peak_rss_mb": max(own, forked), "own_rss_mb": own,
                      "job_process_rss_mb": forked}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
