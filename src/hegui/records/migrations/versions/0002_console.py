"""Console tables: staff, sessions, the append-only staff audit, tickets, personal-information
requests, incidents and fix tasks, the feature library, refutations, page versions, acceptances.

Revision ID: 0002_console
Revises: 0001_gateway
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hegui.console.audit import install_append_only_guard, remove_append_only_guard

revision = "0002_console"
down_revision = "0001_gateway"
branch_labels = None
depends_on = None

TS = sa.DateTime()  # naive UTC; the console's UTCDateTime type adds the zone back on read
TABLES = (
    "console_acceptances", "console_page_versions", "console_refutations", "console_features",
    "console_tasks", "console_incidents", "console_privacy_requests", "console_ticket_notes",
    "console_tickets", "console_audit", "console_sessions", "console_staff",
)


def upgrade() -> None:
    op.create_table(
        "console_staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_login_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_console_staff"),
        sa.UniqueConstraint("name", name="uq_console_staff_name"),
    )
    op.create_table(
        "console_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("console_staff.id", ondelete="CASCADE", name="fk_console_sessions_staff_id_console_staff"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_sessions"),
        sa.UniqueConstraint("token_hash", name="uq_console_sessions_token_hash"),
    )
    op.create_table(
        "console_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("staff", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(128), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_audit"),
    )
    op.create_index("ix_console_audit_at", "console_audit", ["at"], unique=False)
    op.create_table(
        "console_tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("reference", sa.String(128), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("deadline", TS, nullable=False),
        sa.Column("replied_at", TS, nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_tickets"),
        sa.UniqueConstraint("ticket", name="uq_console_tickets_ticket"),
    )
    op.create_index("ix_console_tickets_deadline", "console_tickets", ["deadline"], unique=False)
    op.create_index("ix_console_tickets_status", "console_tickets", ["status"], unique=False)
    op.create_table(
        "console_ticket_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), sa.ForeignKey("console_tickets.id", ondelete="CASCADE", name="fk_console_ticket_notes_ticket_id_console_tickets"), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_ticket_notes"),
    )
    op.create_index("ix_console_ticket_notes_ticket_id", "console_ticket_notes", ["ticket_id"], unique=False)
    op.create_table(
        "console_privacy_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket", sa.String(32), nullable=False),
        sa.Column("right", sa.String(16), nullable=False),
        sa.Column("user_pseudonym", sa.String(128), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("verified_by", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("deadline", TS, nullable=False),
        sa.Column("closed_at", TS, nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_privacy_requests"),
        sa.UniqueConstraint("ticket", name="uq_console_privacy_requests_ticket"),
    )
    op.create_index("ix_console_privacy_requests_deadline", "console_privacy_requests", ["deadline"], unique=False)
    op.create_index("ix_console_privacy_requests_status", "console_privacy_requests", ["status"], unique=False)
    op.create_index("ix_console_privacy_requests_user_pseudonym", "console_privacy_requests", ["user_pseudonym"], unique=False)
    op.create_table(
        "console_incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("reference", sa.String(128), nullable=False),
        sa.Column("ticket", sa.String(32), nullable=False),
        sa.Column("risk", sa.String(16), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("user_pseudonym", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stopped", sa.Boolean(), nullable=False),
        sa.Column("removed_at", TS, nullable=True),
        sa.Column("reported_at", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_incidents"),
    )
    op.create_index("ix_console_incidents_reference", "console_incidents", ["reference"], unique=False)
    op.create_index("ix_console_incidents_user_pseudonym", "console_incidents", ["user_pseudonym"], unique=False)
    op.create_table(
        "console_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), sa.ForeignKey("console_incidents.id", ondelete="CASCADE", name="fk_console_tasks_incident_id_console_incidents"), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("due", TS, nullable=False),
        sa.Column("done_at", TS, nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_tasks"),
    )
    op.create_index("ix_console_tasks_incident_id", "console_tasks", ["incident_id"], unique=False)
    op.create_table(
        "console_features",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("risk", sa.String(16), nullable=False),
        sa.Column("value", sa.String(400), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_features"),
        sa.UniqueConstraint("kind", "value", name="uq_console_features_kind_value"),
    )
    op.create_table(
        "console_refutations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("reference_ids", sa.Text(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_refutations"),
    )
    op.create_table(
        "console_page_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("published_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_console_page_versions"),
        sa.UniqueConstraint("kind", "version", name="uq_console_page_versions_kind_version"),
    )
    op.create_table(
        "console_acceptances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("user_pseudonym", sa.String(128), nullable=False),
        sa.Column("app", sa.String(64), nullable=False),
        sa.Column("accepted_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_acceptances"),
    )
    op.create_index("ix_console_acceptances_user_pseudonym", "console_acceptances", ["user_pseudonym"], unique=False)
    install_append_only_guard(op.get_bind())


def downgrade() -> None:
    remove_append_only_guard(op.get_bind())
    for name in TABLES:
        op.drop_table(name)
