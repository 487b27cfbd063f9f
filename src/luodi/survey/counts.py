"""Survey items and answer counts: the part of the report that scales with respondents.

Each function runs one Narwhals query on the engine (DuckDB, Polars, Spark) and returns counts
whose size depends on the questionnaire (items, options, answer patterns), not on the number of
respondents; the statistics in :mod:`luodi.survey.stats` then run in Python on these counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import narwhals as nw

from luodi.contract import Dataset
from luodi.engines import Engine, Frame
from luodi.survey.instrument import Instrument, InstrumentError, study_template

__all__ = [
    "ItemMeta",
    "TextAnswer",
    "item_value_counts",
    "joint_counts",
    "respondent_count",
    "survey_items",
    "text_answers",
]


@dataclass(frozen=True, kw_only=True)
class ItemMeta:
    """What the report needs to know about one item, from an instrument or the contract tables."""

    code: str
    text: str
    section: str
    kind: str  # single | multiple | likert | numeric | text
    options: tuple[tuple[str, str], ...]  # (code, label) in questionnaire order
    show_if: tuple[str, str] | None = None  # (item, value): asked only if item == value
    scale: str | None = None
    personal: bool = False


@dataclass(frozen=True, kw_only=True)
class TextAnswer:
    respondent_id: str
    item_code: str
    value: str


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"an engine returned a {type(value).__name__} count")
    return value


def _answers(dataset: Dataset, engine: Engine, survey_id: str) -> Frame:
    frame = engine.frame(dataset["survey_responses"])
    return frame.filter(nw.col("survey_id") == survey_id, ~nw.col("value").is_null())


def respondent_count(*, dataset: Dataset, engine: Engine, survey_id: str) -> int:
    """Respondents with at least one answer in the survey."""
    counted = _answers(dataset, engine, survey_id).select(
        nw.col("respondent_id").n_unique().alias("n")
    )
    rows = engine.rows(counted)
    return _count(rows[0]["n"]) if rows else 0


def item_value_counts(
    *, dataset: Dataset, engine: Engine, survey_id: str, item_codes: Sequence[str]
) -> dict[str, dict[str, int]]:
    """Per item, raw answer value → respondents (one group-by)."""
    counted = (
        _answers(dataset, engine, survey_id)
        .filter(nw.col("item_code").is_in(list(item_codes)))
        .group_by("item_code", "value")
        .agg(nw.len().alias("n"))
    )
    out: dict[str, dict[str, int]] = {code: {} for code in item_codes}
    for row in engine.rows(counted):
        value = str(row["value"]).strip()
        answers = out[str(row["item_code"])]
        answers[value] = answers.get(value, 0) + _count(row["n"])
    return out


def joint_counts(
    *, dataset: Dataset, engine: Engine, survey_id: str, item_codes: Sequence[str]
) -> dict[tuple[str, ...], int]:
    """Answer patterns of respondents who answered every one of ``item_codes`` → respondents.

    Two items give a cross-tab's cells; a scale's items give its complete cases.
    """
    if not item_codes:
        return {}
    answers = _answers(dataset, engine, survey_id)
    columns = [f"v{i}" for i in range(len(item_codes))]
    joined = None
    for column, code in zip(columns, item_codes, strict=True):
        part = answers.filter(nw.col("item_code") == code).select(
            "respondent_id", nw.col("value").alias(column)
        )
        joined = part if joined is None else joined.join(part, on="respondent_id", how="inner")
    assert joined is not None
    counted = joined.group_by(*columns).agg(nw.len().alias("n"))
    out: dict[tuple[str, ...], int] = {}
    for row in engine.rows(counted):
        key = tuple(str(row[column]).strip() for column in columns)
        out[key] = out.get(key, 0) + _count(row["n"])
    return out


def text_answers(
    *, dataset: Dataset, engine: Engine, survey_id: str, item_codes: Sequence[str]
) -> list[TextAnswer]:
    """The free-text answers of ``item_codes``, ordered by item and respondent."""
    if not item_codes:
        return []
    selected = (
        _answers(dataset, engine, survey_id)
        .filter(nw.col("item_code").is_in(list(item_codes)))
        .select("respondent_id", "item_code", "value")
    )
    rows = [
        TextAnswer(
            respondent_id=str(row["respondent_id"]),
            item_code=str(row["item_code"]),
            value=str(row["value"]).strip(),
        )
        for row in engine.rows(selected)
        # A source without free text (the platform's export leaves it out) gives nulls.
        if row["value"] is not None
    ]
    return sorted(
        (row for row in rows if row.value),
        key=lambda row: (list(item_codes).index(row.item_code), row.respondent_id),
    )


def _from_instrument(instrument: Instrument) -> list[ItemMeta]:
    return [
        ItemMeta(
            code=item.code,
            text=item.text,
            section=section.title,
            kind=item.kind,
            options=tuple((option.code, option.label) for option in item.options),
            show_if=(item.show_if.item, item.show_if.equals) if item.show_if else None,
            scale=item.scale,
            personal=item.personal,
        )
        for section in instrument.sections
        for item in section.items
    ]


def _from_tables(dataset: Dataset, survey_id: str) -> list[ItemMeta]:
    options: dict[str, list[tuple[int, str, str]]] = {}
    for row in dataset["survey_options"].to_pylist():
        if row["survey_id"] == survey_id:
            options.setdefault(row["item_code"], []).append(
                (row["position"], row["code"], row["label"])
            )
    items = sorted(
        (row for row in dataset["survey_items"].to_pylist() if row["survey_id"] == survey_id),
        key=lambda row: row["position"],
    )
    return [
        ItemMeta(
            code=row["item_code"],
            text=row["text"],
            section=row["section"],
            kind=row["kind"],
            options=tuple((c, label) for _, c, label in sorted(options.get(row["item_code"], []))),
        )
        for row in items
    ]


def survey_items(
    dataset: Dataset, survey_id: str, instrument: Instrument | None = None
) -> list[ItemMeta]:
    """The items to report on: the instrument's, else the contract tables'.

    The tables carry no skip logic, scales or personal marks; those come from the study
    template when every item of the survey is in it with the same kind.
    """
    if instrument is not None:
        return _from_instrument(instrument)
    items = _from_tables(dataset, survey_id)
    try:
        template = {item.code: item for item in _from_instrument(study_template())}
    except InstrumentError:
        return items
    if not items or any(
        item.code not in template or template[item.code].kind != item.kind for item in items
    ):
        return items
    return [
        ItemMeta(
            code=item.code,
            text=item.text,
            section=item.section,
            kind=item.kind,
            options=item.options or template[item.code].options,
            show_if=template[item.code].show_if,
            scale=template[item.code].scale,
            personal=template[item.code].personal,
        )
        for item in items
    ]
