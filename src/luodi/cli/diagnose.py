"""`luodi diagnose`: the study's deviation diagnosis of a district's data, as JSON, HTML, PDF."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from luodi.diagnosis import Progress

__all__ = ["command"]

_ENGINES = ("duckdb", "polars", "spark")
_STEP_LABELS = {
    "coverage": "政策规则测算 entitlement engine",
    "d1_function_alienation": "D1 功能异化 function alienation",
    "d2_obstruction": "D2 实施梗阻 obstruction",
    "d3_dialogue": "D3 对话缺失 dialogue",
    "goggin": "Goggin 三问 Goggin's questions",
    "factors": "成因 P1–P4 factors",
    "recommendations": "对策建议 recommendations",
    "done": "完成 done",
}


def _progress(console: Any) -> Progress:
    """Steps as lines on stderr: readable in a terminal and in a CI log alike."""
    started = dt.datetime.now()

    def report(step: str, done: int, total: int) -> None:
        elapsed = (dt.datetime.now() - started).total_seconds()
        console.print(
            f"[{done}/{total}] {_STEP_LABELS.get(step, step)} ({elapsed:.1f} s)", highlight=False
        )

    return report


def _summary(report: dict[str, Any]) -> str:
    def pct(value: object) -> str:
        return "—" if not isinstance(value, int | float) else f"{value * 100:.1f}%"

    d1, d2, d3 = report["d1_function_alienation"], report["d2_obstruction"], report["d3_dialogue"]
    funnel = d1["funnel"]
    stages = " → ".join(
        str(funnel.get(k)) for k in ("eligible", "phase_1", "phase_4") if k in funnel
    )
    channels = d3["channels"]
    lines = [
        f"执行偏差诊断 Deviation diagnosis — {report['meta']['source']} "
        f"({report['meta']['period']['start']} … {report['meta']['period']['end']}, "
        f"{report['meta']['engine']})",
        f"D1 分期扶持 staged funding {funnel.get('clause_id')}: {stages}",
        f"D2 认为落地不佳 landing poor: {pct(d2['landing_poor_share'])}",
        f"D3 政策知晓度 awareness: {d3['awareness_mean']}; 渠道 channels: "
        f"{pct(channels['none'])} / {pct(channels['active'])} / {pct(channels['outreach'])}",
        f"对策建议 recommendations: {len(report['recommendations'])}",
    ]
    return "\n".join(lines)


def _write(path: Path, text: str) -> None:
    if str(path) == "-":
        click.echo(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename: an interrupted run never leaves half a report under the final name.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


@click.command(name="diagnose")
@click.option(
    "--source",
    default="demo",
    show_default=True,
    help='"demo", a folder of contract tables, or a database URL (sqlite:///…, postgresql://…).',
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
    "--policies",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Policy YAML files or folders (the rules); default: the demo's rules for --source demo.",
)
@click.option("--no-rules", is_flag=True, help="Diagnose without policy rules (from cases only).")
@click.option(
    "--on",
    "rules_on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Day the rules are read on (YYYY-MM-DD); default: the last day of the data.",
)
@click.option(
    "--json", "json_out", type=click.Path(path_type=Path), help="Write JSON here ('-': stdout)."
)
@click.option(
    "--html", "html_out", type=click.Path(path_type=Path), help="Write the HTML report here."
)
@click.option(
    "--pdf", "pdf_out", type=click.Path(path_type=Path), help="Write the PDF report here."
)
@click.option("--quiet", is_flag=True, help="No progress lines on stderr.")
def command(
    source: str,
    engine_name: str,
    policies: tuple[Path, ...],
    no_rules: bool,
    rules_on: dt.datetime | None,
    json_out: Path | None,
    html_out: Path | None,
    pdf_out: Path | None,
    quiet: bool,
) -> None:
    """D1–D3, Goggin's questions, factors P1–P4 and recommendations (执行偏差诊断)."""
    from rich.console import Console

    from luodi.contract.errors import ContractError
    from luodi.diagnosis import diagnose
    from luodi.engines import EngineUnavailable, get_engine
    from luodi.policy.errors import PolicyError
    from luodi.sources import load_dataset

    console = Console(stderr=True)
    day = rules_on.date() if rules_on is not None else None
    try:
        if not quiet:
            console.print(f"读取数据 reading {source} …", highlight=False)
        dataset = load_dataset(source)
        library = None
        if policies and not no_rules:
            from luodi.policy.loader import load_library

            library = load_library(list(policies))
        elif source == "demo" and not no_rules:
            from luodi.demo.people import REFERENCE_DATE
            from luodi.demo.policies import demo_library

            library = demo_library()
            day = day or REFERENCE_DATE
        result = diagnose(
            dataset=dataset,
            engine=get_engine(engine_name),
            library=library,
            rules_on=day,
            source=source if "://" not in source else source.split("://")[0] + "://…",
            progress=None if quiet else _progress(console),
        )
    except ContractError as error:
        # The validator lists every problem with table, row and column; nothing was computed.
        console.print(str(error), highlight=False, markup=False)
        sys.exit(2)
    except (PolicyError, ValueError, EngineUnavailable) as error:
        raise click.ClickException(str(error)) from error
    report = result.to_dict()
    if json_out is not None:
        _write(json_out, json.dumps(report, ensure_ascii=False, indent=2))
    if html_out is not None:
        from luodi.diagnosis.report import report_html

        _write(html_out, report_html(report))
    if pdf_out is not None:
        from luodi.diagnosis.report import report_pdf

        pdf_out.parent.mkdir(parents=True, exist_ok=True)
        partial = pdf_out.with_name(pdf_out.name + ".partial")
        partial.write_bytes(report_pdf(report))
        partial.replace(pdf_out)
    if json_out is None or str(json_out) != "-":
        click.echo(_summary(report))
