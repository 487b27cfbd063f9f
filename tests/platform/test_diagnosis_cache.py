"""The diagnosis is computed once per data version and recomputed when the data change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow.compute as pc
import pytest

from luodi.platform.cases.models import Case, Event
from luodi.platform.coordination.models import Conflict
from luodi.platform.diagnosis import selectors
from luodi.platform.diagnosis.selectors import (
    data_end,
    data_stamp,
    diagnosis_dataset,
    diagnosis_get,
    memory_clear,
)
from luodi.platform.policies.models import PolicySource
from luodi.platform.surveys.models import SurveyItem, SurveyResponse


@pytest.fixture
def runs(demo: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Counts the core's runs: each call of ``diagnose`` appends the dataset's case statuses."""
    import luodi.diagnosis

    real: Callable[..., Any] = luodi.diagnosis.diagnose
    seen: list[str] = []

    def counting(**kwargs: Any) -> Any:
        seen.append(",".join(kwargs["dataset"]["cases"].column("status").to_pylist()))
        return real(**kwargs)

    monkeypatch.setattr(luodi.diagnosis, "diagnose", counting)
    memory_clear()
    yield seen
    memory_clear()


def test_second_request_uses_the_cache(runs: list[str]) -> None:
    first = diagnosis_get()
    second = diagnosis_get()
    assert len(runs) == 1
    assert not first.cached
    assert second.cached
    assert second.report == first.report
    assert first.report["meta"]["source"] == "platform"
    # A new process (or another worker) finds it in Django's cache, not in its memory.
    memory_clear()
    assert diagnosis_get().cached
    assert len(runs) == 1


def test_a_changed_case_is_diagnosed_again(runs: list[str]) -> None:
    before = diagnosis_get()
    Case.objects.filter(case_id="K2").update(status="rejected")
    after = diagnosis_get()
    assert after.stamp != before.stamp
    assert not after.cached
    assert runs == ["open,blocked,closed", "open,rejected,closed"]


@pytest.mark.parametrize(
    "change",
    [
        lambda: Event.objects.create(
            event_id="EV9",
            case_id="K1",
            activity="审计局审核",
            department_id="D-AUD",
            role="officer",
            timestamp=dt.datetime(2018, 3, 10, 9, 0),
            lifecycle="complete",
            decision="approved",
        ),
        lambda: Case.objects.filter(case_id="K1").update(closed_at=dt.datetime(2018, 7, 1)),
        lambda: Conflict.objects.create(
            conflict_id="CF1",
            title="资金拨付与审计规定冲突",
            rule_a="先拨付",
            department_a_id="D-HR",
            rule_b="先审计",
            department_b_id="D-AUD",
            status="open",
            raised_on=dt.date(2018, 5, 1),
        ),
        lambda: Conflict.objects.filter(conflict_id="CF0").update(status="resolved"),
        lambda: PolicySource.objects.create(
            policy_id="POL9",
            file_name="pol9.yaml",
            content="id: POL9",
            sha256="0" * 64,
            imported_at=dt.datetime(2019, 1, 1),
        ),
        lambda: SurveyResponse.objects.create(
            survey_id="SV1", respondent_id="r002", item_code="awareness", value="4"
        ),
    ],
    ids=["event", "case-closed", "conflict", "conflict-resolved", "policy-file", "answer"],
)
def test_the_stamp_follows_the_data(demo: Any, change: Callable[[], Any]) -> None:
    Conflict.objects.create(
        conflict_id="CF0",
        title="两项规定冲突",
        rule_a="甲",
        department_a_id="D-HR",
        rule_b="乙",
        department_b_id="D-AUD",
        status="open",
        raised_on=dt.date(2018, 5, 1),
    )
    before = data_stamp()
    assert data_stamp() == before  # stable while nothing changes
    change()
    assert data_stamp() != before


def test_the_dataset_keeps_coded_answers_and_drops_personal_text(demo: Any) -> None:
    SurveyItem.objects.create(
        survey_id="SV1", item_code="remarks", position=3, section="其他", text="意见", kind="text"
    )
    SurveyResponse.objects.create(
        survey_id="SV1", respondent_id="r001", item_code="remarks", value="我叫张三，电话123"
    )
    dataset = diagnosis_dataset()
    answers = dict(
        zip(
            dataset["survey_responses"].column("item_code").to_pylist(),
            dataset["survey_responses"].column("value").to_pylist(),
            strict=True,
        )
    )
    assert answers == {"awareness": "2", "gender": "male", "remarks": None}
    assert pc.all(pc.is_null(dataset["persons"].column("name"))).as_py()
    assert pc.all(pc.is_null(dataset["inquiries"].column("text"))).as_py()


def test_the_data_end_is_the_core_period_end(demo: Any, small_dataset: Any) -> None:
    from luodi.diagnosis import period_of

    assert data_end() == period_of(small_dataset).end == dt.date(2019, 2, 2)
    assert selectors.ENGINE == "duckdb"
