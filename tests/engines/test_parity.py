"""The shared engine suite: the same analyses give identical results on every engine."""

from __future__ import annotations

import pytest

from luodi.contract import Dataset
from luodi.engines import Engine, get_engine
from luodi.survey import table1
from tests.engines.queries import money_by_level, staged_funnel


@pytest.fixture(scope="module")
def reference(demo_dataset: Dataset) -> dict[str, object]:
    """Results on the default engine; every engine must reproduce them exactly."""
    duckdb = get_engine("duckdb")
    return {
        "table1": table1(dataset=demo_dataset, engine=duckdb).to_dict(),
        "money": money_by_level(dataset=demo_dataset, engine=duckdb),
        "staged": staged_funnel(dataset=demo_dataset, engine=duckdb),
    }


def test_table1(engine: Engine, demo_dataset: Dataset, reference: dict[str, object]) -> None:
    assert table1(dataset=demo_dataset, engine=engine).to_dict() == reference["table1"]


def test_money_by_level(
    engine: Engine, demo_dataset: Dataset, reference: dict[str, object]
) -> None:
    money = money_by_level(dataset=demo_dataset, engine=engine)
    assert money == reference["money"]
    total = sum(value for value, _ in money.values())
    assert money["high"][0] / total > 0.5


def test_staged_funnel(engine: Engine, demo_dataset: Dataset, reference: dict[str, object]) -> None:
    funnel = staged_funnel(dataset=demo_dataset, engine=engine)
    assert funnel == reference["staged"]
    assert funnel["eligible"] == 14
    assert funnel["phase_1"] == 11
    assert funnel.get("phase_4", 0) == 0
