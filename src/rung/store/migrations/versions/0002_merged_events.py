"""merged events: one event, many reports (rung.events.merge)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 08:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merged_events",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("plover", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=True),
        sa.Column("target", sa.String(length=64), nullable=True),
        sa.Column("source_country", sa.String(length=64), nullable=True),
        sa.Column("target_country", sa.String(length=64), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("first_report", sa.Date(), nullable=True),
        sa.Column("last_report", sa.Date(), nullable=True),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("outlets", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("denials", sa.JSON(), nullable=False),
        sa.Column("encoder", sa.String(length=32), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "merged_event_members",
        sa.Column("merged_event_id", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.String(length=80), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["merged_event_id"], ["merged_events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("merged_event_id", "event_id"),
    )
    with op.batch_alter_table("merged_event_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merged_event_members_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("merged_event_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merged_event_members_event_id"))
    op.drop_table("merged_event_members")
    op.drop_table("merged_events")
