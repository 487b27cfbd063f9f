"""Helpers shared by the platform apps: bilingual labels and contract choices on model fields."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import get_language

from luodi.contract.schema import Choice

__all__ = ["LabelledCount", "bilingual", "choice_label", "field_choices"]


def _pick(zh: str, en: str) -> str:
    language = get_language() or ""
    return en if language.startswith("en") else zh


# Evaluated when rendered, so a label follows the request's language; with no language active
# (migrations, management commands) it is Chinese, which keeps migrations stable.
bilingual = lazy(_pick, str)


def field_choices(choices: tuple[Choice, ...]) -> list[tuple[str, str]]:
    """Django ``choices`` for a contract choice column: the value and its bilingual label."""
    return [(choice.value, bilingual(choice.zh, choice.en)) for choice in choices]


def choice_label(choices: tuple[Choice, ...], value: str | None) -> str:
    """The label of ``value`` in the active language; the raw value when unknown."""
    for choice in choices:
        if choice.value == value:
            return _pick(choice.zh, choice.en)
    return value or ""


@dataclass(frozen=True, kw_only=True)
class LabelledCount:
    """One bar of a breakdown: a value, its label in the active language and a count."""

    value: str
    label: str
    count: int
