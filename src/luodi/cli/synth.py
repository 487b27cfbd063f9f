"""`luodi synth`: a large, consistent synthetic dataset in the demo district's shapes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rich.progress import Progress

    from luodi.synth import Progress as Callback

__all__ = ["command"]

_LABELS = {
    "demo": "演示区样本 demo district",
    "persons": "人才与用人主体 persons and employers",
    "staff": "工作人员 staff",
    "cases": "办件、事件、环节与兑现 cases, events, steps, payments",
    "inquiries": "咨询诉求 inquiries",
    "survey": "问卷答案 survey answers",
    "done": "完成 done",
}


def _callback(bar: Progress, title: str) -> Callback:
    task = bar.add_task(title, total=None)

    def report(step: str, done: int, total: int) -> None:
        label = _LABELS.get(step, step)
        bar.update(task, completed=done, total=total, description=f"{title}: {label}")

    return report


@click.command(name="synth")
@click.option("--persons", required=True, type=click.IntRange(min=1), help="Number of persons.")
@click.option("--events", required=True, type=click.IntRange(min=1), help="Number of events.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the contract tables into (created if needed).",
)
@click.option("--seed", type=int, default=None, help="Random seed (default: the demo's).")
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["parquet", "csv"]),
    default="parquet",
    show_default=True,
    help="File format of the tables.",
)
@click.option("--quiet", is_flag=True, help="No progress display on stderr.")
def command(
    persons: int, events: int, out: Path, seed: int | None, file_format: str, quiet: bool
) -> None:
    """Generate N persons and exactly M events, every contract table consistent (合成数据).

    Regions, departments, policies, clauses, routes and phases are the demo district's, so the
    demo rules apply; persons, employers, staff, cases, events, steps, payments, exceptions,
    inquiries and survey answers are drawn at scale in the demo's proportions.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from luodi.synth import DEFAULT_SEED, synthesize, write_synth

    console = Console(stderr=True, quiet=quiet)
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        dataset = synthesize(
            persons=persons,
            events=events,
            seed=DEFAULT_SEED if seed is None else seed,
            progress=_callback(bar, "生成 generating"),
        )
        written = write_synth(
            dataset,
            directory=out,
            file_format=file_format,
            progress=_callback(bar, f"写入 writing {file_format}"),
        )
    counts = dataset.row_counts()
    click.echo(
        f"已写入 wrote {len(written)} tables to {out}: {counts['persons']} persons, "
        f"{counts['employers']} employers, {counts['cases']} cases, {counts['events']} events, "
        f"{counts['survey_responses']} survey answers"
    )
