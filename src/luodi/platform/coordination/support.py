"""What the coordination services share: role checks, locks, coordinator rows, decision events."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from luodi.contract.schema import Choice
from luodi.platform.accounts.roles import ACTION_ROLES, Action, may_act, role_of
from luodi.platform.cases.events import event_append
from luodi.platform.cases.models import Case, CaseStep
from luodi.platform.common import bilingual
from luodi.platform.coordination.errors import (
    COORDINATOR_MISSING,
    DEPARTMENT_NOT_FOUND,
    NOT_ALLOWED,
    VALUE_REQUIRED,
    CoordinationPermissionError,
    CoordinationValueError,
    CoordinatorMissing,
    RecordNotFound,
)
from luodi.platform.registry.models import Department

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from luodi.platform.accounts.models import User

__all__ = [
    "ACTION_NAMES",
    "LEADERSHIP_GROUP",
    "STALLED_STEPS",
    "TALENT_OFFICE",
    "UNDECIDED",
    "ReopenDecision",
    "check_may",
    "coordinator",
    "decision_record",
    "department_get",
    "label_lazy",
    "label_zh",
    "lock_case",
    "lock_step",
    "now",
    "required",
]

ReopenDecision = Literal["instructed", "rule_issued", "clause_amended"]

# Escalations still waiting for someone: at most one per step.
UNDECIDED = ("open", "referred")
# Steps a coordinator can drive on; an approved, rejected or returned step is not stalled
# by a department.
STALLED_STEPS = ("pending", "blocked")
# Department kinds of the two coordinators.
TALENT_OFFICE = "talent_office"
LEADERSHIP_GROUP = "leadership_group"

_FIELD_NAMES = {
    "note": _("决定内容（说明）"),
    "title": _("冲突事项"),
    "rule_a": _("规定甲"),
    "rule_b": _("规定乙"),
    "resolution": _("解决方式"),
    "what": _("例外事项"),
    "why": _("例外理由"),
    "requested_by": _("提出人"),
    "approved_by": _("批准人"),
}
# Inside a sentence ("… may not %(action)s"), hence their own context: page buttons with the
# same Chinese text are capitalised in English.
_IN_SENTENCE = "coordination action in a sentence"
ACTION_NAMES = {
    Action.ESCALATION_REFER: pgettext_lazy(_IN_SENTENCE, "提请领导小组协调"),
    Action.ESCALATION_URGE: pgettext_lazy(_IN_SENTENCE, "督促部门办理"),
    Action.ESCALATION_DECIDE: pgettext_lazy(_IN_SENTENCE, "作出领导小组协调决定"),
    Action.CONFLICT_REGISTER: pgettext_lazy(_IN_SENTENCE, "登记规定冲突"),
    Action.CONFLICT_RESOLVE: pgettext_lazy(_IN_SENTENCE, "解决规定冲突"),
    Action.EXCEPTION_RECORD: pgettext_lazy(_IN_SENTENCE, "登记例外办理"),
}


def now() -> dt.datetime:
    return timezone.now()


def label_zh(choices: tuple[Choice, ...], value: str) -> str:
    """A choice's Chinese label: event text is contract data and stays Chinese."""
    return next((c.zh for c in choices if c.value == value), value)


def label_lazy(choices: tuple[Choice, ...], value: str) -> StrOrPromise:
    """A choice's label for an error message, in the language active when it is shown."""
    choice = next((c for c in choices if c.value == value), None)
    return value if choice is None else bilingual(choice.zh, choice.en)


def required(**values: str) -> dict[str, str]:
    """The values stripped; an empty one is refused with its field's name."""
    cleaned = {name: value.strip() for name, value in values.items()}
    for name, value in cleaned.items():
        if not value:
            raise CoordinationValueError(VALUE_REQUIRED, field=_FIELD_NAMES[name])
    return cleaned


def check_may(by: User, action: Action) -> None:
    """Refuse ``action`` unless ``by``'s role may take it (decided in accounts.roles)."""
    if may_act(by, action):
        return
    role = role_of(by)
    allowed = [r.label for r in sorted(ACTION_ROLES[action], key=lambda r: r.value)]
    raise CoordinationPermissionError(
        NOT_ALLOWED,
        username=by.get_username(),
        role=role.label if role is not None else by.role or "—",
        action=ACTION_NAMES[action],
        allowed=allowed[0] if len(allowed) == 1 else " / ".join(str(a) for a in allowed),
    )


def coordinator(kind: str, *, by: User | None = None, near: Department | None = None) -> Department:
    """The talent office's or leadership group's department row, to record events under.

    The acting account's own department when it is of that kind; else the one in the region of
    the department concerned; else the first of that kind.
    """
    if by is not None and by.department_id is not None:
        own = Department.objects.filter(pk=by.department_id, kind=kind).first()
        if own is not None:
            return own
    candidates = Department.objects.filter(kind=kind).order_by("department_id")
    found = None
    if near is not None:
        found = candidates.filter(region_id=near.region_id).first()
    found = found or candidates.first()
    if found is None:
        raise CoordinatorMissing(COORDINATOR_MISSING, kind=kind)
    return found


def department_get(department_id: str) -> Department:
    try:
        return Department.objects.get(pk=department_id)
    except Department.DoesNotExist:
        raise RecordNotFound(DEPARTMENT_NOT_FOUND, department_id=department_id) from None


# Locks are always taken case first, then its step or escalation, the order the case services
# use too, so a scan and an officer's decision on the same case never deadlock.
def lock_case(case_id: str) -> Case:
    return Case.objects.select_for_update().get(pk=case_id)


def lock_step(step_id: str) -> CaseStep:
    case_id = CaseStep.objects.values_list("case_id", flat=True).get(pk=step_id)
    lock_case(case_id)
    return (
        CaseStep.objects.select_for_update(of=("self",))
        .select_related("case", "department")
        .get(pk=step_id)
    )


def decision_record(
    *,
    step: CaseStep,
    coordinator: Department,
    activity: str,
    role: str,
    decision: ReopenDecision,
    by: User,
    note: str,
    at: dt.datetime,
) -> None:
    """Write a coordinator's decision to the case's log and reopen the step if it is stalled.

    ``step_reopen`` writes the step's own event carrying the decision, so the coordinator's
    event then carries none: one decision is counted once, and the log still shows the
    hand-over through the talent office or leadership group. A step the department settled
    meanwhile needs no push; the coordinator's event then carries the decision itself.
    """
    # The caller holds the case's lock, so the status read here holds until commit.
    stalled = CaseStep.objects.filter(pk=step.pk, status__in=STALLED_STEPS).exists()
    event_append(
        case=step.case,
        activity=activity,
        department_id=coordinator.department_id,
        role=role,
        lifecycle="complete",
        decision=None if stalled else decision,
        resource=by.get_username(),
        reason=note,
        at=at,
    )
    if stalled:
        # Imported here: the case services raise escalations through the coordination ones.
        from luodi.platform.cases.services import step_reopen

        step_reopen(step_id=step.pk, by=by, decision=decision, note=note)
