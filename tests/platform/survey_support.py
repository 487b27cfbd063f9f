"""Helpers of the survey tests: a small instrument with skip logic and a created survey."""

from __future__ import annotations

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.demo.services import DEMO_USERNAMES
from luodi.platform.surveys.services import survey_create_from_template
from luodi.survey.instrument import Condition, Instrument, Item, Option, Section

__all__ = ["YES_NO", "office", "small_instrument", "survey_make"]

YES_NO = (Option(code="yes", label="是"), Option(code="no", label="否"))


def small_instrument() -> Instrument:
    return Instrument(
        survey_id="T",
        title="测试问卷",
        sections=(
            Section(
                title="一、服务",
                items=(
                    Item(
                        code="problem",
                        text="是否遇到问题？",
                        kind="single",
                        options=YES_NO,
                        required=True,
                    ),
                    Item(
                        code="knew_department",
                        text="是否知道归属部门？",
                        kind="single",
                        options=YES_NO,
                        required=True,
                        show_if=Condition(item="problem", equals="yes"),
                    ),
                    Item(
                        code="years", text="在本地工作年数", kind="numeric", minimum=0, maximum=60
                    ),
                    Item(code="contact", text="联系电话（可选）", kind="text", personal=True),
                ),
            ),
        ),
    )


def office() -> User:
    return User.objects.get(username=DEMO_USERNAMES[Role.TALENT_OFFICE])


def survey_make(*, survey_id: str = "SV-T", anonymous: bool = True, template: bool = False) -> str:
    survey = survey_create_from_template(
        survey_id=survey_id,
        region_id="R2",
        by=office(),
        instrument=None if template else small_instrument(),
        anonymous=anonymous,
    )
    return survey.pk
