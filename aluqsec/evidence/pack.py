"""The audit pack of one certification: a cover PDF, index.csv, the files under each requirement's ID.

Built synchronously within the request: a pack holds at most the company's quota of files.
"""
import io
import re
import zipfile
from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..assessments.verdicts import SCOPE_LABELS
from ..exports import write_csv
from ..reporting.render import render_pdf
from . import rules
from .messages import status_labels
from .services import read_version

CMMC_L1, CMMC_L1_REQUIREMENTS = "cmmc-l1", 15


def folder(requirement_id):
    """Return a requirement id usable as a folder name in any unzip tool."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", requirement_id).strip(".") or "_"


def _scope(framework, assessment):
    if framework.scope and assessment is not None and assessment.scope_contract_systems:
        return str(SCOPE_LABELS["contract_systems"].get(assessment.scope_contract_systems, ""))
    return _("The whole company")


def cover_context(company, framework, assessment, rows, language, today):
    """Return the plain data of the cover PDF."""
    labels = status_labels()
    cmmc = None
    if framework.id == CMMC_L1:
        ready = rules.ready_to_affirm([(row.declared, row.complete) for row in rows], CMMC_L1_REQUIREMENTS)
        cmmc = {"ready": ready, "next_on": today + timedelta(days=365)}
    reviewers = sorted({item.reviewed_by.name for row in rows for k in row.kinds for item in k.items
                        if item.reviewed_by is not None})
    return {
        "company": company.legal_name, "neq": company.neq, "framework": framework.name.get(language),
        "scope": _scope(framework, assessment), "assessed_on": assessment.submitted_at if assessment else None,
        "today": today, "complete": sum(1 for row in rows if row.complete), "cmmc": cmmc, "reviewers": reviewers,
        "rows": [{"id": row.requirement.id, "title": row.requirement.title.get(language),
                  "declared": labels[row.declared], "sprs": row.sprs,
                  "status": labels["complete" if row.complete else "incomplete"],
                  "kinds": [{"text": k.kind.text.get(language), "status": labels[k.status],
                             "evidence": [item.title for item in k.items]} for k in row.kinds]}
                 for row in rows],
    }


INDEX_HEADER = (_l("Requirement"), _l("Declared"), _l("Evidence expected"), _l("Status"), _l("Evidence"),
                _l("Review"), _l("Date of the document"), _l("Valid until"), _l("File"), "SHA-256")


def _index(rows, language):
    """Return ``(index lines, {path in the archive: version})``: one line per item and kind, or per missing kind."""
    labels, lines, files = status_labels(), [], {}
    for row in rows:
        for kind_row in row.kinds:
            base = (row.requirement.id, labels[row.declared], kind_row.kind.text.get(language),
                    labels[kind_row.status])
            if not kind_row.items:
                lines.append(base + ("",) * 6)
            for item in kind_row.items:
                version, where = item.current, item.url or item.note[:500]
                if version is not None:
                    where = f"{folder(row.requirement.id)}/{item.id}-v{version.number}-{version.filename}"
                    files[where] = version
                lines.append(base + (item.title, labels.get(item.review, item.review), item.dated_on.isoformat(),
                                     item.valid_until.isoformat() if item.valid_until else "", where,
                                     version.sha256 if version else ""))
    return lines, files


def build_pack(company, framework, assessment, rows, language, today):
    """Return the ZIP bytes of the audit pack."""
    index, files = _index(rows, language)
    context = cover_context(company, framework, assessment, rows, language, today)
    title = _l("Audit pack: %(framework)s", framework=framework.name.get(language))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cover.pdf", render_pdf("evidence-pack.html", context, language, title))
        archive.writestr("index.csv", write_csv([str(h) for h in INDEX_HEADER], index))
        if framework.id == CMMC_L1:
            archive.writestr("sprs.csv", write_csv(["Requirement", "Reference", "Result"],
                                                   [(row.requirement.id, row.requirement.reference, row.sprs)
                                                    for row in rows]))
        for path, version in files.items():
            archive.writestr(path, read_version(version))
    return buffer.getvalue()
