"""actors keep a person's office and a place's coordinates (issue 12: the store shows what the record shows)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 00:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("office", sa.Text(), nullable=True))
        batch.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch.add_column(sa.Column("lon", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("lon")
        batch.drop_column("lat")
        batch.drop_column("office")
