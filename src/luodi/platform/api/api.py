"""The NinjaAPI instance: mounted at /api/, schema at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from luodi.platform.dialogue.api import (
    OPEN311_PREFIX,
    dialogue_router,
    open311_errors,
    open311_router,
)
from luodi.platform.policies.api import router as policy_router

__all__ = ["api"]

api = NinjaAPI(
    title="Luodi 落地 API",
    version="1",
    description=(
        "Talent-policy platform: explain entitlements for a profile, policy coverage by group, "
        "clause rules and their lineage; the public dialogue desk as Open311 GeoReport v2 "
        "services and requests, and its rates. Public endpoints need no login; the others use "
        "the platform's session login and its roles."
    ),
    urls_namespace="api",
)
api.add_router("/policy", policy_router, tags=["policy"])
api.add_router(OPEN311_PREFIX, open311_router, tags=["open311"])
api.add_router("/dialogue", dialogue_router, tags=["dialogue"])


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Open311 clients expect an error array with code 400; the other endpoints keep 422."""
    if request.path.startswith(f"/api{OPEN311_PREFIX}/"):
        descriptions = [
            f"{'.'.join(str(part) for part in error.get('loc', ())[1:]) or 'request'}: "
            f"{error.get('msg', 'invalid')}"
            for error in exc.errors
        ]
        return api.create_response(request, open311_errors(400, *descriptions), status=400)
    return api.create_response(request, {"detail": exc.errors}, status=422)
