"""Formulas: the whitelist, evaluation on one profile, and the same result as an expression."""

from __future__ import annotations

import re

import narwhals as nw
import polars as pl
import pytest

from luodi.policy.formula import FormulaError, evaluate_formula, formula_expr, parse_formula


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("1 + 2 * 3", {}, 7.0),
        ("(1 + 2) * 3", {}, 9.0),
        ("-employer.revenue / 4", {"employer.revenue": 100}, -25.0),
        ("min(employer.revenue * 0.05, 500000)", {"employer.revenue": 2e6}, 100000.0),
        ("max(person.age, 30, 40) - 1", {"person.age": 35}, 39.0),
        (
            "employer.revenue / employer.employees",
            {"employer.revenue": 10, "employer.employees": 0},
            None,
        ),
        ("employer.revenue * 2", {}, None),
        ("employer.revenue * 2", {"employer.revenue": None}, None),
    ],
)
def test_evaluate(text: str, values: dict[str, object], expected: float | None) -> None:
    assert evaluate_formula(parse_formula(text), values) == expected


def test_attributes_are_listed_once_in_order() -> None:
    parsed = parse_formula("employer.revenue * 0.1 + min(employer.revenue, person.age)")
    assert parsed.attributes == ("employer.revenue", "person.age")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("__import__('os').system('x')", "only min() and max() may be called"),
        ("abs(employer.revenue)", "only min() and max() may be called"),
        ("employer.revenue ** 2", "is not allowed"),
        ("revenue * 2", "is not an attribute"),
        ("'a' + 1", "is not a number"),
        ("True + 1", "is not a number"),
        ("min(1)", "two or more"),
        ("1 +", "does not parse"),
        ("[1, 2]", "is not allowed"),
        ("employer.revenue if 1 else 2", "is not allowed"),
    ],
)
def test_rejects_what_is_not_whitelisted(text: str, reason: str) -> None:
    with pytest.raises(FormulaError, match=re.escape(reason)):
        parse_formula(text)


def test_formula_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_formula("x.y.z(")


def test_expression_agrees_with_evaluation() -> None:
    text = "min(employer__x * 0.1, employer__n * 100) / employer__n"
    parsed = parse_formula(text.replace("__", "."))
    rows = [(1000.0, 2), (50.0, 10), (None, 3), (10.0, 0), (10.0, None)]
    frame = pl.DataFrame(
        {"employer__x": [r[0] for r in rows], "employer__n": [r[1] for r in rows]},
        schema={"employer__x": pl.Float64, "employer__n": pl.Int64},
    )
    expr = formula_expr(parsed, lambda name: nw.col(name.replace(".", "__")))
    got = nw.from_native(frame.lazy()).select(expr.alias("v")).collect()["v"].to_list()
    expected = [evaluate_formula(parsed, {"employer.x": x, "employer.n": n}) for x, n in rows]
    assert got == expected == [50.0, 0.5, None, None, None]
