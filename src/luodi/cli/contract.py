"""`luodi contract`: show the data contract or write its documentation."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["command"]


@click.group(name="contract")
def command() -> None:
    """Show or document the data contract."""


@command.command(name="docs")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write the Markdown to this file instead of printing it.",
)
def docs(out: Path | None) -> None:
    """Print (or write with --out) the contract documentation as Markdown."""
    from luodi.contract.docs import contract_markdown

    text = contract_markdown()
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(f"已写入 — wrote {out}")


@command.command(name="show")
@click.argument("table_name", metavar="[TABLE]", required=False)
def show(table_name: str | None) -> None:
    """List the contract tables, or show one TABLE's columns and allowed values."""
    from luodi.contract.docs import table_markdown
    from luodi.contract.tables import TABLE_ORDER, TABLES

    if table_name is None:
        width = max(len(spec.name) for spec in TABLE_ORDER)
        for spec in TABLE_ORDER:
            click.echo(f"{spec.name:<{width}}  {spec.zh} — {spec.en}")
        return
    if table_name not in TABLES:
        raise click.BadParameter(
            f"no contract table {table_name!r}; tables: {', '.join(TABLES)}",
            param_hint="TABLE",
        )
    click.echo(table_markdown(TABLES[table_name]), nl=False)
