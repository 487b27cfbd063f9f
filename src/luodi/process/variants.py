"""Variants: the distinct activity sequences of the cases, with how many cases follow each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import narwhals as nw
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from luodi.engines import Engine, Frame

__all__ = ["Variants", "count_variants", "variants_in", "variants_of"]


@dataclass(frozen=True, kw_only=True)
class Variants:
    """Sequences (most frequent first, ties by sequence) and their case counts."""

    sequences: tuple[tuple[str, ...], ...]
    cases: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.sequences)


def _as_numpy(array: pa.ChunkedArray | pa.Array) -> np.ndarray[Any, Any]:
    return np.asarray(array.to_numpy(zero_copy_only=False))


def variants_of(*, events: Frame, engine: Engine, key: str = "activity") -> Variants:
    """Variants of ``events`` (the core columns of an event log) over the ``key`` column.

    The engine sorts; the grouping into sequences is vectorised with numpy: cases of the same
    length form one matrix, and the distinct rows of each matrix are that length's variants.
    Exact, unlike hashing sequences, and without a Python loop over events.
    """
    ordered = engine.collect(
        events.filter(~nw.col(key).is_null())
        .select("case_id", key, "ts_us", "row")
        .sort("case_id", "ts_us", "row")
    )
    return variants_in(ordered=ordered, key=key)


def _distinct_rows(
    ordered: pa.Table, key: str
) -> tuple[list[str], list[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]]]:
    """Activity names, and per case length the distinct code rows with their case counts."""
    if ordered[key].null_count:
        ordered = ordered.filter(pc.is_valid(ordered[key]))
    total = ordered.num_rows
    if total == 0:
        return [], []
    case_ids = ordered["case_id"]
    new_case = pc.not_equal(case_ids.slice(1), case_ids.slice(0, total - 1))
    starts = np.flatnonzero(np.concatenate([[True], _as_numpy(new_case)]))
    lengths = np.diff(np.append(starts, total))
    encoded = pc.dictionary_encode(ordered[key]).combine_chunks()
    codes = _as_numpy(encoded.indices).astype(np.int64)
    names = encoded.dictionary.to_pylist()
    # Several codes are packed into each 63-bit word, so that np.unique sorts a few integer
    # columns (usually one) instead of one column per event: the same rows, much faster.
    bits = max(1, len(names).bit_length())
    per_word = max(1, 63 // bits)
    groups = []
    for length in np.unique(lengths):
        first = starts[lengths == length]
        matrix = codes[first[:, None] + np.arange(length)]
        words = -(-int(length) // per_word)
        padded = np.zeros((len(first), words * per_word), dtype=np.int64)
        padded[:, :length] = matrix
        shifts = np.arange(per_word, dtype=np.int64) * bits
        packed = (padded.reshape(len(first), words, per_word) << shifts).sum(axis=2)
        if words == 1:
            _, index, counts = np.unique(packed[:, 0], return_index=True, return_counts=True)
        else:
            _, index, counts = np.unique(packed, axis=0, return_index=True, return_counts=True)
        groups.append((matrix[index], counts))
    return names, groups


def count_variants(*, ordered: pa.Table, key: str = "activity") -> int:
    """The number of variants, without spelling out their sequences (cheaper)."""
    return sum(len(counts) for _, counts in _distinct_rows(ordered, key)[1])


def variants_in(*, ordered: pa.Table, key: str = "activity") -> Variants:
    """Variants of a table already sorted by case, timestamp and source order."""
    names, groups = _distinct_rows(ordered, key)
    found: list[tuple[tuple[str, ...], int]] = []
    for rows, counts in groups:
        found.extend(
            (tuple(names[c] for c in row), int(n))
            for row, n in zip(rows.tolist(), counts.tolist(), strict=True)
        )
    found.sort(key=lambda item: (-item[1], item[0]))
    return Variants(sequences=tuple(s for s, _ in found), cases=tuple(n for _, n in found))
