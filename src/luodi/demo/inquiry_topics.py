"""What district C's inquiries are about: clause topics in the talents' words, and the corpus.

Two sources of text. Clause topics are the district's own policy questions, each linked to the
clause it is about (so the platform routes it by the clause's lead department) and carrying how
likely an answer is to solve it: low where the clause stalls (D2). The labelled corpus of the
dialogue package supplies the rest, in the words talents and firms use for every department.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from luodi.dialogue.corpus import labelled_inquiries

__all__ = [
    "CONFUSED_WITH",
    "KIND_DEPARTMENTS",
    "TOPICS",
    "Subject",
    "Topic",
    "corpus_subjects",
    "topic_subject",
]

Row = dict[str, Any]

# The district department of each department kind the desk routes to. Financial affairs is the
# 金融办, not the bank branch of the same kind: the bank is a partner, not a desk.
KIND_DEPARTMENTS: dict[str, str] = {
    "talent_office": "C-TO",
    "hr_social_security": "C-HR",
    "finance": "C-FIN",
    "tax": "C-TAX",
    "science_technology": "C-ST",
    "financial_affairs": "C-FA",
    "education": "C-EDU",
    "public_security": "C-PS",
    "audit": "C-AUD",
    "discipline_inspection": "C-DIS",
    "market_regulation": "C-MR",
    "housing": "C-HOU",
    "economy_information": "C-ECON",
}

# The department a submitter (or the classifier) takes for the right one: the talent office
# for anything about "talent", finance for anything about money, and so on.
CONFUSED_WITH: dict[str, tuple[str, ...]] = {
    "C-TO": ("C-HR", "C-ST"),
    "C-HR": ("C-TO", "C-HOU"),
    "C-FIN": ("C-FA", "C-TO"),
    "C-TAX": ("C-FIN", "C-ST"),
    "C-ST": ("C-ECON", "C-TO"),
    "C-FA": ("C-FIN", "C-ST"),
    "C-EDU": ("C-TO", "C-PS"),
    "C-PS": ("C-TO", "C-HR"),
    "C-AUD": ("C-FIN", "C-DIS"),
    "C-DIS": ("C-TO", "C-AUD"),
    "C-MR": ("C-ST", "C-ECON"),
    "C-HOU": ("C-HR", "C-TO"),
    "C-ECON": ("C-ST", "C-MR"),
}

# Chance an answer from the department solves a corpus inquiry. The departments whose clauses
# lack supporting rules (tax deduction, school places, the veto departments) solve fewer.
_SOLVABLE = {"C-TAX": 0.3, "C-EDU": 0.3, "C-AUD": 0.35, "C-DIS": 0.35, "C-FA": 0.4}
_DEFAULT_SOLVABLE = 0.65


@dataclass(frozen=True, kw_only=True)
class Topic:
    """A clause of the district the desk is asked about, in the talents' or firms' words."""

    key: str
    department_id: str  # the clause's lead department: where the clause route sends it
    category: str
    clause_id: str
    templates: tuple[str, ...]
    weight: int
    solvable: float  # chance an answer solves it: low where the clause stalls
    from_firm: bool = False


@dataclass(frozen=True, kw_only=True)
class Subject:
    """One inquiry's content: its text, where it belongs, and how solvable it is."""

    text: str
    kind: str
    department_id: str
    category: str
    clause_id: str | None
    solvable: float
    from_firm: bool


TOPICS: tuple[Topic, ...] = (
    Topic(
        key="rent",
        department_id="C-HR",
        category="subsidy",
        clause_id="CL-C-04",
        weight=40,
        solvable=0.75,
        templates=(
            "请问{degree}毕业生来区工作，租房补贴怎么申请？需要准备哪些材料？",
            "我{month}月入职，社保已经交了{n}个月，可以申请租房补贴了吗？",
            "租房补贴申请提交{n}周了还没有消息，请问审核到哪一步了？",
            "租房补贴是按年发还是一次性发？换单位以后还能继续领吗？",
        ),
    ),
    Topic(
        key="allowance",
        department_id="C-TO",
        category="subsidy",
        clause_id="CL-C-03",
        weight=30,
        solvable=0.7,
        templates=(
            "我是{tier}类人才，生活津贴每年什么时候发放？",
            "人才层次认定的标准在哪里可以查到？我{degree}学历能认定为哪一类？",
            "生活津贴申报说我社保缴纳不连续，中间换工作断了{n}个月，能否补缴后再申请？",
        ),
    ),
    Topic(
        key="award",
        department_id="C-TO",
        category="award",
        clause_id="CL-C-01",
        weight=15,
        solvable=0.85,
        templates=(
            "新引进人才奖励需要在引进后多长时间内申报？",
            "我们单位新引进一名{tier}类人才，奖励和安家补助能否同时申请？",
        ),
    ),
    Topic(
        key="staged",
        department_id="C-ST",
        category="startup",
        clause_id="CL-C-06",
        weight=25,
        solvable=0.3,
        from_firm=True,
        templates=(
            "我们公司第{phase}期创业扶持资金审核没通过，营业收入只差{n}0万元，能否酌情考虑？",
            "创业扶持资金后几期的财务指标太高了，初创企业一年很难做到，能否调整？",
            "第一期创业扶持资金已经拿到，第二期什么时候可以申报？需要审计报告吗？",
            "创业扶持资金分四期，每期的兑现条件具体是什么？去哪里看细则？",
        ),
    ),
    Topic(
        key="tax",
        department_id="C-TAX",
        category="tax",
        clause_id="CL-ZJ-03",
        weight=18,
        solvable=0.1,
        from_firm=True,
        templates=(
            "省里政策说科研启动经费可以据实在企业所得税前扣除，税务大厅说没有操作口径，"
            "到底能不能扣？",
            "科研启动经费税前扣除需要什么凭证？我们问了{n}次都没有答复。",
        ),
    ),
    Topic(
        key="school",
        department_id="C-TO",
        category="schooling",
        clause_id="CL-C-08",
        weight=20,
        solvable=0.2,
        templates=(
            "政策说高层次人才子女入学有绿色通道，为什么学校说不收择校生？",
            "孩子今年{age}岁，准备上小学，我是{tier}类人才，能否安排到区里的好学校？",
            "人才子女入学具体找哪个部门办理？教育局说要人才办出函。",
        ),
    ),
    Topic(
        key="residence",
        department_id="C-TO",
        category="residence",
        clause_id="CL-ZJ-05",
        weight=10,
        solvable=0.25,
        templates=(
            "外籍人才的工作居留许可办理需要多长时间？有没有绿色通道？",
            "我是美国籍，家属的居留签证能否一起办理？公安分局说要等省里的文件。",
        ),
    ),
    Topic(
        key="matching",
        department_id="C-ST",
        category="research",
        clause_id="CL-C-05",
        weight=12,
        solvable=0.6,
        templates=(
            "承担国家科技计划项目的配套补助“按要求”给予，具体比例是多少？",
            "国家项目配套补助申报后一直卡在审计环节，请问原因是什么？",
        ),
    ),
    Topic(
        key="station",
        department_id="C-ST",
        category="research",
        clause_id="CL-C-07",
        weight=8,
        solvable=0.7,
        from_firm=True,
        templates=(
            "专家工作站的认定条件是什么？“一定资助”具体是多少？",
            "我们想建立专家工作站，进站专家需要几名？",
        ),
    ),
    Topic(
        key="fund",
        department_id="C-FA",
        category="finance",
        clause_id="CL-H-02",
        weight=8,
        solvable=0.15,
        from_firm=True,
        templates=(
            "人才创新创业引导基金子基金设立了吗？初创企业怎么申请投资？",
            "海外天使投资基金有对接渠道吗？",
        ),
    ),
    Topic(
        key="loan",
        department_id="C-FA",
        category="finance",
        clause_id="CL-C-09",
        weight=14,
        solvable=0.35,
        from_firm=True,
        templates=(
            "银行说我们没有抵押物不能贷款，人才企业贷款贴息还能享受吗？",
            "贷款贴息按什么利率计算？需要先还款再申请吗？",
        ),
    ),
    Topic(
        key="entrepreneurship",
        department_id="C-TO",
        category="integrity",
        clause_id="CL-ZJ-01",
        weight=10,
        solvable=0.1,
        templates=(
            "我在研究院工作，单位同意我在职创业，但纪检部门说不能在企业兼职，该听哪个？",
            "科研人员在职创业获得报酬，需要向哪个部门备案？",
        ),
    ),
    Topic(
        key="research_funds",
        department_id="C-ST",
        category="research",
        clause_id="CL-ZJ-02",
        weight=8,
        solvable=0.1,
        templates=("承担企业科研项目的经费用途由企业与人才约定，单位财务说审计通不过，怎么办？",),
    ),
    Topic(
        key="housing",
        department_id="C-TO",
        category="housing",
        clause_id="CL-C-02",
        weight=12,
        solvable=0.4,
        templates=(
            "人才房什么时候开始申请？一般人才有没有资格？",
            "安家补助只给A、B、C类人才，像我们{degree}学历的研发骨干有没有住房支持？",
        ),
    ),
)

_KIND_WEIGHTS = {"inquiry": 70, "appeal": 15, "complaint": 8, "suggestion": 7}
_DEGREES = {"doctorate": "博士", "master": "硕士", "bachelor": "本科", "below_bachelor": "大专"}


def topic_subject(*, rng: random.Random, topic: Topic, person: Row | None) -> Subject:
    """An inquiry about ``topic``, its template filled in with the submitter's details."""
    template = rng.choice(topic.templates)
    tier = person["talent_tier"] if person and person["talent_tier"] != "general" else "F"
    degree = _DEGREES[person["degree"]] if person else "硕士"
    text = template.format(
        degree=degree,
        tier=tier,
        month=rng.randint(1, 12),
        n=rng.randint(2, 6),
        phase=rng.randint(2, 3),
        age=rng.randint(6, 12),
    )
    kind = rng.choices(list(_KIND_WEIGHTS), list(_KIND_WEIGHTS.values()))[0]
    return Subject(
        text=text,
        kind="suggestion" if text.startswith("建议") else kind,
        department_id=topic.department_id,
        category=topic.category,
        clause_id=topic.clause_id,
        solvable=topic.solvable,
        from_firm=topic.from_firm,
    )


def corpus_subjects(*, rng: random.Random, count: int) -> list[Subject]:
    """``count`` distinct labelled inquiries for the departments district C has, in random order.

    The corpus labels each text with the department kind that must act, which maps to one
    district department; texts about a firm's affairs come from a firm.
    """
    records = [r for r in labelled_inquiries() if r.department_kind in KIND_DEPARTMENTS]
    if count > len(records):
        raise ValueError(
            f"the labelled corpus has {len(records)} inquiries for district C's departments, "
            f"fewer than the {count} asked for"
        )
    chosen = rng.sample(sorted(records, key=lambda r: r.id), count)
    subjects = []
    for record in chosen:
        department_id = KIND_DEPARTMENTS[record.department_kind]
        subjects.append(
            Subject(
                text=record.text,
                kind=record.kind,
                department_id=department_id,
                category=record.category,
                clause_id=None,
                solvable=_SOLVABLE.get(department_id, _DEFAULT_SOLVABLE),
                from_firm=any(word in record.text for word in ("公司", "企业", "我司", "单位")),
            )
        )
    return subjects
