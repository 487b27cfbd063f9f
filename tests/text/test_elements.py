"""The six elements: positives with their spans and the named negatives."""

from __future__ import annotations

import pytest

from luodi.text.departments import departments
from luodi.text.elements import find_elements


def span_of(text: str, element: str) -> str | None:
    finding = find_elements(text)[element]
    if finding.span is None:
        assert not finding.present
        return None
    assert finding.present
    assert text[finding.span.start : finding.span.end] == finding.span.term
    return finding.span.term


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("由市人社局审核", "市人社局"),
        ("经区纪委监委审查同意", "区纪委监委"),
        ("H市教育局明确公办中小学不收择校生", "H市教育局"),
        ("省科技厅负责认定", "省科技厅"),
        ("报市人力资源和社会保障局备案", "市人力资源和社会保障局"),
        ("由区委组织部牵头", "区委组织部"),
        ("审计机关依法审计", "审计机关"),
        ("市人民政府另行规定", "市人民政府"),
        ("人才办统一协调", "人才办"),
        ("会同市财政局拨付", "市财政局"),
    ],
)
def test_who_named_bodies_and_abbreviations(text: str, who: str) -> None:
    assert span_of(text, "who") == who


@pytest.mark.parametrize(
    "text",
    ["有关部门要妥善解决", "相关部门配合落实", "各部门抓好落实", "由主管部门审核", "用人单位负责"],
)
def test_who_vague_bodies_do_not_count(text: str) -> None:
    assert span_of(text, "who") is None


def test_departments_keep_two_bodies_apart() -> None:
    assert [s.term for s in departments("由市人社局会同市财政局审核，有关部门配合")] == [
        "市人社局",
        "市财政局",
    ]


@pytest.mark.parametrize(
    ("text", "whom"),
    [
        ("对全职引进的博士给予补贴", "博士"),
        ("高校、科研院所科研人员可以在职创业", "高校"),
        ("党政领导干部不得在企业兼职", "党政领导干部"),
        ("初创企业可申请贴息", "初创企业"),
    ],
)
def test_whom(text: str, whom: str) -> None:
    assert span_of(text, "whom") == whom


def test_whom_is_not_the_policy_area() -> None:
    assert span_of("加强人才工作，完善人才政策", "whom") is None
    assert span_of("由人才办统一协调", "whom") is None


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("给予每人20万元安家补贴", "安家补贴"),
        ("党政领导干部不得在企业兼职", "不得在企业兼职"),
        ("可按规定办理落户", "办理落户"),
        ("严禁以任何形式举办重点班", "严禁以任何形式举"),
    ],
)
def test_what_benefit_obligation_prohibition(text: str, what: str) -> None:
    assert span_of(text, "what") == what


@pytest.mark.parametrize("text", ["对重点企业给予政策倾斜", "对符合条件的给予支持", "享受优惠政策"])
def test_what_bare_preference_does_not_count(text: str) -> None:
    assert span_of(text, "what") is None


@pytest.mark.parametrize(
    ("text", "how_much"),
    [
        ("给予五十万元资助", "五十万元"),
        ("按百分之三十给予补贴", "百分之三十"),
        ("最高不超过100万元", "100万元"),
        ("引进不少于3名博士", "3名"),
        ("年龄不超过40周岁", "40周岁"),
    ],
)
def test_how_much(text: str, how_much: str) -> None:
    assert span_of(text, "how_much") == how_much


@pytest.mark.parametrize(
    "text", ["给予一定资助", "期限不超过3年", "2024年12月31日前", "浙政发〔2016〕12号第五条"]
)
def test_how_much_not_vague_durations_dates_or_document_numbers(text: str) -> None:
    assert span_of(text, "how_much") is None


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("自认定之日起3个月内拨付", "之日起"),
        ("期限不超过3年", "期限"),
        ("3年内免收租金", "3年"),
        ("2024年12月31日前申报", "2024年12月31日"),
        ("补贴按季度发放", "按季度"),
        ("每年评审一次", "每年"),
    ],
)
def test_when(text: str, when: str) -> None:
    assert span_of(text, "when") == when


@pytest.mark.parametrize("text", ["及时办理", "尽快兑现", "在一定期限内免收租金", "适时调整"])
def test_when_vague_time_does_not_count(text: str) -> None:
    assert span_of(text, "when") is None


@pytest.mark.parametrize(
    ("text", "how"),
    [("向区人才办申报", "申报"), ("经审核后拨付", "审核"), ("实行免申即享", "免申即享")],
)
def test_how(text: str, how: str) -> None:
    assert span_of(text, "how") == how


def test_how_missing() -> None:
    assert span_of("对引进的博士给予安家补贴", "how") is None


@pytest.mark.parametrize(
    "text",
    [
        "各地要妥善解决引进人才的子女入学、配偶就业等问题",
        "鼓励区内高校院所与企业共建研发平台，适当给予资金支持",
        "人才专项资金要进一步加强管理",
    ],
)
def test_what_undetermined_solutions_and_funds_alone_do_not_count(text: str) -> None:
    assert span_of(text, "what") is None


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("经所在单位同意，可在3年内保留人事关系", "可在3年内保留"),
        ("个人所得税实际税负超过15%的部分予以免征", "予以免征"),
        ("原则上不再新设人才计划", "不再新设人才计划"),
    ],
)
def test_what_kept_relations_tax_exemptions_and_stops(text: str, what: str) -> None:
    assert span_of(text, "what") == what


@pytest.mark.parametrize(
    "text", ["对人才项目资金的拨付实行先建后补", "市审计局对人才安居专项资金开展审计"]
)
def test_whom_not_funds_or_projects(text: str) -> None:
    assert span_of(text, "whom") is None


@pytest.mark.parametrize(
    ("text", "whom"),
    [("纳税人应当办理汇算清缴", "纳税人"), ("本科以上学历人员可申请落户", "本科以上学历人员")],
)
def test_whom_people_categories(text: str, whom: str) -> None:
    assert span_of(text, "whom") == whom


def test_how_payment_needs_a_channel() -> None:
    assert span_of("在入选后一次性拨付", "how") is None
    assert span_of("由用人单位按月足额发放", "how") == "由用人单位按月足额发放"
    assert span_of("资金拨付至个人账户", "how") == "拨付至"
    assert span_of("审计结果向本级人民政府报告", "how") == "向本级人民政府报告"


@pytest.mark.parametrize(
    ("text", "how_much"), [("租金全额减免", "全额"), ("每年出具一份报告", "一份")]
)
def test_how_much_determinate_words_and_counts(text: str, how_much: str) -> None:
    assert span_of(text, "how_much") == how_much
