"""Score periods: a year, half-year, quarter or month, written 2018, 2018-H1, 2018-Q3, 2018-05.

>>> p = period_parse("2018-Q1")
>>> p.start.isoformat(), p.end.isoformat(), p.previous().label
('2018-01-01', '2018-03-31', '2017-Q4')
>>> period_parse("2018").previous().label
'2017'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["PERIOD_FORMS", "PeriodError", "ScorePeriod", "period_parse"]

PERIOD_FORMS = "2018（年度）, 2018-H1 / 2018-H2（半年）, 2018-Q1 … 2018-Q4（季度）, 2018-05（月）"

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<half>H[12])|(?P<quarter>Q[1-4])|(?P<month>\d{2})))?$"
)


class PeriodError(ValueError):
    """A period label that is not one of the accepted forms."""

    def __init__(self, *, text: str, where: str = "period") -> None:
        self.text = text
        self.where = where
        self.fix = f"write one of the forms {PERIOD_FORMS}"
        super().__init__(f"评价期 {text!r} 无法识别 ({where}): not a period; {self.fix}")


@dataclass(frozen=True, kw_only=True)
class ScorePeriod:
    """A labelled run of days, both ends inclusive."""

    label: str
    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> ScorePeriod:
        """The period of the same length that ends the day before this one starts."""
        year, month = self.start.year, self.start.month - self.months
        while month < 1:
            month += 12
            year -= 1
        return _make(year, month, self.months)

    def to_dict(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat()}


def _label(year: int, month: int, months: int) -> str:
    if months == 12:
        return f"{year}"
    if months == 6:
        return f"{year}-H{(month - 1) // 6 + 1}"
    if months == 3:
        return f"{year}-Q{(month - 1) // 3 + 1}"
    return f"{year}-{month:02d}"


def _make(year: int, month: int, months: int) -> ScorePeriod:
    last_month = month + months - 1
    end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return ScorePeriod(label=_label(year, month, months), start=dt.date(year, month, 1), end=end)


def period_parse(text: str, *, where: str = "period") -> ScorePeriod:
    """The period a label names; raises PeriodError naming ``where`` the label came from."""
    match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise PeriodError(text=str(text), where=where)
    year = int(match["year"])
    if year < 1900:
        raise PeriodError(text=text, where=where)
    if match["half"]:
        return _make(year, 1 if match["half"] == "H1" else 7, 6)
    if match["quarter"]:
        return _make(year, 3 * (int(match["quarter"][1]) - 1) + 1, 3)
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(text=text, where=where)
        return _make(year, month, 1)
    return _make(year, 1, 12)
