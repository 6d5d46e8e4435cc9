"""one draft per questionnaire per company

Drafts made by clicking Start twice are merged first, so that the unique
index can be created on an existing database: the draft with the most
answers (the newest on a tie) is kept; answers of the other drafts to
questions it has not answered move into it when both drafts pin the same
questionnaire version; the other drafts are then deleted.

Revision ID: 2654b8b2cdb5
Revises: e3d9ac13b7bc
Create Date: 2026-12-01 21:51:11.916448

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2654b8b2cdb5'
down_revision = 'e3d9ac13b7bc'
branch_labels = None
depends_on = None

assessments = sa.table("assessments", sa.column("id"), sa.column("company_id"), sa.column("questionnaire_id"),
                       sa.column("questionnaire_version"), sa.column("status"))
answers = sa.table("answers", sa.column("id"), sa.column("assessment_id"), sa.column("question_id"))


def merge_duplicate_drafts(connection):
    counted = (sa.select(assessments.c.id, assessments.c.company_id, assessments.c.questionnaire_id,
                         assessments.c.questionnaire_version, sa.func.count(answers.c.id).label("answered"))
               .select_from(assessments.outerjoin(answers, answers.c.assessment_id == assessments.c.id))
               .where(assessments.c.status == "draft")
               .group_by(assessments.c.id, assessments.c.company_id, assessments.c.questionnaire_id,
                         assessments.c.questionnaire_version))
    groups = {}
    for row in connection.execute(counted):
        groups.setdefault((row.company_id, row.questionnaire_id), []).append(row)
    for drafts in groups.values():
        if len(drafts) < 2:
            continue
        drafts.sort(key=lambda row: (row.answered, row.id), reverse=True)
        kept, others = drafts[0], drafts[1:]
        for other in others:
            if other.questionnaire_version == kept.questionnaire_version:
                answered = sa.select(answers.c.question_id).where(answers.c.assessment_id == kept.id)
                connection.execute(sa.update(answers).where(answers.c.assessment_id == other.id,
                                                            answers.c.question_id.not_in(answered))
                                   .values(assessment_id=kept.id))
            connection.execute(sa.delete(answers).where(answers.c.assessment_id == other.id))
            connection.execute(sa.delete(assessments).where(assessments.c.id == other.id))


def upgrade():
    merge_duplicate_drafts(op.get_bind())
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index('uq_assessments_one_draft', ['company_id', 'questionnaire_id'], unique=True,
                              sqlite_where=sa.text("status = 'draft'"), postgresql_where=sa.text("status = 'draft'"))


def downgrade():
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index('uq_assessments_one_draft', sqlite_where=sa.text("status = 'draft'"),
                            postgresql_where=sa.text("status = 'draft'"))
