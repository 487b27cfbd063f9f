"""Helpers of the scorecard tests: accounts, a round on the small dataset, raters' links.

The small dataset (``conftest.small_rows``) rates two departments, D-AUD and D-HR (both on
clause C2's route); D-LG and D-TO sit above them and never act. Its one district is R2.
"""

from __future__ import annotations

import re

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.demo.services import DEMO_USERNAMES
from luodi.platform.scorecards.models import RatingRound
from luodi.platform.scorecards.services import (
    rating_invitations_issue,
    rating_round_create,
    rating_submit,
)

__all__ = [
    "CRITERIA",
    "account",
    "detail_row",
    "invite",
    "rate",
    "round_make",
]

CRITERIA = ("efficiency", "service")


def account(role: Role) -> User:
    return User.objects.get(username=DEMO_USERNAMES[role])


def round_make(
    *, period: str = "2018", kind: str = "department", min_raters: int = 2
) -> RatingRound:
    return rating_round_create(
        by=account(Role.TALENT_OFFICE),
        name="2018年度部门人才工作评价",
        period=period,
        subject_kind=kind,
        min_raters=min_raters,
        criteria=list(CRITERIA),
    )


def invite(
    rating_round: RatingRound,
    kind: str,
    *,
    department_id: str | None = None,
    region_id: str | None = None,
    count: int = 1,
) -> list[str]:
    return rating_invitations_issue(
        by=account(Role.TALENT_OFFICE),
        round_id=rating_round.pk,
        rater_kind=kind,
        rater_department_id=department_id,
        rater_region_id=region_id,
        count=count,
    )


def rate(token: str, subject_id: str, score: int, comment: str | None = None) -> None:
    rating_submit(
        token=token,
        subject_id=subject_id,
        scores=dict.fromkeys(CRITERIA, score),
        comment=comment,
    )


def detail_row(page: str, subject_id: str) -> str | None:
    """The HTML of a subject's row in the indicator detail table, None if not there."""
    found = re.search(rf'<tr id="detail-{re.escape(subject_id)}">(.*?)</tr>', page, re.S)
    return found.group(1) if found else None
