"""What synthetic cases look like: per demo clause, who applies, what is paid, how cases end.

The clauses, routes and phases are the demo library's (``luodi.demo.policies``), so the demo
rules apply to the synthetic data. The shares of outcomes follow the demo district: awards for
high-end talents land, veto (button) departments and missing supporting rules block the
research, tax and schooling clauses, the staged start-up funding stops after phase 1–3.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["PLANS", "ClausePlan", "Money", "Outcome", "Pool"]

OutcomeKind = Literal["done", "approved", "rejected", "blocked", "withdrawn", "exception", "open"]
# Who may apply: a named pool of persons or employers (see luodi.synth.registry.pools).
Pool = Literal[
    "high_end_new",
    "middle",
    "graduates_new",
    "high_end",
    "research_staff",
    "foreign_talent",
    "startups",
    "workstation_firms",
    "firms",
    "rnd_firms",
]


@dataclass(frozen=True, kw_only=True)
class Money:
    """How a paid case's amount is set: by tier, fixed, drawn from a range, or staged."""

    kind: Literal["tier", "fixed", "range", "staged"]
    amount: float = 0.0
    low: float = 0.0
    high: float = 0.0
    by_tier: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """One way a case of the clause ends; ``step`` is the route position where it stops."""

    kind: OutcomeKind
    weight: float
    step: int = 0
    reason: str | None = None
    missing_rule: str | None = None
    conflict_id: str | None = None
    phases: int = 1


@dataclass(frozen=True, kw_only=True)
class ClausePlan:
    clause_id: str
    subject: Literal["person", "employer"]
    pool: Pool
    money: Money | None
    outcomes: tuple[Outcome, ...]
    # Relative number of cases, as in the demo district (cases per clause).
    weight: float


def _open(weight: float) -> Outcome:
    return Outcome(kind="open", weight=weight)


_SOCIAL_INSURANCE = "社会保险缴纳记录不连续，不符合申报条件"
_AUDIT_RESEARCH = "审计部门尚未出台对应审计办法，经费用途自行约定与现行预算管理规定相悖"
_AUDIT_MATCHING = "配套标准“按要求”未予明确，审计部门无法确认配套金额依据"
_SCHOOL = "与H市教育局“明确公办中小学不收择校生”规定（H教基〔2017〕12号）冲突，无法跨学区安排入学"
_POSTS = "纪检部门尚未出台配套规定，在职创业取酬的合法性无法确认"

PLANS: tuple[ClausePlan, ...] = (
    ClausePlan(
        clause_id="CL-C-01",
        subject="person",
        pool="high_end_new",
        money=Money(kind="tier", by_tier=(("A", 1e6), ("B", 5e5), ("C", 3e5))),
        outcomes=(
            Outcome(kind="done", weight=0.93),
            Outcome(kind="approved", weight=0.05),
            _open(0.02),
        ),
        weight=19,
    ),
    ClausePlan(
        clause_id="CL-C-02",
        subject="person",
        pool="high_end_new",
        money=Money(kind="tier", by_tier=(("A", 2e6), ("B", 1e6), ("C", 6e5))),
        outcomes=(
            Outcome(kind="done", weight=0.93),
            Outcome(kind="approved", weight=0.05),
            _open(0.02),
        ),
        weight=19,
    ),
    ClausePlan(
        clause_id="CL-C-03",
        subject="person",
        pool="middle",
        money=Money(kind="tier", by_tier=(("D", 30000.0), ("E", 20000.0), ("F", 15000.0))),
        outcomes=(
            Outcome(kind="done", weight=0.86),
            Outcome(kind="rejected", weight=0.11, step=2, reason=_SOCIAL_INSURANCE),
            Outcome(kind="approved", weight=0.02),
            _open(0.01),
        ),
        weight=203,
    ),
    ClausePlan(
        clause_id="CL-C-04",
        subject="person",
        pool="graduates_new",
        money=Money(kind="fixed", amount=10000.0),
        outcomes=(
            Outcome(kind="done", weight=0.84),
            Outcome(kind="rejected", weight=0.15, step=1, reason="在区内缴纳社会保险未满6个月"),
            _open(0.01),
        ),
        weight=88,
    ),
    ClausePlan(
        clause_id="CL-C-05",
        subject="person",
        pool="high_end",
        money=Money(kind="range", low=500_000.0, high=3_000_000.0),
        outcomes=(
            Outcome(kind="done", weight=0.8),
            Outcome(
                kind="blocked",
                weight=0.15,
                step=3,
                reason=_AUDIT_MATCHING,
                missing_rule="国家科技计划项目配套补助标准及其审计认定办法",
            ),
            _open(0.05),
        ),
        weight=20,
    ),
    ClausePlan(
        clause_id="CL-C-06",
        subject="employer",
        pool="startups",
        money=Money(kind="staged", amount=1_000_000.0),
        outcomes=(
            Outcome(kind="done", weight=0.25, phases=1),
            Outcome(kind="done", weight=0.31, phases=2),
            Outcome(kind="done", weight=0.13, phases=3),
            Outcome(
                kind="rejected",
                weight=0.19,
                step=1,
                reason="不符合初创企业认定条件：企业成立已超过三年",
            ),
            Outcome(
                kind="blocked",
                weight=0.06,
                step=4,
                reason="审计局把关：项目预算与实际支出不符，暂缓拨付",
                missing_rule="初创企业扶持资金预算调整的配套审计办法",
            ),
            Outcome(kind="withdrawn", weight=0.06, step=2, reason="企业迁出集聚区，撤回申请"),
        ),
        weight=16,
    ),
    ClausePlan(
        clause_id="CL-C-07",
        subject="employer",
        pool="workstation_firms",
        money=Money(kind="fixed", amount=200_000.0),
        outcomes=(
            Outcome(kind="done", weight=0.86),
            Outcome(
                kind="rejected",
                weight=0.14,
                step=1,
                reason="未达到专家工作站认定条件：进站专家不足3名",
            ),
        ),
        weight=7,
    ),
    ClausePlan(
        clause_id="CL-C-08",
        subject="person",
        pool="high_end",
        money=None,
        outcomes=(
            Outcome(
                kind="blocked",
                weight=0.45,
                step=2,
                reason=_SCHOOL,
                missing_rule="教育局关于高层次人才子女跨学区入学的实施办法",
                conflict_id="CF-01",
            ),
            Outcome(kind="exception", weight=0.2, step=2, reason=_SCHOOL),
            Outcome(kind="done", weight=0.05),
            Outcome(kind="rejected", weight=0.3, step=1, reason="申请人不属于A、B、C类高层次人才"),
        ),
        weight=14,
    ),
    ClausePlan(
        clause_id="CL-C-09",
        subject="employer",
        pool="firms",
        money=Money(kind="range", low=50_000.0, high=500_000.0),
        outcomes=(
            Outcome(kind="done", weight=0.72),
            Outcome(
                kind="rejected",
                weight=0.28,
                step=2,
                reason="银行风控未通过：缺少有效抵押担保，未取得贷款，不予贴息",
            ),
        ),
        weight=18,
    ),
    ClausePlan(
        clause_id="CL-C-10",
        subject="employer",
        pool="rnd_firms",
        money=Money(kind="range", low=200_000.0, high=2_000_000.0),
        outcomes=(
            Outcome(kind="done", weight=0.93),
            Outcome(
                kind="rejected",
                weight=0.07,
                step=1,
                reason="研发投入和研发人员规模未达到研发中心认定标准",
            ),
        ),
        weight=15,
    ),
    ClausePlan(
        clause_id="CL-ZJ-01",
        subject="person",
        pool="research_staff",
        money=None,
        outcomes=(
            Outcome(
                kind="blocked",
                weight=0.3,
                step=3,
                reason="申请人为担任领导职务的单位负责人，与中组发〔2013〕18号“不得在企业兼职（任职）”"
                "规定冲突，纪检部门未出台配套规定",
                missing_rule="纪检监察机关关于科研人员在职创业取酬的配套规定",
                conflict_id="CF-02",
            ),
            Outcome(
                kind="blocked",
                weight=0.6,
                step=3,
                reason=_POSTS,
                missing_rule="纪检监察机关关于科研人员在职创业取酬的配套规定",
            ),
            _open(0.1),
        ),
        weight=6,
    ),
    ClausePlan(
        clause_id="CL-ZJ-02",
        subject="person",
        pool="research_staff",
        money=Money(kind="range", low=100_000.0, high=1_000_000.0),
        outcomes=(
            Outcome(
                kind="blocked",
                weight=0.9,
                step=3,
                reason=_AUDIT_RESEARCH,
                missing_rule="审计局关于科研经费用途由企业与人才自行约定的配套审计办法",
            ),
            _open(0.1),
        ),
        weight=5,
    ),
    ClausePlan(
        clause_id="CL-ZJ-03",
        subject="employer",
        pool="firms",
        money=None,
        outcomes=(
            Outcome(
                kind="blocked",
                weight=0.95,
                step=1,
                reason="税务部门未出台科研启动经费据实税前扣除的操作口径，无法受理扣除",
                missing_rule="税务部门关于科研启动经费据实税前扣除的操作办法",
            ),
            _open(0.05),
        ),
        weight=9,
    ),
    ClausePlan(
        clause_id="CL-ZJ-05",
        subject="person",
        pool="foreign_talent",
        money=None,
        outcomes=(
            Outcome(
                kind="blocked",
                weight=0.5,
                step=2,
                reason="Z省公安厅尚未出台外籍人才出入境、居留操作办法，缺少上位依据",
                missing_rule="Z省公安厅外籍高层次人才出入境、居留便利操作办法",
            ),
            Outcome(kind="done", weight=0.5),
        ),
        weight=2,
    ),
)
