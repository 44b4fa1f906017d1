"""near-duplicate articles are versions of one report; merge keeps its vectors and state for incremental runs

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 23:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # one row per article checked for near-duplicates (rung.dedup): the report it is a version of
    op.create_table(
        "article_reports",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("duplicate_of", sa.String(length=64), nullable=True),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )
    with op.batch_alter_table("article_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_reports_report_id"), ["report_id"], unique=False)
    # one sentence vector per event and encoder (rung.events.merge): an incremental merge encodes only new events
    op.create_table(
        "event_vectors",
        sa.Column("event_id", sa.String(length=80), nullable=False),
        sa.Column("encoder", sa.String(length=32), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "encoder"),
    )
    # what the merge tables were last built from (one row)
    op.create_table(
        "merge_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("encoder", sa.String(length=32), nullable=False),
        sa.Column("corrections", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("window_days", sa.Integer(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("merge_state")
    op.drop_table("event_vectors")
    with op.batch_alter_table("article_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_reports_report_id"))
    op.drop_table("article_reports")
