"""Fixtures of the contract suite: a small valid dataset written as CSV, Parquet and XLSX."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from luodi.contract import Dataset, write_dataset

__all__ = ["csv_cell", "edit_csv", "valid_rows"]


def valid_rows() -> dict[str, list[dict[str, Any]]]:
    """Two or so rows per table with every reference satisfied."""
    return {
        "regions": [
            {"region_id": "CN", "name": "中央", "level": "central", "parent_id": None},
            {"region_id": "Z", "name": "Z省", "level": "province", "parent_id": "CN"},
            {"region_id": "C", "name": "C区", "level": "district", "parent_id": "Z"},
        ],
        "departments": [
            {
                "department_id": "D1",
                "name": "C区人才办",
                "kind": "talent_office",
                "region_id": "C",
                "is_veto": False,
            },
            {
                "department_id": "D2",
                "name": "C区审计局",
                "kind": "audit",
                "region_id": "C",
                "is_veto": True,
            },
        ],
        "employers": [
            {
                "employer_id": "E1",
                "name": "甲科技有限公司",
                "kind": "high_tech_firm",
                "stage": "startup",
                "region_id": "C",
                "founded_on": date(2019, 5, 1),
                "employees": 12,
                "revenue": 1_500_000.5,
            },
            {
                "employer_id": "E2",
                "name": "乙研究院",
                "kind": "research_university",
                "stage": "mature",
                "region_id": "C",
                "founded_on": date(1998, 1, 1),
                "employees": 300,
                "revenue": None,
            },
        ],
        "persons": [
            {
                "person_id": "P1",
                "name": "张三",
                "gender": "male",
                "birth_year": 1985,
                "nationality": "CN",
                "talent_tier": "C",
                "degree": "doctorate",
                "title": "senior",
                "discipline": "science_engineering",
                "political_status": "masses",
                "origin": "out_of_province",
                "employer_id": "E1",
                "arrived_on": date(2020, 3, 1),
            },
            {
                "person_id": "P2",
                "name": "李四",
                "gender": "female",
                "birth_year": 1990,
                "nationality": "US",
                "talent_tier": "general",
                "degree": "master",
                "title": "none",
                "discipline": "humanities",
                "political_status": "cpc_member",
                "origin": "in_province",
                "employer_id": None,
                "arrived_on": None,
            },
        ],
        "staff": [
            {"staff_id": "S1", "name": "王五", "department_id": "D1", "role": "officer"},
        ],
        "policies": [
            {
                "policy_id": "POL1",
                "title": "关于深化人才发展体制机制改革的意见",
                "document_number": "中办发〔2016〕9号",
                "issuer_id": "D1",
                "level": "central",
                "region_id": "CN",
                "issued_on": date(2016, 3, 21),
                "effective_from": date(2016, 3, 21),
                "effective_to": None,
                "supersedes": None,
            },
            {
                "policy_id": "POL2",
                "title": "C区人才新政",
                "document_number": None,
                "issuer_id": "D1",
                "level": "district",
                "region_id": "C",
                "issued_on": date(2018, 6, 1),
                "effective_from": date(2018, 7, 1),
                "effective_to": date(2023, 6, 30),
                "supersedes": "POL1",
            },
        ],
        "clauses": [
            {
                "clause_id": "K1",
                "policy_id": "POL1",
                "number": "第三条",
                "text": "创新人才培养开发机制",
                "refines": None,
                "benefit_kind": "none",
                "amount": None,
                "deadline_days": None,
                "delivery_mode": "application",
            },
            {
                "clause_id": "K2",
                "policy_id": "POL2",
                "number": "第五条",
                "text": '给予创业资助，分四期兑现，\n含“逗号,”与"引号"',
                "refines": "K1",
                "benefit_kind": "funding",
                "amount": 500000.0,
                "deadline_days": 20,
                "delivery_mode": "application",
            },
        ],
        "clause_routes": [
            {"clause_id": "K2", "position": 1, "department_id": "D1", "role": "lead"},
            {"clause_id": "K2", "position": 2, "department_id": "D2", "role": "veto"},
        ],
        "clause_phases": [
            {"clause_id": "K2", "phase": 1, "share": 0.3, "condition": "注册"},
            {"clause_id": "K2", "phase": 2, "share": 0.7, "condition": "营收达标"},
        ],
        "cases": [
            {
                "case_id": "CA1",
                "clause_id": "K2",
                "person_id": "P1",
                "employer_id": "E1",
                "opened_at": datetime(2021, 4, 1, 9, 30),
                "status": "approved",
                "closed_at": datetime(2021, 5, 6, 17, 0, 5, 123456),
            },
            {
                "case_id": "CA2",
                "clause_id": "K2",
                "person_id": None,
                "employer_id": "E2",
                "opened_at": datetime(2022, 1, 4, 10, 0),
                "status": "open",
                "closed_at": None,
            },
        ],
        "events": [
            {
                "event_id": "EV1",
                "case_id": "CA1",
                "activity": "受理",
                "department_id": "D1",
                "resource": "S1",
                "role": "officer",
                "timestamp": datetime(2021, 4, 1, 9, 30),
                "lifecycle": "complete",
                "decision": "approved",
                "reason": None,
            },
            {
                "event_id": "EV2",
                "case_id": "CA1",
                "activity": "审计局审核",
                "department_id": "D2",
                "resource": None,
                "role": "system",
                "timestamp": datetime(2021, 5, 6, 17, 0),
                "lifecycle": "complete",
                "decision": None,
                "reason": None,
            },
        ],
        "disbursements": [
            {
                "disbursement_id": "DB1",
                "case_id": "CA1",
                "phase": 1,
                "amount": 150000.0,
                "paid_on": date(2021, 6, 1),
            },
        ],
        "conflicts": [
            {
                "conflict_id": "CF1",
                "title": "绿色通道与就近入学",
                "rule_a": "C区人才新政第九条",
                "department_a": "D1",
                "rule_b": "H教基〔2017〕12号第三条",
                "department_b": "D2",
                "clause_id": "K2",
                "status": "resolved",
                "raised_on": date(2021, 5, 1),
                "resolved_on": date(2021, 6, 1),
                "resolution": "修订条款",
            },
        ],
        "case_steps": [
            {
                "step_id": "ST1",
                "case_id": "CA2",
                "position": 1,
                "department_id": "D1",
                "route_role": "lead",
                "status": "approved",
                "arrived_at": datetime(2022, 1, 4, 10, 0),
                "due_on": date(2022, 2, 8),
                "decided_at": datetime(2022, 1, 5, 10, 0),
                "decided_by": "S1",
                "reason": None,
                "missing_rule": None,
                "conflict_id": None,
            },
            {
                "step_id": "ST2",
                "case_id": "CA2",
                "position": 2,
                "department_id": "D2",
                "route_role": "veto",
                "status": "blocked",
                "arrived_at": datetime(2022, 1, 6, 9, 0),
                "due_on": date(2022, 2, 10),
                "decided_at": datetime(2022, 1, 7, 15, 0),
                "decided_by": "审计局经办人",
                "reason": "缺少配套审计办法",
                "missing_rule": "创业资助资金审计办法",
                "conflict_id": "CF1",
            },
        ],
        "escalations": [
            {
                "escalation_id": "ES1",
                "case_id": "CA2",
                "step_id": "ST2",
                "level": "leadership",
                "cause": "blocked",
                "raised_at": datetime(2022, 1, 7, 15, 0),
                "status": "decided",
                "resolution": "issue_supporting_rule",
                "decided_at": datetime(2022, 2, 1, 10, 0),
                "decided_by": "领导小组",
                "note": "审计局一个月内出台配套审计办法",
            },
        ],
        "exceptions": [
            {
                "exception_id": "EX1",
                "case_id": None,
                "department_id": "D1",
                "what": "电话协调入学",
                "why": "规定冲突",
                "requested_by": "人才办分管领导",
                "approved_by": "教育局局长",
                "recorded_at": datetime(2022, 1, 10, 9, 0),
                "recorded_by": "S1",
            },
        ],
        "inquiries": [
            {
                "inquiry_id": "I1",
                "kind": "inquiry",
                "channel": "wechat",
                "submitted_at": datetime(2022, 2, 1, 8, 0),
                "person_id": "P2",
                "employer_id": None,
                "clause_id": "K2",
                "text": "子女入学，找哪个部门？",
                "department_id": "D1",
                "status": "answered",
                "answered_at": datetime(2022, 2, 3, 8, 0),
                "resolved": True,
                "satisfaction": 4,
            },
            {
                "inquiry_id": "I2",
                "kind": "complaint",
                "channel": "phone",
                "submitted_at": datetime(2022, 3, 1, 8, 0),
                "person_id": None,
                "employer_id": None,
                "clause_id": None,
                "text": "=SUM(A1) 不是公式",
                "department_id": None,
                "status": "submitted",
                "answered_at": None,
                "resolved": None,
                "satisfaction": None,
            },
        ],
        "surveys": [
            {
                "survey_id": "SV1",
                "title": "人才政策落地调查",
                "region_id": "C",
                "opened_on": date(2019, 9, 1),
                "closed_on": date(2019, 10, 1),
            },
        ],
        "survey_items": [
            {
                "survey_id": "SV1",
                "item_code": "gender",
                "position": 1,
                "section": "基本情况",
                "text": "您的性别",
                "kind": "single",
            },
        ],
        "survey_options": [
            {"survey_id": "SV1", "item_code": "gender", "code": "1", "position": 1, "label": "男"},
            {"survey_id": "SV1", "item_code": "gender", "code": "2", "position": 2, "label": "女"},
        ],
        "survey_responses": [
            {"survey_id": "SV1", "respondent_id": "R1", "item_code": "gender", "value": "1"},
            {"survey_id": "SV1", "respondent_id": "R2", "item_code": "gender", "value": "2"},
        ],
    }


@pytest.fixture
def dataset() -> Dataset:
    return Dataset.from_rows(valid_rows())


def _written(dataset: Dataset, directory: Path, ext: str) -> Path:
    write_dataset(dataset, directory=directory, formats=(ext,))
    return directory


@pytest.fixture
def csv_dir(dataset: Dataset, tmp_path: Path) -> Path:
    return _written(dataset, tmp_path / "csv", "csv")


@pytest.fixture
def parquet_dir(dataset: Dataset, tmp_path: Path) -> Path:
    return _written(dataset, tmp_path / "parquet", "parquet")


@pytest.fixture
def xlsx_dir(dataset: Dataset, tmp_path: Path) -> Path:
    return _written(dataset, tmp_path / "xlsx", "xlsx")


def edit_csv(path: Path, edit: Callable[[list[list[str]]], None]) -> None:
    """Rewrite a CSV file after ``edit`` changed its records (header first) in place."""
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    edit(records)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(records)


def csv_cell(path: Path, *, record: int, column: str, value: str) -> None:
    """Set one cell; ``record`` counts data records from 1 (no embedded newlines assumed)."""

    def edit(records: list[list[str]]) -> None:
        records[record][records[0].index(column)] = value

    edit_csv(path, edit)
