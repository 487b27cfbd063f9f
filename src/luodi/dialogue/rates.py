"""The desk's rates per department and period: response, on time, resolution, satisfaction.

Every rate is a count over a count, both reported, so a dashboard can show "41/52" beside the
percentage and a reader can check it. A rate whose denominator is 0 is null, never 0 or 1.
Counting runs in the engine (DuckDB by default) as one grouped aggregate; Python only reshapes
the aggregated rows. The definitions:

* ``response_rate``: accepted by ``accept_due_on`` / inquiries whose acceptance is due by now
  (the due day has passed) or that were accepted.
* ``on_time_rate``: answered by ``answer_due_on`` / inquiries whose answer is due by now or
  that were answered. A reopened inquiry waits for a new answer against its new deadline, so
  its earlier answer does not count.
* ``resolution_rate``: confirmed solved by the citizen / answered and closed (confirmed,
  closed not solved, and closed unconfirmed). Only the citizen's confirmation counts as solved.
* ``unconfirmed_share``: closed unconfirmed / the same closed inquiries.
* ``satisfaction_rate``: ratings 4 or 5 / ratings counted; a rating whose contest the talent
  office upheld is not counted (pending and rejected contests are). ``satisfaction_mean``
  carries the sum of the counted ratings over their number.
* ``reopen_rate``: reopened at least once / answered at least once.
* ``knew_department_share``: the department the submitter named is the one handling it /
  inquiries with a department.
* ``first_routing_accuracy``: first routed to the department handling it / routed.
* ``overdue_open``: open inquiries (submitted, routed, accepted, reopened) past a deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import narwhals as nw
import pyarrow as pa

from luodi.contract import Dataset
from luodi.engines import Engine, Frame, get_engine

__all__ = [
    "CLOSED_STATUSES",
    "DERIVED_KEYS",
    "OPEN_STATUSES",
    "PERIODS",
    "RATE_NAMES",
    "DialogueRates",
    "GroupRates",
    "InquiryColumnsMissing",
    "Rate",
    "dialogue_rates",
]

CLOSED_STATUSES = ("confirmed", "closed", "unconfirmed")
# Waiting for the department. "answered" waits for the citizen, so it cannot be overdue.
OPEN_STATUSES = ("submitted", "routed", "accepted", "reopened")
PERIODS = ("month", "quarter")
# Group keys computed from the columns rather than read from one.
DERIVED_KEYS = ("knew_department",)
RATE_NAMES = (
    "response_rate",
    "on_time_rate",
    "resolution_rate",
    "unconfirmed_share",
    "satisfaction_rate",
    "reopen_rate",
    "knew_department_share",
    "first_routing_accuracy",
)
_NEEDED = (
    "submitted_at",
    "department_id",
    "status",
    "accepted_at",
    "accept_due_on",
    "answered_at",
    "answer_due_on",
    "satisfaction",
    "rating_contest",
    "reopen_count",
    "named_department_id",
    "first_department_id",
)
# (numerator, denominator) columns of the aggregate for each rate.
_PARTS = {name: (f"{name}__num", f"{name}__den") for name in RATE_NAMES}
_PERIOD_KEY = "__period"


class InquiryColumnsMissing(ValueError):
    """The inquiries given lack columns the rates are computed from."""

    def __init__(self, missing: Sequence[str], *, present: Sequence[str]) -> None:
        self.missing = tuple(missing)
        super().__init__(
            f"咨询诉求表缺少计算指标所需的列：{', '.join(missing)} — the inquiries table lacks "
            f"{', '.join(missing)}, which the rates are computed from (it has "
            f"{', '.join(present) or 'no columns'}). Pass the contract's inquiries table "
            f"(see `luodi contract docs`), or a dataset holding it."
        )


@dataclass(frozen=True, kw_only=True)
class Rate:
    """``numerator`` / ``denominator``; ``value`` is None when the denominator is 0."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def to_dict(self) -> dict[str, object]:
        return {"value": self.value, "numerator": self.numerator, "denominator": self.denominator}


@dataclass(frozen=True, kw_only=True)
class GroupRates:
    """The rates of one group in one period (``period`` None: the whole time)."""

    group: Mapping[str, object]
    period: str | None
    submitted: int
    response_rate: Rate
    on_time_rate: Rate
    resolution_rate: Rate
    unconfirmed_share: Rate
    satisfaction_rate: Rate
    # Sum of the counted ratings over their number: a mean on 1–5, not a fraction.
    satisfaction_mean: Rate
    reopen_rate: Rate
    knew_department_share: Rate
    first_routing_accuracy: Rate
    open: int
    overdue_open: int

    def rate(self, name: str) -> Rate:
        """The rate called ``name`` (one of ``RATE_NAMES`` or "satisfaction_mean")."""
        if name not in (*RATE_NAMES, "satisfaction_mean"):
            raise KeyError(f"no rate {name!r}; the rates are {', '.join(RATE_NAMES)}")
        rate: Rate = getattr(self, name)
        return rate

    def to_dict(self) -> dict[str, object]:
        return {
            "group": dict(self.group),
            "period": self.period,
            "submitted": self.submitted,
            **{name: self.rate(name).to_dict() for name in RATE_NAMES},
            "satisfaction_mean": self.satisfaction_mean.to_dict(),
            "open": self.open,
            "overdue_open": self.overdue_open,
        }


@dataclass(frozen=True, kw_only=True)
class DialogueRates:
    """Rates per group (and period), the district per period, and the district overall."""

    today: dt.date
    by: tuple[str, ...]
    period: str | None
    groups: tuple[GroupRates, ...]
    totals: tuple[GroupRates, ...]  # one per period; the whole time when ``period`` is None
    total: GroupRates

    def group(self, period: str | None = None, **keys: object) -> GroupRates:
        """The rates of the group with these keys, e.g. ``group(department_id="C-HR")``."""
        for rates in self.groups:
            if rates.period == period and all(rates.group.get(k) == v for k, v in keys.items()):
                return rates
        raise KeyError(f"no group {keys!r} in period {period!r}")

    def to_dict(self) -> dict[str, object]:
        return {
            "today": self.today.isoformat(),
            "by": list(self.by),
            "period": self.period,
            "groups": [g.to_dict() for g in self.groups],
            "totals": [t.to_dict() for t in self.totals],
            "total": self.total.to_dict(),
        }


def _flag(expr: nw.Expr) -> nw.Expr:
    # Comparisons with a null are null; an unknown is not counted in either part.
    return expr.fill_null(value=False).cast(nw.Int64())


def _columns(today: dt.date) -> dict[str, nw.Expr]:
    """0/1 columns (and the rating sum) to add up per group."""
    c = nw.col
    accepted = ~c("accepted_at").is_null()
    # A reopened inquiry's earlier answer does not meet its new deadline.
    answered = ~c("answered_at").is_null() & (c("status") != "reopened")
    counted = ~c("satisfaction").is_null() & (
        c("rating_contest").is_null() | (c("rating_contest") != "upheld")
    )
    closed = c("status").is_in(CLOSED_STATUSES)
    reopened = c("reopen_count").fill_null(0) > 0
    today_lit = nw.lit(today, nw.Date())
    has_department = ~c("department_id").is_null()
    parts: dict[str, tuple[nw.Expr, nw.Expr]] = {
        "response_rate": (
            accepted & (c("accepted_at").cast(nw.Date()) <= c("accept_due_on")),
            ~c("accept_due_on").is_null() & (accepted | (c("accept_due_on") < today_lit)),
        ),
        "on_time_rate": (
            answered & (c("answered_at").cast(nw.Date()) <= c("answer_due_on")),
            ~c("answer_due_on").is_null() & (answered | (c("answer_due_on") < today_lit)),
        ),
        "resolution_rate": (c("status") == "confirmed", closed),
        "unconfirmed_share": (c("status") == "unconfirmed", closed),
        "satisfaction_rate": (counted & (c("satisfaction") >= 4), counted),
        "reopen_rate": (reopened, ~c("answered_at").is_null() | reopened),
        "knew_department_share": (
            has_department & (c("named_department_id") == c("department_id")),
            has_department,
        ),
        "first_routing_accuracy": (
            c("first_department_id") == c("department_id"),
            ~c("first_department_id").is_null(),
        ),
    }
    columns: dict[str, nw.Expr] = {}
    for name, (numerator, denominator) in parts.items():
        num, den = _PARTS[name]
        # A numerator row outside its denominator would be a rate above 1: require both.
        columns[num] = _flag(numerator & denominator)
        columns[den] = _flag(denominator)
    columns["satisfaction_sum"] = (
        nw.when(counted).then(c("satisfaction")).otherwise(0).fill_null(0).cast(nw.Int64())
    )
    is_open = c("status").is_in(OPEN_STATUSES)
    late = (c("answer_due_on") < today_lit) | (
        c("accepted_at").is_null() & (c("accept_due_on") < today_lit)
    )
    columns["open"] = _flag(~closed)
    columns["overdue_open"] = _flag(is_open & late)
    columns["submitted"] = nw.lit(1).cast(nw.Int64())
    return columns


def _period_expr(period: str) -> nw.Expr:
    submitted = nw.col("submitted_at")
    if period == "month":
        return submitted.dt.year() * 100 + submitted.dt.month()
    return submitted.dt.year() * 10 + (submitted.dt.month() + 2) // 3


def _period_label(period: str | None, key: object) -> str | None:
    if period is None or key is None:
        return None
    number = int(cast("int", key))
    if period == "month":
        return f"{number // 100}-{number % 100:02d}"
    return f"{number // 10}Q{number % 10}"


def _frame(inquiries: Any, engine: Engine | None) -> tuple[Frame, Engine | None]:
    if isinstance(inquiries, Dataset):
        inquiries = inquiries["inquiries"]
    if isinstance(inquiries, pa.Table):
        engine = engine or get_engine()
        return engine.frame(inquiries), engine
    if isinstance(inquiries, nw.LazyFrame):
        return inquiries, engine
    if isinstance(inquiries, nw.DataFrame):
        return _frame(inquiries.to_arrow(), engine)
    native = nw.from_native(inquiries)
    if isinstance(native, nw.DataFrame):
        return _frame(native.to_arrow(), engine)
    return cast("Frame", native), engine


def _collect(frame: Frame, engine: Engine | None) -> list[dict[str, object]]:
    if engine is not None:
        return engine.rows(frame)
    rows: list[dict[str, object]] = frame.collect().to_arrow().to_pylist()
    return rows


def _count(value: object) -> int:
    # Engines return a sum over no rows as null, and DuckDB large sums as Decimal.
    return 0 if value is None else int(cast("int", value))


def _group_rates(
    row: Mapping[str, object], *, group: Mapping[str, object], period: str | None
) -> GroupRates:
    def rate(name: str) -> Rate:
        num, den = _PARTS[name]
        return Rate(numerator=_count(row[num]), denominator=_count(row[den]))

    counted = _count(row[_PARTS["satisfaction_rate"][1]])
    return GroupRates(
        group=group,
        period=period,
        submitted=_count(row["submitted"]),
        response_rate=rate("response_rate"),
        on_time_rate=rate("on_time_rate"),
        resolution_rate=rate("resolution_rate"),
        unconfirmed_share=rate("unconfirmed_share"),
        satisfaction_rate=rate("satisfaction_rate"),
        satisfaction_mean=Rate(numerator=_count(row["satisfaction_sum"]), denominator=counted),
        reopen_rate=rate("reopen_rate"),
        knew_department_share=rate("knew_department_share"),
        first_routing_accuracy=rate("first_routing_accuracy"),
        open=_count(row["open"]),
        overdue_open=_count(row["overdue_open"]),
    )


def _sort_key(value: object) -> tuple[int, str]:
    # Nulls (no department yet) last; booleans and strings by their text.
    return (1, "") if value is None else (0, str(value))


def _aggregate(flags: Frame, keys: Sequence[str], engine: Engine | None) -> list[dict[str, object]]:
    sums = [nw.col(name).sum() for name in flags.collect_schema().names() if name not in keys]
    grouped = flags.group_by(*keys).agg(*sums) if keys else flags.select(*sums)
    rows = _collect(grouped, engine)
    return sorted(rows, key=lambda row: [_sort_key(row[k]) for k in keys])


def dialogue_rates(
    *,
    inquiries: Any,
    by: Sequence[str] = ("department_id",),
    period: str | None = None,
    today: dt.date | None = None,
    engine: Engine | None = None,
) -> DialogueRates:
    """The desk's rates per ``by`` group (and ``period`` of submission), plus the district.

    ``inquiries`` is the contract's inquiries table: a ``Dataset`` holding it, an Arrow table
    (counted on ``engine``, DuckDB by default), or a Narwhals / native DuckDB or Polars frame.
    ``by`` names inquiry columns, or "knew_department" (the submitter named the department
    handling it). ``period`` groups by the month or quarter of submission. Deadlines are judged
    on ``today`` (default: today's date).
    """
    if period is not None and period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)} or None, not {period!r}")
    day = today or dt.date.today()
    frame, engine = _frame(inquiries, engine)
    names = frame.collect_schema().names()
    missing = [name for name in _NEEDED if name not in names]
    unknown = [k for k in by if k not in names and k not in DERIVED_KEYS]
    if missing:
        raise InquiryColumnsMissing(missing, present=names)
    if unknown:
        raise ValueError(
            f"unknown group key(s) {', '.join(unknown)}: group by inquiry columns "
            f"({', '.join(names)}) or {', '.join(DERIVED_KEYS)}"
        )
    keys = tuple(by)
    derived = {
        "knew_department": _flag(nw.col("named_department_id") == nw.col("department_id")).cast(
            nw.Boolean()
        )
    }
    period_keys = (_PERIOD_KEY,) if period else ()
    selected = [
        *(derived[k].alias(k) if k in DERIVED_KEYS else nw.col(k) for k in keys),
        *([_period_expr(period).alias(_PERIOD_KEY)] if period else []),
        *(expr.alias(name) for name, expr in _columns(day).items()),
    ]
    flags = frame.select(*selected)
    groups = tuple(
        _group_rates(
            row,
            group={k: row[k] for k in keys},
            period=_period_label(period, row.get(_PERIOD_KEY)),
        )
        for row in _aggregate(flags, (*period_keys, *keys), engine)
    )
    totals_rows = _aggregate(flags.drop(*keys) if keys else flags, period_keys, engine)
    totals = tuple(
        _group_rates(row, group={}, period=_period_label(period, row.get(_PERIOD_KEY)))
        for row in totals_rows
    )
    whole = flags.drop(*keys, *period_keys) if (keys or period_keys) else flags
    total = _group_rates(_aggregate(whole, (), engine)[0], group={}, period=None)
    return DialogueRates(
        today=day, by=keys, period=period, groups=groups, totals=totals, total=total
    )
