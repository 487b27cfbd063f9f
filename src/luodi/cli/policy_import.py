"""`luodi policy import PATH...`: check policy files with the stored library, then store them."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["command"]

_SUFFIXES = (".yaml", ".yml")
# Registry data kept next to a library's policies, not policies themselves.
_NOT_POLICIES = frozenset({"departments.yaml", "departments.yml"})


def _files(paths: tuple[Path, ...]) -> list[tuple[str, str]]:
    # A folder means every policy file below it.
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.suffix in _SUFFIXES and p.name not in _NOT_POLICIES
            )
        else:
            found.append(path)
    return [(p.name, p.read_text(encoding="utf-8")) for p in found]


@click.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def command(paths: tuple[Path, ...]) -> None:
    """Import policy files (YAML) into the platform (导入政策文件).

    All files are checked together with the policies already stored; on any problem nothing
    is written and every problem is listed as file:line:column.
    """
    from luodi.platform.bootstrap import setup

    setup()
    from luodi.platform.policies.services import PolicyImportFailed, policy_import

    try:
        result = policy_import(files=_files(paths), user=None)
    except PolicyImportFailed as failed:
        for problem in failed.problems:
            click.echo(f"{problem.where}: {problem.severity}: {problem.message}", err=True)
        count = len(failed.problems)
        click.echo(f"未导入：发现 {count} 个问题 / nothing imported: {count} problem(s)", err=True)
        raise SystemExit(1) from None
    for item in result.imported:
        action = "新增 added" if item.created else "更新 updated"
        click.echo(f"{action}  {item.policy_id}  {item.file_name}  {item.clauses} 条款 clauses")
    count = len(result.imported)
    click.echo(f"已导入 {count} 个政策文件 / imported {count} policy file(s)")
