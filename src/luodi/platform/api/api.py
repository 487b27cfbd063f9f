"""The NinjaAPI instance: mounted at /api/, schema at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from luodi.platform.policies.api import router as policy_router

__all__ = ["api"]

api = NinjaAPI(
    title="Luodi 落地 API",
    version="1",
    description=(
        "Talent-policy platform: explain entitlements for a profile, policy coverage by group, "
        "clause rules and their lineage. Public endpoints need no login; the others use the "
        "platform's session login and its roles."
    ),
    urls_namespace="api",
)
api.add_router("/policy", policy_router, tags=["policy"])
