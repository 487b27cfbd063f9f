"""`luodi scorecard`: rank departments or districts for a period, hard counts beside the
leadership group's scheme, as JSON and XLSX; `luodi scorecard indicators` lists the catalogue."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from luodi.scorecard import Catalogue
    from luodi.scorecard.scorecard import Scorecard

__all__ = ["command"]

_ENGINES = ("duckdb", "polars", "spark")
_SUBJECT_KINDS = ("department", "region")


def _fail(message: str) -> NoReturn:
    # Exit 2 like a usage error: the input was wrong and nothing was written.
    click.echo(message, err=True)
    sys.exit(2)


def _width(text: str) -> int:
    # CJK characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _aligned(rows: list[list[str]]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in rows
    )


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename: an interrupted run never leaves half a file under the final name.
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)


def _load_catalogue(path: Path | None) -> Catalogue:
    from luodi.scorecard import CatalogueError, catalogue_from_yaml, default_catalogue

    try:
        return default_catalogue() if path is None else catalogue_from_yaml(path)
    except CatalogueError as error:
        _fail(str(error))


def _summary(scorecard: Scorecard) -> str:
    def score(value: float | None) -> str:
        return "—" if value is None else f"{value * 100:.2f}"

    def change(value: int | None) -> str:
        if not value:
            return "—"
        return f"↑{value}" if value > 0 else f"↓{-value}"

    rows = [["排名", "对象 subject", "综合得分", "仅硬指标排名", "仅硬指标得分", "名次变化"]]
    for card in scorecard.subjects:
        rows.append(
            [
                "—" if card.rank is None else str(card.rank),
                f"{card.name} ({card.id})",
                score(card.score),
                "—" if card.hard_only_rank is None else str(card.hard_only_rank),
                score(card.hard_only_score),
                change(card.change),
            ]
        )
    moved = "; ".join(
        f"{m.name} {m.hard_only_rank}→{m.balanced_rank}" for m in scorecard.movers[:5]
    )
    lines = [
        scorecard.title_zh,
        _aligned(rows),
        f"名次变化最大 movers: {moved or '无 none'}",
        f"评价 ratings: rounds {', '.join(scorecard.rating_rounds) or '—'}, "
        f"excluded {scorecard.excluded_ratings}, min raters {scorecard.min_raters or '—'}",
    ]
    return "\n".join(lines)


@click.group(name="scorecard", invoke_without_command=True)
@click.option("--period", default=None, help="Period: 2018, 2018-H1, 2018-Q3 or 2018-05.")
@click.option(
    "--source",
    default="demo",
    show_default=True,
    help='"demo", a folder of contract tables, or a database URL (sqlite:///…, postgresql://…).',
)
@click.option(
    "--subjects",
    "subject_kind",
    type=click.Choice(_SUBJECT_KINDS),
    default="department",
    show_default=True,
    help="Rank departments or districts.",
)
@click.option(
    "--catalogue",
    "catalogue_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Indicator catalogue YAML; default: the one shipped with Luodi.",
)
@click.option(
    "--scheme",
    "scheme_id",
    default="balanced",
    show_default=True,
    help="Weighting scheme id of the catalogue (balanced, hard_only, …).",
)
@click.option(
    "--json", "json_out", type=click.Path(path_type=Path), help="Write JSON here ('-': stdout)."
)
@click.option("--xlsx", "xlsx_out", type=click.Path(path_type=Path), help="Write XLSX here.")
@click.option(
    "--engine",
    "engine_name",
    type=click.Choice(_ENGINES),
    default="duckdb",
    show_default=True,
    help="Engine that does the counting.",
)
@click.pass_context
def command(
    ctx: click.Context,
    period: str | None,
    source: str,
    subject_kind: str,
    catalogue_path: Path | None,
    scheme_id: str,
    json_out: Path | None,
    xlsx_out: Path | None,
    engine_name: str,
) -> None:
    """Governance scorecards (考核评价): ranks under a scheme beside hard counts only."""
    if ctx.invoked_subcommand is not None:
        return
    from luodi.contract.errors import ContractError
    from luodi.engines import EngineUnavailable
    from luodi.scorecard import PERIOD_FORMS, PeriodError, period_parse
    from luodi.scorecard.scorecard import UnknownSchemeError, scorecard_build
    from luodi.sources import load_dataset

    if period is None:
        _fail(f"缺少评价期 --period: missing period; write one of the forms {PERIOD_FORMS}")
    try:
        score_period = period_parse(period, where="--period")
    except PeriodError as error:
        _fail(str(error))
    catalogue = _load_catalogue(catalogue_path)
    known = tuple(s.id for s in catalogue.schemes)
    if scheme_id not in known:
        _fail(str(UnknownSchemeError(scheme_id=scheme_id, known=known, where="--scheme")))
    try:
        dataset = load_dataset(source)
        scorecard = scorecard_build(
            dataset=dataset,
            period=score_period,
            subject_kind=subject_kind,
            catalogue=catalogue,
            scheme_id=scheme_id,
            engine=engine_name,
            catalogue_source="default" if catalogue_path is None else str(catalogue_path),
        )
    except ContractError as error:
        # The validator lists every problem with table, row and column; nothing was computed.
        _fail(str(error))
    except (ValueError, EngineUnavailable) as error:
        raise click.ClickException(str(error)) from error
    # Everything is rendered before anything is written: a failure leaves no output file.
    outputs: list[tuple[Path, bytes]] = []
    report_text = json.dumps(scorecard.to_dict(), ensure_ascii=False, indent=2)
    if json_out is not None and str(json_out) != "-":
        outputs.append((json_out, report_text.encode("utf-8")))
    if xlsx_out is not None:
        from luodi.scorecard.xlsx import scorecard_xlsx

        outputs.append((xlsx_out, scorecard_xlsx(scorecard)))
    for path, data in outputs:
        _write_atomic(path, data)
    if json_out is not None and str(json_out) == "-":
        click.echo(report_text)
    else:
        click.echo(_summary(scorecard))


def _catalogue_rows(catalogue: Catalogue) -> list[dict[str, Any]]:
    return [
        {
            "id": indicator.id,
            "name_zh": indicator.name_zh,
            "name_en": indicator.name_en,
            "group": indicator.group,
            "direction": indicator.direction,
            "unit": indicator.unit,
            "subjects": list(indicator.subjects),
            "formula": indicator.formula_zh,
            "sources": list(indicator.sources),
        }
        for indicator in catalogue.indicators
    ]


@command.command(name="indicators")
@click.option(
    "--catalogue",
    "catalogue_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Indicator catalogue YAML; default: the one shipped with Luodi.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def indicators_command(catalogue_path: Path | None, as_json: bool) -> None:
    """The indicator catalogue with each formula in Chinese (指标目录)."""
    catalogue = _load_catalogue(catalogue_path)
    rows = _catalogue_rows(catalogue)
    if as_json:
        schemes: list[dict[str, Any]] = [
            {"id": s.id, "name_zh": s.name_zh, "group_weights": dict(s.group_weights)}
            for s in catalogue.schemes
        ]
        click.echo(
            json.dumps({"indicators": rows, "schemes": schemes}, ensure_ascii=False, indent=2)
        )
        return
    lines: list[str] = []
    for indicator in catalogue.indicators:
        lines.append(
            f"{indicator.id}  {indicator.name_zh}（{indicator.unit}）  {indicator.group_zh}  "
            f"{indicator.direction_zh}  [{', '.join(indicator.subjects)}]"
        )
        lines.append(f"    公式 formula: {indicator.formula_zh}")
        lines.append(f"    数据来源 sources: {', '.join(indicator.sources)}")
    lines.append("权重方案 schemes:")
    for scheme in catalogue.schemes:
        weights = ", ".join(f"{g} {w:g}" for g, w in scheme.group_weights.items())
        lines.append(f"  {scheme.id}  {scheme.name_zh}: {weights}")
    click.echo("\n".join(lines))
