"""`luodi manage ARGS…`: any Django management command on the platform, e.g. migrate."""

from __future__ import annotations

import click

__all__ = ["command"]


@click.command(
    name="manage",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Run a Django management command on the platform (`luodi manage help` lists them)."""
    from django.core.management import execute_from_command_line

    from luodi.platform.bootstrap import setup

    setup()
    execute_from_command_line(["luodi manage", *args])
