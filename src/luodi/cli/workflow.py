"""`luodi workflow scan`: flag overdue steps and escalate them on the platform database."""

from __future__ import annotations

import datetime as dt
import json

import click

__all__ = ["command"]


@click.group(name="workflow")
def command() -> None:
    """Multi-department workflow (多部门办理): deadlines and escalation."""


@command.command(name="scan")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Day to scan as of, YYYY-MM-DD (default: today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def scan(today: dt.datetime | None, as_json: bool) -> None:
    """Flag overdue steps, raise them to the talent office, refer stale ones to leadership.

    Run it once a working day (e.g. from cron); a second run on the same day changes nothing.
    """
    from luodi.platform.bootstrap import setup

    setup()
    from luodi.platform.coordination.services import REFERRAL_WORKING_DAYS, escalation_scan

    result = escalation_scan(today=today.date() if today is not None else None)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    day = result.today.isoformat()
    click.echo(
        f"巡查日期 {day}：超期环节 {result.flagged} 个，新提请人才办协调 {result.raised} 件，"
    )
    click.echo(
        f"人才办超过 {REFERRAL_WORKING_DAYS} 个工作日未办结、提请领导小组 {result.referred} 件"
    )
    click.echo(
        f"Scan of {day}: {result.flagged} overdue steps, {result.raised} escalations raised, "
        f"{result.referred} referred to the leadership group "
        f"(open at the talent office over {REFERRAL_WORKING_DAYS} working days)"
    )
