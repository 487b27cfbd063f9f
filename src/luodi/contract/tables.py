"""The contract tables: every analysis reads these names, types, meanings and allowed values."""

from __future__ import annotations

from luodi.contract.activity_tables import CASES, DISBURSEMENTS, EVENTS
from luodi.contract.dialogue_tables import INQUIRIES
from luodi.contract.policy_tables import CLAUSE_PHASES, CLAUSE_ROUTES, CLAUSES, POLICIES
from luodi.contract.registry_tables import DEPARTMENTS, EMPLOYERS, PERSONS, REGIONS, STAFF
from luodi.contract.schema import Table
from luodi.contract.scorecard_tables import RATING_ROUNDS, RATINGS
from luodi.contract.survey_tables import SURVEY_ITEMS, SURVEY_OPTIONS, SURVEY_RESPONSES, SURVEYS
from luodi.contract.workflow_tables import CASE_STEPS, CONFLICTS, ESCALATIONS, EXCEPTIONS

__all__ = ["TABLES", "TABLE_ORDER", "table"]


# Dependency order: a table comes after every table it references, so loaders insert in this
# order and validators report a dangling reference against a table already read.
TABLE_ORDER: tuple[Table, ...] = (
    REGIONS,
    DEPARTMENTS,
    EMPLOYERS,
    PERSONS,
    STAFF,
    POLICIES,
    CLAUSES,
    CLAUSE_ROUTES,
    CLAUSE_PHASES,
    CASES,
    EVENTS,
    DISBURSEMENTS,
    CONFLICTS,
    CASE_STEPS,
    ESCALATIONS,
    EXCEPTIONS,
    INQUIRIES,
    SURVEYS,
    SURVEY_ITEMS,
    SURVEY_OPTIONS,
    SURVEY_RESPONSES,
    RATING_ROUNDS,
    RATINGS,
)

TABLES: dict[str, Table] = {t.name: t for t in TABLE_ORDER}


def table(name: str) -> Table:
    """Return the contract table called ``name``."""
    try:
        return TABLES[name]
    except KeyError:
        known = ", ".join(TABLES)
        raise KeyError(f"no contract table {name!r}; the contract has: {known}") from None
