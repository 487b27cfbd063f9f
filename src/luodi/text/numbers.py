"""Quantities in clause text: amounts, ratios, caps, counts, durations and dates.

A regular-expression recogniser finds Arabic and Chinese numerals with their unit (五十万元,
百分之三十, 3年, 2,000元/月); ``cn_to_number`` converts the Chinese numerals that policy texts
use (no dependency needed for detection; the values are used to compare caps in conflicts).

>>> [(m.text, m.kind, m.value, m.bound) for m in quantities("最高给予五十万元资助，期限不超过3年")]
[('五十万元', 'money', 500000.0, 'max'), ('3年', 'duration', 36.0, 'max')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from luodi.text.model import Span

__all__ = ["Quantity", "cn_to_number", "quantities"]

Kind = Literal["money", "ratio", "duration", "count", "area", "age", "date"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_CN = "零〇一二两三四五六七八九十百千万亿"


def cn_to_number(text: str) -> float:
    """The value of a Chinese numeral (五十万 → 500000, 十二 → 12, 三点五 → 3.5).

    >>> cn_to_number("一千二百五十"), cn_to_number("两亿零五百万"), cn_to_number("三点五")
    (1250.0, 205000000.0, 3.5)
    """
    if "点" in text:
        whole, frac = text.split("点", 1)
        decimals = "".join(str(_DIGITS[c]) for c in frac)
        return cn_to_number(whole or "零") + float("0." + decimals)
    total = mid = section = digit = 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _SMALL:
            section += (digit or 1) * _SMALL[char]
            digit = 0
        elif char == "亿":
            total = (total + mid + section + digit) * _BIG[char]
            mid = section = digit = 0
        elif char == "万":
            mid = (section + digit) * _BIG[char]
            section = digit = 0
        else:
            raise ValueError(f"{text!r} is not a Chinese numeral ({char!r})")
    return float(total + mid + section + digit)


# unit → (kind, factor to the base unit: yuan, percent, months, count, square metres)
_UNITS: dict[str, tuple[Kind, float]] = {
    "亿元": ("money", 1e8),
    "万元": ("money", 1e4),
    "千元": ("money", 1e3),
    "元": ("money", 1.0),
    "%": ("ratio", 1.0),
    "％": ("ratio", 1.0),
    "个工作日": ("duration", 1 / 21),
    "工作日": ("duration", 1 / 21),
    "个月": ("duration", 1.0),
    "年": ("duration", 12.0),
    "周": ("duration", 0.25),
    "天": ("duration", 1 / 30),
    "日": ("duration", 1 / 30),
    "小时": ("duration", 1 / 720),
    "周岁": ("age", 1.0),
    "岁": ("age", 1.0),
    "平方米": ("area", 1.0),
    "㎡": ("area", 1.0),
    "名": ("count", 1.0),
    "人": ("count", 1.0),
    "家": ("count", 1.0),
    "项": ("count", 1.0),
    "套": ("count", 1.0),
    "次": ("count", 1.0),
    "批": ("count", 1.0),
    "期": ("count", 1.0),
    "倍": ("count", 1.0),
    "份": ("count", 1.0),
    "所": ("count", 1.0),
    "个": ("count", 1.0),
}
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_ARABIC = r"[0-9０-９]+(?:[,，][0-9]{3})*(?:\.[0-9]+)?"
_CN_NUM = rf"[{_CN}]+(?:点[{_CN}]+)?"
_QUANTITY = re.compile(
    rf"(?P<date>[0-9]{{4}}年(?:[0-9]{{1,2}}月(?:[0-9]{{1,2}}日)?)?)"
    rf"|百分之(?P<pct>{_ARABIC}|{_CN_NUM})"
    rf"|(?<![第每])(?P<num>{_ARABIC}|{_CN_NUM})\s*(?P<wan>万)?(?P<unit>{_UNIT_RE})(?!性|来|般|直|律)"
)
_MAX_BEFORE = re.compile(
    r"(最高|最多|不超过|不高于|不得超过|上限为?|最长|至多|封顶|可达|延长至|累计)[^，。；]{0,4}$"
)
_MIN_BEFORE = re.compile(r"(不低于|不少于|不得低于|最低|至少|满)[^，。；]{0,10}$")
_MAX_AFTER = re.compile(r"^(以内|以下|内|为限|封顶)")
_MIN_AFTER = re.compile(r"^(以上|及以上)")


@dataclass(frozen=True)
class Quantity:
    """One quantity: ``text`` at ``start:end``, its kind, its value in the base unit (yuan,
    percent, months, count, square metres; None for dates) and whether it is a cap or floor."""

    text: str
    start: int
    end: int
    kind: Kind
    value: float | None
    unit: str
    bound: Literal["max", "min"] | None

    @property
    def span(self) -> Span:
        return Span(self.text, self.start, self.end)


def _value(raw: str) -> float:
    raw = raw.translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace(",", "")
    raw = raw.replace("，", "")
    if raw[0].isdigit():
        return float(raw)
    return cn_to_number(raw)


def _bound(text: str, start: int, end: int) -> Literal["max", "min"] | None:
    before = text[max(0, start - 16) : start]
    after = text[end : end + 4]
    if _MAX_BEFORE.search(before) or _MAX_AFTER.match(after):
        return "max"
    if _MIN_BEFORE.search(before) or _MIN_AFTER.match(after):
        return "min"
    return None


def quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order."""
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        start, end = m.start(), m.end()
        if m.group("date"):
            found.append(Quantity(m.group(), start, end, "date", None, "date", None))
            continue
        if m.group("pct") is not None:
            value = _value(m.group("pct"))
            kind: Kind = "ratio"
            unit = "%"
        else:
            unit = m.group("unit")
            kind, factor = _UNITS[unit]
            value = _value(m.group("num")) * factor * (1e4 if m.group("wan") else 1.0)
            if m.group("num") == "一" and unit in ("个", "项", "家", "名", "人", "批", "期"):
                continue  # 一个, 一项: a determiner, not a count
        bound = _bound(text, start, end)
        found.append(Quantity(m.group(), start, end, kind, value, unit, bound))
    return found
