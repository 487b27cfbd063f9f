"""A pydantic model read from a YAML file, every problem given with its line, column and fix.

Questionnaires and indicator catalogues are read this way: the file as UTF-8, parsed with
positions, checked for keys written twice, validated with the model's cross-checks deferred,
then cross-checked with each problem placed where its path points.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from luodi.policy.yamlpos import YamlPath, YamlSyntaxError, duplicate_keys, parse_yaml, position

__all__ = ["FileProblem", "FileProblems", "yaml_model", "yaml_text"]

M = TypeVar("M", bound=BaseModel)


class FileProblem(BaseModel):
    """One problem of a file: where it is, what is wrong, how to fix it."""

    model_config = ConfigDict(frozen=True)

    file: str = ""
    where: str = ""  # "line 12, column 9" or "sheet survey, row 5, column relevant"
    path: YamlPath = ()
    problem: str
    fix: str = ""

    def __str__(self) -> str:
        place = ", ".join(part for part in (self.file, self.where) if part)
        fix = f" — {self.fix}" if self.fix else ""
        return f"{place}: {self.problem}{fix}" if place else f"{self.problem}{fix}"


class FileProblems(ValueError):
    """The file could not be read into the model; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[FileProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def yaml_text(path: Path) -> str:
    """The text of ``path``; FileProblems if it is missing or not UTF-8."""
    file = str(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileProblems(
            [FileProblem(file=file, problem="no such file", fix="check the path")]
        ) from None
    except UnicodeDecodeError as error:
        raise FileProblems(
            [
                FileProblem(
                    file=file,
                    where=f"byte {error.start}",
                    problem="the file is not UTF-8 text",
                    fix="save it as UTF-8",
                )
            ]
        ) from None


def _where(root: Any, path: YamlPath, *, key: bool = False) -> str:
    line, column = position(root, path, key=key)
    return f"line {line}, column {column}"


def yaml_model(
    text: str,
    *,
    file: str,
    model: type[M],
    defer: str,
    start: str,
    fix: Callable[[ErrorDetails, Any], tuple[str, str]],
    checks: Callable[[M], Sequence[FileProblem]],
) -> M:
    """The ``model`` in the YAML ``text``; FileProblems listing every problem otherwise.

    ``defer`` is the validation-context key under which the model skips its cross-checks, so
    that ``checks`` can report them with positions; ``start`` names the top-level keys a file
    begins with; ``fix`` turns one pydantic error (and the parsed data) into (problem, fix).
    """
    try:
        parsed = parse_yaml(text)
    except YamlSyntaxError as error:
        raise FileProblems(
            [
                FileProblem(
                    file=file,
                    where=f"line {error.line}, column {error.column}",
                    problem=f"not valid YAML: {error.problem}",
                    fix="check the indentation and the quotes around this place",
                )
            ]
        ) from None
    problems = [
        FileProblem(
            file=file,
            where=f"line {duplicate.line}, column {duplicate.column}",
            problem=f"key {duplicate.key!r} appears twice in one mapping "
            f"(first on line {duplicate.first_line})",
            fix="YAML keeps only the last one; remove or rename one of them",
        )
        for duplicate in duplicate_keys(parsed.root)
    ]
    if not isinstance(parsed.data, dict):
        problems.append(
            FileProblem(
                file=file,
                where="line 1, column 1",
                problem="the file is not a mapping",
                fix=f"start with {start}",
            )
        )
        raise FileProblems(problems)
    try:
        value = model.model_validate(parsed.data, context={defer: True})
    except ValidationError as error:
        for detail in error.errors():
            loc = tuple(detail["loc"])
            problem, how = fix(detail, parsed.data)
            problems.append(
                FileProblem(
                    file=file,
                    where=_where(parsed.root, loc, key=detail["type"] == "extra_forbidden"),
                    path=loc,
                    problem=problem,
                    fix=how,
                )
            )
        raise FileProblems(problems) from None
    problems += [
        problem.model_copy(update={"file": file, "where": _where(parsed.root, problem.path)})
        for problem in checks(value)
    ]
    if problems:
        raise FileProblems(problems)
    return value
