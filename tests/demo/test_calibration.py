"""The calibration solver reproduces the study's printed figures at their printed precision."""

from __future__ import annotations

from fractions import Fraction

import pytest

from luodi.demo import calibration as cal

INCONSISTENT = {"title", "employer_kind"}


def _rounds(figure: cal.Figure, count: int, n: int) -> bool:
    return figure.admits(Fraction(100 * count, n))


@pytest.mark.parametrize("solution", cal.table1_solutions(), ids=lambda s: s.item.code)
def test_table1_items(solution: cal.ItemSolution) -> None:
    item = solution.item
    counts = dict(solution.counts)
    assert sum(counts.values()) == solution.n <= cal.QUESTIONNAIRES
    if item.code in INCONSISTENT:
        assert not solution.exact
        assert item.inconsistent
        return
    assert solution.exact
    assert item.inconsistent is None
    for category in item.printed:
        assert category.printed is not None
        assert _rounds(category.printed, counts[category.code], solution.n), category.label


def test_solved_counts_are_the_largest_n() -> None:
    """Tie-break: the exact solution with the valid count closest to 160, unless inferred."""
    solved = {s.item.code: (s.n, dict(s.counts)) for s in cal.table1_solutions()}
    assert solved["gender"] == (156, {"male": 99, "female": 57})
    assert solved["nationality"][0] == 160
    for item in cal.TABLE1:
        if item.code in INCONSISTENT or item.valid_n is not None:
            continue
        n = solved[item.code][0]
        figures = [c.printed for c in item.printed if c.printed is not None]
        above = cal.solve_shares(figures, min_n=n + 1, remainder=bool(item.unprinted))
        assert above is None, item.code


def test_a_wrong_inferred_valid_count_is_refused() -> None:
    import dataclasses

    wrong = dataclasses.replace(cal.target("gender"), valid_n=150)
    with pytest.raises(ValueError, match="valid_n"):
        cal.solve_item(wrong)


def test_gender_example_from_the_design_also_fits() -> None:
    male, female = (c.printed for c in cal.target("gender").categories)
    assert male is not None
    assert female is not None
    assert _rounds(male, 99, 156)
    assert _rounds(female, 57, 156)


def test_age_remainder_sits_in_the_unprinted_category() -> None:
    age = dict(next(s for s in cal.table1_solutions() if s.item.code == "age").counts)
    assert age["51_plus"] > 0
    assert cal.target("age").unprinted[0].label == "51岁及以上"


def test_title_has_no_counts_up_to_160_and_first_fits_at_403() -> None:
    figures = [c.printed for c in cal.target("title").printed if c.printed is not None]
    assert sum(f.value for f in figures) == 100
    assert cal.solve_shares(figures) is None
    first = cal.solve_shares(figures, max_n=403, min_n=161)
    assert first is not None
    assert first.n == 403
    assert cal.solve_shares(figures, max_n=402, min_n=161) is None
    assert "403" in (cal.target("title").inconsistent or "")


def test_employer_kind_sums_to_101() -> None:
    figures = [c.printed for c in cal.target("employer_kind").printed if c.printed is not None]
    assert sum(f.value for f in figures) == 101
    assert cal.solve_shares(figures, max_n=1000) is None
    closest = cal.closest_shares(figures)
    assert closest.max_deviation >= Fraction(1, 3)  # 1.0 point spread over three categories


def test_service_funnel() -> None:
    f = cal.solve_funnel()
    assert f.respondents == 160
    assert _rounds(cal.PROBLEM, f.problem, f.respondents)
    assert _rounds(cal.KNEW[1], f.knew, f.knew_answered)
    assert _rounds(cal.KNEW[0], f.knew_answered - f.knew, f.knew_answered)
    assert _rounds(cal.SOLVED[0], f.solved, f.solved_answered)
    assert _rounds(cal.SOLVED[1], f.solved_answered - f.solved, f.solved_answered)
    assert f.knew_answered <= f.problem
    assert f.solved_answered <= f.knew
    # The study's "only 21%" is the share that had a problem and knew where to go (47% × 45%).
    assert round(100 * f.knew / f.respondents) == 21


def test_awareness_channels_landing() -> None:
    mean = cal.solve_mean()
    assert mean.n == 160
    assert f"{float(mean.mean):.2f}" == "2.10"
    assert cal.AWARENESS_MEAN.admits(mean.mean)
    channels = cal.solve_shares(cal.CHANNELS)
    assert channels is not None
    assert channels.n == 160
    assert channels.remainder == 0
    landing = cal.solve_shares([cal.LANDING_POOR], remainder=True)
    assert landing is not None
    assert f"{100 * landing.counts[0] / landing.n:.1f}" == "46.7"


def test_figure_intervals_are_half_open() -> None:
    figure = cal.Figure(printed="63.5", decimals=1)
    assert figure.interval == (Fraction("63.45"), Fraction("63.55"))
    assert figure.admits(Fraction("63.45"))
    assert not figure.admits(Fraction("63.55"))
