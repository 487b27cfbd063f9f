"""Regions, departments and staff of demo district C and the levels of government above it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from luodi.demo.names import person_name

__all__ = [
    "CENTRAL",
    "CITY",
    "CLUSTER",
    "DISTRICTS",
    "PROVINCE",
    "Department",
    "department_rows",
    "departments",
    "region_rows",
    "staff_rows",
]

Row = dict[str, Any]

CENTRAL = "CN"
PROVINCE = "ZJ"
CITY = "ZJ-H"
CLUSTER = "ZJ-H-C"
# The cluster governs three districts of city H (统辖 H 市三区) and makes one policy for all
# three; the districts keep their own budgets (分别财政), which is why co-payment matters.
DISTRICTS = ("ZJ-H-C1", "ZJ-H-C2", "ZJ-H-C3")

_REGIONS: tuple[tuple[str, str, str, str | None], ...] = (
    (CENTRAL, "中央", "central", None),
    (PROVINCE, "Z省", "province", CENTRAL),
    (CITY, "H市", "city", PROVINCE),
    (CLUSTER, "C产业集聚区", "cluster", CITY),
    (DISTRICTS[0], "H市甲区", "district", CLUSTER),
    (DISTRICTS[1], "H市乙区", "district", CLUSTER),
    (DISTRICTS[2], "H市丙区", "district", CLUSTER),
)


@dataclass(frozen=True, kw_only=True)
class Department:
    """A department of the demo, with how many officers it staffs for case work."""

    department_id: str
    name: str
    kind: str
    region_id: str
    officers: int = 0

    @property
    def is_veto(self) -> bool:
        # Audit and discipline inspection are the study's "button" departments (P3-1).
        return self.kind in ("audit", "discipline_inspection")


def _d(department_id: str, name: str, kind: str, region_id: str, officers: int = 0) -> Department:
    return Department(
        department_id=department_id, name=name, kind=kind, region_id=region_id, officers=officers
    )


_DEPARTMENTS: tuple[Department, ...] = (
    # Issuers above the district: they make policy, they do not work the district's cases.
    _d("CN-CPC", "中共中央", "other", CENTRAL),
    _d("CN-ORG", "中共中央组织部", "organization", CENTRAL),
    _d("ZJ-CPC", "中共Z省委", "other", PROVINCE),
    _d("ZJ-LG", "Z省人才工作领导小组", "leadership_group", PROVINCE),
    _d("ZJ-PS", "Z省公安厅", "public_security", PROVINCE),
    _d("ZJ-AUD", "Z省审计厅", "audit", PROVINCE),
    _d("H-CPC", "中共H市委", "other", CITY),
    _d("H-LG", "H市人才工作领导小组", "leadership_group", CITY),
    _d("H-EDU", "H市教育局", "education", CITY),
    _d("H-ST", "H市科学技术局", "science_technology", CITY),
    # The cluster's own departments execute the policy for all three districts.
    _d("C-LG", "C产业集聚区人才工作领导小组", "leadership_group", CLUSTER),
    _d("C-TO", "C产业集聚区人才办", "talent_office", CLUSTER),
    _d("C-HR", "C产业集聚区人力资源和社会保障局", "hr_social_security", CLUSTER, 2),
    _d("C-FIN", "C产业集聚区财政局", "finance", CLUSTER, 2),
    _d("C-TAX", "C产业集聚区税务局", "tax", CLUSTER, 1),
    _d("C-ST", "C产业集聚区科学技术局", "science_technology", CLUSTER, 2),
    _d("C-FA", "C产业集聚区金融办", "financial_affairs", CLUSTER, 1),
    _d("C-BANK", "H市科技银行C产业集聚区支行", "financial_affairs", CLUSTER, 1),
    _d("C-EDU", "C产业集聚区教育局", "education", CLUSTER, 1),
    _d("C-PS", "H市公安局C产业集聚区分局", "public_security", CLUSTER, 1),
    _d("C-AUD", "C产业集聚区审计局", "audit", CLUSTER, 1),
    _d("C-DIS", "C产业集聚区纪工委监察工委", "discipline_inspection", CLUSTER, 1),
    _d("C-MR", "C产业集聚区市场监督管理局", "market_regulation", CLUSTER, 1),
    _d("C-HOU", "C产业集聚区住房和城乡建设局", "housing", CLUSTER, 1),
    _d("C-ECON", "C产业集聚区经济和信息化局", "economy_information", CLUSTER, 1),
)

TALENT_OFFICE = "C-TO"


def departments() -> tuple[Department, ...]:
    return _DEPARTMENTS


def region_rows() -> list[Row]:
    return [
        {"region_id": rid, "name": name, "level": level, "parent_id": parent}
        for rid, name, level, parent in _REGIONS
    ]


def department_rows() -> list[Row]:
    return [
        {
            "department_id": d.department_id,
            "name": d.name,
            "kind": d.kind,
            "region_id": d.region_id,
            "is_veto": d.is_veto,
        }
        for d in _DEPARTMENTS
    ]


def staff_rows(*, rng: random.Random) -> list[Row]:
    """The talent office's three people (P4: 一名分管领导，两名工作人员), then other officers."""
    rows: list[Row] = [
        {
            "staff_id": "ST-C-TO-1",
            "name": person_name(rng=rng),
            "department_id": TALENT_OFFICE,
            "role": "leader",
        },
        {
            "staff_id": "ST-C-TO-2",
            "name": person_name(rng=rng),
            "department_id": TALENT_OFFICE,
            "role": "officer",
        },
        {
            "staff_id": "ST-C-TO-3",
            "name": person_name(rng=rng),
            "department_id": TALENT_OFFICE,
            "role": "officer",
        },
    ]
    for department in _DEPARTMENTS:
        for number in range(1, department.officers + 1):
            rows.append(
                {
                    "staff_id": f"ST-{department.department_id}-{number}",
                    "name": person_name(rng=rng),
                    "department_id": department.department_id,
                    "role": "officer",
                }
            )
    return rows
