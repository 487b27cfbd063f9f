"""`luodi dialogue eval`: routing accuracy on the held-out part of the labelled inquiries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from luodi.dialogue.evaluation import RoutingReport

__all__ = ["command"]


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def _readable(report: RoutingReport) -> str:
    lines = [
        f"分派评估：训练 {report.n_train} 条，留出检验 {report.n_test} 条"
        f" — routing on {report.n_test} held-out inquiries (trained on {report.n_train})",
        f"  首选正确率 top-1 accuracy            {_pct(report.top1_accuracy)}",
        f"  前三命中率 top-3 accuracy            {_pct(report.top3_accuracy)}",
        f"  职责关键词冷启动 cold start top-1    {_pct(report.cold_start_top1_accuracy)}",
        f"  仅文本训练 text only top-1           {_pct(report.text_only_top1_accuracy)}",
        f"  转人才办分拣 sent to triage          {_pct(report.triage_share)}"
        f"（置信度低于 {report.params['low_confidence']}）",
        f"  其余正确率 accuracy of the rest      {_pct(report.confident_top1_accuracy)}",
        "",
        "按部门 per department kind: precision / recall / F1 (support)",
    ]
    for kind, score in sorted(report.per_department.items()):
        lines.append(
            f"  {kind:<22} {_pct(score.precision):>6} / {_pct(score.recall):>6} / "
            f"{_pct(score.f1):>6} ({score.support})"
        )
    return "\n".join(lines)


@click.command(name="eval")
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Labelled inquiries as JSON Lines (default: the packaged set).",
)
@click.option(
    "--test-size",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.25,
    show_default=True,
    help="Held-out share.",
)
@click.option("--seed", type=int, default=20171, show_default=True, help="Seed of the split.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(data: Path | None, test_size: float, seed: int, as_json: bool) -> None:
    """Train the inquiry router on part of the labelled set and score it on the rest."""
    from luodi.dialogue.corpus import CorpusError, labelled_inquiries
    from luodi.dialogue.evaluation import routing_evaluate
    from luodi.dialogue.routing import RoutingDataError

    try:
        records = labelled_inquiries(data)
        report = routing_evaluate(records=records, test_size=test_size, seed=seed)
    except (CorpusError, RoutingDataError) as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(_readable(report))
