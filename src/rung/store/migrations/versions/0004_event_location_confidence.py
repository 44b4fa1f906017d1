"""events carry their place and confidence, claims their confidence (the clause layer)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 21:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("location", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("confidence")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("confidence")
        batch.drop_column("location")
