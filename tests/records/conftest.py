"""Records tests run on SQLite and on PostgreSQL (a fresh schema per test)."""

from tests.gateway.conftest import database_url  # noqa: F401  (the same two backends)
