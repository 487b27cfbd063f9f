"""Push entitlements: after a policy import, tell everyone a changed clause newly covers.

"Newly covered" is a difference between two libraries over the same population on the same
day: eligible under the clause as imported, not eligible (or unknown) under the clause as it
read before. The population is evaluated by the engine in one query per subject kind (the
coverage code's compiled rules, see :mod:`luodi.policy.compile`); only the newly covered
subjects are then explained one by one, for their notice. A clause delivered without
application (免申即享) also gets its case opened, so the notice can say it is under way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import narwhals as nw
import pyarrow as pa
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luodi.contract import TABLE_ORDER, Dataset, arrow_schema
from luodi.engines import Engine, get_engine
from luodi.platform.accounts.roles import Role
from luodi.platform.cases.models import Case
from luodi.platform.cases.services import case_open
from luodi.platform.dialogue.models import Notice
from luodi.platform.exceptions import PlatformError
from luodi.platform.policies.models import Clause
from luodi.platform.policies.selectors import library_get, profile_of_employer, profile_of_person
from luodi.platform.registry.models import Employer, Person
from luodi.policy.compile import SUBJECT_ID, Subject, compile_clauses, subject_frame
from luodi.policy.explain import ExplainPlan, explain_plan
from luodi.policy.library import Library, ResolvedClause
from luodi.policy.profile import Profile

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from luodi.platform.accounts.models import User

__all__ = [
    "NOTICE_NOT_FOUND",
    "ClauseOutreach",
    "NoticeNotFound",
    "OutreachResult",
    "clause_version",
    "newly_covered",
    "notice_list_for",
    "notice_read",
    "notices_push",
    "population_dataset",
]

logger = logging.getLogger(__name__)

_SUBJECTS: tuple[Subject, ...] = ("person", "employer")
# Subjects explained per database round trip, and how often progress is logged.
_BATCH = 500
_PROGRESS_EVERY = 5000
# A case still being worked on for the clause and subject: no second one is opened.
_LIVE_CASE_STATUSES = ("open", "blocked", "approved")

NOTICE_NOT_FOUND = _("消息“%(notice_id)s”不在您的消息中心；请从消息中心重新打开。")


class NoticeNotFound(PlatformError):
    """The notice does not exist or is not the user's."""

    def __init__(self, message: StrOrPromise, **params: object) -> None:
        self.params = params
        super().__init__(str(message) % params if params else str(message))


@dataclass(frozen=True, kw_only=True)
class ClauseOutreach:
    clause_id: str
    newly_covered: int
    notices: int
    cases_opened: int


@dataclass(frozen=True, kw_only=True)
class OutreachResult:
    """What one push did; ``already_notified`` subjects had a notice for this very rule."""

    on: dt.date
    clauses: tuple[ClauseOutreach, ...]
    notices: int
    cases_opened: int
    already_notified: int

    def to_dict(self) -> dict[str, object]:
        return {
            "on": self.on.isoformat(),
            "notices": self.notices,
            "cases_opened": self.cases_opened,
            "already_notified": self.already_notified,
            "clauses": [
                {
                    "clause_id": c.clause_id,
                    "newly_covered": c.newly_covered,
                    "notices": c.notices,
                    "cases_opened": c.cases_opened,
                }
                for c in self.clauses
            ],
        }


def _dump(value: Any) -> Any:
    return None if value is None else value.model_dump(mode="json", by_alias=True)


def clause_version(resolved: ResolvedClause) -> str:
    """A short fingerprint of what decides a notice: who is covered, what and how delivered.

    Two imports that leave these unchanged give the same version, so the same subject is
    never notified twice about the same rule.
    """
    content = {
        "subject": resolved.clause.subject,
        "eligibility": _dump(resolved.eligibility),
        "benefit": _dump(resolved.benefit),
        "delivery": resolved.clause.delivery,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def population_dataset() -> Dataset:
    """The platform's persons and employers as a contract dataset (other tables empty).

    Names are left out: rules never read them, and the engine need not hold them.
    """
    from luodi.platform.datasets.selectors import table_rows_iter

    tables: dict[str, pa.Table] = {}
    for spec in TABLE_ORDER:
        schema = arrow_schema(spec)
        if spec.name not in ("persons", "employers"):
            tables[spec.name] = schema.empty_table()
            continue
        rows = list(table_rows_iter(name=spec.name, personal=False))
        columns = [pa.array([row[i] for row in rows], type=f.type) for i, f in enumerate(schema)]
        tables[spec.name] = pa.Table.from_arrays(columns, schema=schema)
    return Dataset(tables=tables)


def _wanted(library: Library | None, ids: frozenset[str], on: dt.date) -> list[ResolvedClause]:
    if library is None:
        return []
    return [c for c in library.clauses_in_force(on) if c.id in ids]


def newly_covered(
    *,
    library: Library,
    previous: Library | None,
    clause_ids: Iterable[str],
    dataset: Dataset,
    engine: Engine,
    on: dt.date,
) -> dict[str, tuple[str, ...]]:
    """Per clause of ``clause_ids`` in force on ``on``: the ids of the subjects (persons or
    employers) eligible under ``library`` and not eligible under ``previous``, sorted.

    Unknown counts as not eligible on both sides: a notice is sent only when the engine can
    tell, and "could not tell before" is not "covered before". A clause absent from
    ``previous`` (or no previous library) covered nobody before.
    """
    ids = frozenset(clause_ids)
    after_all = _wanted(library, ids, on)
    before_all = {c.id: c for c in _wanted(previous, ids, on)}
    found: dict[str, tuple[str, ...]] = {}
    for subject in _SUBJECTS:
        after = [c for c in after_all if c.clause.subject == subject]
        if not after:
            continue
        before = [
            before_all[c.id]
            for c in after
            if c.id in before_all and before_all[c.id].clause.subject == subject
        ]
        # Compiled together so shared conditions are one column; the first len(after)
        # compiled clauses are the new rules, the rest the old ones.
        compiled = compile_clauses([*after, *before], on=on, subject=subject)
        old = {c.resolved.id: c.eligible for c in compiled.clauses[len(after) :]}
        frame = compiled.prepare(
            subject_frame(dataset=dataset, engine=engine, subject=subject),
            keep=[nw.col(SUBJECT_ID[subject]).alias("subject_id")],
        )
        flags = []
        for i, clause in enumerate(compiled.clauses[: len(after)]):
            now = clause.eligible.fill_null(value=False)
            if clause.resolved.id in old:
                now = now & ~old[clause.resolved.id].fill_null(value=False)
            flags.append(now.alias(f"n{i}"))
        names = [f"n{i}" for i in range(len(flags))]
        rows = engine.rows(
            frame.select(nw.col("subject_id"), *flags).filter(
                nw.any_horizontal(*[nw.col(n) for n in names], ignore_nulls=True)
            )
        )
        for i, resolved in enumerate(after):
            found[resolved.id] = tuple(sorted(str(r["subject_id"]) for r in rows if r[f"n{i}"]))
    return found


def _profiles(subject: Subject, ids: Sequence[str]) -> Iterable[tuple[str, Profile]]:
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        if subject == "person":
            for person in Person.objects.filter(pk__in=chunk).select_related("employer"):
                person_row, employer_row = profile_of_person(person=person)
                yield person.person_id, Profile(person=person_row, employer=employer_row or {})
        else:
            for employer in Employer.objects.filter(pk__in=chunk):
                yield employer.employer_id, Profile(employer=profile_of_employer(employer=employer))


def _already(clause_id: str, subject: Subject, version: str) -> set[str]:
    column = f"{subject}_id"
    notified = Notice.objects.filter(clause_id=clause_id, explanation__version=version)
    return {str(v) for v in notified.values_list(column, flat=True) if v is not None}


def _live_cases(clause_id: str, subject: Subject) -> dict[str, Case]:
    cases = Case.objects.filter(clause_id=clause_id, status__in=_LIVE_CASE_STATUSES)
    column = f"{subject}_id"
    return {getattr(c, column): c for c in cases.order_by("opened_at") if getattr(c, column)}


def _case_for(
    resolved: ResolvedClause, subject: Subject, subject_id: str, at: dt.datetime
) -> Case | None:
    person_id = subject_id if subject == "person" else None
    employer_id = subject_id if subject == "employer" else None
    try:
        return case_open(
            clause_id=resolved.id,
            applicant=None,
            person_id=person_id,
            employer_id=employer_id,
            at=at,
        )
    except PlatformError as error:
        # E.g. a 免申即享 clause stored without a route: the notice still goes out; the office
        # sees the clause's problem on import and the case can be opened once it is fixed.
        logger.warning("outreach: no automatic case for clause %s: %s", resolved.id, error)
        return None


def _push_clause(
    *,
    resolved: ResolvedClause,
    subjects: Sequence[str],
    plan: ExplainPlan,
    at: dt.datetime,
    counter: list[int],
) -> tuple[ClauseOutreach, int]:
    clause_id, subject = resolved.id, resolved.clause.subject
    version = clause_version(resolved)
    done = _already(clause_id, subject, version)
    todo = [s for s in subjects if s not in done]
    automatic = resolved.clause.delivery == "no_application"
    live = _live_cases(clause_id, subject) if automatic else {}
    notices: list[Notice] = []
    opened = 0
    for subject_id, profile in _profiles(subject, todo):
        explanation = plan.explain(profile).clause(clause_id)
        if explanation.eligible is not True:
            # The engine and the explainer follow the same rules and are tested to agree;
            # should they ever not, no notice is better than a wrong one.
            logger.warning("outreach: explanation disagrees for clause %s; skipped", clause_id)
            continue
        case = live.get(subject_id)
        kind = "entitled"
        if automatic and case is None:
            case = _case_for(resolved, subject, subject_id, at)
            if case is not None:
                kind, opened = "case_opened", opened + 1
        notices.append(
            Notice(
                person_id=subject_id if subject == "person" else None,
                employer_id=subject_id if subject == "employer" else None,
                clause_id=clause_id,
                kind=kind,
                explanation={
                    "version": version,
                    "on": plan.on.isoformat(),
                    **explanation.to_dict(),
                },
                case=case,
                created_at=at,
            )
        )
        counter[0] += 1
        if counter[0] % _PROGRESS_EVERY == 0:
            logger.info("outreach: %d subjects explained", counter[0])
    Notice.objects.bulk_create(notices, batch_size=_BATCH)
    outcome = ClauseOutreach(
        clause_id=clause_id,
        newly_covered=len(subjects),
        notices=len(notices),
        cases_opened=opened,
    )
    return outcome, len(subjects) - len(todo)


@transaction.atomic
def notices_push(
    *,
    clause_ids: Iterable[str],
    previous: Library | None,
    library: Library | None = None,
    at: dt.datetime | None = None,
    engine: str = "duckdb",
) -> OutreachResult:
    """Notify every person or employer that a clause of ``clause_ids`` newly covers.

    ``previous`` is the library before the change (``None``: nothing was stored), ``library``
    the one after it (default: the stored one). Eligibility is judged on the day of ``at``.
    One notice per subject and clause, carrying the engine's explanation for that subject; a
    clause delivered without application also opens the subject's case (``case_opened``).
    Pushing twice for the same rule creates nothing new. All or nothing: one transaction.
    """
    at = at or timezone.now()
    on = timezone.localdate(at) if timezone.is_aware(at) else at.date()
    library = library if library is not None else library_get()
    ids = tuple(dict.fromkeys(clause_ids))
    wanted = {c.id: c for c in _wanted(library, frozenset(ids), on)}
    if previous is not None and not previous.documents:
        previous = None
    covered = (
        newly_covered(
            library=library,
            previous=previous,
            clause_ids=wanted,
            dataset=population_dataset(),
            engine=get_engine(engine),
            on=on,
        )
        if wanted
        else {}
    )
    total = sum(len(s) for s in covered.values())
    logger.info("outreach: %d clauses checked, %d subjects newly covered", len(wanted), total)
    full = explain_plan(library=library, on=on)
    plan = ExplainPlan(on=on, clauses=tuple(c for c in full.clauses if c.resolved.id in covered))
    stored = set(Clause.objects.filter(pk__in=list(covered)).values_list("pk", flat=True))
    outcomes: list[ClauseOutreach] = []
    skipped = 0
    counter = [0]
    for clause_id, subjects in covered.items():
        if clause_id not in stored or not subjects:
            outcomes.append(
                ClauseOutreach(
                    clause_id=clause_id,
                    newly_covered=len(subjects),
                    notices=0,
                    cases_opened=0,
                )
            )
            continue
        outcome, already = _push_clause(
            resolved=wanted[clause_id], subjects=subjects, plan=plan, at=at, counter=counter
        )
        outcomes.append(outcome)
        skipped += already
    result = OutreachResult(
        on=on,
        clauses=tuple(outcomes),
        notices=sum(o.notices for o in outcomes),
        cases_opened=sum(o.cases_opened for o in outcomes),
        already_notified=skipped,
    )
    logger.info(
        "outreach: %d notices, %d cases opened, %d already notified",
        result.notices,
        result.cases_opened,
        result.already_notified,
    )
    return result


def notice_list_for(user: User) -> QuerySet[Notice]:
    """The inbox of a talent (their person's notices) or an employer (the unit's); nothing
    for any other account."""
    notices = Notice.objects.select_related("clause", "clause__policy", "case")
    if user.role == Role.TALENT and user.person_id:
        return notices.filter(person_id=user.person_id)
    if user.role == Role.EMPLOYER and user.employer_id:
        return notices.filter(employer_id=user.employer_id)
    return notices.none()


@transaction.atomic
def notice_read(*, notice_id: int, by: User, at: dt.datetime | None = None) -> Notice:
    """Mark one of ``by``'s own notices read (the first reading time is kept)."""
    notice = notice_list_for(by).select_for_update(of=("self",)).filter(pk=notice_id).first()
    if notice is None:
        # Someone else's notice is "not found" too: its existence is not for this user.
        raise NoticeNotFound(NOTICE_NOT_FOUND, notice_id=notice_id)
    if notice.read_at is None:
        notice.read_at = at or timezone.now()
        notice.save(update_fields=["read_at"])
    return notice
