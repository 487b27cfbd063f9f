"""YAML with positions: parse a file to its node tree and data, find where a path points.

Positions are 1-based line and column, as editors and compilers show them.

>>> parsed = parse_yaml("a:\\n  b: [1, 2]\\n")
>>> position(parsed.root, ("a", "b", 1))
(2, 10)
>>> position(parsed.root, ("a", "b"), key=True)
(2, 3)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import yaml

__all__ = [
    "DuplicateKey",
    "ParsedYaml",
    "YamlPath",
    "YamlSyntaxError",
    "duplicate_keys",
    "node_at",
    "parse_yaml",
    "position",
]

# A path into the data: mapping keys and list indexes, as in a pydantic error's ``loc``.
YamlPath: TypeAlias = tuple[str | int, ...]


@dataclass(frozen=True, kw_only=True)
class ParsedYaml:
    root: yaml.Node | None
    data: Any


@dataclass(frozen=True, kw_only=True)
class DuplicateKey:
    key: str
    line: int
    column: int
    first_line: int


class YamlSyntaxError(Exception):
    """The text is not YAML; ``line`` and ``column`` are 1-based."""

    def __init__(self, *, problem: str, line: int, column: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date (2017-02-30) as text.

    PyYAML raises a bare ValueError without a position for it; as text, the schema check
    reports "not a valid date" at the right line instead.
    """

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def parse_yaml(text: str) -> ParsedYaml:
    """The node tree and the data of a one-document YAML text; raises YamlSyntaxError."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise YamlSyntaxError(
            problem=problem or str(error),
            line=mark.line + 1 if mark else 1,
            column=mark.column + 1 if mark else 1,
        ) from None
    except yaml.YAMLError as error:  # e.g. a control character the reader refuses
        raise YamlSyntaxError(problem=str(error), line=1, column=1) from None
    finally:
        loader.dispose()
    return ParsedYaml(root=root, data=data)


def _children(node: yaml.Node, step: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key node, value node) that ``step`` selects in ``node``, if any."""
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == step:
                return key, value
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        item: yaml.Node = node.value[step]
        return item, item
    return None


def node_at(root: yaml.Node, path: Sequence[str | int], *, key: bool = False) -> yaml.Node:
    """The deepest node along ``path`` (its key node when ``key`` and the path is complete)."""
    node = root
    for number, step in enumerate(path):
        found = _children(node, step)
        if found is None:
            return node
        if key and number == len(path) - 1:
            return found[0]
        node = found[1]
    return node


def position(
    root: yaml.Node | None, path: Sequence[str | int], *, key: bool = False
) -> tuple[int, int]:
    """1-based (line, column) where ``path`` starts in the file."""
    if root is None:
        return 1, 1
    mark = node_at(root, path, key=key).start_mark
    return mark.line + 1, mark.column + 1


def _walk(node: yaml.Node) -> Iterator[yaml.Node]:
    yield node
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _walk(key)
            yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)


def duplicate_keys(root: yaml.Node | None) -> list[DuplicateKey]:
    """Keys that appear twice in one mapping; YAML keeps only the last, silently."""
    found: list[DuplicateKey] = []
    if root is None:
        return found
    for node in _walk(root):
        if not isinstance(node, yaml.MappingNode):
            continue
        first: dict[str, int] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            line = key.start_mark.line + 1
            if key.value in first:
                found.append(
                    DuplicateKey(
                        key=key.value,
                        line=line,
                        column=key.start_mark.column + 1,
                        first_line=first[key.value],
                    )
                )
            else:
                first[key.value] = line
    return found
