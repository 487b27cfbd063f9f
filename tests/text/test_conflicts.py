"""Conflict candidates: the study's two conflicts, number conflicts, distractors, scale."""

from __future__ import annotations

import random
import time

from luodi.text import ClauseInput, conflict_candidates

GREEN = ClauseInput("talent-school", "对高层次人才子女允许开辟入学“绿色通道”", "H市人才办", "city")
NO_CHOICE = ClauseInput("edu-school", "明确公办中小学不收择校生", "H市教育局", "city")
START_UP = ClauseInput(
    "z-startup",
    "高校、科研院所科研人员经所在单位同意，可以在职创业并按规定获得报酬",
    "Z省人才办",
    "province",
)
NO_SIDE_JOB = ClauseInput(
    "org-sidejob",
    "现职和不担任现职但未办理退（离）休手续的党政领导干部不得在企业兼职（任职）",
    "中共中央组织部",
    "central",
)
CAP3 = ClauseInput("cap3", "科研人员离岗创业期限最长不超过3年", "Z省人社厅", "province")
UP_TO6 = ClauseInput("upto6", "科研人员离岗创业的，离岗创业期限最长可达6年", "H市人社局", "city")


def pairs(clauses: list[ClauseInput]) -> dict[frozenset[str], str]:
    return {frozenset((c.a, c.b)): c.kind for c in conflict_candidates(clauses)}


def test_the_studys_school_conflict() -> None:
    [c] = conflict_candidates([GREEN, NO_CHOICE])
    assert (c.a, c.b, c.kind) == ("talent-school", "edu-school", "modality")
    assert c.subject == "子女入学"
    assert "子女入学" in c.why
    assert "允许" in c.why
    assert "不收" in c.why
    assert 0 < c.score <= 1


def test_the_studys_side_job_conflict() -> None:
    [c] = conflict_candidates([START_UP, NO_SIDE_JOB])
    assert (c.a, c.b, c.kind) == ("z-startup", "org-sidejob", "modality")
    assert "兼职创业" in c.why
    assert "可以" in c.why
    assert "不得" in c.why


def test_three_year_cap_against_up_to_six_years() -> None:
    [c] = conflict_candidates([CAP3, UP_TO6])
    assert (c.a, c.b, c.kind) == ("cap3", "upto6", "number")
    assert "3年" in c.why
    assert "6年" in c.why
    assert "离岗" in c.why


def test_same_issuer_is_not_a_conflict() -> None:
    same = ClauseInput(NO_CHOICE.id, NO_CHOICE.text, GREEN.issuer, "city")
    assert conflict_candidates([GREEN, same]) == []


def test_distractors_same_modality_compatible_numbers_other_subjects() -> None:
    distractors = [
        ClauseInput("d1", "对高层次人才子女可以优先安排入学", "C区人才办", "district"),
        ClauseInput("d2", "离岗创业期限不超过3年", "C区人社局", "district"),
        ClauseInput("d3", "科研人员离岗创业期限为2年", "宁波市人社局", "city"),
        ClauseInput("d4", "对引进的博士给予每人20万元安家补贴", "C区人才办", "district"),
        ClauseInput("d5", "申报材料不得弄虚作假", "C区财政局", "district"),
    ]
    found = pairs([GREEN, CAP3, *distractors])
    assert frozenset(("talent-school", "d1")) not in found  # both permit
    assert frozenset(("cap3", "d2")) not in found  # same cap
    assert frozenset(("cap3", "d3")) not in found  # 2 years is within the cap
    assert frozenset(("d4", "d5")) not in found  # no shared subject


def test_ranking_and_limit() -> None:
    clauses = [GREEN, NO_CHOICE, START_UP, NO_SIDE_JOB, CAP3, UP_TO6]
    ranked = conflict_candidates(clauses)
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)
    assert {frozenset((c.a, c.b)) for c in ranked} >= {
        frozenset(("talent-school", "edu-school")),
        frozenset(("z-startup", "org-sidejob")),
        frozenset(("cap3", "upto6")),
    }
    assert len(conflict_candidates(clauses, limit=2)) == 2
    assert set(ranked[0].to_dict()) == {"a", "b", "score", "kind", "why"}


THINGS = str.split(
    "租房补贴 购房补贴 人才公寓 项目资助 职称评审 落户 贴息 安家费 生活津贴 博士后 工作站 孵化器 "
    "众创空间 技能大师 工作室 首台套 研发投入 引才奖励 猎头 体检 疗养 配偶 就业 医疗 保健 股权 "
    "激励 科技成果 转化 专利 知识产权 质押 融资 担保 天使 投资 基金 商标 培训 见习"
)


def test_a_library_of_thousands_of_clauses_is_fast() -> None:
    # 3,000 clauses from 40 issuers; each subject's caps agree, except the planted pairs
    rng = random.Random(7)
    clauses = []
    for i in range(3000):
        a, b = rng.sample(THINGS, 2)
        cap = THINGS.index(a) % 9 + 1
        clauses.append(
            ClauseInput(f"c{i}", f"{a}{b}对象可以申请，最高不超过{cap}万元", f"issuer{i % 40}")
        )
    library = [*clauses, GREEN, NO_CHOICE, START_UP, NO_SIDE_JOB, CAP3, UP_TO6]
    started = time.perf_counter()
    found = conflict_candidates(library)
    assert time.perf_counter() - started < 10
    ids = {(c.a, c.b) for c in found}
    assert {("talent-school", "edu-school"), ("z-startup", "org-sidejob"), ("cap3", "upto6")} <= ids
    assert len(conflict_candidates(library, limit=20)) == 20


def test_jurisdictions_that_do_not_overlap_are_not_compared() -> None:
    hz = ClauseInput(
        "hz", "对入选国家级人才计划的，给予最高100万元的项目资助", "杭州市人民政府", "city"
    )
    sz = ClauseInput(
        "sz", "对入选国家级人才计划的，给予最高200万元的项目资助", "苏州市人民政府", "city"
    )
    zj = ClauseInput(
        "zj", "对入选国家级人才计划的，给予最高150万元的项目资助", "浙江省人民政府", "province"
    )
    be = ClauseInput(
        "be", "对入选国家级人才计划的，给予最高200万元的项目资助", "滨江区人民政府", "district"
    )
    found = pairs([hz, sz, zj, be])
    assert frozenset(("hz", "sz")) not in found  # two cities
    assert frozenset(("sz", "zj")) not in found  # 苏州 is in 江苏
    assert found[frozenset(("zj", "be"))] == "number"  # 滨江 ⊂ 杭州 ⊂ 浙江


def test_a_lower_level_may_be_stricter_but_not_looser() -> None:
    city = ClauseInput(
        "city", "人才补贴资金应当在审核通过后30个工作日内拨付", "广州市财政局", "city"
    )
    fast = ClauseInput(
        "fast", "人才补贴资金在审核通过后10个工作日内拨付", "天河区财政局", "district"
    )
    slow = ClauseInput(
        "slow", "人才补贴资金在审核通过后45个工作日内拨付", "天河区人民政府", "district"
    )
    found = pairs([city, fast, slow])
    assert frozenset(("city", "fast")) not in found
    assert found[frozenset(("city", "slow"))] == "number"


def test_the_forbidden_act_must_be_what_the_other_permits() -> None:
    grant = ClauseInput(
        "grant", "对入选国家级人才计划的，给予最高100万元的项目资助", "杭州市人民政府", "city"
    )
    use = ClauseInput(
        "use", "人才项目资助资金应当用于科研活动，不得用于个人消费", "浙江省财政厅", "province"
    )
    meal = ClauseInput("meal", "人才座谈会可安排工作餐，并可提供高档酒水", "C区人才办", "district")
    ban = ClauseInput("ban", "公务接待一律不得提供香烟和高档酒水", "浙江省纪委监委", "province")
    found = pairs([grant, use, meal, ban])
    assert frozenset(("grant", "use")) not in found
    assert found[frozenset(("meal", "ban"))] == "modality"
