"""Table 1: counts and shares of the profile items, next to the figures the study printed."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import narwhals as nw

from luodi.contract import Dataset
from luodi.demo.calibration import TABLE1, ItemTarget
from luodi.engines import Engine

__all__ = ["Inconsistency", "Table1", "Table1Row", "pick_survey", "table1"]

SHARE_DECIMALS = 6  # six decimals: no double rounding against the print's 0.1 percentage point


@dataclass(frozen=True, kw_only=True)
class Table1Row:
    """One category of one item; ``share`` is a fraction of ``valid_n`` (not a percentage)."""

    item: str
    category: str
    count: int
    valid_n: int
    share: float
    printed_share: float | None  # the study's figure as a fraction; None if it printed none


@dataclass(frozen=True, kw_only=True)
class Inconsistency:
    """An item whose printed figures no integer counts reproduce, and why."""

    item: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class Table1:
    rows: tuple[Table1Row, ...]
    inconsistent: tuple[Inconsistency, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``luodi survey table1 --json``."""
        return {
            "rows": [asdict(row) for row in self.rows],
            "inconsistent": [asdict(entry) for entry in self.inconsistent],
        }


def pick_survey(dataset: Dataset, survey_id: str | None) -> str:
    known = [str(value) for value in dataset["surveys"].column("survey_id").to_pylist()]
    if survey_id is not None:
        if survey_id not in known:
            raise ValueError(
                f"survey {survey_id!r} is not in the dataset's surveys table; "
                f"pass one of: {', '.join(known) or '(none)'}"
            )
        return survey_id
    if len(known) != 1:
        raise ValueError(
            f"the dataset holds {len(known)} surveys ({', '.join(known) or 'none'}); "
            "pass survey_id to choose the one to tabulate"
        )
    return known[0]


def _options(dataset: Dataset, survey_id: str) -> dict[str, list[tuple[str, str]]]:
    """(code, label) per item in questionnaire order: metadata, small enough for Python."""
    by_item: dict[str, list[tuple[int, str, str]]] = {}
    for row in dataset["survey_options"].to_pylist():
        if row["survey_id"] == survey_id:
            by_item.setdefault(row["item_code"], []).append(
                (row["position"], row["code"], row["label"])
            )
    return {
        item: [(code, label) for _, code, label in sorted(rows)] for item, rows in by_item.items()
    }


def _printed(item: ItemTarget, label: str) -> float | None:
    for category in item.categories:
        if category.label == label and category.printed is not None:
            return round(float(category.printed.value / 100), SHARE_DECIMALS)
    return None


def table1(*, dataset: Dataset, engine: Engine, survey_id: str | None = None) -> Table1:
    """Count the Table 1 items of one survey on ``engine``; attach the printed shares.

    Counting runs as one Narwhals group-by on the engine; the printed figures come from
    :mod:`luodi.demo.calibration` and are only attached for comparison. A missing answer is a
    missing row, so each item has its own valid count.
    """
    survey = pick_survey(dataset, survey_id)
    codes = [item.code for item in TABLE1]
    counted = (
        engine.frame(dataset["survey_responses"])
        .filter(nw.col("survey_id") == survey, nw.col("item_code").is_in(codes))
        .group_by("item_code", "value")
        .agg(nw.len().alias("count"))
    )
    counts: dict[str, dict[str, int]] = {}
    for row in engine.rows(counted):
        count = row["count"]
        assert isinstance(count, int), f"an engine returned a {type(count).__name__} count"
        counts.setdefault(str(row["item_code"]), {})[str(row["value"])] = count
    options = _options(dataset, survey)
    rows: list[Table1Row] = []
    inconsistent: list[Inconsistency] = []
    for item in TABLE1:
        values = counts.get(item.code)
        if not values:
            continue  # the survey did not ask this item
        valid_n = sum(values.values())
        listed = options.get(item.code) or [(c.code, c.label) for c in item.categories]
        # Answers outside the option list are shown under their raw value, not dropped.
        extra = sorted(value for value in values if value not in dict(listed))
        for code, label in [*listed, *((value, value) for value in extra)]:
            count = values.get(code, 0)
            rows.append(
                Table1Row(
                    item=item.label,
                    category=label,
                    count=count,
                    valid_n=valid_n,
                    share=round(count / valid_n, SHARE_DECIMALS),
                    printed_share=_printed(item, label),
                )
            )
        if item.inconsistent is not None:
            inconsistent.append(Inconsistency(item=item.label, reason=item.inconsistent))
    return Table1(rows=tuple(rows), inconsistent=tuple(inconsistent))
