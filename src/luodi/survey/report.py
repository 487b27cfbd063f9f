"""`luodi survey report`: profile, Likert means, cross-tabs, scales, the problem funnel, free text.

Counting runs on the engine (:mod:`luodi.survey.counts`); the statistics run in Python on the
counts (:mod:`luodi.survey.stats`). Shares are fractions of the valid answers. Nothing is hidden
for being small: small cells and low n are flagged in place and listed under ``flags``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from luodi.contract import Dataset
from luodi.diagnosis.awareness import ItemCounts
from luodi.diagnosis.awareness import problem_funnel_shares as diagnosis_funnel
from luodi.engines import Engine
from luodi.survey import stats
from luodi.survey.counts import (
    ItemMeta,
    item_value_counts,
    joint_counts,
    respondent_count,
    survey_items,
    text_answers,
)
from luodi.survey.instrument import Instrument
from luodi.survey.notes import InterviewNote, notes_section
from luodi.survey.table1 import pick_survey

__all__ = ["DEFAULT_CROSSTABS", "SMALL_CELL", "SurveyReport", "survey_report"]

SMALL_CELL = 5  # a profile category with fewer respondents than this is flagged (not hidden)
DEFAULT_CROSSTABS: tuple[tuple[str, str], ...] = (
    ("talent_level", "landing"),
    ("talent_level", "channel"),
    ("employer_kind", "problem"),
)
FUNNEL_ITEMS = ("problem", "knew_department", "solved")
UNTAGGED = ""
CHOICE_KINDS = ("single", "multiple")


@dataclass(frozen=True, kw_only=True)
class SurveyReport:
    survey_id: str
    respondents: int
    profile: tuple[dict[str, Any], ...]
    likert: tuple[dict[str, Any], ...]
    numeric: tuple[dict[str, Any], ...]
    crosstabs: tuple[dict[str, Any], ...]
    scales: tuple[dict[str, Any], ...]
    funnel: dict[str, Any] | None
    free_text: tuple[dict[str, Any], ...]
    flags: tuple[dict[str, Any], ...] = field(default=())
    interviews: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``luodi survey report --json``."""
        return {
            "survey_id": self.survey_id,
            "respondents": self.respondents,
            "thresholds": {
                "small_cell": SMALL_CELL,
                "min_expected": stats.MIN_EXPECTED,
                "low_n": stats.LOW_N,
            },
            "correction_rule": "Yates's continuity correction for 2×2 tables only",
            "profile": list(self.profile),
            "likert": list(self.likert),
            "numeric": list(self.numeric),
            "crosstabs": list(self.crosstabs),
            "scales": list(self.scales),
            "funnel": self.funnel,
            "free_text": list(self.free_text),
            "interviews": self.interviews,
            "flags": list(self.flags),
        }


def _flag(flags: list[dict[str, Any]], kind: str, where: str, item: str, text: str) -> None:
    flags.append({"kind": kind, "section": where, "item": item, "text": text})


def _share(count: int, whole: int) -> float | None:
    return count / whole if whole else None


def _categories(
    item: ItemMeta, values: Mapping[str, int]
) -> tuple[int, list[tuple[str, str, int]]]:
    """valid n and (code, label, respondents) per option; answers outside the options kept."""
    per_code: dict[str, int] = {}
    for value, count in values.items():
        parts = [p.strip() for p in value.split(";")] if item.kind == "multiple" else [value]
        for part in dict.fromkeys(p for p in parts if p):
            per_code[part] = per_code.get(part, 0) + count
    listed = list(item.options)
    if item.kind == "likert" and not listed:
        listed = [(str(i), str(i)) for i in range(1, 6)]
    known = {code for code, _ in listed}
    extra = sorted(code for code in per_code if code not in known)
    rows = [(code, label, per_code.get(code, 0)) for code, label in listed]
    rows += [(code, code, per_code[code]) for code in extra]
    return sum(values.values()), rows


def _eligible(item: ItemMeta, counts: Mapping[str, Mapping[str, int]], respondents: int) -> int:
    if item.show_if is None:
        return respondents
    condition_item, value = item.show_if
    return int(counts.get(condition_item, {}).get(value, 0))


def _profile(
    item: ItemMeta, values: Mapping[str, int], eligible: int, respondents: int
) -> dict[str, Any]:
    valid_n, rows = _categories(item, values)
    return {
        "code": item.code,
        "label": item.text,
        "section": item.section,
        "kind": item.kind,
        "valid_n": valid_n,
        "missing": max(eligible - valid_n, 0),
        "not_asked": respondents - eligible,
        "categories": [
            {"code": code, "label": label, "count": count, "share": _share(count, valid_n)}
            for code, label, count in rows
        ],
        "small_cells": any(0 < count < SMALL_CELL for _, _, count in rows),
    }


def _numeric(values: Mapping[str, int]) -> tuple[dict[float, int], int]:
    numbers: dict[float, int] = {}
    invalid = 0
    for value, count in values.items():
        try:
            number = float(value)
        except ValueError:
            invalid += count
            continue
        numbers[number] = numbers.get(number, 0) + count
    return numbers, invalid


def _mean_entry(item: ItemMeta, values: Mapping[str, int]) -> dict[str, Any]:
    numbers, invalid = _numeric(values)
    if item.kind == "likert":
        invalid += sum(c for v, c in numbers.items() if v not in (1, 2, 3, 4, 5))
        numbers = {v: c for v, c in numbers.items() if v in (1, 2, 3, 4, 5)}
    summary = stats.mean_summary(numbers)
    entry: dict[str, Any] = {
        "code": item.code,
        "label": item.text,
        "section": item.section,
        "n": summary.n,
        "mean": summary.mean,
        "sd": summary.sd,
        "ci95": list(summary.ci95) if summary.ci95 else None,
        "invalid": invalid,
        "low_n": summary.low_n,
    }
    if item.kind == "likert":
        _, rows = _categories(item, values)
        entry["distribution"] = [
            {"value": code, "label": label, "count": count, "share": _share(count, summary.n)}
            for code, label, count in rows
            if code in ("1", "2", "3", "4", "5")
        ]
    return entry


def _crosstab(
    row_item: ItemMeta, column_item: ItemMeta, cells: Mapping[tuple[str, ...], int]
) -> dict[str, Any]:
    row_values: dict[str, int] = {}
    column_values: dict[str, int] = {}
    for (r, c), count in cells.items():
        row_values[r] = row_values.get(r, 0) + count
        column_values[c] = column_values.get(c, 0) + count
    _, rows = _categories(row_item, row_values)
    _, columns = _categories(column_item, column_values)
    table = [[cells.get((r, c), 0) for c, _, _ in columns] for r, _, _ in rows]
    test = stats.chi_square(table)
    return {
        "row_item": row_item.code,
        "column_item": column_item.code,
        "rows": [{"code": code, "label": label} for code, label, _ in rows],
        "columns": [{"code": code, "label": label} for code, label, _ in columns],
        "table": table,
        "n": test.n,
        "chi2": test.chi2,
        "dof": test.dof,
        "p": test.p,
        "cramers_v": test.cramers_v,
        "yates": test.yates,
        "expected_min": test.expected_min,
        "small_expected_cells": test.small_cells,
        "low_expected": test.low_expected,
        "low_n": test.low_n,
    }


def survey_report(
    *,
    dataset: Dataset,
    engine: Engine,
    survey_id: str | None = None,
    instrument: Instrument | None = None,
    crosstabs: Sequence[tuple[str, str]] | None = None,
    tags: Mapping[tuple[str, str], Sequence[str]] | None = None,
    notes: Sequence[InterviewNote] = (),
    personal_text: bool = False,
) -> SurveyReport:
    """The report of one survey; ``tags`` maps (respondent_id, item_code) to a free-text
    answer's codes (the evaluator's themes); ``crosstabs`` defaults to DEFAULT_CROSSTABS.

    ``notes`` (interview notes coded with the study's themes) add the interview section.
    Free-text items marked personal are left out unless ``personal_text``: only the survey's
    owner may read them, and only a report made for the owner includes them.
    """
    if survey_id is None and instrument is not None:
        survey_id = instrument.survey_id
    survey = pick_survey(dataset, survey_id)
    items = survey_items(dataset, survey, instrument)
    by_code = {item.code: item for item in items}
    counted = [i.code for i in items if i.kind != "text" and not i.personal]
    counts = item_value_counts(dataset=dataset, engine=engine, survey_id=survey, item_codes=counted)
    respondents = respondent_count(dataset=dataset, engine=engine, survey_id=survey)
    flags: list[dict[str, Any]] = []

    profile = []
    for item in (i for i in items if i.kind in CHOICE_KINDS and i.code in counts):
        entry = _profile(item, counts[item.code], _eligible(item, counts, respondents), respondents)
        profile.append(entry)
        if entry["small_cells"]:
            small = [c["label"] for c in entry["categories"] if 0 < c["count"] < SMALL_CELL]
            _flag(flags, "small_cells", "profile", item.code, f"fewer than {SMALL_CELL}: {small}")
        if entry["valid_n"] < stats.LOW_N:
            _flag(flags, "low_n", "profile", item.code, f"valid n = {entry['valid_n']}")

    means: dict[str, list[dict[str, Any]]] = {"likert": [], "numeric": []}
    for item in (i for i in items if i.kind in means and i.code in counts):
        entry = _mean_entry(item, counts[item.code])
        means[item.kind].append(entry)
        if entry["low_n"]:
            _flag(flags, "low_n", item.kind, item.code, f"n = {entry['n']}")

    tables = []
    for row_code, column_code in DEFAULT_CROSSTABS if crosstabs is None else crosstabs:
        if row_code not in by_code or column_code not in by_code:
            if crosstabs is not None:
                raise ValueError(f"cross-tab {row_code} × {column_code}: no such item")
            continue
        cells = joint_counts(
            dataset=dataset, engine=engine, survey_id=survey, item_codes=(row_code, column_code)
        )
        entry = _crosstab(by_code[row_code], by_code[column_code], cells)
        tables.append(entry)
        where = f"{row_code} × {column_code}"
        if entry["low_expected"]:
            _flag(
                flags,
                "low_expected",
                "crosstabs",
                where,
                f"{entry['small_expected_cells']} cells expect fewer than {stats.MIN_EXPECTED:g}"
                f" (min {entry['expected_min']:.2f}): the chi-square p is approximate",
            )
        if entry["low_n"]:
            _flag(flags, "low_n", "crosstabs", where, f"n = {entry['n']}")

    scales = []
    for name in dict.fromkeys(i.scale for i in items if i.scale):
        codes = [i.code for i in items if i.scale == name]
        patterns = joint_counts(dataset=dataset, engine=engine, survey_id=survey, item_codes=codes)
        numeric: dict[tuple[float, ...], int] = {}
        for pattern, count in patterns.items():
            try:
                values = tuple(float(v) for v in pattern)
            except ValueError:
                continue
            numeric[values] = numeric.get(values, 0) + count
        n = sum(numeric.values())
        entry = {
            "scale": name,
            "items": codes,
            "k": len(codes),
            "n": n,
            "cronbach_alpha": stats.cronbach_alpha(numeric),
            "low_n": n < stats.LOW_N,
        }
        scales.append(entry)
        if entry["low_n"]:
            _flag(flags, "low_n", "scales", name, f"{n} complete cases of {len(codes)} items")

    funnel = None
    if all(code in counts for code in FUNNEL_ITEMS):
        stages = [ItemCounts(item_code=c, survey_id=survey, counts=counts[c]) for c in FUNNEL_ITEMS]
        funnel = diagnosis_funnel(*stages)
        for key in ("answered_problem", "answered_knew", "answered_solved"):
            if funnel["counts"][key] < stats.LOW_N:
                _flag(flags, "low_n", "funnel", key, f"n = {funnel['counts'][key]}")

    free_text = _free_text(dataset, engine, survey, items, tags or {}, personal_text)
    return SurveyReport(
        survey_id=survey,
        respondents=respondents,
        profile=tuple(profile),
        likert=tuple(means["likert"]),
        numeric=tuple(means["numeric"]),
        crosstabs=tuple(tables),
        scales=tuple(scales),
        funnel=funnel,
        free_text=tuple(free_text),
        flags=tuple(flags),
        interviews=notes_section(notes) if notes else None,
    )


def _free_text(
    dataset: Dataset,
    engine: Engine,
    survey: str,
    items: Sequence[ItemMeta],
    tags: Mapping[tuple[str, str], Sequence[str]],
    personal_text: bool,
) -> list[dict[str, Any]]:
    """Free-text answers per item grouped by tag; personal items left out unless asked."""
    codes = [i.code for i in items if i.kind == "text" and (personal_text or not i.personal)]
    answers = text_answers(dataset=dataset, engine=engine, survey_id=survey, item_codes=codes)
    out = []
    for item in (i for i in items if i.code in codes):
        groups: dict[str, list[str]] = {}
        mine = [a for a in answers if a.item_code == item.code]
        for answer in mine:
            for tag in tags.get((answer.respondent_id, item.code)) or (UNTAGGED,):
                groups.setdefault(tag, []).append(answer.value)
        out.append(
            {
                "code": item.code,
                "label": item.text,
                "n": len(mine),
                "by_tag": [
                    {"tag": tag, "count": len(texts), "answers": texts}
                    for tag, texts in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
                ],
            }
        )
    return out
