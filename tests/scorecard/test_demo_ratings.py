"""The demo's rating rounds: their shape, the rules they keep, and the study's calibration."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.demo import generate
from luodi.demo.ratings import MIN_RATERS, RATING_PERIOD, rating_features
from luodi.scorecard import default_catalogue, indicator_values, period_parse
from luodi.scorecard.metrics_base import TOO_FEW_RATERS


@cache
def _demo() -> Dataset:
    return generate()


def _rows(name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = _demo()[name].to_pylist()
    return rows


def test_two_rounds_of_2018() -> None:
    rounds = _rows("rating_rounds")
    assert sorted((r["period"], r["subject_kind"]) for r in rounds) == [
        (str(RATING_PERIOD), "department"),
        (str(RATING_PERIOD), "region"),
    ]
    assert {r["min_raters"] for r in rounds} == {MIN_RATERS}
    assert all(r["opened_on"] <= r["closed_on"] for r in rounds)


def test_ratings_keep_the_contract_and_the_platforms_rules() -> None:
    ratings = _rows("ratings")
    rounds = {r["round_id"]: r for r in _rows("rating_rounds")}
    criteria = {c.code for c in default_catalogue().criteria}
    assert ratings
    assert {r["criterion"] for r in ratings} == criteria
    assert all(1 <= r["score"] <= 5 for r in ratings)
    # One rating per rater, subject and criterion in a round (the platform's unique key).
    keys = Counter((r["round_id"], r["rater_id"], r["subject_id"], r["criterion"]) for r in ratings)
    assert max(keys.values()) == 1
    # No one rates their own department, no department its own district; policy targets
    # rate the district they live and work in, and only that one.
    for r in ratings:
        kind = rounds[r["round_id"]]["subject_kind"]
        if kind == "department":
            assert r["rater_department_id"] != r["subject_id"], r
        elif r["rater_kind"] == "target":
            assert r["rater_region_id"] == r["subject_id"], r
        else:
            assert r["rater_region_id"] != r["subject_id"], r
    # Every rater of a round takes part within the round's days.
    for r in ratings:
        window = rounds[r["round_id"]]
        assert window["opened_on"] <= r["submitted_at"].date() <= window["closed_on"]


def test_raters_by_kind() -> None:
    departments = {d["department_id"]: d for d in _rows("departments")}
    districts = {r["region_id"] for r in _rows("regions") if r["level"] == "district"}
    for r in _rows("ratings"):
        if r["rater_kind"] == "target":
            # Pseudonymous, from a district, never a department.
            assert re.fullmatch(r"T-\d{4}", r["rater_id"])
            assert r["rater_department_id"] is None
            assert r["rater_region_id"] in districts
        else:
            department = departments[r["rater_department_id"]]
            if r["rater_kind"] == "superior":
                # Leadership groups or city bureaus: above the cluster's departments.
                assert department["kind"] == "leadership_group" or department["region_id"] == "ZJ-H"
            else:
                assert department["region_id"] == "ZJ-H-C"


def test_the_minimum_raters_rule_shows_on_the_demo() -> None:
    table = indicator_values(
        dataset=_demo(),
        catalogue=default_catalogue(),
        period=period_parse(str(RATING_PERIOD)),
        subject_kind="department",
    )
    assert table.excluded_ratings == 0
    assert table.min_raters == MIN_RATERS
    hidden = [
        (indicator_id, subject.id)
        for indicator_id in ("rating_superior", "rating_peer", "rating_target")
        for subject in table.subjects
        if table.value(indicator_id, subject.id).note == TOO_FEW_RATERS
    ]
    assert hidden
    shown = [
        table.value(indicator_id, subject.id)
        for indicator_id in ("rating_superior", "rating_peer", "rating_target")
        for subject in table.subjects
        if table.value(indicator_id, subject.id).value is not None
    ]
    assert all(value.n >= MIN_RATERS for value in shown)
    # Every executing department is rated by someone.
    rated = {r["subject_id"] for r in _rows("ratings")}
    assert {s.id for s in table.subjects} <= rated


def _means(kind: str) -> dict[str, float]:
    scores: dict[str, list[int]] = defaultdict(list)
    for r in _rows("ratings"):
        if r["rater_kind"] == kind and not r["subject_id"].startswith("ZJ"):
            scores[r["subject_id"]].append(r["score"])
    return {subject: sum(s) / len(s) for subject, s in scores.items()}


def test_targets_reward_service_to_the_majority_and_superiors_hard_counts() -> None:
    rows = {name: _rows(name) for name in _demo().tables}
    subjects = sorted(
        {r["subject_id"] for r in rows["ratings"] if r["subject_id"].startswith("C-")}
    )
    features = rating_features(rows, kind="department", subjects=subjects)
    targets, superiors = _means("target"), _means("superior")
    rated = [s for s in subjects if s in targets]
    best_served = max(rated, key=lambda s: features[s].majority + features[s].landing)
    worst_served = min(rated, key=lambda s: features[s].majority + features[s].landing)
    assert targets[best_served] > targets[worst_served]
    most_high_end = max(subjects, key=lambda s: features[s].high_end)
    assert superiors[most_high_end] > sum(superiors.values()) / len(superiors)
    # The talent office chases high-end counts: superiors rate it above what targets give it.
    assert superiors["C-TO"] > targets["C-TO"]


@pytest.mark.parametrize("kind", ["department", "region"])
def test_features_are_shares(kind: str) -> None:
    rows = {name: _rows(name) for name in _demo().tables}
    subjects = (
        ["C-TO", "C-HR", "C-TAX"] if kind == "department" else ["ZJ-H-C1", "ZJ-H-C2", "ZJ-H-C3"]
    )
    for f in rating_features(rows, kind=kind, subjects=subjects).values():
        assert 0 <= f.majority <= 1
        assert 0 <= f.landing <= 1
        assert f.high_end >= 0
        assert f.money >= 0
