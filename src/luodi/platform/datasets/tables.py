"""The one mapping from contract tables to platform models and their columns."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from luodi.contract import TABLE_ORDER, Table

__all__ = ["CONTRACT_MODELS", "contract_model", "field_attnames"]

CONTRACT_MODELS: dict[str, str] = {
    "regions": "registry.Region",
    "departments": "registry.Department",
    "employers": "registry.Employer",
    "persons": "registry.Person",
    "staff": "registry.Staff",
    "policies": "policies.Policy",
    "clauses": "policies.Clause",
    "clause_routes": "policies.ClauseRoute",
    "clause_phases": "policies.ClausePhase",
    "cases": "cases.Case",
    "events": "cases.Event",
    "disbursements": "cases.Disbursement",
    "conflicts": "coordination.Conflict",
    "case_steps": "cases.CaseStep",
    "escalations": "coordination.Escalation",
    "exceptions": "coordination.ProcedureException",
    "inquiries": "dialogue.Inquiry",
    "surveys": "surveys.Survey",
    "survey_items": "surveys.SurveyItem",
    "survey_options": "surveys.SurveyOption",
    "survey_responses": "surveys.SurveyResponse",
    "rating_rounds": "scorecards.RatingRound",
    "ratings": "scorecards.Rating",
}
assert set(CONTRACT_MODELS) == {t.name for t in TABLE_ORDER}, "every contract table has a model"


def contract_model(table: Table | str) -> type[models.Model]:
    """The model that stores the contract table ``table``."""
    name = table if isinstance(table, str) else table.name
    return apps.get_model(CONTRACT_MODELS[name])


def field_attnames(table: Table) -> list[str]:
    """The model attribute of each contract column, in contract order.

    A foreign key's attribute (``refines_id``) differs from its column (``refines``); reading
    and writing through the attribute stores the raw id without fetching the related row.
    """
    model = contract_model(table)
    by_column = {field.column: field.attname for field in model._meta.concrete_fields}
    return [by_column[name] for name in table.column_names]
