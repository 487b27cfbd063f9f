"""`luodi policy coverage`: who each clause reaches, by group and level, and who is missed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from luodi.policy.coverage import CoverageReport

__all__ = ["command"]

_ENGINES = ("duckdb", "polars", "spark")


def _share(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def _readable(report: CoverageReport) -> str:
    lines = [
        f"覆盖面测算 {report.on.isoformat()}（引擎 {report.engine}，分组 {', '.join(report.by)}）"
    ]
    for clause in report.clauses:
        lines.append(f"{clause.clause_id}（{clause.level}）")
        for group in clause.groups:
            label = " / ".join(str(v) for v in group.group.values()) or "全体"
            lines.append(
                f"  {label}: {group.eligible}/{group.population} = {_share(group.share)}"
                + (f"，待定 {group.unknown}" if group.unknown else "")
            )
    lines.append("")
    lines.append("逐级传递（顶层 → 底层）：")
    for chain in report.chains:
        flags = []
        if chain.narrows_general:
            flags.append("一般人才覆盖收窄")
        if chain.narrows_startups:
            flags.append("初创企业覆盖收窄")
        lines.append(f"  {' → '.join(chain.clauses)}：{'；'.join(flags) or '未见收窄'}")
    lines.append("")
    lines.append("应享未享：")
    for item in report.not_received:
        lines.append(
            f"  {item.clause_id}: 符合 {item.eligible}，未申请 {item.no_case}，"
            f"已申请未兑现 {item.case_no_payment}"
        )
    return "\n".join(lines)


def _default_day(source: str) -> dt.date:
    # The demo describes 2017–2018; read on today it would age every person and firm.
    if source == "demo":
        from luodi.demo.people import REFERENCE_DATE

        return REFERENCE_DATE
    return dt.date.today()


@click.command(name="coverage")
@click.option(
    "--policies",
    "policies",
    required=True,
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Folder (or file) of policy YAML files; repeat for several.",
)
@click.option(
    "--data",
    "source",
    default="demo",
    show_default=True,
    help='"demo" for the demo district, or a folder of contract tables.',
)
@click.option(
    "--by",
    default="tier_group,employer_stage",
    show_default=True,
    help="Comma-separated group keys: tier_group, talent_tier, employer_stage, employer_kind.",
)
@click.option(
    "--engine",
    "engine_name",
    type=click.Choice(_ENGINES),
    default="duckdb",
    show_default=True,
    help="Engine that does the counting.",
)
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date the rules are read on (YYYY-MM-DD); default today, or 2018-06-30 for the demo.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(
    policies: tuple[Path, ...],
    source: str,
    by: str,
    engine_name: str,
    on: dt.datetime | None,
    as_json: bool,
) -> None:
    """Coverage per clause and group, drift down each lineage chain, and 应享未享."""
    from luodi.engines import EngineUnavailable, get_engine
    from luodi.policy.coverage import coverage
    from luodi.policy.errors import PolicyError
    from luodi.policy.loader import load_library
    from luodi.sources import load_dataset

    day = on.date() if on is not None else _default_day(source)
    try:
        library = load_library(list(policies))
        dataset = load_dataset(source)
        engine = get_engine(engine_name)
        report = coverage(library=library, dataset=dataset, engine=engine, by=by.split(","), on=day)
    except (PolicyError, ValueError, EngineUnavailable) as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(_readable(report))
