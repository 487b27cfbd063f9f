"""Row locks of the case workflow, always taken in one order: the case, then its step.

Every service that changes a case locks its row first, so two services never wait on each
other crosswise (no deadlock), and of two officers deciding one step at once the second waits
for the first to commit, then reads the step as the first one left it.
"""

from __future__ import annotations

from luodi.platform.cases import errors as e
from luodi.platform.cases.models import Case, CaseStep

__all__ = ["case_lock", "step_lock"]


def case_lock(case_id: str) -> Case:
    """The case row, locked until the transaction ends; ``CaseNotFound`` if there is none."""
    case = Case.objects.select_for_update().filter(case_id=case_id).first()
    if case is None:
        raise e.CaseNotFound(e.CASE_NOT_FOUND, case_id=case_id)
    return case


def step_lock(step_id: str) -> tuple[Case, CaseStep]:
    """The step's case row and then the step row, both locked; ``StepNotFound`` if none."""
    case_id = CaseStep.objects.filter(step_id=step_id).values_list("case_id", flat=True).first()
    if case_id is None:
        raise e.StepNotFound(e.STEP_NOT_FOUND, step_id=step_id)
    case = case_lock(case_id)
    # Read after the case lock: a decision committed meanwhile is what this read sees.
    step = (
        # of=self: lock the step only, not the department and region rows it is read with.
        CaseStep.objects.select_for_update(of=("self",))
        .select_related("department__region")
        .get(step_id=step_id)
    )
    return case, step
