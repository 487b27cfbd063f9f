"""The demo dataset, generated once per test session."""

from __future__ import annotations

import pytest

from luodi.contract import Dataset
from luodi.demo import generate


@pytest.fixture(scope="session")
def demo() -> Dataset:
    return generate()
