"""`luodi text`: the policy text analyser — vague terms and missing elements, conflicts, evaluation.

Input of `analyse` and `conflicts`: JSON Lines, one clause a line, {"id", "text", "issuer"?,
"level"?}, from FILE or standard input (`-`). A line that is not valid JSON (or not a clause)
is reported with its line number on standard error and stops the command with exit status 1,
unless --keep-going: then it is skipped, the rest is processed and a summary says how many
lines were skipped (exit status 0).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from luodi.text import ClauseInput

__all__ = ["command"]

_INPUT = click.argument(
    "source", type=click.File("r", encoding="utf-8"), default="-", metavar="[FILE|-]"
)
_KEEP_GOING = click.option(
    "--keep-going", is_flag=True, help="Skip bad lines (reported on stderr) instead of stopping."
)


class _Skips:
    """Bad input lines: stop at the first one, or count them with --keep-going."""

    def __init__(self, keep_going: bool) -> None:
        self.keep_going = keep_going
        self.count = 0

    def bad(self, number: int, message: str) -> None:
        click.echo(f"line {number}: {message}", err=True)
        if not self.keep_going:
            raise click.exceptions.Exit(1)
        self.count += 1

    def summary(self) -> None:
        if self.count:
            click.echo(f"skipped {self.count} bad line(s) (--keep-going)", err=True)


def _clauses(source: IO[str], skips: _Skips) -> Iterator[tuple[int, ClauseInput]]:
    from luodi.text import ClauseInput

    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            row: Any = json.loads(line)
        except json.JSONDecodeError as error:
            skips.bad(
                number,
                f"invalid JSON ({error.msg} at column {error.colno}); "
                'each line must be one object like {"id": "c1", "text": "…"}',
            )
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            skips.bad(number, 'not a clause: expected an object with a string "text"')
            continue
        issuer, level = row.get("issuer"), row.get("level")
        yield (
            number,
            ClauseInput(
                id=str(row.get("id", f"line-{number}")),
                text=row["text"],
                issuer=issuer if isinstance(issuer, str) else None,
                level=level if isinstance(level, str) else None,
            ),
        )


def _dump(row: dict[str, Any]) -> None:
    click.echo(json.dumps(row, ensure_ascii=False))


@click.group(name="text")
def command() -> None:
    """Policy text analyser: vague terms, missing elements, conflicts (政策文本分析)."""


@command.command(name="analyse")
@_INPUT
@_KEEP_GOING
def analyse_command(source: IO[str], keep_going: bool) -> None:
    """Vague terms, the six elements, ambiguity and suggestions, one JSON line per clause.

    A whole document given as one clause is split into sentences; the output line's "notes"
    say so (and so does standard error).
    """
    from luodi.text import TextInputError, analyse_clause

    skips = _Skips(keep_going)
    for number, clause in _clauses(source, skips):
        try:
            result = analyse_clause(
                clause.text, id=clause.id, issuer=clause.issuer, level=clause.level
            )
        except TextInputError as error:
            skips.bad(number, str(error))
            continue
        for note in result.notes:
            click.echo(f"line {number}: note: {note}", err=True)
        _dump(result.to_dict())
    skips.summary()


@command.command(name="conflicts")
@_INPUT
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N candidates.")
@_KEEP_GOING
def conflicts_command(source: IO[str], limit: int | None, keep_going: bool) -> None:
    """Candidate conflicts between clauses of different issuers, best first (JSON Lines)."""
    from luodi.text import conflict_candidates

    skips = _Skips(keep_going)
    clauses = [clause for _, clause in _clauses(source, skips)]
    for candidate in conflict_candidates(clauses, limit=limit):
        _dump(candidate.to_dict())
    skips.summary()


@command.command(name="eval")
@click.option("--k", "k", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON result.")
def eval_command(k: int, as_json: bool) -> None:
    """Precision/recall/F1 of vague spans, element accuracy and conflict recall@k on the
    held-out split of the labelled set (train figures alongside)."""
    from luodi.text.evaluation import evaluate

    result = evaluate(k=k)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    targets = result["targets"]
    for name, scores in (("test (held out)", result), ("train", result["train"])):
        v, e, c = scores["vague"], scores["elements"], scores["conflicts"]
        click.echo(f"{name}:")
        click.echo(
            f"  vague spans   P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}"
            f"  (tp {v['tp']}, fp {v['fp']}, fn {v['fn']}; target F1 ≥ {targets['vague_f1']})"
        )
        per = "  ".join(f"{el} {acc:.2f}" for el, acc in e["per_element"].items())
        click.echo(
            f"  elements      accuracy {e['accuracy']:.3f}  ({per}; "
            f"target ≥ {targets['element_accuracy']})"
        )
        click.echo(
            f"  conflicts     recall@{c['k']} {c['recall_at_k']:.3f}  precision@{c['k']} "
            f"{c['precision_at_k']:.3f}  ({c['found']}/{c['pairs']} pairs; "
            f"target ≥ {targets['conflict_recall_at_k']})"
        )
    click.echo(f"targets met: {'yes' if result['met'] else 'no'}")
