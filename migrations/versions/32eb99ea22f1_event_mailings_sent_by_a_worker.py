"""event mailings sent by a worker: an organizer's message or a cancellation notice, one row per recipient

Revision ID: 32eb99ea22f1
Revises: 372c65f91ceb
Create Date: 2026-12-02 03:41:17.451878

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '32eb99ea22f1'
down_revision = '372c65f91ceb'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('event_mailings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('template', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('sender_id', sa.Integer(), nullable=True),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_mailings_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_event_mailings_job_id_jobs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sender_id'], ['users.id'], name=op.f('fk_event_mailings_sender_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_mailings'))
    )
    with op.batch_alter_table('event_mailings', schema=None) as batch_op:
        batch_op.create_index('ix_event_mailings_event', ['event_id', 'id'], unique=False)

    op.create_table('event_mailing_recipients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mailing_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['mailing_id'], ['event_mailings.id'], name=op.f('fk_event_mailing_recipients_mailing_id_event_mailings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_event_mailing_recipients_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_mailing_recipients')),
    sa.UniqueConstraint('mailing_id', 'user_id', name=op.f('uq_event_mailing_recipients_mailing_id'))
    )
    with op.batch_alter_table('event_mailing_recipients', schema=None) as batch_op:
        batch_op.create_index('ix_event_mailing_recipients_status', ['mailing_id', 'status'], unique=False)



def downgrade():
    with op.batch_alter_table('event_mailing_recipients', schema=None) as batch_op:
        batch_op.drop_index('ix_event_mailing_recipients_status')

    op.drop_table('event_mailing_recipients')
    with op.batch_alter_table('event_mailings', schema=None) as batch_op:
        batch_op.drop_index('ix_event_mailings_event')

    op.drop_table('event_mailings')
