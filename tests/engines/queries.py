"""Aggregations written once in Narwhals, run by the shared suite on every engine."""

from __future__ import annotations

import narwhals as nw

from luodi.contract import Dataset
from luodi.demo.people import STAGED_ELIGIBLE_KINDS, STAGED_FOUNDED_FROM
from luodi.demo.policies import STAGED_CLAUSE
from luodi.engines import Engine


def money_by_level(*, dataset: Dataset, engine: Engine) -> dict[str, tuple[float, int]]:
    """Disbursed money and number of persons paid, per talent level (high / middle / general)."""
    frames = engine.frames(dataset)
    level = (
        nw.when(nw.col("talent_tier").is_in(["A", "B", "C"]))
        .then(nw.lit("high"))
        .otherwise(
            nw.when(nw.col("talent_tier").is_in(["D", "E", "F"]))
            .then(nw.lit("middle"))
            .otherwise(nw.lit("general"))
        )
        .alias("level")
    )
    query = (
        frames["disbursements"]
        .join(frames["cases"].select("case_id", "person_id"), on="case_id")
        .join(frames["persons"].select("person_id", "talent_tier"), on="person_id")
        .with_columns(level)
        .group_by("level")
        .agg(nw.col("amount").sum().alias("money"), nw.col("person_id").n_unique().alias("paid"))
    )
    return {
        str(row["level"]): (round(float(row["money"]), 2), int(row["paid"]))  # type: ignore[arg-type, call-overload]
        for row in engine.rows(query)
    }


def staged_funnel(*, dataset: Dataset, engine: Engine) -> dict[str, int]:
    """Eligible applicants of the staged funding, then firms paid per phase."""
    frames = engine.frames(dataset)
    applied = (
        frames["cases"]
        .filter(nw.col("clause_id") == STAGED_CLAUSE)
        .join(frames["employers"], on="employer_id")
    )
    eligible = applied.filter(
        nw.col("kind").is_in(list(STAGED_ELIGIBLE_KINDS)),
        nw.col("founded_on") >= STAGED_FOUNDED_FROM,
    ).select(nw.col("employer_id").n_unique().alias("n"))
    phases = (
        applied.select("case_id", "employer_id")
        .join(frames["disbursements"], on="case_id")
        .group_by("phase")
        .agg(nw.col("employer_id").n_unique().alias("firms"))
    )
    result = {"eligible": int(engine.rows(eligible)[0]["n"])}  # type: ignore[call-overload]
    for row in engine.rows(phases):
        result[f"phase_{row['phase']}"] = int(row["firms"])  # type: ignore[call-overload]
    return result
