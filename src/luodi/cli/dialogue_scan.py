"""`luodi dialogue scan`: escalate late inquiries and close unconfirmed ones on the platform."""

from __future__ import annotations

import datetime as dt
import json

import click

__all__ = ["command"]


@click.command(name="scan")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Day to scan as of, YYYY-MM-DD (default: today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(today: dt.datetime | None, as_json: bool) -> None:
    """Escalate overdue inquiries (talent office, then leadership), close unconfirmed answers.

    Run it once a working day (e.g. from cron); a second run on the same day changes nothing.
    """
    from luodi.platform.bootstrap import setup

    setup()
    from luodi.dialogue.deadlines import LEADERSHIP_AFTER_DAYS
    from luodi.platform.dialogue.scan import inquiry_scan

    result = inquiry_scan(today=today.date() if today is not None else None)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    day = result.today.isoformat()
    click.echo(
        f"巡查日期 {day}：超期诉求 {result.overdue} 件，"
        f"新提请人才办督办 {result.to_talent_office} 件，"
        f"超期超过 {LEADERSHIP_AFTER_DAYS} 个工作日、提请领导小组 {result.to_leadership} 件，"
        f"逾期未确认办结 {result.unconfirmed} 件"
    )
    click.echo(
        f"Scan of {day}: {result.overdue} overdue inquiries, {result.to_talent_office} raised to "
        f"the talent office, {result.to_leadership} to the leadership group (over "
        f"{LEADERSHIP_AFTER_DAYS} working days late), {result.unconfirmed} closed unconfirmed"
    )
