"""Drill-down filters are checked at the edge: outside the vocabulary is a 400 that says why;
inside it, the list shows the filters in words and exactly the matching records."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from luodi.platform.accounts.roles import Role
from luodi.platform.cases.models import CaseStep
from luodi.platform.coordination.models import ProcedureException

COUNT = re.compile(r'id="hit-count">(\d+)<')


def _count(page: str) -> int:
    found = COUNT.search(page)
    assert found is not None
    return int(found.group(1))


def _ids(page: str) -> set[str]:
    return set(re.findall(r'<tr class="case-row">\s*<td[^>]*><a href="[^"]*">([^<]+)</a>', page))


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/diagnosis/cases/?colour=red", "未知的筛选条件“colour”"),
        ("/diagnosis/cases/?status=lost", "“lost”不是可用的取值"),
        ("/diagnosis/cases/?clause_id=NOPE", "没有这个条款"),
        ("/diagnosis/cases/?stopped_department_id=D-XX", "没有这个部门"),
        ("/diagnosis/cases/?phases_paid=two", "应为非负整数"),
        ("/diagnosis/cases/?phases_paid=-1", "应为非负整数"),
        ("/diagnosis/cases/?received=maybe", "不是可用的取值"),
        ("/diagnosis/cases/?status=open&status=blocked", "只能给一次"),
        ("/diagnosis/cases/?clause_id=", "不能为空"),
        ("/diagnosis/cases/?survey_id=SV1", "未知的筛选条件“survey_id”"),
        ("/diagnosis/conflicts/?status=closed", "不是可用的取值"),
        ("/diagnosis/exceptions/?case_id=K9", "没有这个办件"),
        ("/diagnosis/responses/?item_code=height", "没有这个题目"),
        ("/diagnosis/clause/?clause_id=C1&department_id=D-HR", "未知的筛选条件“department_id”"),
        ("/diagnosis/report/?format=docx", "html 或 pdf"),
    ],
)
def test_bad_filters_are_refused_with_the_reason(client_for: Any, url: str, says: str) -> None:
    response = client_for(Role.EVALUATOR).get(url)
    assert response.status_code == 400
    assert says in response.content.decode()


def test_an_overlong_value_is_refused(client_for: Any) -> None:
    response = client_for(Role.TALENT_OFFICE).get("/diagnosis/cases/?reason=" + "长" * 1001)
    assert response.status_code == 400


def test_the_filters_are_shown_in_chinese(client_for: Any) -> None:
    page = client_for(Role.TALENT_OFFICE).get(
        "/diagnosis/cases/?clause_id=C2&status=blocked&page=1"
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "条款" in text
    assert "C区人才新政 第五条（C2）" in text
    assert "办件状态" in text
    assert "受阻" in text
    assert _ids(text) == {"K2"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"K1", "K2", "K3"}),
        ("clause_id=C2", {"K1", "K2"}),
        ("department_id=D-AUD", {"K1", "K2"}),
        ("department_id=D-HR", {"K1"}),
        ("decision=blocked_no_rule", {"K2"}),
        ("decision=blocked_no_rule&department_id=D-HR", set()),
        ("decision=approved&department_id=D-HR", {"K1"}),
        ("reason=资金使用规定相互冲突", {"K2"}),
        # K1 and K2 are unfinished and have no steps: they stop where their log ends.
        ("stopped_department_id=D-AUD", {"K1", "K2"}),
        ("status=closed", {"K3"}),
        ("tier_group=high_end", {"K1"}),
        ("tier_group=general", {"K3"}),
        ("tier_group=middle", set()),
        ("employer_stage=startup", {"K1", "K2"}),
        ("received=yes", {"K1", "K3"}),
        ("received=no", {"K2"}),
        ("paid=yes", {"K1"}),
        ("phases_paid=1", {"K1"}),
        ("phases_paid=0", {"K2", "K3"}),
        ("paid_phase=1", {"K1"}),
        ("paid_phase=2", set()),
    ],
)
def test_case_filters_on_the_small_dataset(client_for: Any, query: str, expected: set[str]) -> None:
    page = client_for(Role.LEADERSHIP).get(f"/diagnosis/cases/?{query}").content.decode()
    assert _count(page) == len(expected)
    assert _ids(page) == expected


def test_overdue_and_exception_filters(demo: Any, client_for: Any) -> None:
    # The data end on 2 February 2019 (the last inquiry): a step due before then and undecided is
    # late, as is one decided after its due day; cancelled steps never count.
    at = dt.datetime(2018, 3, 2, 10, 0)
    rows = [
        ("S1", "K1", 1, "pending", dt.date(2018, 3, 20), None),
        ("S2", "K2", 1, "approved", dt.date(2018, 4, 10), dt.datetime(2018, 4, 12, 9, 0)),
        ("S3", "K3", 1, "approved", dt.date(2018, 5, 10), dt.datetime(2018, 5, 10, 17, 0)),
        ("S4", "K3", 2, "cancelled", dt.date(2018, 5, 1), None),
    ]
    for step_id, case_id, position, status, due_on, decided_at in rows:
        CaseStep.objects.create(
            step_id=step_id,
            case_id=case_id,
            position=position,
            department_id="D-HR",
            route_role="lead",
            status=status,
            arrived_at=at,
            due_on=due_on,
            decided_at=decided_at,
        )
    ProcedureException.objects.create(
        exception_id="X1",
        case_id="K3",
        department_id="D-AUD",
        what="先行拨付",
        why="配套规定缺失",
        requested_by="人才办",
        approved_by="领导小组",
        recorded_at=at,
        recorded_by="S1",
    )
    client = client_for(Role.EVALUATOR)
    page = client.get("/diagnosis/cases/?overdue_department_id=D-HR").content.decode()
    assert _ids(page) == {"K1", "K2"}
    # K1 now has a pending step at D-HR: it stops there, no longer at its last event.
    page = client.get("/diagnosis/cases/?stopped_department_id=D-HR").content.decode()
    assert _ids(page) == {"K1"}
    assert "第 1 环节" in page
    assert _ids(client.get("/diagnosis/cases/?exception=yes").content.decode()) == {"K3"}
    listed = client.get("/diagnosis/exceptions/?department_id=D-AUD").content.decode()
    assert _count(listed) == 1
    assert 'id="X1"' in listed


def test_other_lists_filter_their_rows(client_for: Any) -> None:
    client = client_for(Role.EVALUATOR)
    answers = client.get("/diagnosis/responses/?item_code=awareness&value=2").content.decode()
    assert _count(answers) == 1
    assert "r001" in answers
    assert _count(client.get("/diagnosis/responses/?value=3").content.decode()) == 0
    inquiries = client.get("/diagnosis/inquiries/?department_id=D-HR").content.decode()
    assert _count(inquiries) == 1
    assert "Q1" in inquiries
    assert "第二期资助何时兑现" not in inquiries  # the text stays on the inquiry page
    assert _count(client.get("/diagnosis/inquiries/?status=submitted").content.decode()) == 1
    assert _count(client.get("/diagnosis/conflicts/?status=open").content.decode()) == 0
