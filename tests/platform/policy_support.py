"""Shared by the policy tests: two policy files written for the small dataset (C1 → C2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

FILES_DIR = Path(__file__).with_name("policy_files")


def policy_files(*names: str) -> list[tuple[str, str]]:
    """(name, text) pairs of the test policy files; all of them when no name is given."""
    chosen = names or ("pol1.yaml", "pol2.yaml")
    return [(name, (FILES_DIR / name).read_text(encoding="utf-8")) for name in chosen]


def loader_available() -> bool:
    try:
        import luodi.policy.loader  # noqa: F401
    except ImportError:
        return False
    return True


needs_loader = pytest.mark.skipif(
    not loader_available(), reason="luodi.policy.loader is not there yet"
)


@pytest.fixture
def imported(demo: Any) -> Any:
    """The small dataset with the two test policy files imported over its policy rows."""
    from luodi.platform.policies.services import policy_import

    if not loader_available():
        pytest.skip("luodi.policy.loader is not there yet")
    return policy_import(files=policy_files(), user=None)


@pytest.fixture
def stored(demo: Any) -> None:
    """The two test files stored as sources directly, without the checker (page tests)."""
    import hashlib

    from django.utils import timezone

    from luodi.platform.policies.models import PolicySource

    for name, text in policy_files():
        PolicySource.objects.create(
            policy_id=name.removesuffix(".yaml").upper(),
            file_name=name,
            content=text,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            imported_at=timezone.now(),
        )
