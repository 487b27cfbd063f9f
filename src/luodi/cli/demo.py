"""`luodi demo load`: the calibrated demo district in the platform, one account per role."""

from __future__ import annotations

import unicodedata

import click

__all__ = ["command"]


def _width(text: str) -> int:
    # CJK characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: list[list[str]]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        click.echo("正在迁移数据库 / migrating the database …")
        call_command("migrate", interactive=False, verbosity=0)


@click.group(name="demo")
def command() -> None:
    """Demo district C (演示区): load it into the platform database."""


@command.command(name="load")
@click.option("--seed", type=int, default=None, help="Random seed of the generator.")
@click.option(
    "--password",
    default=None,
    help="One password for every demo account (default: $LUODI_DEMO_PASSWORD, else random).",
)
def load(seed: int | None, password: str | None) -> None:
    """Replace the platform data with the demo district and print the demo accounts."""
    from luodi.platform.bootstrap import setup

    setup()
    from luodi.demo import generate
    from luodi.platform.accounts.roles import role_label
    from luodi.platform.demo.services import demo_load

    _migrate_if_needed()
    dataset = generate() if seed is None else generate(seed=seed)
    result = demo_load(dataset=dataset, password=password)
    total = sum(result.row_counts.values())
    click.echo(f"已载入演示数据 {total} 行 / loaded {total} demo rows")
    header = ["角色 role", "用户名 username", "密码 password", "可见内容 sees"]
    rows = [
        [
            f"{role_label(a.role, 'zh-hans')} {a.role.value}",
            a.username,
            a.password,
            f"{a.sees_zh} / {a.sees_en}",
        ]
        for a in result.accounts
    ]
    click.echo(_table([header, *rows]))
    click.echo(f"账户已保存到 / accounts saved to {result.accounts_file} (0600)")
