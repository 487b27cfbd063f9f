"""The study's printed figures as data, and an exact solver for counts that reproduce them.

Every printed percentage stands for an interval: a share printed as ``63.5`` at one decimal is
any share in ``[63.45, 63.55)`` (round half up). The solver works in exact fractions, so a count
either reproduces the printed figure or it does not — no floating-point borderline cases.

Tie-break rule: among exact solutions the one with the largest valid count ``n`` (closest to the
160 questionnaires) wins. At a given ``n`` every one-decimal interval is narrower than one
respondent (0.1 % of 160 = 0.16), so the counts at that ``n`` are unique; should a wider
interval ever admit several, the one with the smallest total deviation, then the
lexicographically smallest counts, wins.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = [
    "AWARENESS_MEAN",
    "CHANNELS",
    "LANDING_POOR",
    "QUESTIONNAIRES",
    "TABLE1",
    "TABLE1_DECIMALS",
    "CategoryTarget",
    "Figure",
    "FunnelSolution",
    "ItemSolution",
    "ItemTarget",
    "MeanSolution",
    "ShareSolution",
    "closest_shares",
    "solve_funnel",
    "solve_item",
    "solve_mean",
    "solve_shares",
    "table1_solutions",
    "target",
]

QUESTIONNAIRES = 160

# Table 1 is printed at one decimal; three figures appear without one ("72", "37", "10").
# Their siblings show the journal dropped a trailing ".0" (2.8 + 25.2 + 72 = 100.0 and
# 56.3 + 6.7 + 37 = 100.0), so they are read at one decimal too — the stricter reading, which
# also keeps every share within 0.1 percentage point of the print.
TABLE1_DECIMALS = 1


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A figure as printed, with the precision it is read at (decimals after the point)."""

    printed: str
    decimals: int

    @property
    def value(self) -> Fraction:
        return Fraction(self.printed)

    @property
    def interval(self) -> tuple[Fraction, Fraction]:
        """The half-open interval ``[low, high)`` of values that print as this figure."""
        half = Fraction(1, 2 * 10**self.decimals)
        return self.value - half, self.value + half

    def admits(self, value: Fraction) -> bool:
        low, high = self.interval
        return low <= value < high


def _figure(printed: str, decimals: int | None = None) -> Figure:
    if decimals is None:
        decimals = len(printed.split(".")[1]) if "." in printed else 0
    return Figure(printed=printed, decimals=decimals)


@dataclass(frozen=True, kw_only=True)
class CategoryTarget:
    """One category of a Table 1 item: option code, label as printed, printed share or None."""

    code: str
    label: str
    printed: Figure | None


@dataclass(frozen=True, kw_only=True)
class ItemTarget:
    """One Table 1 item: its code in the questionnaire, its label as printed, its categories."""

    code: str
    label: str
    categories: tuple[CategoryTarget, ...]
    # Why the printed figures cannot be reproduced by any counts; None when they can.
    inconsistent: str | None = None
    # A valid count inferred elsewhere (DESIGN.md §5 infers 性别 = 99/57 of 156); None lets the
    # solver pick the largest fitting N.
    valid_n: int | None = None

    @property
    def printed(self) -> tuple[CategoryTarget, ...]:
        return tuple(c for c in self.categories if c.printed is not None)

    @property
    def unprinted(self) -> tuple[CategoryTarget, ...]:
        return tuple(c for c in self.categories if c.printed is None)


def _item(
    code: str,
    label: str,
    *rows: tuple[str, str, str | None],
    inconsistent: str | None = None,
    valid_n: int | None = None,
) -> ItemTarget:
    return ItemTarget(
        code=code,
        label=label,
        categories=tuple(
            CategoryTarget(
                code=c,
                label=lab,
                printed=None if p is None else _figure(p, TABLE1_DECIMALS),
            )
            for c, lab, p in rows
        ),
        inconsistent=inconsistent,
        valid_n=valid_n,
    )


# Table 1 (被调查者基本信息分布表), item and category labels exactly as printed.
TABLE1: tuple[ItemTarget, ...] = (
    _item("gender", "性别", ("male", "男性", "63.5"), ("female", "女性", "36.5"), valid_n=156),
    _item(
        "age",
        "年龄",
        ("21_30", "21—30岁", "58.7"),
        ("31_40", "31—40岁", "35.5"),
        ("41_50", "41—50岁", "4.5"),
        # The printed shares sum to 98.7, so 1.3 % sit in a category the table leaves out.
        # It is the older tail rather than "20岁及以下": the shares fall with age
        # (58.7 → 35.5 → 4.5 → 1.3), and respondents are graduates in employment, hardly
        # anyone of whom is 20 or younger.
        ("51_plus", "51岁及以上", None),
    ),
    _item("nationality", "国籍", ("CN", "中国", "98.1"), ("US", "美国", "1.9")),
    _item(
        "talent_level",
        "人才层次",
        ("high", "高端人才（A类、B类、C类人才）", "2.8"),
        ("middle", "中端人才（D类、E类、F类人才）", "25.2"),
        ("general", "一般人才", "72"),
    ),
    _item(
        "degree",
        "学历",
        ("doctorate", "博士", "5.1"),
        ("master", "硕士", "15.2"),
        ("bachelor", "本科", "60.9"),
        ("below_bachelor", "本科以下", "18.8"),
    ),
    _item(
        "origin",
        "籍贯",
        ("in_province", "浙江省内", "61.2"),
        ("out_of_province", "浙江省外", "38.8"),
    ),
    _item(
        "political_status",
        "政治面貌",
        ("cpc_member", "中共党员", "19.6"),
        ("cyl_member", "共青团员", "38.6"),
        ("democratic_party", "民主党派", "0.7"),
        ("non_party", "无党派人士", "2.6"),
        ("masses", "群众", "38.6"),
    ),
    _item(
        "discipline",
        "学科背景",
        ("science_engineering", "理工科", "56.3"),
        ("humanities", "文科", "6.7"),
        ("social_science", "社科", "37"),
    ),
    _item(
        "title",
        "职称",
        ("senior", "正高级", "5.7"),
        ("associate_senior", "副高级", "3.5"),
        ("intermediate", "中级", "17.1"),
        ("junior", "中级以下", "19.1"),
        ("none", "无职称", "54.6"),
        inconsistent=(
            "印刷比例合计100.0%，但160份以内没有任何有效人数能按一位小数同时复现五个比例，"
            "最少需403人（no valid count n ≤ 160 reproduces all five shares at one decimal; "
            "the smallest n that does is 403）"
        ),
    ),
    _item(
        "employer_kind",
        "工作单位",
        ("traditional", "传统型", "29.4"),
        ("public_institution", "事业单位", "10"),
        ("innovative", "创新型企业", "61.6"),
        inconsistent=(
            "印刷比例合计101.0%，任何人数都无法复现（the printed shares sum to 101.0%, "
            "so no counts reproduce them）"
        ),
    ),
)


def target(code: str) -> ItemTarget:
    """The Table 1 item whose questionnaire code is ``code``."""
    for item in TABLE1:
        if item.code == code:
            return item
    known = ", ".join(item.code for item in TABLE1)
    raise KeyError(f"Table 1 has no item {code!r}; its items are: {known}")


# Section 二.3 and 二.2 of the study, at the precision printed there.
AWARENESS_MEAN = _figure("2.10")  # 1 = 完全不了解 … 5 = 非常了解
CHANNELS = (_figure("14"), _figure("37"), _figure("49"))  # none / active search / outreach
LANDING_POOR = _figure("46.7")
PROBLEM = _figure("47")  # of all respondents
KNEW = (_figure("55"), _figure("45"))  # of those with a problem: did not know / knew
SOLVED = (_figure("66"), _figure("34"))  # of those who knew: solved / not solved


@dataclass(frozen=True, kw_only=True)
class ShareSolution:
    """Counts for the printed categories; ``n - sum(counts)`` falls in unprinted ones."""

    n: int
    counts: tuple[int, ...]
    max_deviation: Fraction  # percentage points, largest over the printed categories

    @property
    def remainder(self) -> int:
        return self.n - sum(self.counts)


def _percent(count: int, n: int) -> Fraction:
    return Fraction(100 * count, n)


def _deviations(figures: Sequence[Figure], counts: Sequence[int], n: int) -> list[Fraction]:
    return [abs(_percent(c, n) - f.value) for f, c in zip(figures, counts, strict=True)]


def _ranges(figures: Sequence[Figure], n: int) -> list[range]:
    out = []
    for figure in figures:
        low, high = figure.interval
        first = max(0, math.ceil(low * n / 100))
        last = math.ceil(high * n / 100) - 1  # the upper bound is open
        out.append(range(first, min(last, n) + 1))
    return out


def solve_shares(
    figures: Sequence[Figure],
    *,
    max_n: int = QUESTIONNAIRES,
    min_n: int = 1,
    remainder: bool = False,
) -> ShareSolution | None:
    """The exact solution with the largest ``n`` in ``[min_n, max_n]``, or None.

    With ``remainder`` the counts may fall short of ``n`` (the rest answered an unprinted
    category); without it they must add up to ``n``.
    """
    for n in range(max_n, min_n - 1, -1):
        best: tuple[Fraction, tuple[int, ...]] | None = None
        for combo in itertools.product(*_ranges(figures, n)):
            total = sum(combo)
            if total > n or (not remainder and total != n):
                continue
            key = (Fraction(sum(_deviations(figures, combo, n))), tuple(combo))
            if best is None or key < best:
                best = key
        if best is not None:
            counts = best[1]
            return ShareSolution(
                n=n, counts=counts, max_deviation=max(_deviations(figures, counts, n))
            )
    return None


def closest_shares(
    figures: Sequence[Figure], *, max_n: int = QUESTIONNAIRES, min_n: int = 1
) -> ShareSolution:
    """Counts adding up to ``n`` that minimise the largest deviation from the printed figures.

    For items no counts reproduce; ties go to the larger ``n``.
    """
    best: tuple[Fraction, int, tuple[int, ...]] | None = None
    for n in range(max_n, min_n - 1, -1):
        # Within one n all shares share the denominator n, so compare integer numerators
        # |100·count·q − p·n·q| (p = a/q) and build one Fraction per n, which keeps this fast.
        scaled = [(f.value.numerator, f.value.denominator) for f in figures]
        around = [
            range(max(0, math.floor(f.value * n / 100) - 1), math.ceil(f.value * n / 100) + 2)
            for f in figures[:-1]
        ]
        best_n: tuple[Fraction, tuple[int, ...]] | None = None
        for head in itertools.product(*around):
            last = n - sum(head)
            if last < 0:
                continue
            combo = (*head, last)
            worst = max(
                Fraction(abs(100 * c * q - a * n), q)
                for (a, q), c in zip(scaled, combo, strict=True)
            )
            if best_n is None or (worst, combo) < best_n:
                best_n = (worst, combo)
        if best_n is None:
            continue
        key = (best_n[0] / n, -n, best_n[1])
        if best is None or key < best:
            best = key
    assert best is not None, "min_n must not exceed max_n"
    worst, negative_n, counts = best
    return ShareSolution(n=-negative_n, counts=counts, max_deviation=worst)


@dataclass(frozen=True, kw_only=True)
class ItemSolution:
    """Counts per category (unprinted ones included) for one Table 1 item."""

    item: ItemTarget
    n: int
    counts: tuple[tuple[str, int], ...]  # (option code, count) in the item's category order
    exact: bool
    max_deviation: Fraction


def solve_item(item: ItemTarget, *, max_n: int = QUESTIONNAIRES) -> ItemSolution:
    """Solve one Table 1 item: exactly if the print allows it, else as closely as possible."""
    figures = [c.printed for c in item.printed if c.printed is not None]
    if item.valid_n is not None:
        max_n = item.valid_n
    exact = solve_shares(figures, max_n=max_n, remainder=bool(item.unprinted))
    if item.valid_n is not None and (exact is None or exact.n != item.valid_n):
        raise ValueError(
            f"Table 1 item {item.label}: the inferred valid count {item.valid_n} does not "
            "reproduce the printed shares; correct valid_n in luodi.demo.calibration"
        )
    solution = exact or closest_shares(figures, max_n=max_n)
    by_code = dict(zip((c.code for c in item.printed), solution.counts, strict=True))
    # An unprinted category takes the whole remainder (the items have at most one).
    for category in item.unprinted:
        by_code[category.code] = solution.remainder
    return ItemSolution(
        item=item,
        n=solution.n,
        counts=tuple((c.code, by_code[c.code]) for c in item.categories),
        exact=exact is not None,
        max_deviation=solution.max_deviation,
    )


@functools.cache
def table1_solutions() -> tuple[ItemSolution, ...]:
    """The solved counts of every Table 1 item, in the table's order."""
    return tuple(solve_item(item) for item in TABLE1)


@dataclass(frozen=True, kw_only=True)
class FunnelSolution:
    """Counts of the service funnel (section 二.3); each level is a skip-logic subset."""

    respondents: int  # answered "met a problem?"
    problem: int  # said yes
    knew_answered: int  # of those with a problem, answered "knew the department?"
    knew: int
    solved_answered: int  # of those who knew, answered "was it solved?"
    solved: int


def _fits(figure: Figure, count: int, n: int) -> bool:
    return n > 0 and figure.admits(_percent(count, n))


@functools.cache
def solve_funnel(*, max_n: int = QUESTIONNAIRES) -> FunnelSolution:
    """Largest denominators, outermost first, whose shares all round to the printed figures."""
    for respondents in range(max_n, 0, -1):
        for problem in range(respondents + 1):
            if not _fits(PROBLEM, problem, respondents):
                continue
            for knew_answered in range(problem, 0, -1):
                for knew in range(knew_answered + 1):
                    if not (
                        _fits(KNEW[1], knew, knew_answered)
                        and _fits(KNEW[0], knew_answered - knew, knew_answered)
                    ):
                        continue
                    for solved_answered in range(knew, 0, -1):
                        for solved in range(solved_answered + 1):
                            if _fits(SOLVED[0], solved, solved_answered) and _fits(
                                SOLVED[1], solved_answered - solved, solved_answered
                            ):
                                return FunnelSolution(
                                    respondents=respondents,
                                    problem=problem,
                                    knew_answered=knew_answered,
                                    knew=knew,
                                    solved_answered=solved_answered,
                                    solved=solved,
                                )
    raise AssertionError("the funnel figures admit no counts")  # pragma: no cover


@dataclass(frozen=True, kw_only=True)
class MeanSolution:
    """Answers 1–5 of a Likert item whose mean rounds to the printed figure."""

    n: int
    counts: tuple[int, int, int, int, int]  # how many answered 1, 2, 3, 4, 5

    @property
    def mean(self) -> Fraction:
        return Fraction(sum((i + 1) * c for i, c in enumerate(self.counts)), self.n)


def solve_mean(
    figure: Figure = AWARENESS_MEAN,
    *,
    n: int = QUESTIONNAIRES,
    shape: tuple[int, int, int, int, int] = (30, 38, 24, 6, 2),
) -> MeanSolution:
    """Counts close to ``shape`` (relative weights of 1…5) with a mean that prints as ``figure``.

    Starts from the shape scaled to ``n`` and moves one answer at a time one step down or up
    the scale until the mean fits, which keeps the distribution's form.
    """
    weights = sum(shape)
    counts = [w * n // weights for w in shape]
    counts[int(max(range(5), key=lambda i: shape[i]))] += n - sum(counts)
    low, high = figure.interval
    for _ in range(10 * n):
        total = sum((i + 1) * c for i, c in enumerate(counts))
        mean = Fraction(total, n)
        if low <= mean < high:
            return MeanSolution(n=n, counts=(counts[0], counts[1], counts[2], counts[3], counts[4]))
        if mean >= high:  # move one answer down from the highest populated level above 1
            source = max(i for i in range(1, 5) if counts[i] > 0)
            counts[source] -= 1
            counts[source - 1] += 1
        else:
            source = min(i for i in range(4) if counts[i] > 0)
            counts[source] -= 1
            counts[source + 1] += 1
    raise AssertionError(f"no Likert counts of n={n} print as {figure.printed}")  # pragma: no cover
