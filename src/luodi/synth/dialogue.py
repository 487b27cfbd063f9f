"""Synthetic inquiries and survey answers, resampled from the demo district's.

Inquiries are demo rows drawn with replacement (their lifecycle stays consistent), shifted by
whole weeks and re-pointed at synthetic persons and employers. Survey answers are drawn by
respondent: each synthetic respondent answers exactly as one demo respondent did, so the
skip logic (who was asked which item) and the calibrated shares of D3 carry over.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from luodi.contract import Dataset
from luodi.synth.arrays import expand, ids, with_schema
from luodi.synth.registry import Registry

__all__ = ["inquiry_table", "survey_response_table"]

_WEEK_US = 7 * 86_400 * 1_000_000
_TIMES = ("submitted_at", "answered_at", "routed_at", "accepted_at", "closed_at")
_DATES = ("accept_due_on", "answer_due_on")


def _repoint(
    column: pa.ChunkedArray, targets: pa.ChunkedArray, rng: np.random.Generator
) -> pa.Array:
    """A random target id where the demo row had one, null where it had none."""
    pick = rng.integers(0, len(targets), size=len(column))
    missing = np.asarray(pc.is_null(column).to_numpy(zero_copy_only=False), dtype=bool)
    return targets.take(pa.array(pick, mask=missing))


def inquiry_table(
    demo: Dataset, *, registry: Registry, count: int, rng: np.random.Generator
) -> pa.Table:
    """``count`` inquiries of the dialogue desk."""
    rows = demo["inquiries"].take(pa.array(rng.integers(0, demo["inquiries"].num_rows, size=count)))
    weeks = rng.integers(-2, 3, size=count)
    columns: dict[str, pa.Array | pa.ChunkedArray] = {n: rows.column(n) for n in rows.column_names}
    for name in _TIMES:
        shift = pa.array(weeks * _WEEK_US, pa.duration("us"))
        columns[name] = pc.add(rows.column(name), shift)
    for name in _DATES:
        days = pc.add(
            pc.cast(rows.column(name), pa.int32()), pa.array((weeks * 7).astype(np.int32))
        )
        columns[name] = pc.cast(days, pa.date32())
    columns["inquiry_id"] = ids("INQ", count, 8)
    columns["person_id"] = _repoint(
        rows.column("person_id"), registry.persons.column("person_id"), rng
    )
    columns["employer_id"] = _repoint(
        rows.column("employer_id"), registry.employers.column("employer_id"), rng
    )
    return with_schema("inquiries", columns)


def survey_response_table(demo: Dataset, *, respondents: int, rng: np.random.Generator) -> pa.Table:
    """The answers of ``respondents`` respondents, each a copy of a demo respondent's."""
    answers = demo["survey_responses"].sort_by([("respondent_id", "ascending")])
    who = answers.column("respondent_id")
    changes = pc.not_equal(who.slice(1), who.slice(0, len(who) - 1))
    starts = np.concatenate([[0], np.flatnonzero(changes.to_numpy(zero_copy_only=False)) + 1])
    counts = np.diff(np.concatenate([starts, [len(who)]]))
    pick = rng.integers(0, len(starts), size=respondents)
    respondent, _, row = expand(counts[pick], starts[pick])
    copied = answers.take(pa.array(row))
    table = with_schema(
        "survey_responses",
        {
            "survey_id": copied.column("survey_id"),
            "respondent_id": ids("Q", respondents, 7).take(pa.array(respondent)),
            "item_code": copied.column("item_code"),
            "value": copied.column("value"),
        },
    )
    # In key order, as the other tables are: the validator then sees the key is unique in
    # one pass instead of hashing every row.
    key = [(name, "ascending") for name in ("survey_id", "respondent_id", "item_code")]
    return table.sort_by(key)
