"""The audit pack of one certification: a cover PDF, index.csv, the files under each requirement's ID.

Built synchronously within the request: a pack holds at most the company's quota of files.
The cover's contents are gathered in :mod:`.cover`.
"""
import io
import re
import zipfile

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..exports import csv_delimiter, write_csv
from ..reporting.render import render_pdf
from .cover import CMMC_L1, cover_context
from .messages import status_labels
from .services import read_version


def folder(requirement_id):
    """Return a requirement id usable as a folder name in any unzip tool."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", requirement_id).strip(".") or "_"


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
    """Return the ZIP bytes of the audit pack, every word of it in *language* (not the worker's)."""
    with force_locale(language):
        index, files = _index(rows, language)
        context = cover_context(company, framework, assessment, rows, language, today)
        header = [str(h) for h in INDEX_HEADER]
    title = _l("Audit pack: %(framework)s", framework=framework.name.get(language))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cover.pdf", render_pdf("evidence-pack.html", context, language, title))
        archive.writestr("index.csv", write_csv(header, index, csv_delimiter(language)))
        if framework.id == CMMC_L1:  # for entry in SPRS, an English-only system: commas
            archive.writestr("sprs.csv", write_csv(["Requirement", "Reference", "Result"],
                                                   [(row.requirement.id, row.requirement.reference, row.sprs)
                                                    for row in rows]))
        for path, version in files.items():
            archive.writestr(path, read_version(version))
    return buffer.getvalue()
