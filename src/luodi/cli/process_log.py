"""`luodi process export|import`: the event log as XES, CSV or OCEL 2.0, and back."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import click

__all__ = ["export_command", "import_command"]

_FORMATS = ("xes", "csv", "ocel2")
# Suffix → format when --format is not given; the longest suffix is tried first.
_SUFFIXES = (
    (".xes.gz", "xes"),
    (".xes", "xes"),
    (".csv", "csv"),
    (".jsonocel", "ocel2"),
    (".json", "ocel2"),
)
EVENTS_FILE = "events.csv"


def _format_of(out: Path, fmt: str | None) -> str:
    if fmt is not None:
        return fmt
    name = out.name.lower()
    for suffix, found in _SUFFIXES:
        if name.endswith(suffix):
            return found
    raise click.BadParameter(
        f"cannot tell the format from {out.name!r}; pass --format xes|csv|ocel2 or name the file "
        "*.xes, *.xes.gz, *.csv or *.jsonocel",
        param_hint="--format",
    )


@click.command(name="export")
@click.option(
    "--source",
    required=True,
    help='"demo", a folder of contract tables, or "database" (the platform\'s event log).',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    default=None,
    help="xes (IEEE 1849; .gz compresses), csv, or ocel2 (OCEL 2.0 JSON). Default: from --out.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write.",
)
def export_command(source: str, fmt: str | None, out: Path) -> None:
    """Write the event log as XES, CSV or OCEL 2.0 (导出事件日志).

    XES and CSV hold one row per event with org:group (the department), org:role,
    luodi:decision, luodi:reason, identity:id and the case attributes clause_id, person_id,
    employer_id, status; times are UTC. OCEL 2.0 relates every event to its case, clause,
    department, person and employer. Persons' names are never written.
    """
    from luodi.process import EventLogError, events_export

    chosen = _format_of(out, fmt)
    if not out.parent.is_dir():
        raise click.BadParameter(f"folder {out.parent} does not exist", param_hint="--out")
    click.echo(f"正在读取 / reading {source} …", err=True)
    try:
        if source == "database":
            events = _export_database(chosen, out)
        else:
            events = events_export(dataset=_dataset(source), fmt=chosen, path=out)
    except EventLogError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"已导出 {events} 个事件 → {out}")
    click.echo(f"Exported {events} events ({chosen}) → {out}")


def _dataset(source: str) -> Any:
    from luodi.contract import ValidationFailed
    from luodi.sources import SOURCE_FORMS, load_dataset

    # Checked here rather than by catching ValueError, which a generator bug could raise too.
    if source != "demo" and not Path(source).is_dir():
        raise click.BadParameter(
            f"{source!r} is neither demo, database nor an existing folder; use {SOURCE_FORMS}, "
            "or database",
            param_hint="--source",
        )
    try:
        return load_dataset(source)
    except ValidationFailed as error:
        raise click.ClickException(
            f"{source} does not pass the contract; run `luodi validate {source}`: {error}"
        ) from error


def _export_database(fmt: str, out: Path) -> int:
    from luodi.platform.bootstrap import setup

    setup()
    from luodi.platform.cases.log_io import event_log_export

    return event_log_export(fmt=fmt, out=out).events


@click.command(name="import")
@click.argument("log", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Folder to write the contract's events table into, as {EVENTS_FILE}.",
)
@click.option(
    "--database",
    is_flag=True,
    help="Append the events to the platform's event log instead (needs --by).",
)
@click.option("--by", "username", default=None, help="With --database: the importing account.")
def import_command(log: Path, out: Path | None, database: bool, username: str | None) -> None:
    """Read an XES or CSV log back as the contract's events (导入事件日志).

    With --out DIR, writes DIR/events.csv (the contract's events table, times in China
    Standard Time); copy it into a folder with the other contract tables and run
    `luodi validate` on that folder. With --database --by USERNAME (an administrator),
    appends to the platform's log the events whose id it does not hold yet: re-importing
    adds nothing, existing events are never changed, events of unknown cases or departments
    are refused and nothing is added.

    Every event needs case, activity, timestamp, org:group (department), org:role and
    lifecycle; events without identity:id get the id <case>-E<position>.
    """
    if database == (out is not None):
        raise click.UsageError("give exactly one of --out DIR or --database")
    if database and not username:
        raise click.UsageError("--database needs --by USERNAME (an administrator's account)")
    from luodi.process import EventLogError, events_import

    click.echo(f"正在读取 / reading {log} …", err=True)
    if database:
        assert username is not None
        _import_database(log, username)
        return
    assert out is not None
    try:
        events = events_import(path=log)
    except EventLogError as error:
        raise click.ClickException(str(error)) from error
    out.mkdir(parents=True, exist_ok=True)
    _write_events(events, out / EVENTS_FILE)
    click.echo(f"已写出 {events.num_rows} 个事件 → {out / EVENTS_FILE}")
    click.echo(f"Wrote {events.num_rows} events → {out / EVENTS_FILE}")


def _write_events(events: Any, path: Path) -> None:
    from luodi.contract.io import csv_text

    # Written as the contract's CSV writer does, so that `luodi validate` reads it back.
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(events.column_names)
        for row in events.to_pylist():
            writer.writerow([csv_text(value) for value in row.values()])


def _import_database(log: Path, username: str) -> None:
    from luodi.platform.bootstrap import setup

    setup()
    from luodi.platform.accounts.models import User
    from luodi.platform.cases.log_io import (
        EventLogImportDenied,
        EventLogImportError,
        event_log_import,
    )
    from luodi.process import EventLogError

    user = User.objects.filter(username=username).first()
    if user is None:
        raise click.BadParameter(f"no account named {username!r}", param_hint="--by")
    try:
        result = event_log_import(path=log, by=user)
    except (EventLogError, EventLogImportError, EventLogImportDenied) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"读取 {result.events} 个事件，新增 {result.added}，已存在 {result.present}")
    click.echo(
        f"Read {result.events} events: {result.added} added, {result.present} already present"
    )
