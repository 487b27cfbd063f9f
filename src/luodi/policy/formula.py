"""Benefit formulas: a safe arithmetic subset of Python, evaluated on one profile or compiled.

A formula such as ``min(employer.revenue * 0.05, 500000)`` is parsed once with :mod:`ast` and
checked against a whitelist (numbers, dotted attribute names, ``+ - * /``, unary minus,
``min()``, ``max()``); nothing is ever passed to ``eval``. The same parsed tree is evaluated on
one profile (the explanation) and compiled to a Narwhals expression (the population run), so
both give the same answer, including *unknown* (``None`` / null) when an attribute is missing
or a divisor is zero.

>>> parsed = parse_formula("min(employer.revenue * 0.05, 500000)")
>>> parsed.attributes
('employer.revenue',)
>>> evaluate_formula(parsed, {"employer.revenue": 2_000_000.0})
100000.0
>>> evaluate_formula(parsed, {}) is None
True
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import narwhals as nw

from luodi.policy.errors import PolicyError

__all__ = ["FormulaError", "ParsedFormula", "evaluate_formula", "formula_expr", "parse_formula"]

_FUNCTIONS = frozenset({"min", "max"})
_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div)


class FormulaError(PolicyError, ValueError):
    """A formula uses something outside the whitelist or does not parse."""


@dataclass(frozen=True, kw_only=True)
class ParsedFormula:
    """A checked formula: its text, expression tree and the attributes it reads, in order."""

    text: str
    tree: ast.expr
    attributes: tuple[str, ...]


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return None if head is None else f"{head}.{node.attr}"
    return None


def _check(node: ast.expr, text: str, attributes: list[str]) -> None:
    where = f"in formula {text!r}"
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError(
                f"{where}: {node.value!r} is not a number; formulas use numbers and attributes"
            )
        return
    if isinstance(node, ast.Name | ast.Attribute):
        name = _dotted(node)
        if name is None or "." not in name:
            raise FormulaError(
                f"{where}: {ast.unparse(node)!r} is not an attribute; name one as "
                "person.<column> or employer.<column>, e.g. employer.revenue"
            )
        if name not in attributes:
            attributes.append(name)
        return
    if isinstance(node, ast.BinOp) and isinstance(node.op, _OPERATORS):
        _check(node.left, text, attributes)
        _check(node.right, text, attributes)
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check(node.operand, text, attributes)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
            raise FormulaError(f"{where}: only min() and max() may be called")
        if node.keywords or len(node.args) < 2:
            raise FormulaError(f"{where}: {node.func.id}() takes two or more plain arguments")
        for argument in node.args:
            _check(argument, text, attributes)
        return
    raise FormulaError(
        f"{where}: {ast.unparse(node)!r} is not allowed; use numbers, attributes, "
        "+ - * /, parentheses, min() and max()"
    )


@lru_cache(maxsize=1024)
def parse_formula(text: str) -> ParsedFormula:
    """Parse and check ``text``; raises :class:`FormulaError` saying what is not allowed."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as error:
        raise FormulaError(f"formula {text!r} does not parse: {error.msg}") from None
    attributes: list[str] = []
    _check(tree, text, attributes)
    return ParsedFormula(text=text, tree=tree, attributes=tuple(attributes))


class _Unknown(Exception):
    # Raised inside evaluation so that one missing value or zero divisor ends it at once.
    pass


def _constant(node: ast.Constant) -> float:
    # _check let only int and float constants through.
    assert isinstance(node.value, int | float)
    return float(node.value)


def _value(node: ast.expr, values: Mapping[str, object]) -> float:
    if isinstance(node, ast.Constant):
        return _constant(node)
    if isinstance(node, ast.Name | ast.Attribute):
        value = values.get(_dotted(node) or "")
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            raise _Unknown
        return float(value)
    if isinstance(node, ast.BinOp):
        left, right = _value(node.left, values), _value(node.right, values)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if right == 0:
            raise _Unknown
        return left / right
    if isinstance(node, ast.UnaryOp):
        operand = _value(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    assert isinstance(node, ast.Call)
    assert isinstance(node.func, ast.Name)
    arguments = [_value(a, values) for a in node.args]
    return min(arguments) if node.func.id == "min" else max(arguments)


def evaluate_formula(formula: ParsedFormula, values: Mapping[str, object]) -> float | None:
    """The formula's value on ``values`` (attribute → value); ``None`` if any is missing or a
    divisor is zero."""
    try:
        return _value(formula.tree, values)
    except _Unknown:
        return None


def formula_expr(formula: ParsedFormula, column: Callable[[str], nw.Expr]) -> nw.Expr:
    """The formula as a Narwhals expression; ``column`` maps an attribute to its expression.

    The result is null where any attribute is null or a divisor is zero, exactly like
    :func:`evaluate_formula`. The guard is needed because engines disagree on both: SQL
    ``least`` skips nulls and Spark's ANSI mode raises on division by zero.
    """
    guards: list[nw.Expr] = [~column(name).is_null() for name in formula.attributes]

    def build(node: ast.expr) -> nw.Expr:
        if isinstance(node, ast.Constant):
            return nw.lit(_constant(node), dtype=nw.Float64())
        if isinstance(node, ast.Name | ast.Attribute):
            return column(_dotted(node) or "").cast(nw.Float64())
        if isinstance(node, ast.BinOp):
            left, right = build(node.left), build(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            guards.append(right != 0)
            return left / right
        if isinstance(node, ast.UnaryOp):
            operand = build(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        assert isinstance(node, ast.Call)
        assert isinstance(node.func, ast.Name)
        arguments = [build(a) for a in node.args]
        if node.func.id == "min":
            return nw.min_horizontal(*arguments)
        return nw.max_horizontal(*arguments)

    expression = build(formula.tree)
    if not guards:
        return expression
    return nw.when(nw.all_horizontal(*guards, ignore_nulls=False)).then(expression)
