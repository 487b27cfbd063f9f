"""The demo policy library: four levels of talent policy, clause lineage, routes and phases.

Clauses the study quotes are verbatim; the rest are written in the same register. Local
document numbers are synthetic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from luodi.demo.regions import CENTRAL, CITY, CLUSTER, PROVINCE

__all__ = [
    "CLAUSES",
    "POLICIES",
    "STAGED_CLAUSE",
    "STAGED_PHASE_REVENUE",
    "ClauseSpec",
    "PolicySpec",
    "clause",
    "clause_phase_rows",
    "clause_route_rows",
    "clause_rows",
    "policy_rows",
]

Row = dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class PolicySpec:
    policy_id: str
    title: str
    document_number: str
    issuer_id: str
    level: str
    region_id: str
    issued_on: dt.date
    effective_from: dt.date


@dataclass(frozen=True, kw_only=True)
class ClauseSpec:
    """A clause with its route: ``(department_id, role)`` in order of the steps."""

    clause_id: str
    policy_id: str
    number: str
    text: str
    benefit_kind: str
    route: tuple[tuple[str, str], ...] = ()
    refines: str | None = None
    amount: float | None = None
    deadline_days: int | None = None
    delivery_mode: str = "application"


POLICIES: tuple[PolicySpec, ...] = (
    PolicySpec(
        policy_id="POL-CN-2016-9",
        title="关于深化人才发展体制机制改革的意见",
        document_number="中发〔2016〕9号",
        issuer_id="CN-CPC",
        level="central",
        region_id=CENTRAL,
        issued_on=dt.date(2016, 3, 21),
        effective_from=dt.date(2016, 3, 21),
    ),
    PolicySpec(
        policy_id="POL-CN-2013-18",
        title="关于进一步规范党政领导干部在企业兼职（任职）问题的意见",
        document_number="中组发〔2013〕18号",
        issuer_id="CN-ORG",
        level="central",
        region_id=CENTRAL,
        issued_on=dt.date(2013, 10, 19),
        effective_from=dt.date(2013, 10, 19),
    ),
    PolicySpec(
        policy_id="POL-ZJ-2016",
        title="关于深化人才发展体制机制改革支持人才创业创新的意见",
        document_number="Z委发〔2016〕14号",
        issuer_id="ZJ-CPC",
        level="province",
        region_id=PROVINCE,
        issued_on=dt.date(2016, 6, 30),
        effective_from=dt.date(2016, 7, 1),
    ),
    PolicySpec(
        policy_id="POL-H-2016",
        title="关于实施人才创业创新若干政策的意见",
        document_number="H委发〔2016〕28号",
        issuer_id="H-CPC",
        level="city",
        region_id=CITY,
        issued_on=dt.date(2016, 11, 8),
        effective_from=dt.date(2016, 12, 1),
    ),
    PolicySpec(
        policy_id="POL-H-EDU-2017",
        title="关于做好2017年义务教育阶段招生入学工作的通知",
        document_number="H教基〔2017〕12号",
        issuer_id="H-EDU",
        level="city",
        region_id=CITY,
        issued_on=dt.date(2017, 3, 20),
        effective_from=dt.date(2017, 3, 20),
    ),
    PolicySpec(
        policy_id="POL-C-2017",
        title="C产业集聚区人才创业创新扶持政策实施细则（试行）",
        document_number="C人才〔2017〕1号",
        issuer_id="C-LG",
        level="district",
        region_id=CLUSTER,
        issued_on=dt.date(2017, 2, 10),
        effective_from=dt.date(2017, 3, 1),
    ),
)

LEAD, CO, VETO = "lead", "co", "veto"
_MONEY_ROUTE = (("C-TO", LEAD), ("C-HR", CO), ("C-FIN", CO))

STAGED_CLAUSE = "CL-C-06"
# Revenue (yuan, last year) a firm must reach for phases 2, 3 and 4 of the staged funding; the
# fourth also needs a profit. Strict financial bars are why no firm gets all four (宽进严助).
STAGED_PHASE_REVENUE: dict[int, int] = {2: 1_000_000, 3: 5_000_000, 4: 10_000_000}

CLAUSES: tuple[ClauseSpec, ...] = (
    # Central: direction, not operation (顶层设计).
    ClauseSpec(
        clause_id="CL-CN-01",
        policy_id="POL-CN-2016-9",
        number="第十二条",
        text="鼓励和支持人才创新创业，研究制定高校、科研院所等事业单位科研人员离岗创业、"
        "在职创业的政策。",
        benefit_kind="none",
    ),
    ClauseSpec(
        clause_id="CL-CN-02",
        policy_id="POL-CN-2016-9",
        number="第十三条",
        text="改进科研项目和经费管理，赋予创新领军人才更大人财物支配权、技术路线决策权。",
        benefit_kind="none",
    ),
    ClauseSpec(
        clause_id="CL-CN-03",
        policy_id="POL-CN-2016-9",
        number="第十五条",
        text="完善人才创新创业扶持政策，加大对创新创业人才的金融支持，落实研发费用加计扣除"
        "等税收优惠政策。",
        benefit_kind="funding",
    ),
    ClauseSpec(
        clause_id="CL-CN-04",
        policy_id="POL-CN-2016-9",
        number="第十九条",
        text="完善外国人才来华签证、居留制度，为引进人才在子女入学、住房、医疗等方面提供便利。",
        benefit_kind="service",
    ),
    ClauseSpec(
        clause_id="CL-CN-05",
        policy_id="POL-CN-2016-9",
        number="第二十二条",
        text="完善人才奖励制度，加大对优秀人才的表彰奖励力度。",
        benefit_kind="cash_award",
    ),
    ClauseSpec(
        clause_id="CL-CN-06",
        policy_id="POL-CN-2013-18",
        number="第一条",
        text="现职和不担任现职但未办理退（离）休手续的党政领导干部不得在企业兼职（任职）",
        benefit_kind="none",
    ),
    # Province Z: the 人才新政 the study quotes.
    ClauseSpec(
        clause_id="CL-ZJ-01",
        policy_id="POL-ZJ-2016",
        number="第五条",
        text="高校、科研院所科研人员经所在单位同意，可以在职创业并按规定获得报酬",
        benefit_kind="service",
        refines="CL-CN-01",
        route=(("C-TO", LEAD), ("C-HR", CO), ("C-DIS", VETO)),
        deadline_days=20,
    ),
    ClauseSpec(
        clause_id="CL-ZJ-02",
        policy_id="POL-ZJ-2016",
        number="第七条",
        text="事业单位科研人员承担企业科研项目，经费纳入单位统一管理，用途由企业与人才自行约定",
        benefit_kind="funding",
        refines="CL-CN-02",
        route=(("C-ST", LEAD), ("C-FIN", CO), ("C-AUD", VETO)),
        deadline_days=20,
    ),
    ClauseSpec(
        clause_id="CL-ZJ-03",
        policy_id="POL-ZJ-2016",
        number="第九条",
        text="科研启动经费等费用可据实在计算企业所得税前扣除",
        benefit_kind="tax_deduction",
        refines="CL-CN-03",
        route=(("C-TAX", LEAD), ("C-FIN", CO), ("C-AUD", VETO)),
        deadline_days=20,
    ),
    ClauseSpec(
        clause_id="CL-ZJ-04",
        policy_id="POL-ZJ-2016",
        number="第十四条",
        text="妥善解决高层次人才子女入学",
        benefit_kind="school_place",
        refines="CL-CN-04",
    ),
    ClauseSpec(
        clause_id="CL-ZJ-05",
        policy_id="POL-ZJ-2016",
        number="第十五条",
        text="为外籍高层次人才办理居留许可、签证提供便利，开辟绿色通道。",
        benefit_kind="residence_visa",
        refines="CL-CN-04",
        route=(("C-TO", LEAD), ("C-PS", CO)),
        deadline_days=15,
    ),
    ClauseSpec(
        clause_id="CL-ZJ-06",
        policy_id="POL-ZJ-2016",
        number="第十八条",
        text="对新引进的国家和省级高层次人才，各地可给予一定的奖励和安家补助。",
        benefit_kind="cash_award",
        refines="CL-CN-05",
    ),
    ClauseSpec(
        clause_id="CL-ZJ-07",
        policy_id="POL-ZJ-2016",
        number="第十一条",
        text="鼓励各地对人才创办的初创企业给予创业资助和融资支持。",
        benefit_kind="funding",
        refines="CL-CN-03",
    ),
    # City H: still top-level design, in vague words (P1: 按要求、探索、一定).
    ClauseSpec(
        clause_id="CL-H-01",
        policy_id="POL-H-2016",
        number="第三条",
        text="支持高层次人才承担国家973计划、863计划、国家科技支撑计划、科技型中小企业"
        "创新基金等项目，对在我市实施的项目，按要求给予配套补助",
        benefit_kind="subsidy",
        refines="CL-ZJ-07",
    ),
    ClauseSpec(
        clause_id="CL-H-02",
        policy_id="POL-H-2016",
        number="第六条",
        text="鼓励设立人才创新创业的引导基金子基金，拓展海外天使投资基金",
        benefit_kind="funding",
        refines="CL-ZJ-07",
        route=(("C-FA", LEAD), ("C-FIN", CO), ("C-AUD", VETO)),
    ),
    ClauseSpec(
        clause_id="CL-H-03",
        policy_id="POL-H-2016",
        number="第八条",
        text="探索建立专家工作站制度，对认定的专家工作站给予一定资助",
        benefit_kind="subsidy",
        refines="CL-ZJ-07",
    ),
    ClauseSpec(
        clause_id="CL-H-04",
        policy_id="POL-H-2016",
        number="第四条",
        text="对人才创办的初创期企业，按照分阶段、分层次的原则给予创业扶持资金。",
        benefit_kind="funding",
        refines="CL-ZJ-07",
    ),
    ClauseSpec(
        clause_id="CL-H-EDU-01",
        policy_id="POL-H-EDU-2017",
        number="第三条",
        text="明确公办中小学不收择校生，严格按学区划分就近入学。",
        benefit_kind="none",
    ),
    # District C: the rules that actually land, or do not.
    ClauseSpec(
        clause_id="CL-C-01",
        policy_id="POL-C-2017",
        number="第二条",
        text="对新引进的A类、B类、C类人才，分别给予100万元、50万元、30万元奖励。",
        benefit_kind="cash_award",
        refines="CL-ZJ-06",
        route=_MONEY_ROUTE,
        deadline_days=30,
    ),
    ClauseSpec(
        clause_id="CL-C-02",
        policy_id="POL-C-2017",
        number="第三条",
        text="对新引进的A类、B类、C类人才，分别给予200万元、100万元、60万元安家补助。",
        benefit_kind="housing",
        refines="CL-ZJ-06",
        route=(("C-TO", LEAD), ("C-HOU", CO), ("C-FIN", CO)),
        deadline_days=30,
    ),
    ClauseSpec(
        clause_id="CL-C-03",
        policy_id="POL-C-2017",
        number="第四条",
        text="对D类、E类、F类人才，分别给予每年3万元、2万元、1.5万元生活津贴，最长三年。",
        benefit_kind="subsidy",
        refines="CL-ZJ-06",
        route=_MONEY_ROUTE,
        deadline_days=30,
    ),
    ClauseSpec(
        clause_id="CL-C-04",
        policy_id="POL-C-2017",
        number="第五条",
        text="对新引进的全日制本科及以上学历高校毕业生，在区内缴纳社会保险满6个月的，给予"
        "每年1万元租房补贴，最长两年。",
        benefit_kind="housing",
        refines="CL-ZJ-06",
        amount=10_000.0,
        route=(("C-HR", LEAD), ("C-HOU", CO), ("C-FIN", CO)),
        deadline_days=20,
    ),
    ClauseSpec(
        clause_id="CL-C-05",
        policy_id="POL-C-2017",
        number="第六条",
        text="高层次人才承担国家973计划、863计划、国家科技支撑计划等项目的，按国家资助额"
        "的50%给予配套补助，最高300万元。",
        benefit_kind="subsidy",
        refines="CL-H-01",
        route=(("C-ST", LEAD), ("C-FIN", CO), ("C-AUD", VETO)),
        deadline_days=30,
    ),
    ClauseSpec(
        clause_id=STAGED_CLAUSE,
        policy_id="POL-C-2017",
        number="第七条",
        text="对经认定的初创期高新技术企业和众创空间企业，给予最高100万元创业扶持资金，"
        "分四期兑现，每期须达到相应财务指标。",
        benefit_kind="funding",
        refines="CL-H-04",
        amount=1_000_000.0,
        route=(("C-ST", LEAD), ("C-MR", CO), ("C-FIN", CO), ("C-AUD", VETO)),
        deadline_days=30,
    ),
    ClauseSpec(
        clause_id="CL-C-07",
        policy_id="POL-C-2017",
        number="第八条",
        text="对经认定的专家工作站，一次性给予20万元建站资助。",
        benefit_kind="subsidy",
        refines="CL-H-03",
        amount=200_000.0,
        route=(("C-ST", LEAD), ("C-ECON", CO), ("C-FIN", CO)),
        deadline_days=30,
    ),
    ClauseSpec(
        clause_id="CL-C-08",
        policy_id="POL-C-2017",
        number="第九条",
        text="高层次人才子女入学开辟“绿色通道”，由教育部门统筹安排就读区内优质公办中小学。",
        benefit_kind="school_place",
        refines="CL-ZJ-04",
        route=(("C-TO", LEAD), ("C-EDU", CO)),
        deadline_days=20,
    ),
    ClauseSpec(
        clause_id="CL-C-09",
        policy_id="POL-C-2017",
        number="第十条",
        text="对人才企业的银行贷款，按同期贷款基准利率的50%给予贴息，最高50万元。",
        benefit_kind="funding",
        refines="CL-ZJ-07",
        route=(("C-FA", LEAD), ("C-BANK", CO), ("C-FIN", CO)),
        deadline_days=30,
    ),
    ClauseSpec(
        clause_id="CL-C-10",
        policy_id="POL-C-2017",
        number="第十一条",
        text="对新认定为市级以上企业研发中心、重点实验室的企业，给予最高200万元建设补助。",
        benefit_kind="subsidy",
        refines="CL-ZJ-07",
        route=(("C-ECON", LEAD), ("C-ST", CO), ("C-FIN", CO)),
        deadline_days=30,
    ),
)

_PHASES: tuple[tuple[int, float, str], ...] = (
    (1, 0.2, "通过资格认定并签订入驻协议"),
    (2, 0.2, "入驻满6个月，上年度营业收入达到100万元"),
    (3, 0.3, "入驻满12个月，上年度营业收入达到500万元"),
    (4, 0.3, "入驻满18个月，上年度营业收入达到1000万元且实现盈利"),
)


def policy_rows() -> list[Row]:
    return [
        {
            "policy_id": p.policy_id,
            "title": p.title,
            "document_number": p.document_number,
            "issuer_id": p.issuer_id,
            "level": p.level,
            "region_id": p.region_id,
            "issued_on": p.issued_on,
            "effective_from": p.effective_from,
            "effective_to": None,
            "supersedes": None,
        }
        for p in POLICIES
    ]


def clause_rows() -> list[Row]:
    return [
        {
            "clause_id": c.clause_id,
            "policy_id": c.policy_id,
            "number": c.number,
            "text": c.text,
            "refines": c.refines,
            "benefit_kind": c.benefit_kind,
            "amount": c.amount,
            "deadline_days": c.deadline_days,
            "delivery_mode": c.delivery_mode,
        }
        for c in CLAUSES
    ]


def clause_route_rows() -> list[Row]:
    return [
        {"clause_id": c.clause_id, "position": position, "department_id": dept, "role": role}
        for c in CLAUSES
        for position, (dept, role) in enumerate(c.route, start=1)
    ]


def clause_phase_rows() -> list[Row]:
    return [
        {"clause_id": STAGED_CLAUSE, "phase": phase, "share": share, "condition": condition}
        for phase, share, condition in _PHASES
    ]


def clause(clause_id: str) -> ClauseSpec:
    for spec in CLAUSES:
        if spec.clause_id == clause_id:
            return spec
    raise KeyError(f"the demo library has no clause {clause_id!r}")
