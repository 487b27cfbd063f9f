"""Answers to an instrument: what a draft keeps and what a submission must satisfy.

Answers are item code → stored value, as in the contract's ``survey_responses.value``: an option
code, a number, a text, or several option codes joined by ';' for multiple choice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from luodi.platform.surveys import errors as e
from luodi.survey.instrument import Instrument, Item, visible_items

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = ["TEXT_LIMIT", "answers_draft", "answers_submitted"]

TEXT_LIMIT = 2000


def answers_draft(instrument: Instrument, raw: Mapping[str, str]) -> dict[str, str]:
    """What a draft keeps: non-empty answers to known items, in questionnaire order.

    A draft is kept as typed (even a half-typed number) so nothing is lost; hidden items keep
    their answers too, in case the respondent changes the answer that hides them back.
    """
    kept: dict[str, str] = {}
    for item in instrument.items:
        value = str(raw.get(item.code, "")).strip()
        if value:
            kept[item.code] = value[: TEXT_LIMIT + 1]
    return kept


def _problem(item: Item, value: str) -> tuple[str, StrOrPromise | None]:
    """The value as stored, or the message saying what is wrong with it."""
    if item.kind in ("single", "likert"):
        return value, None if item.option(value) is not None else e.OPTION_UNKNOWN
    if item.kind == "multiple":
        parts = {part.strip() for part in value.split(";") if part.strip()}
        if any(item.option(part) is None for part in parts):
            return value, e.OPTION_UNKNOWN
        return ";".join(o.code for o in item.options if o.code in parts), None
    if item.kind == "numeric":
        try:
            number = float(value)
        except ValueError:
            return value, e.NOT_A_NUMBER
        if not math.isfinite(number):
            return value, e.NOT_A_NUMBER
        low = item.minimum if item.minimum is not None else -math.inf
        high = item.maximum if item.maximum is not None else math.inf
        if not low <= number <= high:
            return value, e.NUMBER_OUT_OF_RANGE % {
                "minimum": f"{low:g}" if math.isfinite(low) else "…",
                "maximum": f"{high:g}" if math.isfinite(high) else "…",
            }
        return value, None
    if len(value) > TEXT_LIMIT:
        return value, e.TEXT_TOO_LONG % {"limit": TEXT_LIMIT}
    return value, None


def answers_submitted(
    instrument: Instrument, raw: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, StrOrPromise]]:
    """The answers to store and the problems per item code.

    Skip logic is enforced here, not trusted to the page: answers to items hidden by the
    answers given are dropped, and required items count only where shown.
    """
    given = answers_draft(instrument, raw)
    answers: dict[str, str] = {}
    problems: dict[str, StrOrPromise] = {}
    for item in instrument.items:
        if item.code in given:
            value, problem = _problem(item, given[item.code])
            if problem is None:
                answers[item.code] = value
            else:
                problems[item.code] = problem
    shown = {item.code: item for item in visible_items(instrument, answers)}
    answers = {code: value for code, value in answers.items() if code in shown}
    problems = {code: problem for code, problem in problems.items() if code in shown}
    for code, item in shown.items():
        if item.required and code not in answers and code not in problems:
            problems[code] = e.ANSWER_REQUIRED
    return answers, problems
