"""The one command line, `luodi`: each command parses input and calls one service."""

from __future__ import annotations

import importlib

import click

__all__ = ["main"]

# Command groups live in their own modules and are imported lazily, so `luodi --help` and core
# commands never pay for Django or Spark start-up.
_COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("luodi.cli.demo", "Demo district C: load it into the database."),
    "export": ("luodi.cli.export", "Write the platform's data as contract tables."),
    "serve": ("luodi.cli.serve", "Serve the platform with a production-grade server."),
    "survey": ("luodi.cli.survey", "Survey analyses, e.g. the study's Table 1."),
    "validate": ("luodi.cli.validate", "Check a folder of contract tables (CSV/Parquet/XLSX)."),
    "contract": ("luodi.cli.contract", "Show or document the data contract."),
    "manage": ("luodi.cli.manage", "Run a Django management command on the platform."),
    "bench": ("luodi.cli.bench", "Benchmarks with a peer run side by side."),
    "policy": ("luodi.cli.policy", "Policy as code: check, explain, coverage."),
    "process": (
        "luodi.cli.process",
        "Process metrics, conformance, export/import of event logs (XES, CSV, OCEL 2.0).",
    ),
    "dialogue": (
        "luodi.cli.dialogue",
        "Dialogue desk: routing accuracy, the rates, overdue and unconfirmed inquiries.",
    ),
    "workflow": ("luodi.cli.workflow", "Workflow deadlines: flag overdue steps, escalate them."),
    "diagnose": (
        "luodi.cli.diagnose",
        "The study's deviation diagnosis (D1–D3, Goggin, P1–P4) as JSON, HTML and PDF.",
    ),
    "scorecard": (
        "luodi.cli.scorecard",
        "Governance scorecards: ranks under a weighting scheme beside hard counts (JSON, XLSX).",
    ),
    "synth": ("luodi.cli.synth", "Generate a large consistent synthetic dataset (Parquet)."),
    "text": (
        "luodi.cli.text",
        "Policy text analyser: vague terms, missing elements, conflicts, evaluation.",
    ),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        module = importlib.import_module(_COMMANDS[cmd_name][0])
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # One line per command, including subcommands, without importing any of them.
        rows: list[tuple[str, str]] = []
        for name in self.list_commands(ctx):
            rows.append((name, _COMMANDS[name][1]))
            command = self.get_command(ctx, name)
            if isinstance(command, click.Group):
                for sub_name, sub in sorted(command.commands.items()):
                    rows.append((f"{name} {sub_name}", sub.get_short_help_str(limit=100)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="luodi")
def main() -> None:
    """落地 Luodi: make talent policy land.

    Policy as code, an entitlement engine, a multi-department workflow, a public dialogue desk,
    surveys, scorecards and the deviation diagnosis of the Chen & Fu study.
    """


if __name__ == "__main__":
    main()
