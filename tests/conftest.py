"""Shared test helpers: services a suite needs must exist in CI; elsewhere a skip says why."""

from __future__ import annotations

import os

import pytest

__all__ = ["require_or_skip"]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_or_skip(available: bool, why: str) -> None:
    """Fail in CI when a required service is missing; skip with the reason elsewhere."""
    if available:
        return
    if in_ci():
        pytest.fail(f"required in CI: {why}")
    pytest.skip(f"skipped outside CI: {why}")
