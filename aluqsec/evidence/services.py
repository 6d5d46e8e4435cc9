"""Keep a company's evidence: add, replace (versions kept), delete, review; quotas and file checks."""
from flask import current_app
from sqlalchemy import func, select
from werkzeug.utils import secure_filename

from .. import audit
from ..extensions import db
from ..models import utcnow
from . import sniff
from .models import Attestation, EvidenceItem, EvidenceLink, EvidenceVersion, ItemKind
from .rules import PENDING
from .storage import get_storage

MB = 1024 * 1024


class EvidenceError(ValueError):
    """A refused file; ``code`` says why: too-large, quota, type, name, empty."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code, self.params = code, params


def limits():
    """Return ``(largest file, all files of a company)`` in bytes."""
    config = current_app.config
    return int(config["EVIDENCE_MAX_FILE_MB"] * MB), int(config["EVIDENCE_MAX_COMPANY_MB"] * MB)


def company_usage(company_id):
    """Return the bytes a company's evidence files take (every version counts)."""
    return db.session.scalar(select(func.coalesce(func.sum(EvidenceVersion.size), 0))
                             .join(EvidenceItem).where(EvidenceItem.company_id == company_id))


def clean_filename(filename, file_type):
    """Return a name safe in a header and a ZIP, with the extension of the type found in the bytes."""
    name = secure_filename(filename or "")[:150] or "evidence"
    extension = sniff.extension_of(name)
    if extension not in sniff.TYPES[file_type][1]:
        name += sniff.TYPES[file_type][1][0]
    return name


def checked_file(company_id, filename, data):
    """Return ``(file type, clean name)`` for an upload, or raise :class:`EvidenceError`."""
    largest, quota = limits()
    if not data:
        raise EvidenceError("empty")
    if len(data) > largest:
        raise EvidenceError("too-large", limit=largest)
    if company_usage(company_id) + len(data) > quota:
        raise EvidenceError("quota", limit=quota)
    file_type, reason = sniff.check(filename, data)
    if file_type is None:
        raise EvidenceError(reason)
    return file_type, clean_filename(filename, file_type)


def _add_version(item, filename, data, user):
    file_type, name = checked_file(item.company_id, filename, data)
    digest = get_storage().put(item.company_id, data)
    number = (item.current.number + 1) if item.current else 1
    version = EvidenceVersion(item=item, number=number, sha256=digest, size=len(data), file_type=file_type,
                              filename=name, uploaded_by_id=user.id)
    db.session.add(version)
    return version


def create_item(company, user, *, kind, title, owner_id, dated_on, valid_until, targets,
                url="", note="", upload=None):
    """Add an item with its requirement links (and its first file); audited.

    :param targets: ``[(framework id, requirement id, kind id)]``.
    :param upload: ``(file name, bytes)`` for a file item.
    """
    item = EvidenceItem(company_id=company.id, kind=kind, title=title, url=url, note=note, owner_id=owner_id,
                        dated_on=dated_on, valid_until=valid_until, review=PENDING)
    db.session.add(item)
    if kind == ItemKind.FILE:
        _add_version(item, *upload, user)
    for framework_id, requirement_id, kind_id in sorted(set(targets)):
        item.links.append(EvidenceLink(framework_id=framework_id, requirement_id=requirement_id, kind_id=kind_id))
    db.session.flush()
    audit.record("evidence.added", f"company:{company.id}", evidence=item.id, kind=kind,
                 size=item.current.size if item.current else 0)
    return item


def replace_file(item, filename, data, user):
    """Add a new version of a file item; the old versions stay; the review starts over; audited."""
    version = _add_version(item, filename, data, user)
    item.review, item.review_comment, item.reviewed_by_id, item.reviewed_at = PENDING, "", None, None
    db.session.flush()
    audit.record("evidence.replaced", f"company:{item.company_id}", evidence=item.id, version=version.number)
    return version


def link_item(item, targets):
    """Link *item* to more requirements; return how many links are new; audited.

    An item already reviewed goes back to review when it gains a requirement: the advisor
    accepted it for what it was linked to, not for what it is linked to now.
    """
    known = {(link.framework_id, link.requirement_id, link.kind_id) for link in item.links}
    new = sorted(set(targets) - known)
    for framework_id, requirement_id, kind_id in new:
        item.links.append(EvidenceLink(framework_id=framework_id, requirement_id=requirement_id, kind_id=kind_id))
    if new and item.review != PENDING:
        item.review, item.review_comment, item.reviewed_by_id, item.reviewed_at = PENDING, "", None, None
    db.session.flush()
    if new:
        audit.record("evidence.linked", f"company:{item.company_id}", evidence=item.id, links=len(new))
    return len(new)


def delete_item(item):
    """Delete an item, its versions and links, and the files no other item of the company uses; audited."""
    company_id, digests = item.company_id, {v.sha256 for v in item.versions}
    audit.record("evidence.deleted", f"company:{company_id}", evidence=item.id, title=item.title)
    db.session.delete(item)
    db.session.flush()
    still_used = set(db.session.scalars(select(EvidenceVersion.sha256).join(EvidenceItem).where(
        EvidenceItem.company_id == company_id, EvidenceVersion.sha256.in_(digests))))
    storage = get_storage()
    for digest in digests - still_used:
        storage.delete(company_id, digest)


def set_review(item, advisor, decision, comment):
    """Record an advisor's verdict on an item (accepted or needs work) with a comment; audited."""
    item.review, item.review_comment = decision, comment
    item.reviewed_by_id, item.reviewed_at = advisor.id, utcnow()
    db.session.flush()
    audit.record("evidence.reviewed", f"company:{item.company_id}", evidence=item.id, decision=decision)


def items_of(company_id):
    """Return the company's items, newest first, with their links and versions."""
    return list(db.session.scalars(select(EvidenceItem).where(EvidenceItem.company_id == company_id)
                                   .order_by(EvidenceItem.created_at.desc(), EvidenceItem.id.desc())))


def read_version(version):
    """Return the bytes of *version*."""
    return get_storage().get(version.item.company_id, version.sha256)


def save_attestation(company, framework_id, user, *, name, title, signed_on):
    """Record who signs *framework_id*'s annual self-assessment and when; audited."""
    row = db.session.scalar(select(Attestation).where(Attestation.company_id == company.id,
                                                      Attestation.framework_id == framework_id))
    if row is None:
        row = Attestation(company_id=company.id, framework_id=framework_id)
        db.session.add(row)
    row.official_name, row.official_title, row.signed_on, row.updated_by_id = name, title, signed_on, user.id
    db.session.flush()
    audit.record("evidence.attestation_saved", f"company:{company.id}", framework=framework_id,
                 signed=signed_on.isoformat() if signed_on else "")
    return row
