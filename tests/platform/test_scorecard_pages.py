"""The scorecard page, its export and the rounds page: who sees what, bad queries, ratings."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.models import User
from luodi.platform.accounts.roles import Role
from luodi.platform.diagnosis.selectors import memory_clear
from luodi.platform.scorecards.models import RatingInvitation, RatingRound
from luodi.platform.scorecards.selectors import scorecard_get
from luodi.platform.scorecards.services import scorecard_weights_set
from tests.platform.scorecard_support import account, detail_row, invite, rate, round_make

PAGE = "portal:scorecard"


@pytest.fixture(autouse=True)
def _fresh_memory() -> Iterator[None]:
    # The scorecard is kept in this process's memory by data version; each test has its own.
    memory_clear()
    yield
    memory_clear()


def _page(client: Client, **query: str) -> str:
    response = client.get(reverse(PAGE), query)
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content.decode()


def _order(page: str, table: str) -> list[str]:
    body = page.split(f'<table class="{table}">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr[^>]* data-subject="([^"]+)"', body)


def test_officer_sees_own_detail_and_only_the_others_ranks(client_for: Any) -> None:
    # The demo officer works at D-AUD; D-HR is the other executing department.
    officer = _page(client_for(Role.OFFICER), period="2018")
    leader = _page(client_for(Role.LEADERSHIP), period="2018")
    assert detail_row(officer, "D-AUD") is not None
    assert detail_row(officer, "D-HR") is None
    assert detail_row(leader, "D-HR") is not None
    assert "C区人社局" in officer  # its name and rank are listed
    report = scorecard_get(period="2018", subject_kind="department").report
    hr = next(s for s in report["subjects"] if s["id"] == "D-HR")
    aud = next(s for s in report["subjects"] if s["id"] == "D-AUD")
    hr_row = officer.split('<tr id="rank-D-HR" data-subject="D-HR">', 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'<td class="num">([^<]*)</td>', hr_row)[1] == "—"  # no score
    if f"{hr['score']:.3f}" != f"{aud['score']:.3f}":
        assert f"{hr['score']:.3f}" not in officer
        assert f"{hr['score']:.3f}" in leader
    assert "导出 Excel" not in officer
    assert "设置综合排名权重" not in officer


@pytest.mark.parametrize(
    "query",
    [
        {"period": "2018-13"},
        {"period": "last year"},
        {"subjects": "county"},
        {"period": "2018", "sort": "score"},
    ],
)
def test_bad_query_is_400_with_the_accepted_forms(client_for: Any, query: dict[str, str]) -> None:
    client = client_for(Role.TALENT_OFFICE)
    for name in (PAGE, "portal:scorecard_export"):
        response = client.get(reverse(name), query)
        assert response.status_code == 400
        assert "2018-H1" in response.content.decode()


def test_period_given_twice_is_400(client_for: Any) -> None:
    response = client_for(Role.TALENT_OFFICE).get(reverse(PAGE) + "?period=2018&period=2019")
    assert response.status_code == 400


def test_min_raters_hides_the_mean_until_enough_raters(client_for: Any) -> None:
    rating_round = round_make(min_raters=2)
    first, second = invite(rating_round, "peer", department_id="D-AUD", count=2)
    rate(first, "D-HR", 4)
    page = _page(client_for(Role.TALENT_OFFICE), period="2018")
    row = detail_row(page, "D-HR")
    assert row is not None
    assert "评价人数不足（1/最少 2）" in row
    assert "4.00" not in row
    rate(second, "D-HR", 5)
    row = detail_row(_page(client_for(Role.TALENT_OFFICE), period="2018"), "D-HR")
    assert row is not None
    assert "评价人数不足（1/最少 2）" not in row
    assert "4.50" in row  # (4 + 5) / 2 over both criteria of both raters


def test_leadership_weights_change_the_balanced_ranking(client_for: Any) -> None:
    rating_round = round_make(min_raters=1)
    leader = client_for(Role.LEADERSHIP)
    before = _page(leader, period="2018")
    hard_only = _order(before, "scorecard-hard-only")
    assert sorted(hard_only) == ["D-AUD", "D-HR"]
    # Raters favour whoever hard counts put last; with only ratings weighed, it leads.
    last, first = hard_only[-1], hard_only[0]
    (peer,) = invite(rating_round, "superior", department_id="D-LG")
    rate(peer, last, 5)
    rate(peer, first, 1)
    response = leader.post(
        reverse(PAGE) + "?period=2018", {"hard": "0", "process": "0", "rated": "1"}
    )
    assert response.status_code == 302
    after = _page(leader, period="2018")
    assert _order(after, "scorecard-ranking")[0] == last
    assert _order(after, "scorecard-hard-only") == hard_only
    leader.post(reverse(PAGE) + "?period=2018", {"hard": "1", "process": "0", "rated": "0"})
    assert _order(_page(leader, period="2018"), "scorecard-ranking") == hard_only


def test_only_the_leadership_group_sets_weights(client_for: Any) -> None:
    response = client_for(Role.TALENT_OFFICE).post(
        reverse(PAGE), {"hard": "1", "process": "0", "rated": "0"}
    )
    assert response.status_code == 403
    bad = client_for(Role.LEADERSHIP).post(
        reverse(PAGE), {"hard": "0", "process": "0", "rated": "0"}
    )
    assert bad.status_code == 400


def test_comments_are_for_the_leadership_group_only(client_for: Any) -> None:
    rating_round = round_make(min_raters=1)
    (token,) = invite(rating_round, "target", region_id="R2")
    rate(token, "D-HR", 2, comment="审批材料反复要求补交")
    assert "审批材料反复要求补交" in _page(client_for(Role.LEADERSHIP), period="2018")
    for role in (Role.TALENT_OFFICE, Role.EVALUATOR, Role.OFFICER):
        assert "审批材料反复要求补交" not in _page(client_for(role), period="2018")


def test_export_reads_back_with_chinese_headers(client_for: Any) -> None:
    response = client_for(Role.EVALUATOR).get(
        reverse("portal:scorecard_export"), {"period": "2018"}
    )
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "filename*=UTF-8''" in disposition
    assert "考核" in unquote(disposition.split("filename*=UTF-8''", 1)[1])
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "综合排名"
    cells = [c for row in book["综合排名"].iter_rows(values_only=True) for c in row if c]
    for header in ("序号", "综合得分", "排名", "仅硬指标得分", "仅硬指标排名", "名次变化"):
        assert header in cells, header
    assert "C区人社局" in cells
    assert any(isinstance(c, str) and "考核结果" in c for c in cells)


def test_officer_cannot_export(client_for: Any) -> None:
    assert client_for(Role.OFFICER).get(reverse("portal:scorecard_export")).status_code == 403


def test_empty_database_explains(db: None) -> None:
    user = User.objects.create(username="lead", role=Role.LEADERSHIP)
    client = Client()
    client.force_login(user)
    for name in (PAGE, "portal:scorecard_export", "portal:rating_rounds"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    assert "还没有可考核的对象" in client.get(reverse(PAGE)).content.decode()


def test_rounds_page_creates_invites_and_closes(client_for: Any) -> None:
    office = client_for(Role.TALENT_OFFICE)
    response = office.post(
        reverse("portal:rating_rounds"),
        {
            "action": "create",
            "name": "2018年度部门评价",
            "period": "2018",
            "subject_kind": "department",
            "min_raters": "3",
            "criteria": ["efficiency", "service"],
        },
    )
    assert response.status_code == 302
    rating_round = RatingRound.objects.get()
    invited = office.post(
        reverse("portal:rating_rounds"),
        {
            "action": "invite",
            "round_id": rating_round.pk,
            "rater_kind": "peer",
            "rater_department_id": "D-HR",
            "rater_region_id": "",
            "count": "2",
        },
    )
    assert invited.status_code == 200
    links = re.findall(r'<li><a href="([^"]+/r/[^"/]+/)">', invited.content.decode())
    assert len(links) == 2
    assert RatingInvitation.objects.filter(rater_department_id="D-HR").count() == 2
    # The links are shown once: the page reloaded shows none.
    assert "/r/" not in office.get(reverse("portal:rating_rounds")).content.decode()
    refused = office.post(
        reverse("portal:rating_rounds"),
        {"action": "invite", "round_id": rating_round.pk, "rater_kind": "peer", "count": "1"},
    )
    assert refused.status_code == 400
    assert "所在部门" in refused.content.decode()
    office.post(reverse("portal:rating_rounds"), {"action": "close", "round_id": rating_round.pk})
    rating_round.refresh_from_db()
    assert rating_round.closed_on is not None


def test_evaluators_read_rounds_but_do_not_run_them(client_for: Any) -> None:
    round_make()
    evaluator = client_for(Role.EVALUATOR)
    page = evaluator.get(reverse("portal:rating_rounds")).content.decode()
    assert "2018年度部门人才工作评价" in page
    assert "新建轮次" not in page
    response = evaluator.post(reverse("portal:rating_rounds"), {"action": "create"})
    assert response.status_code == 403


def _respond(token: str) -> str:
    return reverse("portal:rating_respond", args=[token])


def test_rater_form_leaves_out_their_own_department(demo: Any) -> None:
    rating_round = round_make()
    (token,) = invite(rating_round, "peer", department_id="D-HR")
    client = Client()
    page = client.get(_respond(token)).content.decode()
    assert 'id="subject-D-AUD"' in page
    assert 'id="subject-D-HR"' not in page
    assert "<legend>办理效率</legend>" in page
    scores = {"c-efficiency": "4", "c-service": "5", "comment": ""}
    own = client.post(_respond(token), {"subject_id": "D-HR", **scores})
    assert own.status_code == 403
    assert "回避" in own.content.decode()
    done = client.post(_respond(token), {"subject_id": "D-AUD", **scores})
    assert done.status_code == 200
    assert "已评价" in done.content.decode()
    again = client.post(_respond(token), {"subject_id": "D-AUD", **scores})
    assert again.status_code == 409
    missing = Client().post(
        _respond(invite(rating_round, "superior", department_id="D-LG")[0]),
        {"subject_id": "D-AUD", "c-efficiency": "4"},
    )
    assert missing.status_code == 400


def test_unknown_token_is_404_and_closed_round_says_so(demo: Any) -> None:
    from luodi.platform.scorecards.services import rating_round_close

    assert Client().get(_respond("nope")).status_code == 404
    rating_round = round_make()
    (token,) = invite(rating_round, "superior", department_id="D-LG")
    rating_round_close(by=account(Role.TALENT_OFFICE), round_id=rating_round.pk)
    response = Client().get(_respond(token))
    assert response.status_code == 410
    assert "评价已结束" in response.content.decode()


def test_weights_history_is_the_current_scheme(demo: Any) -> None:
    scorecard_weights_set(by=account(Role.LEADERSHIP), group_weights={"hard": 2, "rated": 1})
    report = scorecard_get(period="2018", subject_kind="department").report
    assert report["scheme"]["group_weights"] == {"hard": 2.0, "process": 0.0, "rated": 1.0}


def test_detail_access_rule(demo: Any) -> None:
    from luodi.platform.accounts.scorecard_access import may_see_scorecard_detail

    officer = account(Role.OFFICER)
    assert officer.department_id == "D-AUD"
    assert may_see_scorecard_detail(officer, "D-AUD")
    assert not may_see_scorecard_detail(officer, "D-HR")
    for role in (Role.TALENT_OFFICE, Role.LEADERSHIP, Role.EVALUATOR):
        assert may_see_scorecard_detail(account(role), "D-HR"), role
    for role in (Role.TALENT, Role.EMPLOYER, Role.ADMIN):
        assert not may_see_scorecard_detail(account(role), "D-AUD"), role


def test_scorecard_in_english(client_for: Any) -> None:
    client = client_for(Role.LEADERSHIP)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = _page(client, period="2018")
    assert "Overall ranking" in page
    assert "Hard-count-only ranking" in page
    assert "Talent work assessment 2018: by department" in page
