"""Evidence library, checklist per certification, review by advisors, downloads and the audit pack."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from .. import audit
from ..authz import (
    can_manage_evidence,
    can_verify_evidence,
    can_view_evidence,
    company_or_404,
    evidence_item_or_404,
    is_advisor,
    login_required,
    safe_next_url,
)
from ..companies.services import members
from ..extensions import db
from ..i18n import current_language
from ..jobs.services import ask, prepare_page
from ..models import utcnow
from . import bp, rules
from .checklist import checklist, evidence_frameworks
from .cover import CMMC_L1, CMMC_L1_REQUIREMENTS, SIGNED, attestation_of
from .forms import KIND_LABELS, REVIEW_LABELS, AttestationForm, EvidenceForm, LinkForm, ReplaceForm, ReviewForm
from .messages import refusal, status_labels, target_choices, targets_from
from .models import EvidenceVersion, ItemKind
from .questions import asked_in, latest_of
from .services import (
    EvidenceError,
    create_item,
    delete_item,
    items_of,
    limits,
    link_item,
    read_version,
    replace_file,
    save_attestation,
    set_review,
)

UPLOADS = {"evidence.add", "evidence.replace"}


def allow_evidence_uploads():
    # The application caps bodies at 2 MB; evidence uploads get their own limit plus room for the form.
    if request.endpoint in UPLOADS:
        request.max_content_length = limits()[0] + 1024 * 1024


@bp.record_once
def _first_hook(state):
    # First of all hooks: CSRF protection (an application hook) reads the form, and with it the body.
    state.app.before_request_funcs.setdefault(None, []).insert(0, allow_evidence_uploads)


def _read(storage):
    """Return ``(file name, bytes)`` of an uploaded file and close its temporary file at once."""
    with storage.stream as stream:
        return storage.filename, stream.read()


def _today():
    return to_user_timezone(utcnow()).date()


def _framework_or_404(framework_id):
    framework = next((f for f in evidence_frameworks() if f.id == framework_id), None)
    if framework is None:
        abort(404)
    return framework


def _new_form(company):
    form = EvidenceForm()
    form.owner.choices = [SelectChoice("", _("Nobody yet"))] + [SelectChoice(str(m.user_id), m.user.name)
                                                                  for m in members(company)]
    form.targets.choices = target_choices(evidence_frameworks(), current_language())
    return form


def _link_form(items, choices):
    form = LinkForm(prefix="link")
    form.item.choices = [SelectChoice(item.id, item.title) for item in items]
    form.targets.choices = choices
    return form


def _back():
    """Return the page to come back to once evidence is added or linked (a question), or None."""
    back = safe_next_url("")
    return back or None


def _library(company, form, link_form=None, status=200):
    items = items_of(company.id)
    link_form = link_form or _link_form(items, form.targets.choices)
    if not link_form.targets.data:
        link_form.targets.data = form.targets.data
    return render_template("evidence/index.html", company=company, items=items, form=form, link_form=link_form,
                           frameworks=evidence_frameworks(), kinds=KIND_LABELS, reviews=REVIEW_LABELS,
                           can_manage=can_manage_evidence(current_user, company), limits=limits(),
                           language=current_language(), back=_back()), status


@bp.route("/companies/<int:company_id>")
@login_required
def index(company_id):
    """List the company's evidence, with the forms to add one or link one to requirements."""
    company = company_or_404(company_id, can_view_evidence)
    form = _new_form(company)
    offered = {choice.value for choice in form.targets.choices}
    form.targets.data = [target for target in request.args.getlist("target")[:50] if target in offered]
    form.dated_on.data = _today()
    return _library(company, form)


@bp.route("/companies/<int:company_id>/items", methods=["POST"])
@login_required
def add(company_id):
    """Add a file, a link or a note and link it to requirements."""
    company = company_or_404(company_id, can_manage_evidence)
    form = _new_form(company)
    if not form.validate_on_submit():
        return _library(company, form, status=400)
    upload = None
    if form.kind.data == ItemKind.FILE:
        upload = _read(form.file.data)
    owner = int(form.owner.data) if form.owner.data else None
    try:
        item = create_item(company, current_user, kind=form.kind.data, title=form.title.data.strip(),
                           owner_id=owner, dated_on=form.dated_on.data, valid_until=form.valid_until.data,
                           targets=targets_from(form.targets.data), url=(form.url.data or "").strip(),
                           note=(form.note.data or "").strip(), upload=upload)
    except EvidenceError as error:
        db.session.rollback()
        form.file.errors = [refusal(error)]
        return _library(company, form, status=400)
    db.session.commit()
    flash(_("Evidence added."), "success")
    return redirect(_back() or url_for("evidence.item", item_id=item.id))


@bp.route("/companies/<int:company_id>/links", methods=["POST"])
@login_required
def link(company_id):
    """Link evidence already in the library to more requirements (its review starts over)."""
    company = company_or_404(company_id, can_manage_evidence)
    form = _new_form(company)
    form.dated_on.data = form.dated_on.data or _today()
    items = items_of(company.id)
    link_form = _link_form(items, form.targets.choices)
    if not link_form.validate_on_submit():
        return _library(company, form, link_form, 400)
    found = next(item for item in items if item.id == link_form.item.data)
    added = link_item(found, targets_from(link_form.targets.data))
    db.session.commit()
    flash(_("Evidence linked.") if added else _("The evidence was already linked to these requirements."),
          "success")
    return redirect(_back() or url_for("evidence.item", item_id=found.id))


@bp.route("/items/<int:item_id>")
@login_required
def item(item_id):
    """Show one item: versions, requirements, review."""
    found, company = evidence_item_or_404(item_id)
    return _item_page(found, company, ReplaceForm(), ReviewForm(data={"decision": None}))


def _link_rows(found, company):
    """Return, per requirement the item shows, the framework, the kind expected and the questions asking it."""
    frameworks, assessment, rows = {f.id: f for f in evidence_frameworks()}, latest_of(company.id), []
    for link in found.links:
        framework = frameworks.get(link.framework_id)
        requirement = framework and framework.requirement(link.requirement_id)
        kind = next((k for k in (requirement.evidence if requirement else ()) if k.id == link.kind_id), None)
        rows.append({"link": link, "framework": framework, "kind": kind,
                     "questions": asked_in(assessment, link.framework_id, [link.requirement_id])[link.requirement_id]})
    return rows


def _item_page(found, company, replace_form, review_form, status=200):
    return render_template("evidence/item.html", company=company, item=found, replace_form=replace_form,
                           link_rows=_link_rows(found, company),
                           review_form=review_form, kinds=KIND_LABELS,
                           reviews=REVIEW_LABELS, labels=status_labels(), language=current_language(),
                           can_manage=can_manage_evidence(current_user, company),
                           can_verify=can_verify_evidence(current_user, company)), status


@bp.route("/items/<int:item_id>/replace", methods=["POST"])
@login_required
def replace(item_id):
    """Upload a new version of a file; the previous versions stay."""
    found, company = evidence_item_or_404(item_id, can_manage_evidence)
    if found.kind != ItemKind.FILE:
        abort(400)
    form = ReplaceForm()
    if form.validate_on_submit():
        try:
            replace_file(found, *_read(form.file.data), current_user)
        except EvidenceError as error:
            db.session.rollback()
            form.file.errors = [refusal(error)]
        else:
            db.session.commit()
            flash(_("New version saved: the advisor's review starts over."), "success")
            return redirect(url_for("evidence.item", item_id=found.id))
    return _item_page(found, company, form, ReviewForm(data={"decision": None}), 400)


@bp.route("/items/<int:item_id>/delete", methods=["POST"])
@login_required
def delete(item_id):
    """Delete an item with all its versions."""
    found, company = evidence_item_or_404(item_id, can_manage_evidence)
    if request.form.get("confirm") != "yes":
        abort(400)
    delete_item(found)
    db.session.commit()
    flash(_("Evidence deleted."), "success")
    return redirect(url_for("evidence.index", company_id=company.id))


@bp.route("/items/<int:item_id>/review", methods=["POST"])
@login_required
def review(item_id):
    """Accept an item or send it back with a comment (advisors with a review grant)."""
    found, company = evidence_item_or_404(item_id, can_verify_evidence)
    form = ReviewForm()
    if not form.validate_on_submit():
        return _item_page(found, company, ReplaceForm(), form, 400)
    set_review(found, current_user, form.decision.data, (form.comment.data or "").strip())
    db.session.commit()
    flash(_("Review saved."), "success")
    return redirect(url_for("evidence.item", item_id=found.id))


def attachment(data, filename, content_type):
    """Return a download that browsers save and never render."""
    response = Response(data, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/versions/<int:version_id>/download")
@login_required
def download(version_id):
    """Download one version of a file (advisors' downloads are audited)."""
    from .sniff import TYPES

    version = db.session.get(EvidenceVersion, version_id)
    if version is None:
        abort(404)
    found, company = evidence_item_or_404(version.item_id)
    if is_advisor(current_user) and not can_manage_evidence(current_user, company):
        audit.record("evidence.downloaded", f"company:{company.id}", evidence=found.id, version=version.number)
        db.session.commit()
    return attachment(read_version(version), version.filename, TYPES[version.file_type][0])


def _attestation_form(company, framework):
    if framework.id not in SIGNED:
        return None
    found = attestation_of(company.id, framework.id)
    if request.method == "POST" or found is None:
        return AttestationForm()
    return AttestationForm(data={"official_name": found.official_name, "official_title": found.official_title,
                                 "signed_on": found.signed_on})


def _checklist(company, framework, attestation_form=None, status=200):
    assessment, rows = checklist(company.id, framework, _today())
    asked = asked_in(latest_of(company.id), framework.id, [row.requirement.id for row in rows])
    ready = None
    if framework.id == CMMC_L1:
        ready = rules.ready_to_affirm([(row.declared, row.complete) for row in rows], CMMC_L1_REQUIREMENTS)
    return render_template("evidence/checklist.html", company=company, framework=framework, rows=rows, asked=asked,
                           assessment=assessment, labels=status_labels(), language=current_language(),
                           frameworks=evidence_frameworks(), reviews=REVIEW_LABELS, ready=ready,
                           attestation=attestation_of(company.id, framework.id),
                           attestation_form=attestation_form or _attestation_form(company, framework),
                           can_manage=can_manage_evidence(current_user, company),
                           complete=sum(1 for row in rows if row.complete)), status


@bp.route("/companies/<int:company_id>/checklist/<framework_id>")
@login_required
def checklist_page(company_id, framework_id):
    """Show, requirement by requirement, the declared result and the evidence expected and provided."""
    company = company_or_404(company_id, can_view_evidence)
    return _checklist(company, _framework_or_404(framework_id))


@bp.route("/companies/<int:company_id>/attestation/<framework_id>", methods=["POST"])
@login_required
def attest(company_id, framework_id):
    """Record the senior official who signs the annual self-assessment, and the date signed."""
    company = company_or_404(company_id, can_manage_evidence)
    framework = _framework_or_404(framework_id)
    if framework.id not in SIGNED:
        abort(404)
    form = AttestationForm()
    valid = form.validate_on_submit()
    signed_on = form.signed_on.data if valid else None
    if signed_on and signed_on > _today():
        form.signed_on.errors.append(_("The date signed cannot be in the future."))
    elif signed_on and framework.id == CMMC_L1:
        _assessment, rows = checklist(company.id, framework, _today())
        if not rules.ready_to_affirm([(row.declared, row.complete) for row in rows], CMMC_L1_REQUIREMENTS):
            form.signed_on.errors.append(_("No affirmation can be dated yet: all 15 requirements must be "
                                           "MET, with accepted and current evidence."))
    if not valid or form.signed_on.errors:
        return _checklist(company, framework, form, 400)
    save_attestation(company, framework.id, current_user, name=form.official_name.data.strip(),
                     title=form.official_title.data.strip(), signed_on=form.signed_on.data)
    db.session.commit()
    flash(_("Signature details saved."), "success")
    return redirect(url_for("evidence.checklist_page", company_id=company.id, framework_id=framework.id,
                            _anchor="attestation"))


@bp.route("/companies/<int:company_id>/pack/<framework_id>", methods=["GET", "POST"])
@login_required
def pack(company_id, framework_id):
    """Ask a worker for the audit pack of one certification (large: files of the whole library)."""
    company = company_or_404(company_id, can_view_evidence)
    framework = _framework_or_404(framework_id)
    if request.method == "GET":
        return prepare_page(_("Audit pack: %(framework)s", framework=framework.name.get(current_language())), _(
            "The pack is prepared in the background; we also e-mail you the link when it is ready."))
    language, today = current_language(), _today()
    return ask("evidence_pack", {"company_id": company.id, "framework_id": framework.id,
                                 "framework_name": framework.name.get(language), "language": language,
                                 "today": today.isoformat()},
               key=f"evidence_pack:{company.id}:{framework.id}:{language}:{today}", company=company)
