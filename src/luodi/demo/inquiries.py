"""About 300 inquiries and appeals at district C's desk, in the words talents and firms use.

D3/P4: many do not know which department handles their problem (unrouted inquiries wait at the
talent office), answers are slow, and the clauses that do not land produce unresolved ones.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from luodi.demo.workflow import END, START

__all__ = ["TOPICS", "Topic", "inquiry_rows"]

Row = dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class Topic:
    """What an inquiry is about, where it belongs, and how likely it is to be solved."""

    key: str
    department_id: str
    clause_id: str | None
    templates: tuple[str, ...]
    weight: int
    solvable: float  # chance an answered inquiry is solved: low where the clause stalls
    from_firm: bool = False


TOPICS: tuple[Topic, ...] = (
    Topic(
        key="rent",
        department_id="C-HR",
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
        department_id="C-HR",
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
        department_id="C-EDU",
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
        department_id="C-PS",
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
        clause_id="CL-ZJ-02",
        weight=8,
        solvable=0.1,
        templates=("承担企业科研项目的经费用途由企业与人才约定，单位财务说审计通不过，怎么办？",),
    ),
    Topic(
        key="general",
        department_id="C-TO",
        clause_id=None,
        weight=40,
        solvable=0.7,
        templates=(
            "有没有完整的人才政策汇编？在哪里可以看到所有政策？",
            "我刚来区里工作，不知道自己能享受哪些人才政策，能否告知？",
            "人才政策宣讲会什么时候举办？能否在微信公众号上提前通知？",
            "建议把各部门的人才政策办理流程公开在一个网站上，现在不知道该找谁。",
            "{tier}类人才认定需要准备哪些材料？多久能出结果？",
        ),
    ),
    Topic(
        key="housing",
        department_id="C-HOU",
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
_CHANNEL_WEIGHTS = {"phone": 40, "onsite": 25, "web": 20, "wechat": 15}
_DEGREES = {"doctorate": "博士", "master": "硕士", "bachelor": "本科", "below_bachelor": "大专"}


def _text(*, rng: random.Random, topic: Topic, person: Row | None) -> str:
    template = rng.choice(topic.templates)
    tier = person["talent_tier"] if person and person["talent_tier"] != "general" else "F"
    degree = _DEGREES[person["degree"]] if person else "硕士"
    return template.format(
        degree=degree,
        tier=tier,
        month=rng.randint(1, 12),
        n=rng.randint(2, 6),
        phase=rng.randint(2, 3),
        age=rng.randint(6, 12),
    )


def _submitted(rng: random.Random) -> dt.datetime:
    span = (END - START).days - 10
    day = START.date() + dt.timedelta(days=rng.randrange(span))
    return dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=rng.randint(0, 660))


def inquiry_rows(
    *, rng: random.Random, persons: list[Row], employers: list[Row], count: int = 300
) -> list[Row]:
    """``count`` inquiries ordered by submission time, ids INQ-0001…"""
    weights = [t.weight for t in TOPICS]
    firms = [e for e in employers if e["kind"] != "research_university"]
    rows: list[Row] = []
    for _ in range(count):
        topic = rng.choices(TOPICS, weights)[0]
        person = None if topic.from_firm else rng.choice(persons)
        employer_id = rng.choice(firms)["employer_id"] if topic.from_firm else None
        kind = rng.choices(list(_KIND_WEIGHTS), list(_KIND_WEIGHTS.values()))[0]
        submitted = _submitted(rng)
        # A fifth arrive without anyone knowing where they belong; they wait at the talent
        # office, and half of those are never picked up.
        routed = rng.random() >= 0.2
        department_id = topic.department_id if routed else None
        answered_at: dt.datetime | None = None
        resolved: bool | None = None
        satisfaction: int | None = None
        if not routed:
            status = "submitted" if rng.random() < 0.5 else "acknowledged"
        elif rng.random() < 0.12:
            status = "acknowledged"
        else:
            answered_at = submitted + dt.timedelta(hours=rng.randint(4, 24 * 25))
            if answered_at > END:
                answered_at, status = None, "acknowledged"
            else:
                resolved = rng.random() < topic.solvable
                replied = rng.random() < 0.65  # many never confirm or rate the answer
                if replied:
                    satisfaction = (
                        rng.choice((4, 4, 5, 5, 3)) if resolved else rng.choice((1, 2, 2, 3))
                    )
                    status = (
                        "closed" if resolved else rng.choice(("reopened", "confirmed", "closed"))
                    )
                else:
                    resolved, status = None, "answered"
        text = _text(rng=rng, topic=topic, person=person)
        rows.append(
            {
                "inquiry_id": "",
                "kind": "suggestion" if text.startswith("建议") else kind,
                "channel": rng.choices(list(_CHANNEL_WEIGHTS), list(_CHANNEL_WEIGHTS.values()))[0],
                "submitted_at": submitted,
                "person_id": person["person_id"] if person else None,
                "employer_id": employer_id,
                "clause_id": topic.clause_id,
                "text": text,
                "department_id": department_id,
                "status": status,
                "answered_at": answered_at,
                "resolved": resolved,
                "satisfaction": satisfaction,
            }
        )
    rows.sort(key=lambda row: row["submitted_at"])
    for number, row in enumerate(rows, start=1):
        row["inquiry_id"] = f"INQ-{number:04d}"
    return rows
