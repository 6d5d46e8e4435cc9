"""assessment certification scope: which systems handle contract information, controlled information

Revision ID: 4dd810f2dd38
Revises: ebb48be453a8
Create Date: 2026-12-01 21:37:49.252702

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4dd810f2dd38'
down_revision = 'ebb48be453a8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope_contract_systems', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('scope_cui', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('scope_controlled_goods', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('scope_controlled_drawings', sa.Boolean(), nullable=True))



def downgrade():
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_column('scope_controlled_drawings')
        batch_op.drop_column('scope_controlled_goods')
        batch_op.drop_column('scope_cui')
        batch_op.drop_column('scope_contract_systems')

