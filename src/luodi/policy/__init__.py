"""Policy as code: policy files, their validation, lineage, and the entitlement engine."""

from luodi.policy.library import Library, ResolvedClause
from luodi.policy.model import (
    DERIVED_ATTRIBUTES,
    OPERATORS,
    AllOf,
    AnyOf,
    Benefit,
    Clause,
    ClauseVersion,
    Condition,
    Criterion,
    Formula,
    NotOf,
    Phase,
    PolicyDocument,
    RouteStep,
    TieredAmount,
)

__all__ = [
    "DERIVED_ATTRIBUTES",
    "OPERATORS",
    "AllOf",
    "AnyOf",
    "Benefit",
    "Clause",
    "ClauseVersion",
    "Condition",
    "Criterion",
    "Formula",
    "Library",
    "NotOf",
    "Phase",
    "PolicyDocument",
    "ResolvedClause",
    "RouteStep",
    "TieredAmount",
]
