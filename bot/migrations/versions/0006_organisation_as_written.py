"""units: the organisation as the sign-up mail wrote it, beside the canonical name

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("organisation_as_written", sa.String(length=300), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_column("organisation_as_written")
