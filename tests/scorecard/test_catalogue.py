"""The indicator catalogue: the default one, formulas stated by the metrics, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from luodi.contract.tables import TABLES
from luodi.scorecard import (
    Catalogue,
    CatalogueError,
    WeightingScheme,
    catalogue_from_yaml,
    default_catalogue,
)
from luodi.scorecard.catalogue import DEFAULT_CATALOGUE_PATH
from luodi.scorecard.catalogue_yaml import catalogue_from_text
from luodi.scorecard.metrics import METRICS, metric_describe

GOOD = """\
indicators:
  - id: talents
    name_zh: 高层次人才
    name_en: High-end talents
    group: hard
    metric: talents_received
    params: {tier_group: high_end}
    direction: higher
    unit: 人
    sources: [cases, clause_routes, persons, employers, disbursements]
  - id: peers
    name_zh: 同级评价
    name_en: Peers
    group: rated
    metric: rating_mean
    params: {rater_kind: peer, criterion: efficiency}
    direction: higher
    unit: 分
    sources: [rating_rounds, ratings]
    subjects: [department]
criteria:
  - {code: efficiency, name_zh: 办理效率, name_en: Efficiency}
schemes:
  - id: hard_only
    name_zh: 仅硬指标
    group_weights: {hard: 1, process: 0, rated: 0}
  - id: balanced
    name_zh: 均衡
    group_weights: {hard: 0.5, process: 0.3, rated: 0.2}
    indicator_weights: {talents: 2}
"""


def _problems(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        catalogue_from_text(text, file="bad.yaml")
    return [str(problem) for problem in raised.value.problems]


def test_default_catalogue_is_package_data() -> None:
    assert DEFAULT_CATALOGUE_PATH.is_file()
    assert DEFAULT_CATALOGUE_PATH.parent.parent == Path(__file__).parents[2] / "src/luodi/scorecard"
    catalogue = default_catalogue()
    assert {i.group for i in catalogue.indicators} == {"hard", "process", "rated"}
    assert catalogue.scheme("hard_only").group_weights == {"hard": 1, "process": 0, "rated": 0}
    balanced = catalogue.scheme("balanced")
    assert all(balanced.group_weight(g) > 0 for g in ("hard", "process", "rated"))
    assert {c.code for c in catalogue.criteria} >= {"efficiency", "service"}


def test_default_catalogue_states_its_sources_and_formulas() -> None:
    for indicator in default_catalogue().indicators:
        assert set(indicator.sources) <= set(TABLES)
        assert indicator.formula_zh
        # The formula names a contract table the indicator reads.
        assert any(source in indicator.formula_zh for source in indicator.sources)


def test_formula_is_the_metrics_own_statement() -> None:
    catalogue = catalogue_from_text(GOOD)
    talents = catalogue.indicator("talents")
    assert talents.formula_zh == metric_describe("talents_received", {"tier_group": "high_end"})
    assert "A、B、C类" in talents.formula_zh
    middle = talents.model_copy(update={"params": {"tier_group": "middle"}})
    # Change the params and the stated formula follows.
    assert "D、E、F类" in middle.formula_zh
    assert "efficiency" in catalogue.indicator("peers").formula_zh


def test_lookups_and_subject_filter() -> None:
    catalogue = catalogue_from_text(GOOD)
    assert [i.id for i in catalogue.for_subject("department")] == ["talents", "peers"]
    assert [i.id for i in catalogue.for_subject("region")] == ["talents"]
    assert catalogue.scheme("balanced").indicator_weight("talents") == 2
    assert catalogue.scheme("balanced").indicator_weight("peers") == 1
    with pytest.raises(KeyError, match="hard_only, balanced"):
        catalogue.scheme("nope")
    with pytest.raises(KeyError, match="talents, peers"):
        catalogue.indicator("nope")


def test_read_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert catalogue_from_yaml(path) == catalogue_from_text(GOOD)


def test_missing_file() -> None:
    with pytest.raises(CatalogueError, match="no such file"):
        catalogue_from_yaml(Path("/nonexistent/indicators.yaml"))


def test_unknown_metric_is_located() -> None:
    problems = _problems(GOOD.replace("metric: talents_received", "metric: talent_count"))
    assert len(problems) == 1
    assert "bad.yaml, line 6, column 13" in problems[0]
    assert "unknown metric 'talent_count'" in problems[0]
    assert "talents_received" in problems[0]  # the fix names the registered metrics


def test_bad_params_for_the_metric() -> None:
    problems = _problems(GOOD.replace("{tier_group: high_end}", "{tier_group: top, colour: red}"))
    assert len(problems) == 2
    assert all("line 7" in p for p in problems)
    assert any("tier_group" in p and "'top'" in p for p in problems)
    assert any("colour" in p for p in problems)


def test_unknown_source_table() -> None:
    text = GOOD.replace("[rating_rounds, ratings]", "[rating_rounds, ratings, scores]")
    (problem,) = _problems(text)
    assert "line 19, column 39" in problem
    assert "unknown source table 'scores'" in problem


def test_sources_must_cover_what_the_metric_reads() -> None:
    (problem,) = _problems(GOOD.replace("[rating_rounds, ratings]", "[ratings]"))
    assert "line 19" in problem
    assert "rating_rounds" in problem


def test_duplicate_indicator_id() -> None:
    (problem,) = _problems(GOOD.replace("id: peers", "id: talents"))
    assert "line 11" in problem
    assert "indicator id 'talents' appears twice" in problem


def test_weight_of_an_unknown_indicator() -> None:
    (problem,) = _problems(GOOD.replace("{talents: 2}", "{talent: 2}"))
    assert "line 30" in problem
    assert "unknown indicator 'talent'" in problem


def test_unknown_criterion() -> None:
    (problem,) = _problems(GOOD.replace("criterion: efficiency}", "criterion: speed}"))
    assert "line 16" in problem
    assert "unknown criterion 'speed'" in problem


def test_required_schemes() -> None:
    text = GOOD.replace("id: hard_only", "id: counts_only")
    (problem,) = _problems(text)
    assert "no scheme 'hard_only'" in problem


def test_bad_group_and_negative_weight_reported_together() -> None:
    text = GOOD.replace("group: hard", "group: soft").replace("rated: 0.2}", "rated: -1}")
    problems = _problems(text)
    assert len(problems) == 2
    assert any("line 5" in p and "'soft'" in p and "hard" in p for p in problems)
    assert any("line 29" in p and "0 or more" in p and "rated" in p for p in problems)


def test_unknown_key_is_located_at_the_key() -> None:
    (problem,) = _problems(GOOD.replace("    unit: 人\n", "    unit: 人\n    formula: x\n"))
    assert "line 10, column 5" in problem
    assert "unknown key 'formula'" in problem


def test_duplicate_key_and_syntax_error() -> None:
    problems = _problems(GOOD.replace("    unit: 人\n", "    unit: 人\n    unit: 个\n"))
    assert any("'unit' appears twice" in p and "line 10" in p for p in problems)
    (syntax,) = _problems("indicators: [\n")
    assert "not valid YAML" in syntax
    (not_mapping,) = _problems("- a\n")
    assert "not a mapping" in not_mapping


def test_models_check_themselves_when_built_in_code() -> None:
    good = catalogue_from_text(GOOD)
    with pytest.raises(ValidationError, match="unknown metric"):
        Catalogue(
            indicators=(good.indicators[0].model_copy(update={"metric": "x"}),),
            criteria=good.criteria,
            schemes=good.schemes,
        )
    with pytest.raises(ValidationError, match="must not all be 0"):
        WeightingScheme(id="s", name_zh="方案", group_weights={"hard": 0, "process": 0})


def test_every_registered_metric_describes_itself() -> None:
    defaults = {"rating_mean": {"rater_kind": "target"}}
    for name, metric in METRICS.items():
        params = metric.params_model.model_validate(defaults.get(name, {}))
        text = metric.describe(params)
        assert text
        assert all(table in TABLES for table in metric.tables(params))
