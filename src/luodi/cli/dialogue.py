"""`luodi dialogue …`: the public dialogue desk: routing evaluation, the rates, deadline scans."""

from __future__ import annotations

import importlib

import click

__all__ = ["command"]

# Each subcommand lives in its own module, imported only when it runs: `eval` needs
# scikit-learn, `scan` the platform; neither should slow down the other.
_SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "eval": (
        "luodi.cli.dialogue_eval",
        "Routing accuracy on the labelled inquiries' held-out part.",
    ),
    "rates": ("luodi.cli.dialogue_rates", "Response, on-time, resolution, satisfaction rates."),
    "scan": ("luodi.cli.dialogue_scan", "Escalate overdue inquiries, close unconfirmed ones."),
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _SUBCOMMANDS:
            return None
        module = importlib.import_module(_SUBCOMMANDS[cmd_name][0])
        sub: click.Command = module.command
        return sub

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, help_) for name, (_, help_) in sorted(_SUBCOMMANDS.items())])


@click.group(name="dialogue", cls=_LazyGroup)
def command() -> None:
    """Public dialogue desk (公共对话): inquiries, routing, deadlines and rates."""
