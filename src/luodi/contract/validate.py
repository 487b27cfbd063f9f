"""Validate a folder of contract table files and read it into a Dataset, reporting every problem.

A folder holds one file per contract table, named ``<table>.csv``, ``<table>.parquet`` or
``<table>.xlsx`` (first sheet, header in row 1). Every table is required, possibly with zero
rows, because ``luodi export`` writes them all. When a folder holds several formats, each
format's set of files is validated on its own and each set must be complete. A CSV, Parquet or
XLSX file whose name is not a contract table is an error (a misspelt name would otherwise drop a
table silently); files of other kinds, hidden files and Excel lock files (``~$…``) are ignored.
Every problem is an error: there are no warnings to overlook.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from luodi.contract.checks import (
    CheckedTable,
    check_phase_shares,
    check_references,
    check_table,
)
from luodi.contract.columnar import (
    AnyChecked,
    check_phase_shares_columnar,
    check_references_columnar,
    read_columnar,
)
from luodi.contract.dataset import Dataset
from luodi.contract.errors import ProblemCode, ValidationFailed
from luodi.contract.problems import Problem, ProblemCollector
from luodi.contract.readers import FORMATS, RawTable, read_raw
from luodi.contract.tables import TABLE_ORDER, TABLES

__all__ = [
    "FORMATS",
    "Problem",
    "ValidationReport",
    "read_dataset",
    "validate_directory",
]

FOLDER = "."


@dataclass(frozen=True, kw_only=True)
class ValidationReport:
    """What validating a folder found: every problem, the files read and their row counts."""

    directory: Path
    problems: tuple[Problem, ...]
    files: tuple[str, ...] = ()
    row_counts: Mapping[str, int] = field(default_factory=dict)
    formats: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def tables_found(self) -> tuple[str, ...]:
        """Contract tables with a file in at least one format, in contract order."""
        stems = {Path(name).stem for name in self.files}
        return tuple(t.name for t in TABLE_ORDER if t.name in stems)


@dataclass(frozen=True, kw_only=True)
class _Run:
    report: ValidationReport
    checked: Mapping[str, Mapping[str, AnyChecked]]


def validate_directory(directory: Path, *, columnar: bool = True) -> ValidationReport:
    """Check every contract table file in ``directory`` and report every problem found.

    With ``columnar`` (the default), Parquet files holding the contract's types are checked
    column by column in Arrow (luodi.contract.columnar); the report is the same either way.
    """
    return _run(directory, file_format=None, columnar=columnar).report


def read_dataset(
    directory: Path, *, file_format: str | None = None, columnar: bool = True
) -> Dataset:
    """Read the contract tables in ``directory``; raise ValidationFailed on any problem.

    With several formats in the folder, all are validated and the first of ``FORMATS``
    (Parquet, CSV, XLSX) is returned; ``file_format`` reads and validates that format only.
    Nothing is returned half-read: one problem anywhere fails the whole read. ``columnar``:
    as in :func:`validate_directory`.
    """
    if file_format is not None and file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}; formats: {', '.join(FORMATS)}")
    run = _run(directory, file_format=file_format, columnar=columnar)
    if not run.report.ok:
        raise ValidationFailed(run.report.problems)
    chosen = next(f for f in FORMATS if f in run.checked)
    checked = run.checked[chosen]
    return Dataset(tables={name: checked[name].to_arrow() for name in TABLES})


def _is_data_file(path: Path) -> bool:
    if not path.is_file() or path.name.startswith((".", "~$")):
        return False
    return path.suffix.lower().lstrip(".") in FORMATS


def _scan(
    directory: Path, *, file_format: str | None, collector: ProblemCollector
) -> dict[str, dict[str, Path]]:
    """Contract files by format and table; data files with other names are reported."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(directory.iterdir()):
        if not _is_data_file(path):
            continue
        ext = path.suffix.lower().lstrip(".")
        if file_format is not None and ext != file_format:
            continue
        if path.stem in TABLES:
            found.setdefault(ext, {})[path.stem] = path
            continue
        close = difflib.get_close_matches(path.stem, TABLES, n=1)
        collector.add(
            ProblemCode.UNKNOWN_FILE,
            file=path.name,
            hint=f" (did you mean {close[0]}.{ext}?)" if close else "",
            ext=ext,
            tables=", ".join(TABLES),
        )
    return {ext: found[ext] for ext in FORMATS if ext in found}


def _run(directory: Path, *, file_format: str | None, columnar: bool) -> _Run:
    collector = ProblemCollector()
    if not directory.is_dir():
        collector.add(ProblemCode.FOLDER_MISSING, file=FOLDER, folder=directory)
        report = ValidationReport(directory=directory, problems=collector.finish())
        return _Run(report=report, checked={})
    found = _scan(directory, file_format=file_format, collector=collector)
    if not found:
        collector.add(
            ProblemCode.NO_TABLES, file=FOLDER, folder=directory, tables=", ".join(TABLES)
        )
    checked: dict[str, dict[str, AnyChecked]] = {}
    row_counts: dict[str, int] = {}
    for ext, paths in found.items():
        tables: dict[str, AnyChecked] = {}
        for spec in TABLE_ORDER:
            file = f"{spec.name}.{ext}"
            path = paths.get(spec.name)
            if path is None and spec.optional:
                empty = RawTable(
                    file=file,
                    header=spec.column_names,
                    header_row=None,
                    row_numbers=[],
                    columns={name: [] for name in spec.column_names},
                )
                tables[spec.name] = check_table(empty, table=spec, collector=collector)
                continue
            if path is None:
                collector.add(ProblemCode.MISSING_TABLE, file=file, table=spec.name, ext=ext)
                continue
            if columnar and ext == "parquet":
                fast = read_columnar(path, file=file, table=spec, collector=collector)
                if fast is not None:
                    tables[spec.name] = fast
                    row_counts[file] = fast.num_rows
                    continue
            raw = read_raw(path, file=file, table=spec, collector=collector)
            if raw is None:
                continue
            tables[spec.name] = check_table(raw, table=spec, collector=collector)
            row_counts[file] = len(raw.row_numbers)
        slow = {n: t for n, t in tables.items() if isinstance(t, CheckedTable)}
        if len(slow) == len(tables):
            check_references(slow, collector=collector)
            if "clause_phases" in slow:
                check_phase_shares(slow["clause_phases"], collector=collector)
        else:
            check_references_columnar(tables, collector=collector)
            if "clause_phases" in tables:
                check_phase_shares_columnar(tables["clause_phases"], collector=collector)
        checked[ext] = tables
    files = tuple(path.name for paths in found.values() for path in paths.values())
    report = ValidationReport(
        directory=directory,
        problems=_in_file_order(collector.finish()),
        files=files,
        row_counts=row_counts,
        formats=tuple(found),
    )
    return _Run(report=report, checked=checked)


def _in_file_order(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """Folder problems first, then file by file in contract order, row by row in each file.

    Checks run column by column and references after all files, so sorting makes the report
    read like the files themselves.
    """
    file_rank = {FOLDER: -1}
    for ext in FORMATS:
        for spec in TABLE_ORDER:
            file_rank[f"{spec.name}.{ext}"] = len(file_rank)

    def key(problem: Problem) -> tuple[int, str, int, int, int]:
        spec = TABLES.get(Path(problem.file).stem)
        columns = spec.column_names if spec is not None else ()
        column = columns.index(problem.column) if problem.column in columns else len(columns)
        summary = problem.code == ProblemCode.TOO_MANY_PROBLEMS
        return (
            file_rank.get(problem.file, -1),
            problem.file,
            int(summary),
            problem.row or 0,
            column,
        )

    return tuple(sorted(problems, key=key))
