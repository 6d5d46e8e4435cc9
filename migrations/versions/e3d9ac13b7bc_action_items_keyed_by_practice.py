"""Action items keyed by practice: one item per practice and company.

Converts existing items: each gets the practice of its question (the mapping
of questionnaires/practices.yaml as it stood when this revision was written,
frozen here so that later edits of the bank do not change what this upgrade
does), duplicates of one practice merge into one item that keeps the user's
edits, and open items whose practice the company's latest submitted
assessment asked about and found without a gap are closed automatically.
The measured details (level, shortfall, effort...) stay empty on converted
items until the next submission fills them.

Revision ID: e3d9ac13b7bc
Revises: 4dd810f2dd38
Create Date: 2026-12-01 21:38:36.077634

"""
import json
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e3d9ac13b7bc'
down_revision = '4dd810f2dd38'
branch_labels = None
depends_on = None

# Baseline 1.0 questions are their own practice's id; quick-scan 1.0 questions join these.
QUICK_SCAN = {
    "qs-responsible": "gov-accountable-person", "qs-personal-info": "l25-person-in-charge",
    "qs-suppliers-cloud": "gov-supplier-security", "qs-accounts": "acc-individual-accounts",
    "qs-mfa": "acc-mfa-remote", "qs-physical": "ppl-physical-access", "qs-devices": "ast-hardware-inventory",
    "qs-patching": "prt-os-updates", "qs-antimalware": "prt-antimalware", "qs-firewall": "net-firewall",
    "qs-plant-network": "ot-network-separation", "qs-backups": "bkp-automatic-backups",
    "qs-media-disposal": "ast-media-disposal", "qs-training": "ppl-awareness-training",
    "qs-incident-plan": "inc-response-plan",
}

items = sa.table(
    "action_items", sa.column("id", sa.Integer), sa.column("company_id", sa.Integer),
    sa.column("questionnaire_id", sa.String), sa.column("question_id", sa.String),
    sa.column("practice_id", sa.String), sa.column("status", sa.String), sa.column("assignee_id", sa.Integer),
    sa.column("due_date", sa.Date), sa.column("last_assessment_id", sa.Integer), sa.column("priority", sa.Float),
    sa.column("position", sa.Integer), sa.column("closed_automatically", sa.Boolean),
    sa.column("closed_at", sa.DateTime(timezone=True)))
assessments = sa.table(
    "assessments", sa.column("id", sa.Integer), sa.column("company_id", sa.Integer),
    sa.column("questionnaire_id", sa.String), sa.column("status", sa.String),
    sa.column("submitted_at", sa.DateTime(timezone=True)), sa.column("scorecard", sa.JSON))


def practice_of(questionnaire_id, question_id):
    if question_id in QUICK_SCAN:
        return QUICK_SCAN[question_id]
    return question_id if questionnaire_id == "baseline" else "question:" + question_id


def _keep_first(rows):
    # Open before done, then the one the company edited, then the most recent.
    return sorted(rows, key=lambda r: (r.status == "done", r.assignee_id is None and r.due_date is None,
                                       -(r.last_assessment_id or 0), -r.id))


def _merge_duplicates(bind):
    groups = {}
    for row in bind.execute(sa.select(items)).all():
        groups.setdefault((row.company_id, practice_of(row.questionnaire_id, row.question_id)), []).append(row)
    for (_company, practice), rows in groups.items():
        keep, *others = _keep_first(rows)
        values = {"practice_id": practice}
        if keep.assignee_id is None:
            values["assignee_id"] = next((r.assignee_id for r in others if r.assignee_id is not None), None)
        if keep.due_date is None:
            values["due_date"] = next((r.due_date for r in others if r.due_date is not None), None)
        values["position"] = min(r.position for r in rows)
        bind.execute(items.update().where(items.c.id == keep.id).values(**values))
        if others:
            bind.execute(items.delete().where(items.c.id.in_([r.id for r in others])))


def _close_stale(bind):
    latest = {}
    for row in bind.execute(sa.select(assessments).where(assessments.c.status != "draft")
                            .order_by(assessments.c.submitted_at, assessments.c.id)).all():
        latest[row.company_id] = row
    now = datetime.now(timezone.utc)
    for company_id, assessment in latest.items():
        scorecard = assessment.scorecard if isinstance(assessment.scorecard, dict) else json.loads(
            assessment.scorecard or "{}")
        gaps = {practice_of(assessment.questionnaire_id, gap["question"]): gap for gap in scorecard.get("gaps", [])}
        rows = bind.execute(sa.select(items).where(items.c.company_id == company_id,
                                                   items.c.status != "done")).all()
        for row in rows:
            if row.practice_id in gaps:
                gap = gaps[row.practice_id]
                bind.execute(items.update().where(items.c.id == row.id).values(
                    questionnaire_id=assessment.questionnaire_id, question_id=gap["question"],
                    priority=gap.get("priority", row.priority), last_assessment_id=assessment.id))
                continue
            if assessment.questionnaire_id == "baseline":
                asked = not row.practice_id.startswith("question:")
            elif assessment.questionnaire_id == "quick-scan":
                asked = row.practice_id in QUICK_SCAN.values()
            else:
                asked = row.questionnaire_id == assessment.questionnaire_id
            if asked:
                bind.execute(items.update().where(items.c.id == row.id).values(
                    status="done", closed_automatically=True, closed_at=now, last_assessment_id=assessment.id))


def upgrade():
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('practice_id', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('domain_id', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('level', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('threshold', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('shortfall', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('weight', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('effort', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('blocks', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('notes', sa.Text(), server_default='', nullable=False))
    bind = op.get_bind()
    _merge_duplicates(bind)
    _close_stale(bind)
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.alter_column('practice_id', existing_type=sa.String(length=120), nullable=False)
        batch_op.create_unique_constraint('uq_action_items_company_practice', ['company_id', 'practice_id'])


def downgrade():
    # Merged duplicates are not recreated: the downgraded plan holds one item per practice.
    with op.batch_alter_table('action_items', schema=None) as batch_op:
        batch_op.drop_constraint('uq_action_items_company_practice', type_='unique')
        batch_op.drop_column('notes')
        batch_op.drop_column('blocks')
        batch_op.drop_column('effort')
        batch_op.drop_column('weight')
        batch_op.drop_column('shortfall')
        batch_op.drop_column('threshold')
        batch_op.drop_column('level')
        batch_op.drop_column('domain_id')
        batch_op.drop_column('practice_id')
