"""`luodi export --out DIR`: the platform database written as contract tables."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["command"]

FORMATS = ("parquet", "csv")


@click.command(name="export")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write <table>.<format> files into.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="File format; repeat for several (default: parquet and csv).",
)
@click.option(
    "--no-personal",
    is_flag=True,
    help="Leave personal columns (names, free text) empty.",
)
def command(out: Path, formats: tuple[str, ...], no_personal: bool) -> None:
    """Write every contract table from the platform database (导出平台数据)."""
    from luodi.platform.bootstrap import setup

    setup()
    from luodi.contract.io import write_dataset
    from luodi.platform.datasets.selectors import dataset_export

    dataset = dataset_export(personal=not no_personal)
    written = write_dataset(dataset, directory=out, formats=formats or FORMATS)
    total = sum(dataset.row_counts().values())
    click.echo(f"已导出 {len(written)} 个文件，共 {total} 行 → {out}")
    click.echo(f"Exported {len(written)} files, {total} rows → {out}")
