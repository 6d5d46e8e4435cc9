"""The audit pack of one certification, built by a worker (its content: :mod:`.pack`)."""
from datetime import date

from flask_babel import gettext as _

from ..jobs.registry import Result, job_kind
from .checklist import checklist, evidence_frameworks


class UnknownFramework(Exception):
    """The certification of the pack left the questionnaire bank."""


def pack_title(args):
    return _("Audit pack: %(framework)s", framework=args.get("framework_name", args["framework_id"]))


def _origin(args):
    return "evidence.checklist_page", {"company_id": args["company_id"], "framework_id": args["framework_id"]}


@job_kind("evidence_pack", title=pack_title, notify=True, origin=_origin, isolated=True)
def evidence_pack(job, progress):
    """Build the ZIP of the pack: cover PDF, index, the evidence files under each requirement's ID."""
    from .pack import build_pack

    framework = next((f for f in evidence_frameworks() if f.id == job.args["framework_id"]), None)
    if framework is None:
        raise UnknownFramework(job.args["framework_id"])
    company, language, today = job.company, job.args["language"], date.fromisoformat(job.args["today"])
    assessment, rows = checklist(company.id, framework, today)
    progress(20)
    data = build_pack(company, framework, assessment, rows, language, today)
    return Result(data, f"audit-pack-{framework.id}-{today.isoformat()}.zip", "application/zip",
                  covers=(company.id,))
