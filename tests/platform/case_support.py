"""A small district for the case workflow tests: departments, an applicant, a staged clause.

Built with the ORM and the policy import service, so the workflow tests depend on neither the
demo dataset nor the shared small one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.policies.services import policy_import
from luodi.platform.registry.models import Department, Employer, Person, Region

__all__ = ["AUTOMATIC", "POLICY_FILE", "STAGED", "World", "world_build"]

STAGED = "CW1"  # employer clause: HR (lead) → finance (co) → audit (veto), two phases
AUTOMATIC = "CW2"  # person clause delivered without application (免申即享)

POLICY_FILE = """\
id: POL-W
title: C区创业扶持办法
issuer: D-TO
level: district
region: R2
issued_on: 2017-01-05
effective_from: 2017-02-01
clauses:
  - id: CW1
    number: 第一条
    text: 对区内初创企业给予创业扶持资金100万元，分两期兑现。
    subject: employer
    benefit: {kind: funding, amount: 1000000}
    route:
      - {department: D-HR, role: lead}
      - {department: D-FIN, role: co}
      - {department: D-AUD, role: veto}
    deadline_days: 10
    phases:
      - {phase: 1, share: 0.3, condition: 签订入驻协议}
      - phase: 2
        share: 0.7
        condition: 上年度营业收入达到100万元
        criteria:
          all:
            - {attribute: employer.revenue, op: ge, value: 1000000, label: 营业收入达到100万元}
            - {attribute: employer.employees, op: ge, value: 10, label: 从业人员不少于10人}
  - id: CW2
    number: 第二条
    text: 对区内高层次人才发放生活补贴1万元，免申即享。
    benefit: {kind: cash_award, amount: 10000}
    delivery: no_application
    route:
      - {department: D-HR, role: lead}
"""


@dataclass(frozen=True, kw_only=True)
class World:
    hr: User
    finance: User
    audit: User
    talent_office: User
    leadership: User
    employer: User
    other_employer: User
    talent: User


def _department(department_id: str, name: str, kind: str, *, veto: bool = False) -> Department:
    return Department.objects.create(
        department_id=department_id, name=name, kind=kind, region_id="R2", is_veto=veto
    )


def _user(username: str, role: Role, **links: object) -> User:
    user = User(username=username, role=role, first_name="", last_name="", **links)
    user.set_unusable_password()
    user.save()
    return user


def world_build() -> World:
    """Create the district's rows and one account per acting role."""
    Region.objects.create(region_id="R1", name="Z省", level="province", parent=None)
    Region.objects.create(region_id="R2", name="C区", level="district", parent_id="R1")
    departments = {
        "hr": _department("D-HR", "C区人社局", "hr_social_security"),
        "finance": _department("D-FIN", "C区财政局", "finance"),
        "audit": _department("D-AUD", "C区审计局", "audit", veto=True),
        "to": _department("D-TO", "C区人才办", "talent_office"),
        "lg": _department("D-LG", "C区人才工作领导小组", "leadership_group"),
    }
    employer = Employer.objects.create(
        employer_id="E1",
        name="甲科技有限公司",
        kind="high_tech_firm",
        stage="startup",
        region_id="R2",
        founded_on=dt.date(2016, 5, 3),
        employees=20,
        revenue=None,
    )
    other = Employer.objects.create(
        employer_id="E2",
        name="乙众创空间",
        kind="maker_space",
        stage="growth",
        region_id="R2",
        founded_on=dt.date(2012, 1, 9),
        employees=7,
        revenue=None,
    )
    person = Person.objects.create(
        person_id="P1",
        name="张三",
        gender="male",
        birth_year=1985,
        nationality="CN",
        talent_tier="A",
        degree="doctorate",
        title="senior",
        discipline="science_engineering",
        political_status="cpc_member",
        origin="out_of_province",
        employer=employer,
        arrived_on=dt.date(2017, 3, 1),
    )
    policy_import(files=[("pol-w.yaml", POLICY_FILE)], user=None)
    return World(
        hr=_user("hr-officer", Role.OFFICER, department=departments["hr"]),
        finance=_user("fin-officer", Role.OFFICER, department=departments["finance"]),
        audit=_user("aud-officer", Role.OFFICER, department=departments["audit"]),
        talent_office=_user("to-staff", Role.TALENT_OFFICE, department=departments["to"]),
        leadership=_user("lg-member", Role.LEADERSHIP, department=departments["lg"]),
        employer=_user("employer-e1", Role.EMPLOYER, employer=employer),
        other_employer=_user("employer-e2", Role.EMPLOYER, employer=other),
        talent=_user("talent-p1", Role.TALENT, person=person),
    )
