"""Read registry records: one talent or employer, and breakdowns of talents and employers."""

from __future__ import annotations

from django.db.models import Count

from luodi.contract import choices as ch
from luodi.contract.schema import Choice
from luodi.platform.common import LabelledCount, choice_label
from luodi.platform.registry.models import Department, Employer, Person

__all__ = [
    "department_get",
    "employer_get",
    "employer_kind_count_list",
    "employer_stage_count_list",
    "person_get",
    "talent_tier_count_list",
]


def person_get(*, person_id: str) -> Person | None:
    return Person.objects.select_related("employer").filter(person_id=person_id).first()


def employer_get(*, employer_id: str) -> Employer | None:
    return Employer.objects.select_related("region").filter(employer_id=employer_id).first()


def department_get(*, department_id: str) -> Department | None:
    return Department.objects.select_related("region").filter(department_id=department_id).first()


def _breakdown(counts: dict[str, int], choices: tuple[Choice, ...]) -> list[LabelledCount]:
    # Every allowed value appears, in the contract's order, so an empty tier shows as 0.
    return [
        LabelledCount(
            value=choice.value,
            label=choice_label(choices, choice.value),
            count=counts.get(choice.value, 0),
        )
        for choice in choices
    ]


def talent_tier_count_list(*, employer_id: str | None = None) -> list[LabelledCount]:
    """Talents per tier, for one employer or the whole registry."""
    persons = Person.objects.all()
    if employer_id is not None:
        persons = persons.filter(employer_id=employer_id)
    rows = persons.values("talent_tier").annotate(n=Count("person_id")).order_by()
    return _breakdown({row["talent_tier"]: row["n"] for row in rows}, ch.TALENT_TIERS)


def employer_kind_count_list() -> list[LabelledCount]:
    rows = Employer.objects.values("kind").annotate(n=Count("employer_id")).order_by()
    return _breakdown({row["kind"]: row["n"] for row in rows}, ch.EMPLOYER_KINDS)


def employer_stage_count_list() -> list[LabelledCount]:
    rows = Employer.objects.values("stage").annotate(n=Count("employer_id")).order_by()
    return _breakdown({row["stage"]: row["n"] for row in rows}, ch.EMPLOYER_STAGES)
