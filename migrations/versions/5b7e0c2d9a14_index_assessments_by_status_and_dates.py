"""index assessments by status and dates (the programme figures' fingerprint)

Revision ID: 5b7e0c2d9a14
Revises: 32eb99ea22f1
Create Date: 2026-12-02 06:45:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '5b7e0c2d9a14'
down_revision = '32eb99ea22f1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index('ix_assessments_status_dates', ['status', 'submitted_at', 'reviewed_at'], unique=False)


def downgrade():
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index('ix_assessments_status_dates')
