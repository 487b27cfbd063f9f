"""A questionnaire as data: sections, items, options, skip logic; loaded from YAML or XLSForm.

The study's questionnaire (Chen & Fu 2018) is the built-in template, with the item and option
codes of the demo's responses:

>>> template = study_template()
>>> [item.code for item in visible_items(template, {"problem": "no"})][-3:]
['satisfaction_residence', 'problem', 'comments']
>>> [item.code for item in visible_items(template, {"problem": "yes"})][-3:]
['problem', 'knew_department', 'comments']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator

from luodi.policy.yamlmodel import FileProblem

__all__ = [
    "CHOICE_KINDS",
    "DEFER_CHECKS",
    "LIKERT_CODES",
    "TEMPLATE_PATH",
    "Condition",
    "Instrument",
    "InstrumentError",
    "InstrumentProblem",
    "Item",
    "ItemKind",
    "Option",
    "Section",
    "instrument_from_xlsform",
    "instrument_problems",
    "instrument_tables",
    "load_instrument",
    "study_template",
    "visible_items",
]

ItemKind = Literal["single", "multiple", "likert", "numeric", "text"]
CHOICE_KINDS: frozenset[str] = frozenset({"single", "multiple", "likert"})
LIKERT_CODES = ("1", "2", "3", "4", "5")
TEMPLATE_PATH = Path(__file__).parent / "templates" / "chen_fu_2018.yaml"
# Validation context flag: build the models without the semantic checks, so that a loader can
# run instrument_problems() itself and report every problem at its place in the file.
DEFER_CHECKS = "defer_instrument_checks"
# A path into the instrument's data, as in a pydantic error's ``loc``.
Path_ = tuple[str | int, ...]


# One problem of a questionnaire file: where it is, what is wrong, how to fix it.
InstrumentProblem = FileProblem


class InstrumentError(ValueError):
    """A questionnaire file or model is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: tuple[InstrumentProblem, ...] | list[InstrumentProblem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(
            f"问卷定义有 {len(self.problems)} 个错误 — invalid questionnaire:\n{lines}"
        )


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)


class Option(_Frozen):
    """An answer option: the code stored in responses and the label as printed."""

    code: str
    label: str


class Condition(_Frozen):
    """Skip logic: show the item only if an earlier answer is (multiple: includes) this code."""

    item: str
    equals: str


class Item(_Frozen):
    """A question. Choice kinds have options; likert options are the codes 1…5."""

    code: str
    text: str
    kind: ItemKind
    options: tuple[Option, ...] = ()
    required: bool = False
    show_if: Condition | None = None
    scale: str | None = None  # multi-item scale (Cronbach's alpha) the item belongs to
    minimum: float | None = None  # numeric items only
    maximum: float | None = None
    personal: bool = False  # free text / contact details: stored apart from the answers

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        if not (info.context or {}).get(DEFER_CHECKS):
            _raise(list(_item_problems(self, ())))
        return self

    def option(self, code: str) -> Option | None:
        """The option with this code, if any."""
        return next((option for option in self.options if option.code == code), None)


class Section(_Frozen):
    """A titled part of the questionnaire."""

    title: str
    items: tuple[Item, ...]


class Instrument(_Frozen):
    """A questionnaire: its survey id, title and sections of items."""

    survey_id: str
    title: str
    sections: tuple[Section, ...]

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Self:
        if not (info.context or {}).get(DEFER_CHECKS):
            _raise(instrument_problems(self))
        return self

    @property
    def items(self) -> tuple[Item, ...]:
        """All items in questionnaire order."""
        return tuple(item for section in self.sections for item in section.items)

    def item(self, code: str) -> Item:
        """The item with this code; KeyError naming the known codes otherwise."""
        for item in self.items:
            if item.code == code:
                return item
        known = ", ".join(item.code for item in self.items)
        raise KeyError(f"questionnaire {self.survey_id} has no item {code!r}; its items: {known}")


def _raise(problems: list[InstrumentProblem]) -> None:
    if problems:
        raise ValueError("; ".join(str(problem) for problem in problems))


def _problem(path: Path_, problem: str, fix: str) -> InstrumentProblem:
    return InstrumentProblem(path=path, problem=problem, fix=fix)


def _item_problems(item: Item, at: Path_) -> Iterator[InstrumentProblem]:
    """Problems of one item on its own; ``at`` is the item's path in the instrument."""
    name = f"item {item.code!r}"
    if item.kind in CHOICE_KINDS and not item.options:
        yield _problem(
            (*at, "kind"),
            f"{name} is {item.kind} choice but has no options",
            "add options: a list of {code, label}",
        )
    if item.kind not in CHOICE_KINDS and item.options:
        yield _problem(
            (*at, "options"),
            f"{name} is {item.kind} and cannot have options",
            "remove the options, or make it single, multiple or likert",
        )
    if item.kind == "likert" and item.options:
        codes = tuple(option.code for option in item.options)
        if codes != LIKERT_CODES:
            yield _problem(
                (*at, "options"),
                f"{name} is likert but its option codes are {', '.join(codes)}",
                "a likert item has exactly the codes 1, 2, 3, 4, 5 in order",
            )
    seen: set[str] = set()
    for number, option in enumerate(item.options):
        if option.code in seen:
            yield _problem(
                (*at, "options", number, "code"),
                f"{name} has option code {option.code!r} twice",
                "give every option of an item its own code",
            )
        seen.add(option.code)
        if item.kind == "multiple" and ";" in option.code:
            yield _problem(
                (*at, "options", number, "code"),
                f"option code {option.code!r} of {name} contains ';'",
                "';' separates the codes of a multiple-choice answer; use another character",
            )
    if item.kind != "numeric" and (item.minimum is not None or item.maximum is not None):
        yield _problem(
            (*at, "minimum" if item.minimum is not None else "maximum"),
            f"{name} is {item.kind}; only numeric items have a minimum or maximum",
            "remove minimum/maximum or make the item numeric",
        )
    if item.minimum is not None and item.maximum is not None and item.minimum > item.maximum:
        yield _problem(
            (*at, "minimum"),
            f"{name} has minimum {item.minimum:g} above its maximum {item.maximum:g}",
            "swap them",
        )
    if item.scale is not None and item.kind != "likert":
        yield _problem(
            (*at, "scale"),
            f"{name} is {item.kind}; only likert items form a scale",
            "remove scale, or make the item likert",
        )


def instrument_problems(instrument: Instrument) -> list[InstrumentProblem]:
    """Every problem of a questionnaire (items, duplicate codes, skip logic), with its path."""
    problems: list[InstrumentProblem] = []
    earlier: dict[str, Item] = {}
    everywhere = {item.code for item in instrument.items}
    for s, section in enumerate(instrument.sections):
        if not section.items:
            problems.append(
                _problem(("sections", s, "title"), f"section {section.title!r} has no items", "")
            )
        for i, item in enumerate(section.items):
            at: Path_ = ("sections", s, "items", i)
            problems += _item_problems(item, at)
            if item.code in earlier:
                problems.append(
                    _problem(
                        (*at, "code"),
                        f"item code {item.code!r} is used twice",
                        "give every item its own code; responses are stored by it",
                    )
                )
            condition = item.show_if
            if condition is not None:
                problems += _condition_problems(item, condition, earlier, everywhere, at)
            earlier.setdefault(item.code, item)
    return problems


def _condition_problems(
    item: Item, condition: Condition, earlier: Mapping[str, Item], everywhere: set[str], at: Path_
) -> list[InstrumentProblem]:
    target = earlier.get(condition.item)
    if target is None:
        where = "comes later" if condition.item in everywhere else "is not in the questionnaire"
        return [
            _problem(
                (*at, "show_if", "item"),
                f"show_if of item {item.code!r} refers to item {condition.item!r}, which {where}",
                f"refer to an earlier item; known so far: {', '.join(earlier) or 'none'}",
            )
        ]
    if target.kind not in CHOICE_KINDS:
        return [
            _problem(
                (*at, "show_if", "item"),
                f"show_if of item {item.code!r} refers to {target.kind} item {target.code!r}",
                "skip logic compares with an option code: refer to a choice or likert item",
            )
        ]
    if target.option(condition.equals) is None:
        codes = ", ".join(option.code for option in target.options)
        return [
            _problem(
                (*at, "show_if", "equals"),
                f"show_if of item {item.code!r}: item {target.code!r} has no option "
                f"{condition.equals!r}",
                f"use one of its option codes: {codes}",
            )
        ]
    return []


def _answered(value: str | None, item: Item, code: str) -> bool:
    if value is None:
        return False
    if item.kind == "multiple":
        return code in (part.strip() for part in value.split(";"))
    return value.strip() == code


def visible_items(instrument: Instrument, answers: Mapping[str, str]) -> list[Item]:
    """The items shown to a respondent with these answers (item code → stored value).

    An item whose condition's item is itself hidden is hidden too, whatever was answered to it.
    """
    shown: dict[str, Item] = {}
    for item in instrument.items:
        condition = item.show_if
        if condition is not None:
            target = shown.get(condition.item)
            if target is None or not _answered(answers.get(target.code), target, condition.equals):
                continue
        shown[item.code] = item
    return list(shown.values())


def instrument_tables(
    instrument: Instrument,
    *,
    region_id: str | None = None,
    opened_on: dt.date | None = None,
    closed_on: dt.date | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Rows of the contract tables surveys, survey_items and survey_options (no responses)."""
    items = [(section.title, item) for section in instrument.sections for item in section.items]
    return {
        "surveys": [
            {
                "survey_id": instrument.survey_id,
                "title": instrument.title,
                "region_id": region_id,
                "opened_on": opened_on,
                "closed_on": closed_on,
            }
        ],
        "survey_items": [
            {
                "survey_id": instrument.survey_id,
                "item_code": item.code,
                "position": position,
                "section": section,
                "text": item.text,
                "kind": item.kind,
            }
            for position, (section, item) in enumerate(items, start=1)
        ],
        "survey_options": [
            {
                "survey_id": instrument.survey_id,
                "item_code": item.code,
                "code": option.code,
                "position": position,
                "label": option.label,
            }
            for _, item in items
            for position, option in enumerate(item.options, start=1)
        ],
    }


def load_instrument(path: str | Path) -> Instrument:
    """The questionnaire in a YAML file; InstrumentError with file, line and fix otherwise."""
    from luodi.survey.instrument_yaml import instrument_from_yaml

    return instrument_from_yaml(Path(path))


def instrument_from_xlsform(path: str | Path) -> Instrument:
    """The questionnaire in an XLSForm workbook (survey and choices sheets)."""
    from luodi.survey.xlsform import read_xlsform

    return read_xlsform(Path(path))


def study_template() -> Instrument:
    """The study's questionnaire (Chen & Fu 2018), with the demo's item and option codes."""
    return load_instrument(TEMPLATE_PATH)
