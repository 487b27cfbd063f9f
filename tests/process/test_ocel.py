"""OCEL 2.0 JSON export: PM4Py reads it, and its events and objects are the dataset's."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pm4py
import pytest

from luodi.contract import Dataset
from luodi.process import events_export, ocel2_document
from tests.process.test_eventlog import log_rows


@pytest.fixture
def dataset() -> Dataset:
    return Dataset.from_rows(log_rows())


def _expected_objects(dataset: Dataset) -> Counter[str]:
    """Objects some event touches, counted per type straight from the contract tables."""
    cases = {row["case_id"]: row for row in dataset["cases"].to_pylist()}
    events = dataset["events"].to_pylist()
    touched = {e["case_id"] for e in events}
    counts: Counter[str] = Counter(
        case=len(touched),
        department=len({e["department_id"] for e in events}),
        clause=len({cases[c]["clause_id"] for c in touched}),
        person=len({cases[c]["person_id"] for c in touched} - {None}),
        employer=len({cases[c]["employer_id"] for c in touched} - {None}),
    )
    return counts


def test_pm4py_reads_the_export(dataset: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "log.jsonocel"
    assert events_export(dataset=dataset, fmt="ocel2", path=target) == 7
    ocel = pm4py.read_ocel2_json(str(target))
    assert len(ocel.events) == 7
    assert Counter(ocel.objects["ocel:type"]) == _expected_objects(dataset)
    assert _expected_objects(dataset) == Counter(
        case=3, department=3, clause=2, person=1, employer=1
    )
    # EV4: its case K1, the case's clause, person and employer, and the acting department.
    related = ocel.relations[ocel.relations["ocel:eid"] == "EV4"]
    assert set(related["ocel:oid"]) == {
        "case:K1",
        "clause:C2",
        "person:P1",
        "employer:E1",
        "department:D-AUD",
    }
    # K3 has neither person nor employer: three relations per event, no empty object ids.
    assert len(ocel.relations[ocel.relations["ocel:eid"] == "EV5"]) == 3
    assert set(ocel.events["ocel:activity"]) == {
        e["activity"] for e in dataset["events"].to_pylist()
    }


def test_document_shape_and_no_names(dataset: Dataset) -> None:
    document = ocel2_document(dataset)
    assert [t["name"] for t in document["objectTypes"]] == [
        "case",
        "person",
        "employer",
        "clause",
        "department",
    ]
    event = next(e for e in document["events"] if e["id"] == "EV4")
    assert event["time"] == "2018-03-09T14:00:00+08:00"
    assert {"name": "role", "value": "officer"} in event["attributes"]
    case = next(o for o in document["objects"] if o["id"] == "case:K1")
    assert {"objectId": "clause:C2", "qualifier": "applies for"} in case["relationships"]
    text = json.dumps(document, ensure_ascii=False)
    assert "张三" not in text
    assert "甲科技有限公司" not in text
    # P2 has no case: persons outside the log are not exported.
    assert "person:P2" not in text


def test_demo_counts(tmp_path: Path) -> None:
    from luodi.demo import generate

    demo = generate()
    target = tmp_path / "demo.jsonocel"
    events_export(dataset=demo, fmt="ocel2", path=target)
    ocel = pm4py.read_ocel2_json(str(target))
    assert len(ocel.events) == demo["events"].num_rows
    assert Counter(ocel.objects["ocel:type"]) == _expected_objects(demo)
