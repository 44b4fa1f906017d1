"""a team on one store: API tokens, analyst corrections, background jobs (rung.api); claims by event

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 20:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claim_events", schema=None) as batch_op:
        batch_op.create_index("ix_claim_events_event_id", ["event_id"], unique=False)
    op.create_table(
        "api_tokens",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("target_id", sa.String(length=80), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=24), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("machine", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_corrections_target_id"), ["target_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_corrections_article_id"), ["article_id"], unique=False)
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("worker", sa.String(length=80), nullable=False),
        sa.Column("submitted_by", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("article_id", sa.String(length=64), nullable=True),
        sa.Column("stored", sa.Boolean(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("jobs")
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corrections_article_id"))
        batch_op.drop_index(batch_op.f("ix_corrections_target_id"))
    op.drop_table("corrections")
    op.drop_table("api_tokens")
    with op.batch_alter_table("claim_events", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_events_event_id")
