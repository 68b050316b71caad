"""Database triggers that make the audit table append-only (SQLite and PostgreSQL).

The triggers stop casual edits; the hash chain detects the rest. ``lifted`` exists for the
test harness, which empties every table between transactional tests.
"""

from __future__ import annotations

from contextlib import contextmanager

SQLITE_INSTALL = [
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update;",
    "DROP TRIGGER IF EXISTS audit_event_no_delete;",
]

POSTGRES_INSTALL = [
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql;""",
    "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_auditevent;",
    """CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();""",
]
POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_auditevent;",
    "DROP FUNCTION IF EXISTS audit_event_append_only();",
]


def _statements(vendor: str, install: bool) -> list[str]:
    if vendor == "postgresql":
        return POSTGRES_INSTALL if install else POSTGRES_REMOVE
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    return []


def install(connection) -> None:
    with connection.cursor() as cur:
        for sql in _statements(connection.vendor, True):
            cur.execute(sql)


def remove(connection) -> None:
    with connection.cursor() as cur:
        for sql in _statements(connection.vendor, False):
            cur.execute(sql)


@contextmanager
def lifted(connection):
    remove(connection)
    try:
        yield
    finally:
        install(connection)
