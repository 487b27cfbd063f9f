"""The study's 160 questionnaires in long form, answer counts taken from the calibration."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from luodi.demo import calibration as cal
from luodi.demo.regions import CLUSTER
from luodi.survey.instrument import study_template

__all__ = ["SURVEY_ID", "survey_tables"]

Row = dict[str, Any]

SURVEY_ID = "SV-C-2018"  # the template's survey_id (luodi/survey/templates/chen_fu_2018.yaml)

# Ordinal items go to respondents by a shared seniority score, so the senior answers of one
# item land on the same people as those of the others (a doctorate is likely high-end).
_ORDINAL = ("age", "talent_level", "degree", "title")
_SENIOR_FIRST = {
    "age": ("51_plus", "41_50", "31_40", "21_30"),
    "talent_level": ("high", "middle", "general"),
    "degree": ("doctorate", "master", "bachelor", "below_bachelor"),
    "title": ("senior", "associate_senior", "intermediate", "junior", "none"),
}

# Satisfaction per policy type: who answers (those the type applies to) and the answers'
# shape 1…5. High-end talents are pleased with awards (D1: 满意度双高), the funding, schooling
# and tax clauses that do not land score low.
_SATISFACTION: tuple[tuple[str, str, int, tuple[int, int, int, int, int]], ...] = (
    ("award", "奖励类政策", 46, (2, 4, 10, 18, 12)),
    ("funding", "资金扶持类政策", 58, (12, 18, 16, 9, 3)),
    ("housing", "住房安居类政策", 92, (8, 16, 30, 26, 12)),
    ("schooling", "子女入学类政策", 34, (10, 11, 8, 4, 1)),
    ("tax", "税收优惠类政策", 27, (11, 9, 5, 2, 0)),
    ("residence", "外籍人才居留类政策", 9, (3, 3, 2, 1, 0)),
)


def _items() -> list[tuple[str, str, str, str, tuple[tuple[str, str], ...]]]:
    """(code, section, question, kind, options) in questionnaire order, from the template.

    The personal free-text item (comments) is left out: the demo has no free-text answers and
    publishes no personal information.
    """
    return [
        (
            item.code,
            section.title,
            item.text,
            item.kind,
            tuple((option.code, option.label) for option in item.options),
        )
        for section in study_template().sections
        for item in section.items
        if not item.personal
    ]


def _scaled(weights: Sequence[int], n: int) -> list[int]:
    """Integer counts proportional to ``weights`` adding up to ``n`` (largest remainder)."""
    total = sum(weights)
    counts = [w * n // total for w in weights]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(weights[i] * n % total), i))
    for i in by_remainder[: n - sum(counts)]:
        counts[i] += 1
    return counts


def _fill(
    answers: dict[str, dict[str, str]],
    item: str,
    respondents: Sequence[str],
    counts: Sequence[tuple[str, int]],
) -> None:
    """Give the first respondents the first code, and so on; the rest give no answer."""
    position = 0
    for code, count in counts:
        for respondent in respondents[position : position + count]:
            answers[respondent][item] = code
        position += count


def _answers(rng: random.Random, respondents: list[str]) -> dict[str, dict[str, str]]:
    answers: dict[str, dict[str, str]] = {r: {} for r in respondents}
    seniority = {r: rng.random() for r in respondents}
    for solution in cal.table1_solutions():
        code = solution.item.code
        who = rng.sample(respondents, solution.n)
        counts = dict(solution.counts)
        if code in _ORDINAL:
            who.sort(key=lambda r: -(seniority[r] + rng.gauss(0, 0.15)))
            _fill(answers, code, who, [(c, counts[c]) for c in _SENIOR_FIRST[code]])
        else:
            _fill(answers, code, who, solution.counts)

    awareness = cal.solve_mean()
    _fill(
        answers,
        "awareness",
        rng.sample(respondents, awareness.n),
        [(str(i + 1), c) for i, c in enumerate(awareness.counts)],
    )
    channels = cal.solve_shares(cal.CHANNELS)
    assert channels is not None
    assert channels.remainder == 0
    _fill(
        answers,
        "channel",
        rng.sample(respondents, channels.n),
        list(zip(("none", "active", "outreach"), channels.counts, strict=True)),
    )
    landing = cal.solve_shares([cal.LANDING_POOR], remainder=True)
    assert landing is not None
    good, fair = _scaled((3, 7), landing.remainder)
    _fill(
        answers,
        "landing",
        rng.sample(respondents, landing.n),
        [("poor", landing.counts[0]), ("good", good), ("fair", fair)],
    )
    for code, _, n, shape in _SATISFACTION:
        _fill(
            answers,
            f"satisfaction_{code}",
            rng.sample(respondents, n),
            [(str(i + 1), c) for i, c in enumerate(_scaled(shape, n))],
        )

    # The service funnel with its skip logic: each question only for the "yes" of the last.
    funnel = cal.solve_funnel()
    asked = rng.sample(respondents, funnel.respondents)
    _fill(
        answers,
        "problem",
        asked,
        [("yes", funnel.problem), ("no", funnel.respondents - funnel.problem)],
    )
    had_problem = [r for r in asked if answers[r]["problem"] == "yes"]
    asked = rng.sample(had_problem, funnel.knew_answered)
    _fill(
        answers,
        "knew_department",
        asked,
        [("yes", funnel.knew), ("no", funnel.knew_answered - funnel.knew)],
    )
    knew = [r for r in asked if answers[r]["knew_department"] == "yes"]
    asked = rng.sample(knew, funnel.solved_answered)
    _fill(
        answers,
        "solved",
        asked,
        [("yes", funnel.solved), ("no", funnel.solved_answered - funnel.solved)],
    )
    return answers


def survey_tables(*, rng: random.Random) -> dict[str, list[Row]]:
    """Rows of surveys, survey_items, survey_options and survey_responses."""
    items = _items()
    respondents = [f"Q{number:03d}" for number in range(1, cal.QUESTIONNAIRES + 1)]
    answers = _answers(rng, respondents)
    order = [code for code, *_ in items]
    return {
        "surveys": [
            {
                "survey_id": SURVEY_ID,
                "title": "C地产业集聚区人才创业创新政策执行情况调查问卷",
                "region_id": CLUSTER,
                "opened_on": dt.date(2018, 4, 16),
                "closed_on": dt.date(2018, 5, 31),
            }
        ],
        "survey_items": [
            {
                "survey_id": SURVEY_ID,
                "item_code": code,
                "position": position,
                "section": section,
                "text": text,
                "kind": kind,
            }
            for position, (code, section, text, kind, _) in enumerate(items, start=1)
        ],
        "survey_options": [
            {
                "survey_id": SURVEY_ID,
                "item_code": code,
                "code": option,
                "position": position,
                "label": label,
            }
            for code, _, _, _, options in items
            for position, (option, label) in enumerate(options, start=1)
        ],
        "survey_responses": [
            {
                "survey_id": SURVEY_ID,
                "respondent_id": respondent,
                "item_code": code,
                "value": answers[respondent][code],
            }
            for respondent in respondents
            for code in order
            if code in answers[respondent]
        ],
    }
