"""A small district for the dialogue desk tests: the workflow world plus tax and education.

Built on ``case_support.world_build`` (departments HR, finance, audit, talent office,
leadership group; clause CW1 routed HR → finance → audit), with two more departments the
text classifier can route to and a few helpers that count what is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.dialogue.models import (
    Inquiry,
    InquiryAttachment,
    InquiryContact,
    InquiryEvent,
)
from luodi.platform.registry.models import Department
from tests.platform.case_support import World, world_build

__all__ = [
    "JPEG",
    "PDF",
    "PNG",
    "DeskWorld",
    "desk_build",
    "row_counts",
]

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16


@dataclass(frozen=True, kw_only=True)
class DeskWorld:
    world: World
    tax: User
    education: User
    other_talent: User


def _user(username: str, role: Role, **links: object) -> User:
    user = User(username=username, role=role, **links)
    user.set_unusable_password()
    user.save()
    return user


def desk_build() -> DeskWorld:
    world = world_build()
    tax = Department.objects.create(
        department_id="D-TAX", name="C区税务局", kind="tax", region_id="R2", is_veto=False
    )
    education = Department.objects.create(
        department_id="D-EDU", name="C区教育局", kind="education", region_id="R2", is_veto=False
    )
    from luodi.platform.registry.models import Person

    other = Person.objects.create(
        person_id="P2",
        name="李四",
        gender="female",
        birth_year=1990,
        nationality="CN",
        talent_tier="B",
        degree="master",
        title="none",
        discipline="humanities",
        political_status="masses",
        origin="in_province",
        employer=None,
        arrived_on=dt.date(2018, 1, 1),
    )
    return DeskWorld(
        world=world,
        tax=_user("tax-officer", Role.OFFICER, department=tax),
        education=_user("edu-officer", Role.OFFICER, department=education),
        other_talent=_user("talent-p2", Role.TALENT, person=other),
    )


def row_counts() -> dict[str, int]:
    """Rows in every table a submission writes to: nothing stored means all unchanged."""
    return {
        "inquiries": Inquiry.objects.count(),
        "contacts": InquiryContact.objects.count(),
        "events": InquiryEvent.objects.count(),
        "attachments": InquiryAttachment.objects.count(),
    }
