"""Gateway tables: apps, audit events and their content, label opt-outs, end users and actions.

Revision ID: 0001_gateway
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_gateway"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "hegui_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_hegui_meta"),
    )
    op.create_table(
        "apps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("key_prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("revoked_at", TZ, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_apps"),
        sa.UniqueConstraint("name", name="uq_apps_name"),
        sa.UniqueConstraint("key_hash", name="uq_apps_key_hash"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("app_id", sa.Integer(), nullable=True),
        sa.Column("app_name", sa.String(128), nullable=True),
        sa.Column("user", sa.String(64), nullable=True),
        sa.Column("source_ip", sa.String(64), nullable=True),
        sa.Column("source_port", sa.Integer(), nullable=True),
        sa.Column("user_agent", sa.String(512), nullable=True),
        sa.Column("operation", sa.String(64), nullable=False),
        sa.Column("model", sa.String(128), nullable=True),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=True),
        sa.Column("risks", sa.String(512), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("latency_ms", sa.Float(), nullable=False),
        sa.Column("minor", sa.Boolean(), nullable=False),
        sa.Column("explicit_label", sa.Boolean(), nullable=False),
        sa.Column("produce_id", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_at", "events", ["at"])
    op.create_index("ix_events_user", "events", ["user"])
    op.create_index("ix_events_decision", "events", ["decision"])
    op.create_table(
        "event_contents",
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("input_text", sa.Text(), nullable=True),
        sa.Column("output_text", sa.Text(), nullable=True),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_event_contents"),
    )
    op.create_index("ix_event_contents_at", "event_contents", ["at"])
    op.create_table(
        "label_opt_outs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("app_id", sa.Integer(), nullable=True),
        sa.Column("app_name", sa.String(128), nullable=True),
        sa.Column("user", sa.String(64), nullable=True),
        sa.Column("produce_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_label_opt_outs"),
    )
    op.create_index("ix_label_opt_outs_at", "label_opt_outs", ["at"])
    op.create_index("ix_label_opt_outs_event_id", "label_opt_outs", ["event_id"])
    op.create_table(
        "end_users",
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("restricted_until", TZ, nullable=True),
        sa.Column("minor", sa.Boolean(), nullable=False),
        sa.Column("training_opt_out", sa.Boolean(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("user", name="pk_end_users"),
    )
    op.create_table(
        "user_actions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("until", TZ, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_user_actions"),
        sa.ForeignKeyConstraint(
            ["user"], ["end_users.user"], name="fk_user_actions_user_end_users", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_user_actions_at", "user_actions", ["at"])
    op.create_index("ix_user_actions_user", "user_actions", ["user"])


def downgrade() -> None:
    for table in ("user_actions", "end_users", "label_opt_outs", "event_contents", "events", "apps",
                  "hegui_meta"):
        op.drop_table(table)
