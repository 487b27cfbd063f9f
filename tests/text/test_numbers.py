"""Quantities: Arabic and Chinese numerals, units, caps and floors."""

from __future__ import annotations

import pytest

from luodi.text.numbers import cn_to_number, quantities


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("五", 5),
        ("十", 10),
        ("十二", 12),
        ("三十", 30),
        ("五十万", 500_000),
        ("一百零五", 105),
        ("两千", 2000),
        ("一千二百五十", 1250),
        ("三亿", 300_000_000),
        ("两亿零五百万", 205_000_000),
        ("三点五", 3.5),
    ],
)
def test_chinese_numerals(numeral: str, value: float) -> None:
    assert cn_to_number(numeral) == value


def test_not_a_numeral() -> None:
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        cn_to_number("五个")


def found(text: str) -> list[tuple[str, str, float | None, str | None]]:
    result: list[tuple[str, str, float | None, str | None]] = []
    for q in quantities(text):
        assert text[q.start : q.end] == q.text == q.span.term
        result.append((q.text, q.kind, q.value, q.bound))
    return result


def test_chinese_amounts_and_ratios() -> None:
    assert found("给予五十万元资助，按百分之三十给予补贴") == [
        ("五十万元", "money", 500_000.0, None),
        ("百分之三十", "ratio", 30.0, None),
    ]


def test_arabic_amounts_with_separators_and_full_width_digits() -> None:
    assert found("每人每月2,000元，最高１０万元，补贴比例30%") == [
        ("2,000元", "money", 2000.0, None),
        ("１０万元", "money", 100_000.0, "max"),
        ("30%", "ratio", 30.0, None),
    ]


def test_caps_floors_durations_counts_dates() -> None:
    assert found("期限最长不超过3年") == [("3年", "duration", 36.0, "max")]
    assert found("离岗创业期限最长可达6年") == [("6年", "duration", 72.0, "max")]
    assert found("引进不少于3名博士") == [("3名", "count", 3.0, "min")]
    assert found("二十个工作日内办结")[0][:2] == ("二十个工作日", "duration")
    assert found("2024年12月31日前申报") == [("2024年12月31日", "date", None, None)]
    assert found("面积120平方米以下") == [("120平方米", "area", 120.0, "max")]


@pytest.mark.parametrize(
    "text", ["统一办理", "一次性发放", "第一期资助", "每年评审", "一律不得", "一个平台"]
)
def test_words_with_numeral_characters_are_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_ages_and_floors_far_before_the_number() -> None:
    assert found("年龄放宽至50周岁以下") == [("50周岁", "age", 50.0, "max")]
    assert found("租金不得低于同地段市场租金的70%") == [("70%", "ratio", 70.0, "min")]
