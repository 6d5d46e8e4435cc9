"""Company access for advisors, the advisor's portfolio, and coaching records."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit
from ..authz import (
    can_coach,
    can_manage_events,
    can_manage_grants,
    can_update_commitment,
    can_view_company,
    can_work_on_company,
    company_or_404,
    is_advisor,
    login_required,
    permission_required,
)
from ..companies.models import Company
from ..companies.reference import REGIONS, SECTORS
from ..events.forms import ZONE as MONTREAL
from ..extensions import db
from ..formatting import date_text
from ..forms import ButtonForm, confirmed
from ..models import utcnow
from ..progress.forms import STAGE_NAMES
from . import bp
from .forms import SCOPES, CommitmentEditForm, GrantForm, MeetingForm, ProposeForm, ScopeForm
from .listing import MAX_PAGE, PAGE_SIZE, Listing, portfolio_page
from .models import AdvisorGrant, CoachingMeeting, Commitment, GrantStatus
from .portfolio import SORTS
from .services import (
    COOLING_PERIOD,
    GrantError,
    answer_proposal,
    find_advisor,
    grant_access,
    grants_of_company,
    propose,
    revoke,
)

ERRORS = {"not_advisor": _l("No advisor account uses this e-mail. Ask the cluster to create it."),
          "already_active": _l("This advisor already has access to the company."),
          "not_proposed": _l("This proposal was already answered."),
          "already_proposed": _l("This advisor was already proposed to the company; its owner has not answered yet.")}


def _error_message(error):
    if error.code == "recently_declined":
        return _("The company declined this advisor or ended their access on %(date)s. "
                 "You can propose them again from %(until)s.",
                 date=date_text(error.until - COOLING_PERIOD), until=date_text(error.until))
    return str(ERRORS[error.code])


def _access_page(company, form, status=200):
    return render_template("advisors/access.html", company=company, grants=grants_of_company(company),
                           form=form, scope_form=ScopeForm(), scopes=SCOPES), status


@bp.route("/companies/<int:company_id>/access", methods=["GET", "POST"])
@login_required
def access(company_id):
    """Show who outside the company has access, and grant an advisor access."""
    company = company_or_404(company_id, can_manage_grants)
    form = GrantForm()
    if form.validate_on_submit():
        try:
            advisor = find_advisor(form.email.data)
        except GrantError as error:
            form.email.errors.append(str(ERRORS[error.code]))
            return _access_page(company, form, 400)
        grant_access(company, advisor, form.scope.data, current_user)
        db.session.commit()
        flash(_("%(name)s now has access to %(company)s.", name=advisor.name, company=company.legal_name), "success")
        return redirect(url_for("advisors.access", company_id=company.id))
    return _access_page(company, form, 400 if form.errors else 200)


def _grant_or_404(grant_id):
    grant = db.session.get(AdvisorGrant, grant_id)
    if grant is None:
        abort(404)
    company_or_404(grant.company_id, can_manage_grants)
    return grant


@bp.route("/grants/<int:grant_id>/<action>", methods=["POST"])
@login_required
def change(grant_id, action):
    """Change a grant's scope, revoke it, or accept or decline a proposal."""
    grant = _grant_or_404(grant_id)
    if action == "scope":
        form = ScopeForm()
        if not form.validate_on_submit():
            abort(400)
        if grant.status != GrantStatus.ACTIVE:
            abort(409)
        grant_access(grant.company, grant.advisor, form.scope.data, current_user)
    elif not ButtonForm().validate_on_submit():
        abort(400)
    elif action == "revoke":
        if not confirmed(request.form):
            flash(_("Confirm that you want to revoke this advisor's access."), "warning")
            return redirect(url_for("advisors.access", company_id=grant.company_id)), 303
        revoke(grant, current_user)
    elif action in ("accept", "decline"):
        try:
            answer_proposal(grant, action == "accept", current_user)
        except GrantError:
            abort(409)
    else:
        abort(404)
    db.session.commit()
    flash(_("Access updated."), "success")
    return redirect(url_for("advisors.access", company_id=grant.company_id))


@bp.route("/organizer/propose-advisor", methods=["GET", "POST"])
@permission_required(can_manage_events)
def propose_advisor():
    """Let an organizer propose an advisor to a company, which decides."""
    form = ProposeForm()
    if form.validate_on_submit():
        company = db.session.scalar(db.select(Company).where(Company.neq == form.neq.data))
        if company is None:
            form.neq.errors.append(_("No company is registered with this NEQ."))
        else:
            try:
                propose(company, find_advisor(form.email.data), form.scope.data, current_user)
            except GrantError as error:
                (form.email.errors if error.code == "not_advisor" else form.neq.errors).append(_error_message(error))
            else:
                db.session.commit()
                flash(_("Proposal sent: the company's owner will accept or decline it."), "success")
                return redirect(url_for("advisors.propose_advisor"))
    return render_template("advisors/propose.html", form=form), 400 if form.errors else 200


@bp.route("/advisor/portfolio")
@permission_required(is_advisor)
def portfolio_view():
    """List the companies that granted access, with their scores and what needs attention."""
    listing = _listing(request.args)
    rows, total = portfolio_page(current_user, listing)
    pages = max(1, -(-total // PAGE_SIZE))
    if listing.page > pages:
        abort(404)
    return render_template("advisors/portfolio.html", rows=rows, total=total, sort=listing.sort, sorts=SORTS,
                           region=listing.region or "", sector=listing.sector or "", page=listing.page, pages=pages,
                           page_url=lambda number: url_for("advisors.portfolio_view", page=number, sort=listing.sort,
                                                           region=listing.region, sector=listing.sector))


def _listing(args):
    """Read the portfolio's query string; a value the page never offers is a 400."""
    sort, region, sector = args.get("sort", "name"), args.get("region") or None, args.get("sector") or None
    page = args.get("page", "1")
    if (sort not in SORTS or (region and region not in REGIONS) or (sector and sector not in SECTORS)
            or not page.isdigit() or not 1 <= int(page) <= MAX_PAGE):
        abort(400)
    return Listing(sort, region, sector, int(page))


@bp.route("/companies/<int:company_id>/coaching", methods=["GET", "POST"])
@login_required
def coaching(company_id):
    """Show the coaching record; the advisor adds meetings and commitments."""
    company = company_or_404(company_id, can_view_company)
    form = MeetingForm()
    if request.method == "POST":
        if not can_coach(current_user, company):
            abort(403)
        if form.validate_on_submit():
            meeting = CoachingMeeting(company_id=company.id, advisor_id=current_user.id, met_on=form.met_on.data,
                                      notes=form.notes.data)
            # FormField has a "description" attribute of its own: read the subform's fields.
            meeting.commitments = [Commitment(description=c.form.description.data, owner=c.form.owner.data or "",
                                              due_on=c.form.due_on.data)
                                   for c in form.commitments if c.form.description.data]
            db.session.add(meeting)
            audit.record("coaching.meeting", f"company:{company.id}")
            db.session.commit()
            flash(_("Meeting recorded."), "success")
            return redirect(url_for("advisors.coaching", company_id=company.id))
    query = db.select(CoachingMeeting).where(CoachingMeeting.company_id == company.id)
    if not can_work_on_company(current_user, company):
        # An advisor sees their own record only; the company sees all of its meetings.
        query = query.where(CoachingMeeting.advisor_id == current_user.id)
    meetings = db.session.scalars(query.order_by(CoachingMeeting.met_on.desc())).all()
    return render_template("advisors/coaching.html", company=company, meetings=meetings, form=form,
                           can_write=can_coach(current_user, company),
                           can_edit_commitments=can_work_on_company(current_user, company) or can_coach(
                               current_user, company)), 400 if form.errors else 200


@bp.route("/commitments/<int:commitment_id>", methods=["POST"])
@login_required
def update_commitment(commitment_id):
    """Edit a coaching commitment or mark it done (or open again)."""
    commitment = db.session.get(Commitment, commitment_id) or abort(404)
    if not can_view_company(current_user, commitment.meeting.company):
        abort(404)
    if not can_update_commitment(current_user, commitment):
        abort(403)
    form = CommitmentEditForm()
    back = url_for("advisors.coaching", company_id=commitment.meeting.company_id)
    if not form.validate_on_submit():
        flash(_("The commitment was not saved: %(problems)s", problems=" ".join(
            _("%(label)s: %(value)s", label=form[name].label.text, value=" ".join(errors))
            for name, errors in form.errors.items())), "danger")
        return redirect(back), 303
    was_done = commitment.done_on is not None
    commitment.description, commitment.owner, commitment.due_on = form.description.data, form.owner.data or "", \
        form.due_on.data
    if form.done.data != was_done:
        commitment.done_on = utcnow().astimezone(MONTREAL).date() if form.done.data else None
    audit.record("coaching.commitment", f"commitment:{commitment.id}", done=bool(form.done.data))
    db.session.commit()
    flash(_("Commitment updated."), "success")
    return redirect(back)


GRANT_STATUSES = {"proposed": _l("Proposed, waiting for your answer"), "active": _l("Active"),
                  "declined": _l("Declined"), "revoked": _l("Revoked")}
GRANT_ACTIONS = {"proposed": _l("proposed by the cluster"), "granted": _l("access granted"),
                 "scope_changed": _l("access changed"), "accepted": _l("proposal accepted"),
                 "declined": _l("proposal declined"), "revoked": _l("access revoked")}
PORTFOLIO_SORTS = {"name": _l("Name"), "maturity": _l("Maturity (lowest first)"), "trend": _l("Trend (best first)"),
                   "overdue": _l("Overdue actions"), "activity": _l("Last activity")}


@bp.app_context_processor
def inject_advisor_labels():
    return {"grant_statuses": GRANT_STATUSES, "grant_actions": GRANT_ACTIONS, "portfolio_sorts": PORTFOLIO_SORTS,
            "stage_labels": STAGE_NAMES}
