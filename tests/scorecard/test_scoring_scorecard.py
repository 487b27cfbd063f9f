"""scorecard_build and Scorecard.to_dict: the JSON shape, trends, schemes, and the study's
prediction on the demo (departments chasing high-end counts rank lower under balanced)."""

from __future__ import annotations

from typing import Any

import pytest

from luodi.contract import Dataset
from luodi.scorecard import (
    Scorecard,
    UnknownSchemeError,
    WeightingScheme,
    default_catalogue,
    period_parse,
    scorecard_build,
)
from luodi.scorecard.scorecard import scorecard_from_tables
from tests.scorecard.scoring_support import (
    BALANCED,
    HARD_ONLY,
    INDICATORS,
    PREVIOUS,
    ROWS,
    catalogue_table,
    table_of,
)

TOP_KEYS = [
    "period",
    "subject_kind",
    "scheme",
    "indicators",
    "subjects",
    "rankings",
    "movers",
    "sensitivity",
    "ratings",
    "meta",
]
SUBJECT_KEYS = [
    "id",
    "name",
    "score",
    "rank",
    "hard_only_score",
    "hard_only_rank",
    "coverage",
    "values",
]
VALUE_KEYS = [
    "value",
    "normalised",
    "rank",
    "previous",
    "trend",
    "numerator",
    "denominator",
    "n",
    "note",
]


@pytest.fixture(scope="module")
def demo() -> Dataset:
    from luodi.demo import generate

    return generate()


@pytest.fixture(scope="module")
def demo_card(demo: Dataset) -> Scorecard:
    return scorecard_build(dataset=demo, period=period_parse("2018"))


def test_dict_shape_is_the_specs() -> None:
    catalogue = default_catalogue()
    indicators = catalogue.for_subject("department")
    card = scorecard_from_tables(
        table=catalogue_table(indicators),
        previous=catalogue_table(indicators, period=PREVIOUS),
        indicators=indicators,
        scheme=catalogue.scheme("balanced"),
        hard_only=catalogue.scheme("hard_only"),
    )
    data = card.to_dict()
    assert list(data) == TOP_KEYS
    assert data["period"] == {
        "label": "2018",
        "start": "2018-01-01",
        "end": "2018-12-31",
        "previous": "2017",
    }
    assert data["scheme"] == {
        "id": "balanced",
        "name_zh": "均衡方案",
        "group_weights": {"hard": 0.4, "process": 0.35, "rated": 0.25},
    }
    assert list(data["indicators"][0]) == [
        "id",
        "name_zh",
        "name_en",
        "group",
        "direction",
        "unit",
        "formula",
        "sources",
    ]
    assert data["indicators"][0]["formula"] == indicators[0].formula_zh
    assert list(data["subjects"][0]) == SUBJECT_KEYS
    assert list(data["subjects"][0]["values"][indicators[0].id]) == VALUE_KEYS
    assert list(data["rankings"]) == ["hard_only", "balanced"]
    assert list(data["sensitivity"]) == ["process_weights", "ranks", "kendall_tau"]
    assert data["ratings"] == {"rounds": ["R-2018-D"], "excluded": 0, "min_raters": 3}
    assert data["meta"] == {
        "engine": "duckdb",
        "generated_by": "luodi scorecard",
        "catalogue": "default",
    }
    assert all(
        list(m) == ["id", "name", "hard_only_rank", "balanced_rank", "change"]
        for m in data["movers"]
    )


def test_values_ranks_trends_and_movers_on_the_hand_fixture() -> None:
    previous = {sid: tuple(None if v is None else v - 1 for v in row) for sid, row in ROWS.items()}
    card = scorecard_from_tables(
        table=table_of(),
        previous=table_of(previous, period=PREVIOUS),
        indicators=INDICATORS,
        scheme=BALANCED,
        hard_only=HARD_ONLY,
    )
    # balanced 0.8 (D2), 0.5 (D1), 0.3306 (D3), 0 (D4); hard-only 1, 0.5, 0, 0
    assert card.hard_only_ranking == ("D1", "D2", "D3", "D4")
    assert card.ranking == ("D2", "D1", "D3", "D4")
    assert [s.id for s in card.subjects] == ["D2", "D1", "D3", "D4"]
    d3 = card.subject("D3")
    assert d3.coverage == pytest.approx(0.75)
    assert (d3.rank, d3.hard_only_rank) == (3, 3)
    exceptions = d3.values["exceptions"]
    # exceptions 2 vs 1 the year before: up in value, and lower is better
    assert (exceptions.value, exceptions.previous, exceptions.trend) == (2, 1, "up")
    assert exceptions.up_is_better is False
    # ranks per indicator: exceptions 4, 1, 2, 4 (lower better) → D2 1, D3 2, D1 = D4 3
    assert {s: card.subject(s).values["exceptions"].rank for s in ROWS} == {
        "D1": 3,
        "D2": 1,
        "D3": 2,
        "D4": 3,
    }
    rated = d3.values["targets"]
    assert (rated.value, rated.rank, rated.trend, rated.note) == (None, None, None, "评价人数不足")
    assert [(m.id, m.change) for m in card.movers] == [("D1", -1), ("D2", 1), ("D4", -1)]
    assert card.subject("D2").change == 1


def test_without_a_hard_only_scheme_the_hard_group_of_the_scheme_is_used() -> None:
    card = scorecard_from_tables(
        table=table_of(), previous=table_of(), indicators=INDICATORS, scheme=BALANCED
    )
    assert card.hard_only_ranking == ("D1", "D2", "D3", "D4")
    assert card.hard_only_scheme.group_weight("process") == 0


def test_unknown_scheme_names_the_known_ones(demo: Dataset) -> None:
    with pytest.raises(UnknownSchemeError, match="hard_only, balanced"):
        scorecard_build(dataset=demo, period=period_parse("2018"), scheme_id="nope")


def test_a_given_scheme_wins_over_the_id(demo: Dataset) -> None:
    counts_only = WeightingScheme(
        id="leadership", name_zh="领导小组方案", group_weights={"hard": 1.0}
    )
    card = scorecard_build(
        dataset=demo, period=period_parse("2018"), scheme_id="balanced", scheme=counts_only
    )
    assert card.to_dict()["scheme"]["id"] == "leadership"
    assert card.ranking == card.hard_only_ranking
    assert card.movers == ()


def test_demo_rankings_differ_as_the_study_predicts(demo_card: Scorecard) -> None:
    data: dict[str, Any] = demo_card.to_dict()
    hard, balanced = data["rankings"]["hard_only"], data["rankings"]["balanced"]
    assert sorted(hard) == sorted(balanced) == sorted(s["id"] for s in data["subjects"])
    assert hard != balanced
    # P2: the talent office awards A–C talents and science & technology funds mature firms;
    # when process and the targets' ratings count, both rank lower than on hard counts.
    for chaser in ("C-TO", "C-ST"):
        card = demo_card.subject(chaser)
        assert card.rank is not None
        assert card.hard_only_rank is not None
        assert card.rank > card.hard_only_rank, chaser
    assert {m.id for m in demo_card.movers} >= {"C-TO", "C-ST"}
    assert demo_card.area == "C产业集聚区"


def test_demo_sensitivity_starts_at_hard_only(demo_card: Scorecard) -> None:
    sens = demo_card.sensitivity
    hard = {card.id: card.hard_only_rank for card in demo_card.subjects}
    assert {sid: ranks[0] for sid, ranks in sens.ranks.items()} == hard
    assert sens.kendall_tau[0] == 1.0
    assert sens.kendall_tau[-1] is not None
    assert sens.kendall_tau[-1] < 1.0


def test_demo_districts(demo: Dataset) -> None:
    card = scorecard_build(dataset=demo, period=period_parse("2018"), subject_kind="region")
    assert [s.id for s in sorted(card.subjects, key=lambda s: s.id)] == [
        "ZJ-H-C1",
        "ZJ-H-C2",
        "ZJ-H-C3",
    ]
    assert card.area == "C产业集聚区"
    assert card.title_zh.startswith("C产业集聚区2018年度区域")


def test_an_empty_dataset_gives_an_empty_scorecard_and_workbook() -> None:
    import io

    import openpyxl

    from luodi.scorecard import scorecard_xlsx

    card = scorecard_build(dataset=Dataset.empty(), period=period_parse("2018-Q1"))
    data = card.to_dict()
    assert data["rankings"] == {"hard_only": [], "balanced": []}
    assert data["movers"] == []
    assert data["sensitivity"]["kendall_tau"] == [None] * 11
    assert data["period"]["previous"] == "2017-Q4"
    book = openpyxl.load_workbook(io.BytesIO(scorecard_xlsx(card)))
    assert book["综合排名"]["A1"].value == "2018年第一季度部门人才工作考核结果（均衡方案）"


def test_polars_gives_the_same_scorecard(demo: Dataset, demo_card: Scorecard) -> None:
    other = scorecard_build(dataset=demo, period=period_parse("2018"), engine="polars")
    assert other.engine == "polars"
    assert other.hard_only_ranking == demo_card.hard_only_ranking
    assert other.ranking == demo_card.ranking
    assert other.sensitivity.ranks == demo_card.sensitivity.ranks
    for card in demo_card.subjects:
        assert other.subject(card.id).score == pytest.approx(card.score)
