"""How the dashboard prints the diagnosis: the report's number formats, and figures as links.

The formats and code labels are the report's (``luodi.diagnosis.report.format``), so the
dashboard and the downloaded report print the same numbers the same way.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from luodi.platform.diagnosis.filters import evidence_url

__all__ = ["code_label", "evidence_href", "fig", "pick_text"]

register = template.Library()


@functools.cache
def _fmt() -> Any:
    # Imported on first use: the report package loads matplotlib, and Django imports every
    # tag library when its template engine starts, i.e. for any page of the platform.
    return importlib.import_module("luodi.diagnosis.report.format")


def _pct(value: Any) -> str:
    return str(_fmt().pct(value))


def _num(value: Any) -> str:
    return str(_fmt().num(value))


def _count(value: Any) -> str:
    return str(_fmt().count(value))


def _money(value: Any) -> str:
    return str(_fmt().money(value))


def _days(value: Any) -> str:
    return str(_fmt().days(value))


def _text(value: Any) -> str:
    return str(_fmt().DASH) if value is None or value == "" else str(value)


def _value(value: Any) -> str:
    # A figure quoted by a recommendation: a count stays whole, anything else two decimals.
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if whole and not isinstance(value, bool):
        return _count(value)
    return _num(value)


_FORMATS = {
    "text": _text,
    "value": _value,
    "pct": _pct,
    "num": _num,
    "count": _count,
    "money": _money,
    "days": _days,
}


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _format(value: Any, style: str) -> str:
    if isinstance(value, Mapping) and "value" in value:
        # A ratio object {"value", "numerator", "denominator"} prints its value.
        value = value["value"]
    return _FORMATS[style](value)


@register.filter
def as_pct(value: Any) -> str:
    return _format(value, "pct")


@register.filter
def as_num(value: Any) -> str:
    return _format(value, "num")


@register.filter
def as_count(value: Any) -> str:
    return _format(value, "count")


@register.filter
def as_money(value: Any) -> str:
    return _format(value, "money")


@register.filter
def as_days(value: Any) -> str:
    return _format(value, "days")


@register.filter
def as_value(value: Any) -> str:
    return _format(value, "value")


@register.filter
def code_label(code: Any) -> str:
    """A code of the JSON (group, verdict, remedy …) in the active language."""
    return str(_fmt().label_en(code) if _english() else _fmt().label(code))


@register.filter
def pick_text(item: Any, stem: str = "text") -> str:
    """``item[stem_zh]`` or, in English, ``item[stem_en]`` (findings); with an empty stem
    ``item["zh"]`` / ``item["en"]`` (labels)."""
    if not isinstance(item, Mapping):
        return ""
    first, second = ("en", "zh") if _english() else ("zh", "en")
    if stem:
        first, second = f"{stem}_{first}", f"{stem}_{second}"
    return str(item.get(first) or item.get(second) or "")


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` for keys a template cannot spell (numbers, dashes); None if absent."""
    if isinstance(mapping, Mapping):
        return mapping.get(key)
    return None


@register.simple_tag(takes_context=True)
def evidence_href(context: Any, evidence: Any) -> str:
    """The drill-down URL of ``evidence`` for the signed-in user, or an empty string."""
    request = context.get("request")
    if request is None:
        return ""
    return evidence_url(evidence, request.user) or ""


@register.simple_tag(takes_context=True)
def fig(context: Any, value: Any, evidence: Any = None, style: str = "count") -> SafeString:
    """A figure, formatted; a link to the records behind it when the user may open them."""
    text = _format(value, style)
    href = evidence_href(context, evidence)
    if not href:
        return format_html('<span class="fig">{}</span>', text)
    return format_html(
        '<a class="fig" href="{}" data-evidence="{}">{}</a>',
        href,
        _fmt().evidence_json(evidence),
        text,
    )
