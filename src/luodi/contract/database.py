"""Read the contract tables straight from a platform database (SQLite or PostgreSQL).

The platform stores each contract table under its contract name with the contract's column
names, so a database written by Luodi, or by another system that follows the contract, reads
without an export. The rows go through the same cell, key and reference checks as files; a
problem names the table, the row (in primary-key order) and the column.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlparse

from luodi.contract.checks import CheckedTable, check_phase_shares, check_references, check_table
from luodi.contract.dataset import Dataset
from luodi.contract.errors import ContractError, ProblemCode, ValidationFailed
from luodi.contract.problems import ProblemCollector
from luodi.contract.readers import RawTable
from luodi.contract.schema import Table
from luodi.contract.tables import TABLE_ORDER, TABLES

__all__ = ["DATABASE_SCHEMES", "DatabaseSourceError", "is_database_url", "read_database"]

DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql")


class DatabaseSourceError(ContractError):
    """The database cannot be opened or read at all (as opposed to holding bad rows)."""


class _Cursor(Protocol):
    def execute(self, query: Any, params: Any = ...) -> Any: ...
    def fetchall(self) -> list[Any]: ...


def is_database_url(source: str) -> bool:
    """Whether ``source`` looks like ``sqlite:///…`` or ``postgres://…``."""
    return urlparse(source).scheme in DATABASE_SCHEMES and "://" in source


def _sqlite_path(url: str) -> Path:
    # sqlite:///relative.db and sqlite:////absolute.db, as dj-database-url reads them.
    return Path(unquote(urlparse(url).path)[1:])


@contextmanager
def _cursor(url: str) -> Iterator[tuple[_Cursor, str]]:
    scheme = urlparse(url).scheme
    if scheme == "sqlite":
        path = _sqlite_path(url)
        if not path.is_file():
            raise DatabaseSourceError(
                f"数据库文件不存在 — SQLite database {path} does not exist; pass the file the "
                "platform uses (see DATABASE_URL or LUODI_DATA_DIR)."
            )
        # Read-only: a diagnosis never writes to the system it reads.
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            yield connection.cursor(), "sqlite"
        finally:
            connection.close()
        return
    import psycopg

    try:
        pg = psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)
    except psycopg.Error as error:
        raise DatabaseSourceError(
            f"无法连接数据库 — cannot connect to the PostgreSQL database: {error}; check the "
            "URL (postgresql://user@host:port/name) and that the server is running."
        ) from error
    try:
        pg.execute("SET TRANSACTION READ ONLY")
        yield pg.cursor(), "postgres"
    finally:
        pg.close()


def _columns(cursor: _Cursor, kind: str, table: str) -> list[str] | None:
    """The table's column names, or None if the database has no such table."""
    if kind == "sqlite":
        cursor.execute(f'PRAGMA table_info("{table}")')
        names = [str(row[1]) for row in cursor.fetchall()]
    else:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND table_schema = current_schema() ORDER BY ordinal_position",
            (table,),
        )
        names = [str(row[0]) for row in cursor.fetchall()]
    return names or None


def _raw_table(cursor: _Cursor, spec: Table, present: Sequence[str]) -> RawTable:
    wanted = [name for name in spec.column_names if name in present]
    order = ", ".join(f'"{name}"' for name in spec.primary_key if name in present)
    listed = ", ".join(f'"{name}"' for name in wanted)
    query = f'SELECT {listed} FROM "{spec.name}"'  # noqa: S608 - names from the contract
    cursor.execute(query + (f" ORDER BY {order}" if order else ""))
    rows = cursor.fetchall()
    columns: dict[str, list[object]] = {name: [] for name in wanted}
    for row in rows:
        for name, value in zip(wanted, row, strict=True):
            columns[name].append(value)
    return RawTable(
        file=f"{spec.name} (database)",
        # Columns beyond the contract (the platform's own) are not part of what is read.
        header=tuple(wanted),
        header_row=None,
        row_numbers=list(range(1, len(rows) + 1)),
        columns=columns,
    )


def read_database(url: str) -> Dataset:
    """Every contract table from the database at ``url``; ValidationFailed on any problem."""
    if not is_database_url(url):
        raise DatabaseSourceError(
            f"not a database URL: {url!r}; use sqlite:///path/to/db.sqlite3 or "
            "postgresql://user@host:port/name"
        )
    collector = ProblemCollector()
    checked: dict[str, CheckedTable] = {}
    with _cursor(url) as (cursor, kind):
        for spec in TABLE_ORDER:
            present = _columns(cursor, kind, spec.name)
            if present is None:
                if not spec.optional:
                    collector.add(
                        ProblemCode.MISSING_DB_TABLE,
                        file=f"{spec.name} (database)",
                        table=spec.name,
                    )
                    continue
                present = list(spec.column_names)
                raw = RawTable(
                    file=f"{spec.name} (database)",
                    header=spec.column_names,
                    header_row=None,
                    row_numbers=[],
                    columns={name: [] for name in spec.column_names},
                )
            else:
                raw = _raw_table(cursor, spec, present)
            checked[spec.name] = check_table(raw, table=spec, collector=collector)
    check_references(checked, collector=collector)
    if "clause_phases" in checked:
        check_phase_shares(checked["clause_phases"], collector=collector)
    problems = collector.finish()
    if problems:
        raise ValidationFailed(problems)
    return Dataset(tables={name: checked[name].to_arrow() for name in TABLES})
