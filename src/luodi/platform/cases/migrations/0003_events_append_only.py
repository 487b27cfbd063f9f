# ruff: noqa: RUF012 - Django reads a migration's operations from plain class attributes
"""On PostgreSQL, a trigger refuses UPDATE and DELETE on the event log.

The application never edits events (Event.save and the queryset refuse), but a console, a
script or a future bug could; the audit trail and the process-mining results rest on the log
being append-only, so the database itself refuses. SQLite (the single-user default) gets no
trigger: it serves demos, not audits. Replacing the whole dataset empties the table with
TRUNCATE, which is a different statement (and privilege) that row triggers do not see.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION luodi_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % on event % refused; record a new event instead',
        TG_OP, OLD.event_id
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS events_append_only ON events;
CREATE TRIGGER events_append_only
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION luodi_events_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS events_append_only ON events;
DROP FUNCTION IF EXISTS luodi_events_append_only();
"""


def _run(sql: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            # No parameters: the SQL is sent as written (its % signs are PL/pgSQL placeholders).
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
