"""Import policy files: check them with the whole library, then store them and their rows."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from luodi.platform.dialogue.outreach import notices_push
from luodi.platform.policies.models import Clause, ClausePhase, ClauseRoute, Policy, PolicySource
from luodi.platform.policies.selectors import library_get
from luodi.platform.registry.models import Department, Region
from luodi.policy.model import PolicyDocument

if TYPE_CHECKING:
    from luodi.platform.accounts.models import User
    from luodi.policy.library import Library

__all__ = [
    "DEMO_LIBRARY_DIR",
    "IMPORT_BAD_NAME",
    "IMPORT_CLAUSE_IN_USE",
    "IMPORT_DUPLICATE_NAME",
    "IMPORT_NO_FILES",
    "ImportProblem",
    "ImportedPolicy",
    "PolicyImportFailed",
    "PolicyImportResult",
    "library_check",
    "policy_demo_sources_replace",
    "policy_import",
]

IMPORT_NO_FILES = "no policy files given; choose one or more .yaml files to import"
IMPORT_BAD_NAME = (
    "{name!r} is not a policy file name; give a plain file name ending in .yaml or .yml"
)
IMPORT_DUPLICATE_NAME = "{name!r} is given twice; import each file once"
IMPORT_CLAUSE_IN_USE = (
    "clause {clause_id!r} is no longer in {policy_id!r} but cases, inquiries or lower-level "
    "clauses still refer to it; keep the clause in the file (it can be ended with a version) "
    "or remove those references first"
)

# The demo district's policy files; demo_load stores the ones its dataset was built from.
DEMO_LIBRARY_DIR = Path(__file__).resolve().parents[2] / "demo" / "library"
_SUFFIXES = (".yaml", ".yml")
_NOT_POLICIES = frozenset({"departments.yaml", "departments.yml"})


@dataclass(frozen=True, kw_only=True)
class ImportProblem:
    """One problem found in a file, located as the checker locates it (1-based)."""

    severity: str
    file: str
    line: int | None
    column: int | None
    code: str
    message: str

    @property
    def where(self) -> str:
        parts = [self.file, *(str(n) for n in (self.line, self.column) if n is not None)]
        return ":".join(parts)


class PolicyImportFailed(Exception):
    """The files do not form a valid library with the policies already stored."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = tuple(problems)
        lines = [f"{p.where}: {p.severity}: {p.message}" for p in self.problems]
        super().__init__("policy import failed:\n" + "\n".join(lines))


@dataclass(frozen=True, kw_only=True)
class ImportedPolicy:
    policy_id: str
    title: str
    file_name: str
    clauses: int
    created: bool


@dataclass(frozen=True, kw_only=True)
class PolicyImportResult:
    imported: tuple[ImportedPolicy, ...]
    # Outreach to those the imported clauses newly cover (see ``dialogue.outreach``).
    notices: int = 0
    cases_opened: int = 0


def _document_id(text: str) -> str | None:
    # Only to know which stored document an upload replaces; the checker reports bad YAML.
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _name_problems(files: Sequence[tuple[str, str]]) -> list[ImportProblem]:
    def problem(name: str, message: str) -> ImportProblem:
        return ImportProblem(
            severity="error", file=name, line=None, column=None, code="file", message=message
        )

    if not files:
        return [problem("-", IMPORT_NO_FILES)]
    problems: list[ImportProblem] = []
    seen: set[str] = set()
    for name, _ in files:
        if Path(name).name != name or not name.lower().endswith(_SUFFIXES) or name.startswith("."):
            problems.append(problem(name, IMPORT_BAD_NAME.format(name=name)))
        elif name in seen:
            problems.append(problem(name, IMPORT_DUPLICATE_NAME.format(name=name)))
        seen.add(name)
    return problems


def _problem_file(raw: object, names: dict[str, str]) -> str:
    text = str(raw)
    if text in names:
        return names[text]
    for path, name in names.items():
        if text.endswith(path) or path.endswith(text):
            return name
    return text


def library_check(
    *, files: Sequence[tuple[str, str]], stored: Iterable[tuple[str, str]] = ()
) -> Library:
    """Check ``files`` (name, YAML text) together with ``stored`` ones against the registry.

    The checker reads files, so both sets are written to a private temporary folder; problems
    name the file as given, never the temporary path. Raises ``PolicyImportFailed``.
    """
    problems = _name_problems(files)
    if problems:
        raise PolicyImportFailed(problems)
    from luodi.policy.errors import PolicyCheckFailed
    from luodi.policy.loader import load_library

    departments = frozenset(Department.objects.values_list("department_id", flat=True))
    regions = frozenset(Region.objects.values_list("region_id", flat=True))
    with tempfile.TemporaryDirectory(prefix="luodi-policy-") as folder:
        root = Path(folder)
        names: dict[str, str] = {}
        paths: list[Path] = []
        # One folder per file: a stored and an uploaded file may share a name.
        for index, (name, text) in enumerate([*stored, *files]):
            path = root / f"{index:04d}" / name
            path.parent.mkdir()
            path.write_text(text, encoding="utf-8")
            names[str(path)] = name
            paths.append(path)
        try:
            return load_library(paths, departments=departments, regions=regions)
        except PolicyCheckFailed as failed:
            raise PolicyImportFailed(
                [
                    ImportProblem(
                        severity=str(p.severity),
                        file=_problem_file(p.file, names),
                        line=p.line,
                        column=p.column,
                        code=str(p.code),
                        message=p.message,
                    )
                    for p in failed.problems
                ]
            ) from None


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _contract_rows_write(document: PolicyDocument, *, file_name: str) -> None:
    """Rewrite the contract rows of one document; references are set in a second pass."""
    Policy.objects.update_or_create(
        policy_id=document.id,
        defaults={
            "title": document.title,
            "document_number": document.document_number,
            "issuer_id": document.issuer,
            "level": document.level,
            "region_id": document.region,
            "issued_on": document.issued_on,
            "effective_from": document.effective_from,
            "effective_to": document.effective_to,
        },
    )
    keep = [clause.id for clause in document.clauses]
    for clause in document.clauses:
        # The contract keeps one flat row per clause: the base rule, not its later versions;
        # only a plain number fits the amount column (tiers and formulas stay in the file).
        amount = clause.benefit.amount
        Clause.objects.update_or_create(
            clause_id=clause.id,
            defaults={
                "policy_id": document.id,
                "number": clause.number,
                "text": clause.text,
                "benefit_kind": clause.benefit.kind,
                "amount": float(amount) if isinstance(amount, int | float) else None,
                "deadline_days": clause.deadline_days,
                "delivery_mode": clause.delivery,
            },
        )
        ClauseRoute.objects.filter(clause_id=clause.id).delete()
        ClauseRoute.objects.bulk_create(
            ClauseRoute(
                clause_id=clause.id,
                position=position,
                department_id=step.department,
                role=step.role,
            )
            for position, step in enumerate(clause.route, start=1)
        )
        ClausePhase.objects.filter(clause_id=clause.id).delete()
        ClausePhase.objects.bulk_create(
            ClausePhase(
                clause_id=clause.id, phase=phase.phase, share=phase.share, condition=phase.condition
            )
            for phase in clause.phases
        )
    for gone in Clause.objects.filter(policy_id=document.id).exclude(clause_id__in=keep):
        ClauseRoute.objects.filter(clause=gone).delete()
        ClausePhase.objects.filter(clause=gone).delete()
        try:
            gone.delete()
        except ProtectedError:
            message = IMPORT_CLAUSE_IN_USE.format(clause_id=gone.clause_id, policy_id=document.id)
            raise PolicyImportFailed(
                [
                    ImportProblem(
                        severity="error",
                        file=file_name,
                        line=None,
                        column=None,
                        code="clause_in_use",
                        message=message,
                    )
                ]
            ) from None


def _references_write(document: PolicyDocument) -> None:
    # The contract has one ``supersedes`` column; the first superseded document that is stored
    # is the one recorded.
    superseded = Policy.objects.filter(pk__in=document.supersedes).values_list("pk", flat=True)
    first = next((pid for pid in document.supersedes if pid in set(superseded)), None)
    Policy.objects.filter(pk=document.id).update(supersedes_id=first)
    for clause in document.clauses:
        refines = clause.refines
        if refines is not None and not Clause.objects.filter(pk=refines).exists():
            refines = None
        Clause.objects.filter(pk=clause.id).update(refines_id=refines)


@transaction.atomic
def policy_import(*, files: Sequence[tuple[str, str]], user: User | None) -> PolicyImportResult:
    """Check ``files`` with the stored library and, if all is well, store them.

    Each file's document replaces the stored document with the same id, and its contract rows
    (policy, clauses, routes, phases) are rewritten. Any problem writes nothing and raises
    ``PolicyImportFailed`` with every problem found.
    """
    uploaded_ids = {doc_id for _, text in files if (doc_id := _document_id(text))}
    stored = [
        (source.file_name, source.content)
        for source in PolicySource.objects.exclude(policy_id__in=uploaded_ids)
    ]
    library = library_check(files=files, stored=stored)
    # The library as it read before this import: outreach compares the two.
    previous = library_get()
    documents = {document.id: document for document in library.documents}
    now = timezone.now()
    imported: list[ImportedPolicy] = []
    written: list[PolicyDocument] = []
    for name, text in files:
        doc_id = _document_id(text)
        if doc_id is None or doc_id not in documents:
            continue  # cannot happen after a clean check; never write what was not checked
        document = documents[doc_id]
        _, created = PolicySource.objects.update_or_create(
            policy_id=document.id,
            defaults={
                "file_name": name,
                "content": text,
                "sha256": _sha256(text),
                "imported_at": now,
                "imported_by": user,
            },
        )
        _contract_rows_write(document, file_name=name)
        written.append(document)
        imported.append(
            ImportedPolicy(
                policy_id=document.id,
                title=document.title,
                file_name=name,
                clauses=len(document.clauses),
                created=created,
            )
        )
    for document in written:
        _references_write(document)
    # In this transaction, not after commit: "newly covered" is the difference between the
    # library before and after, and once the import is committed the "before" is gone, so
    # notices that were lost (a crash between commit and push) could never be recomputed.
    # Inside it, the import, every notice and every automatic case are kept, or none is.
    pushed = notices_push(
        clause_ids=[clause.id for document in written for clause in document.clauses],
        previous=previous,
        library=library,
        at=now,
    )
    return PolicyImportResult(
        imported=tuple(imported), notices=pushed.notices, cases_opened=pushed.cases_opened
    )


def _demo_files(directory: Path) -> list[tuple[str, str]]:
    # departments.yaml lists the registry the library was written against; not a policy.
    return [
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted(directory.rglob("*"))
        if path.suffix in _SUFFIXES and path.name not in _NOT_POLICIES
    ]


@transaction.atomic
def policy_demo_sources_replace(*, directory: Path = DEMO_LIBRARY_DIR) -> int:
    """Store the demo library's files whose documents are in the contract tables.

    The contract rows came with the demo dataset, built from these same files, so only the
    sources are stored; a dataset without the demo policies (a test's small one) gets none.
    Returns the number of files stored.
    """
    PolicySource.objects.all().delete()
    if not directory.is_dir():
        return 0
    present = set(Policy.objects.values_list("policy_id", flat=True))
    files = [
        (doc_id, name, text)
        for name, text in _demo_files(directory)
        if (doc_id := _document_id(text)) is not None and doc_id in present
    ]
    if not files:
        return 0
    library_check(files=[(name, text) for _, name, text in files])
    now = timezone.now()
    PolicySource.objects.bulk_create(
        PolicySource(
            policy_id=doc_id,
            file_name=name,
            content=text,
            sha256=_sha256(text),
            imported_at=now,
            imported_by=None,
        )
        for doc_id, name, text in files
    )
    return len(files)
