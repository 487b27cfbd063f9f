"""Load policy files into a Library, or check them and report every problem with its position.

Paths are policy files or folders; a folder means every ``*.yaml`` / ``*.yml`` below it, sorted.
``departments.yaml`` at the root of a folder lists the departments (and, through them, the
regions) a library may name; it is not a policy file.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from luodi.contract.choices import DEPARTMENT_KINDS
from luodi.policy.checks import Source, check_document
from luodi.policy.errors import PolicyCheckFailed, ProblemCode
from luodi.policy.library import Library
from luodi.policy.library_checks import check_library
from luodi.policy.model import (
    AllOf,
    AnyOf,
    Benefit,
    Clause,
    ClauseVersion,
    Criterion,
    DepartmentEntry,
    NotOf,
    Phase,
    PolicyDocument,
    RouteStep,
)
from luodi.policy.problems import CheckReport, ProblemCollector
from luodi.policy.schema_problems import schema_problems, show
from luodi.policy.yamlpos import YamlSyntaxError, duplicate_keys, parse_yaml, position

__all__ = [
    "DEPARTMENTS_FILE",
    "check_paths",
    "load_departments",
    "load_library",
    "policy_files",
]

DEPARTMENTS_FILE = "departments.yaml"
_SUFFIXES = (".yaml", ".yml")
_NOT_POLICIES = frozenset({"departments.yaml", "departments.yml"})
_PARTS: dict[str, TypeAdapter[Any]] = {
    "benefit": TypeAdapter(Benefit),
    "eligibility": TypeAdapter(Criterion),
    "phases": TypeAdapter(list[Phase]),
    "route": TypeAdapter(list[RouteStep]),
    "versions": TypeAdapter(list[ClauseVersion]),
}
_DEPARTMENT_LIST: TypeAdapter[list[DepartmentEntry]] = TypeAdapter(list[DepartmentEntry])


@dataclass(frozen=True, kw_only=True)
class _Checked:
    """The outcome of one run: the report, and each valid document with its file."""

    report: CheckReport
    documents: tuple[tuple[PolicyDocument, Path], ...]


def policy_files(paths: Sequence[Path]) -> list[Path]:
    """The policy files the paths name: files as given, folders expanded and sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix in _SUFFIXES and p.name not in _NOT_POLICIES
                )
            )
        elif path.is_file() and path.name not in _NOT_POLICIES:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _found(data: Any) -> str:
    if data is None:
        return "nothing (the file is empty)"
    if isinstance(data, list):
        return "a list"
    return f"a single value {show(data)}"


def _read(sink: ProblemCollector, path: Path, *, file: str) -> tuple[Any, Any] | None:
    """(node tree, data) of a YAML file, or None after reporting why it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
        parsed = parse_yaml(text)
    except UnicodeDecodeError as error:
        sink.add(
            ProblemCode.YAML_SYNTAX,
            file=file,
            line=1,
            column=1,
            problem=f"not UTF-8 ({error.reason})",
        )
        return None
    except YamlSyntaxError as error:
        sink.add(
            ProblemCode.YAML_SYNTAX,
            file=file,
            line=error.line,
            column=error.column,
            problem=error.problem,
        )
        return None
    for duplicate in duplicate_keys(parsed.root):
        sink.add(
            ProblemCode.DUPLICATE_KEY,
            file=file,
            line=duplicate.line,
            column=duplicate.column,
            key=duplicate.key,
            first=duplicate.first_line,
        )
    return parsed.root, parsed.data


def _source(sink: ProblemCollector, path: Path) -> Source | None:
    file = str(path)
    read = _read(sink, path, file=file)
    if read is None:
        return None
    root, data = read
    if not isinstance(data, dict):
        line, column = position(root, ())
        sink.add(ProblemCode.NOT_A_MAPPING, file=file, line=line, column=column, found=_found(data))
        return None
    try:
        document: PolicyDocument | None = PolicyDocument.model_validate(data)
    except ValidationError as error:
        schema_problems(sink, file=file, root=root, data=data, error=error)
        document = None
    if document is not None:
        clauses = tuple(enumerate(document.clauses))
    partial: set[int] = set()
    if document is None:
        # Check the meaning of whatever is valid on its own, so a wrong amount does not hide an
        # unknown attribute next to it: every problem counts.
        valid: list[tuple[int, Clause]] = []
        raw = data.get("clauses")
        for number, item in enumerate(raw if isinstance(raw, list) else []):
            if not isinstance(item, dict):
                continue
            try:
                valid.append((number, Clause.model_validate(item)))
            except ValidationError:
                valid.append((number, _partial_clause(item)))
                partial.add(number)
        clauses = tuple(valid)
    return Source(
        file=file,
        root=root,
        data=data,
        document=document,
        clauses=clauses,
        partial=frozenset(partial),
    )


def _part(raw: dict[str, Any], name: str) -> Any:
    if name not in raw or raw[name] is None:
        return None
    try:
        return _PARTS[name].validate_python(raw[name])
    except ValidationError:
        return None


def _partial_criterion(raw: Any) -> Criterion:
    """The valid part of a criterion; an invalid leaf becomes an empty ``any`` that checks
    nothing, so the other items keep their index (and their position in the file)."""
    try:
        criterion: Criterion = _PARTS["eligibility"].validate_python(raw)
    except ValidationError:
        pass
    else:
        return criterion
    if isinstance(raw, dict):
        if isinstance(raw.get("all"), list):
            return AllOf.model_construct(all=[_partial_criterion(i) for i in raw["all"]])
        if isinstance(raw.get("any"), list):
            return AnyOf.model_construct(any=[_partial_criterion(i) for i in raw["any"]])
        if "not" in raw:
            return NotOf.model_construct(not_=_partial_criterion(raw["not"]))
    return AnyOf.model_construct(any=[])


def _partial_clause(raw: dict[str, Any]) -> Clause:
    """A clause built from the parts of ``raw`` that are valid; the rest left empty.

    Only the meaning checks see it, and they skip the warnings a missing part would cause.
    """

    def text(name: str) -> str:
        value = raw.get(name)
        return value if isinstance(value, str) else ""

    refines = raw.get("refines")
    deadline = raw.get("deadline_days")
    return Clause.model_construct(
        id=text("id") or "?",
        number=text("number"),
        text=text("text"),
        refines=refines if isinstance(refines, str) else None,
        benefit=_part(raw, "benefit") or Benefit.model_construct(kind="none", amount=None),
        eligibility=_partial_criterion(raw["eligibility"]) if "eligibility" in raw else None,
        phases=_part(raw, "phases") or [],
        route=_part(raw, "route") or [],
        deadline_days=deadline if isinstance(deadline, int) else None,
        versions=_part(raw, "versions") or [],
    )


def _departments_file(sink: ProblemCollector, path: Path) -> list[DepartmentEntry]:
    file = str(path)
    read = _read(sink, path, file=file)
    if read is None:
        return []
    root, data = read
    if not isinstance(data, list):
        line, column = position(root, ())
        sink.add(
            ProblemCode.BAD_DEPARTMENTS_FILE,
            file=file,
            line=line,
            column=column,
            reason=f"expected a list of departments, found {_found(data)}",
        )
        return []
    try:
        entries = _DEPARTMENT_LIST.validate_python(data)
    except ValidationError as error:
        schema_problems(sink, file=file, root=root, data=data, error=error)
        return []
    kinds = [choice.value for choice in DEPARTMENT_KINDS]
    seen: set[str] = set()
    for number, entry in enumerate(entries):
        if entry.kind not in kinds:
            line, column = position(root, (number, "kind"))
            reason = f"kind {entry.kind!r} of {entry.id!r} is not one of {', '.join(kinds)}"
            sink.add(
                ProblemCode.BAD_DEPARTMENTS_FILE, file=file, line=line, column=column, reason=reason
            )
        if entry.id in seen:
            line, column = position(root, (number, "id"))
            reason = f"department id {entry.id!r} is listed twice"
            sink.add(
                ProblemCode.BAD_DEPARTMENTS_FILE, file=file, line=line, column=column, reason=reason
            )
        seen.add(entry.id)
    return entries


def _departments_files(paths: Sequence[Path]) -> list[Path]:
    """The departments.yaml at each folder's root, or next to a file that was named."""
    found: list[Path] = []
    for path in paths:
        if path.is_file() and path.name in _NOT_POLICIES:
            found.append(path)
            continue
        folder = path if path.is_dir() else path.parent
        candidate = folder / DEPARTMENTS_FILE
        if candidate.is_file() and candidate.resolve() not in {f.resolve() for f in found}:
            found.append(candidate)
    return found


def _run(
    paths: Sequence[Path],
    *,
    departments: Collection[str] | None,
    regions: Collection[str] | None,
) -> _Checked:
    sink = ProblemCollector()
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists():
            sink.add(ProblemCode.PATH_MISSING, file=str(path), line=1, column=1, path=path)
        elif path.is_dir() and not policy_files([path]):
            sink.add(ProblemCode.NO_POLICY_FILES, file=str(path), line=1, column=1, path=path)
    if departments is None:
        files = _departments_files(paths)
        if files:
            entries = [e for f in files for e in _departments_file(sink, f)]
            # A broken departments file is reported; it must not make every id unknown too.
            if entries:
                departments = frozenset(e.id for e in entries)
                if regions is None:
                    regions = frozenset(e.region for e in entries)
    known = frozenset(departments) if departments is not None else None
    sources: list[Source] = []
    documents: list[tuple[PolicyDocument, Path]] = []
    files_checked = policy_files(paths)
    for path in files_checked:
        source = _source(sink, path)
        if source is None:
            continue
        sources.append(source)
        check_document(sink, source, departments=known, regions=regions)
        if source.document is not None:
            documents.append((source.document, path))
    check_library(sink, sources)
    report = CheckReport(files=tuple(str(p) for p in files_checked), problems=sink.finish())
    return _Checked(report=report, documents=tuple(documents))


def check_paths(
    paths: Sequence[Path],
    *,
    departments: Collection[str] | None = None,
    regions: Collection[str] | None = None,
) -> CheckReport:
    """Check policy files and folders; every problem, errors and warnings, by file and line.

    ``departments`` and ``regions`` are the ids files may name; without them they come from the
    ``departments.yaml`` of the folders checked, and without that they are not checked.
    """
    return _run(paths, departments=departments, regions=regions).report


def load_library(
    paths: Sequence[Path],
    *,
    departments: Collection[str] | None = None,
    regions: Collection[str] | None = None,
) -> Library:
    """The library of the policy files; raises PolicyCheckFailed listing every error."""
    checked = _run(paths, departments=departments, regions=regions)
    if not checked.report.ok:
        raise PolicyCheckFailed(checked.report.problems)
    return Library(
        documents=tuple(document for document, _ in checked.documents),
        files={document.id: path for document, path in checked.documents},
    )


def load_departments(path: Path) -> tuple[DepartmentEntry, ...]:
    """The entries of a ``departments.yaml``; raises PolicyCheckFailed when it is broken."""
    sink = ProblemCollector()
    entries = _departments_file(sink, Path(path))
    problems = sink.finish()
    if problems:
        raise PolicyCheckFailed(problems)
    return tuple(entries)
