"""Two years of cases and their workflow records in district C, shaped by the study's findings.

D1: awards and settling-in money flow to high-end talents and mature firms; the staged start-up
funding pays phase 1 to 11 of 14 eligible firms and phase 4 to none. D2/P3: clauses needing
tax, audit, discipline inspection, education or public security stall at those departments;
a school place is found by a phone call instead of a procedure, recorded as an exception.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from luodi.demo.conflicts import POSTS_CONFLICT, SCHOOL_CONFLICT, conflict_rows
from luodi.demo.people import STAGED_REVENUE_PLAN, staged_eligible
from luodi.demo.policies import (
    STAGED_CLAUSE,
    STAGED_PHASE_REVENUE,
    ClauseSpec,
    clause,
    tier_amounts,
)
from luodi.demo.workflow import END, START, Blocked, CaseLog, Rejected, Withdrawn

__all__ = ["case_tables"]

Row = dict[str, Any]

_NEW_ARRIVALS_FROM = dt.date(2016, 7, 1)  # "新引进": arrived under the new policies
# Amounts by tier, as the district clauses set them.
_AWARD = tier_amounts("CL-C-01")
_SETTLING_IN = tier_amounts("CL-C-02")
_ALLOWANCE = tier_amounts("CL-C-03")
# The route position of the education bureau on the school clause, where its cases stall.
_SCHOOL_STEP = 2


def _when(rng: random.Random, *, earliest: dt.date, spread_days: int) -> dt.datetime:
    day = max(earliest, START.date()) + dt.timedelta(days=rng.randint(0, spread_days))
    return dt.datetime.combine(day, dt.time(9, 0)) + dt.timedelta(minutes=rng.randint(0, 480))


def _approve_and_pay(log: CaseLog, case: Row, *, amount: float) -> None:
    signed = log.walk(case, clause(case["clause_id"]))
    if signed is None:
        return
    paid = log.later(signed, 3, 15)
    if paid > END:
        case["status"] = "approved"
        return
    log.pay(case, phase=1, amount=amount, at=paid)
    log.close(case, status="closed", at=paid)


def _persons(log: CaseLog, persons: list[Row], employers: dict[str, Row]) -> None:
    rng = log.rng
    for person in persons:
        tier, pid = person["talent_tier"], person["person_id"]
        new = person["arrived_on"] >= _NEW_ARRIVALS_FROM
        at = _when(rng, earliest=person["arrived_on"], spread_days=90)
        if at > END - dt.timedelta(days=20):
            continue
        if tier in _AWARD and new:
            # Hard KPIs count high-end talents (P2): their money is processed without fail.
            case = log.open(clause_id="CL-C-01", person_id=pid, at=at)
            _approve_and_pay(log, case, amount=_AWARD[tier])
            case = log.open(clause_id="CL-C-02", person_id=pid, at=at + dt.timedelta(days=1))
            _approve_and_pay(log, case, amount=_SETTLING_IN[tier])
        if tier in _AWARD and rng.random() < 0.3:
            grant = round(rng.uniform(1_000_000, 8_000_000), -4)
            case = log.open(clause_id="CL-C-05", person_id=pid, at=at + dt.timedelta(days=30))
            if rng.random() < 0.15:
                # "按要求给予配套" leaves the standard open; audit will not sign an open amount.
                log.walk(
                    case,
                    clause("CL-C-05"),
                    outcome=Blocked(
                        step=3,
                        reason="配套标准“按要求”未予明确，审计部门无法确认配套金额依据",
                        missing_rule="国家科技计划项目配套补助标准及其审计认定办法",
                    ),
                )
            else:
                _approve_and_pay(log, case, amount=min(grant * 0.5, 3_000_000))
        if tier in _ALLOWANCE and rng.random() < 0.4:
            case = log.open(clause_id="CL-C-03", person_id=pid, at=at)
            if rng.random() < 0.12:
                log.walk(
                    case,
                    clause("CL-C-03"),
                    outcome=Rejected(step=2, reason="社会保险缴纳记录不连续，不符合申报条件"),
                )
            else:
                _approve_and_pay(log, case, amount=_ALLOWANCE[tier])
        if (
            tier == "general"
            and new
            and person["degree"] != "below_bachelor"
            and rng.random() < 0.3
        ):
            case = log.open(clause_id="CL-C-04", person_id=pid, at=at + dt.timedelta(days=190))
            if case["opened_at"] > END - dt.timedelta(days=20):
                log.cases.pop()
            elif rng.random() < 0.2:
                log.walk(
                    case,
                    clause("CL-C-04"),
                    outcome=Rejected(step=1, reason="在区内缴纳社会保险未满6个月"),
                )
            else:
                _approve_and_pay(log, case, amount=10_000)
        if person["nationality"] != "CN" and new:
            case = log.open(clause_id="CL-ZJ-05", person_id=pid, at=at)
            if tier in _AWARD or rng.random() < 0.5:
                log.walk(
                    case,
                    clause("CL-ZJ-05"),
                    outcome=Blocked(
                        step=2,
                        reason="Z省公安厅尚未出台外籍人才出入境、居留操作办法，缺少上位依据",
                        missing_rule="Z省公安厅外籍高层次人才出入境、居留便利操作办法",
                    ),
                )
            elif (signed := log.walk(case, clause("CL-ZJ-05"))) is not None:
                log.close(case, status="approved", at=signed)
    _schooling(log, persons)
    _research_staff(log, persons, employers)


def _schooling(log: CaseLog, persons: list[Row]) -> None:
    """High-level talents' children vs 公办中小学不收择校生; three places found by phone."""
    rng = log.rng
    parents = [p for p in persons if p["talent_tier"] in "ABC" and 2018 - p["birth_year"] >= 33]
    middle = [p for p in persons if p["talent_tier"] in "DEF" and 2018 - p["birth_year"] >= 33]
    spec = clause("CL-C-08")
    for number, person in enumerate(rng.sample(parents, 10)):
        case = log.open(
            clause_id=spec.clause_id,
            person_id=person["person_id"],
            at=_when(rng, earliest=dt.date(2017, 5, 2), spread_days=400),
        )
        conflict = (
            "与H市教育局“明确公办中小学不收择校生”规定（H教基〔2017〕12号）冲突，无法跨学区安排入学"
        )
        # The last three are the informal route the talent office describes: its leader
        # phones instead of escalating, so no escalation is raised for them.
        informal = number >= 7
        blocked = Blocked(
            step=_SCHOOL_STEP,
            reason=conflict,
            missing_rule="教育局关于高层次人才子女跨学区入学的实施办法",
            conflict_id=SCHOOL_CONFLICT,
            escalate=not informal,
            refer=number < 2,
        )
        log.walk(case, spec, outcome=blocked)
        # A case the log ends before reaching the education bureau has nothing to phone about.
        if informal and log.step(case, _SCHOOL_STEP)["status"] == "blocked":
            _school_place_by_phone(log, case)
    for person in rng.sample(middle, 4):
        case = log.open(
            clause_id=spec.clause_id,
            person_id=person["person_id"],
            at=_when(rng, earliest=dt.date(2017, 5, 2), spread_days=400),
        )
        log.walk(case, spec, outcome=Rejected(step=1, reason="申请人不属于A、B、C类高层次人才"))


def _school_place_by_phone(log: CaseLog, case: Row) -> None:
    """P3-2 人情化执行: a phone call gets the place; Luodi records it as an exception."""
    at = log.later(log.events[-1]["timestamp"], 2, 10)
    call = log.event(
        case,
        activity="人才办分管领导电话协调教育局",
        department_id="C-TO",
        at=at,
        lifecycle="resume",
        role="talent_office",
        decision="exception",
        resource="ST-C-TO-1",
        reason="非正式协调：人才办分管领导致电教育局长，为高层次人才子女开辟绿色通道",
    )
    log.exception_record(
        case,
        what="人才办分管领导电话协调教育局，个案安排高层次人才子女就读区内公办小学",
        why=(
            "绿色通道与H市教育局“公办中小学不收择校生”规定（H教基〔2017〕12号）冲突，"
            "教育局无法按程序安排入学，领导小组未就冲突作出协调"
        ),
        requested_by="C产业集聚区人才办分管领导",
        approved_by="C产业集聚区教育局局长",
        event=call,
    )
    at = log.later(at, 1, 3)
    signed = log.event(
        case,
        activity="教育局会签",
        department_id="C-EDU",
        at=at,
        role="officer",
        decision="approved",
        reason="经协调个案同意，安排就读区内公办小学",
    )
    log.decide(
        log.step(case, _SCHOOL_STEP), status="approved", event=signed, reason=signed["reason"]
    )
    log.close(case, status="approved", at=at)


def _research_staff(log: CaseLog, persons: list[Row], employers: dict[str, Row]) -> None:
    """In-post entrepreneurship and research funds: the two button departments say no."""
    rng = log.rng
    researchers = [
        p
        for p in persons
        if p["employer_id"]
        and employers[p["employer_id"]]["kind"] == "research_university"
        and p["talent_tier"] != "general"
    ]
    for number, person in enumerate(rng.sample(researchers, 6)):
        case = log.open(
            clause_id="CL-ZJ-01",
            person_id=person["person_id"],
            at=_when(rng, earliest=dt.date(2017, 3, 1), spread_days=500),
        )
        if number < 2:
            reason = (
                "申请人为担任领导职务的单位负责人，与中组发〔2013〕18号“不得在企业兼职（任职）”"
                "规定冲突，纪检部门未出台配套规定"
            )
        else:
            reason = "纪检部门尚未出台配套规定，在职创业取酬的合法性无法确认"
        blocked = Blocked(
            step=3,
            reason=reason,
            missing_rule="纪检监察机关关于科研人员在职创业取酬的配套规定",
            conflict_id=POSTS_CONFLICT if number < 2 else None,
            refer=number == 0,
        )
        log.walk(case, clause("CL-ZJ-01"), outcome=blocked)
    for person in rng.sample(researchers, 5):
        case = log.open(
            clause_id="CL-ZJ-02",
            person_id=person["person_id"],
            at=_when(rng, earliest=dt.date(2017, 3, 1), spread_days=500),
        )
        log.walk(
            case,
            clause("CL-ZJ-02"),
            outcome=Blocked(
                step=3,
                reason="审计部门尚未出台对应审计办法，经费用途自行约定与现行预算管理规定相悖",
                missing_rule="审计局关于科研经费用途由企业与人才自行约定的配套审计办法",
            ),
        )


def _staged(log: CaseLog, employers: list[Row]) -> None:
    """14 eligible start-ups, 2 ineligible applicants; the revenue plan decides each fate."""
    rng = log.rng
    spec = clause(STAGED_CLAUSE)
    no_phase_one: dict[int, Rejected | Blocked | Withdrawn] = {
        STAGED_REVENUE_PLAN[0]: Blocked(
            step=4,
            reason="审计局把关：项目预算与实际支出不符，暂缓拨付",
            missing_rule="初创企业扶持资金预算调整的配套审计办法",
        ),
        STAGED_REVENUE_PLAN[1]: Rejected(step=3, reason="财务审核未通过：资产负债率超过70%"),
        STAGED_REVENUE_PLAN[2]: Withdrawn(step=2, reason="企业迁出集聚区，撤回申请"),
    }
    applicants = [e for e in employers if staged_eligible(e)]
    late = [e for e in employers if e["kind"] == "high_tech_firm" and e["stage"] == "growth"][:2]
    for employer in applicants + late:
        case = log.open(
            clause_id=spec.clause_id,
            employer_id=employer["employer_id"],
            at=_when(rng, earliest=dt.date(2017, 3, 6), spread_days=45),
        )
        if not staged_eligible(employer):
            founded = employer["founded_on"].isoformat()
            log.walk(
                case,
                spec,
                outcome=Rejected(
                    step=1, reason=f"不符合初创企业认定条件：企业成立已超过三年（成立于{founded}）"
                ),
            )
            continue
        revenue = int(employer["revenue"])
        if revenue in no_phase_one:
            log.walk(case, spec, outcome=no_phase_one[revenue])
            continue
        signed = log.walk(case, spec)
        assert signed is not None, "phase 1 must fall inside the log"
        first = log.later(signed, 3, 10)
        shares = {phase: share for phase, share, _ in spec.phases}
        log.pay(case, phase=1, amount=(spec.amount or 0.0) * shares[1], at=first, staged=True)
        _later_phases(log, case, spec, first=first, revenue=revenue)


def _later_phases(
    log: CaseLog, case: Row, spec: ClauseSpec, *, first: dt.datetime, revenue: int
) -> None:
    amount = spec.amount or 0.0
    shares = {phase: share for phase, share, _ in spec.phases}
    # Months after phase 1 at which phases 2–4 are reviewed (入驻满6、12、18个月).
    for phase, months in ((2, 6), (3, 12), (4, 18)):
        at = log.later(first + dt.timedelta(days=30 * months), 0, 5)
        activity = f"第{phase}期兑现审核"
        log.event(
            case,
            activity=activity,
            department_id="C-ST",
            at=at,
            lifecycle="start",
            role="officer",
            decision="received",
        )
        at = log.later(at, 2, 6)
        bar = STAGED_PHASE_REVENUE[phase]
        if revenue < bar:
            extra = "且未实现盈利" if phase == 4 else ""
            reason = (
                f"第{phase}期兑现条件未达到：上年度营业收入{revenue / 10_000:g}万元，"
                f"低于{bar / 10_000:g}万元的财务指标{extra}"
            )
            log.event(
                case,
                activity=activity,
                department_id="C-ST",
                at=at,
                lifecycle="ate_abort",
                role="officer",
                decision="phase_checked",
                reason=reason,
            )
            log.close(case, status="closed", at=at)
            return
        log.event(
            case,
            activity=activity,
            department_id="C-ST",
            at=at,
            role="officer",
            decision="phase_checked",
        )
        at = log.later(at, 1, 4)
        log.event(
            case,
            activity="审计局把关审核",
            department_id="C-AUD",
            at=at,
            role="officer",
            decision="approved",
        )
        log.pay(
            case, phase=phase, amount=amount * shares[phase], at=log.later(at, 2, 8), staged=True
        )


def _firms(log: CaseLog, employers: list[Row]) -> None:
    rng = log.rng
    mature = [e for e in employers if e["stage"] == "mature"]
    for number, employer in enumerate(rng.sample(mature, 7)):
        case = log.open(
            clause_id="CL-C-07",
            employer_id=employer["employer_id"],
            at=_when(rng, earliest=dt.date(2017, 4, 1), spread_days=450),
        )
        if number == 6:
            log.walk(
                case,
                clause("CL-C-07"),
                outcome=Rejected(step=1, reason="未达到专家工作站认定条件：进站专家不足3名"),
            )
        else:
            _approve_and_pay(log, case, amount=200_000)
    for employer in employers:
        # Research-centre grants: measurable, low-risk, high-return — where the eggs go (P2).
        chance = {"mature": 0.6, "growth": 0.3, "startup": 0.15}[employer["stage"]]
        if rng.random() >= chance:
            continue
        case = log.open(
            clause_id="CL-C-10",
            employer_id=employer["employer_id"],
            at=_when(rng, earliest=dt.date(2017, 4, 1), spread_days=500),
        )
        if employer["stage"] == "startup":
            log.walk(
                case,
                clause("CL-C-10"),
                outcome=Rejected(step=1, reason="研发投入和研发人员规模未达到研发中心认定标准"),
            )
        else:
            top = 2_000_000 if employer["stage"] == "mature" else 800_000
            _approve_and_pay(log, case, amount=round(rng.uniform(top / 2, top), -4))
    firms = [e for e in employers if e["kind"] != "research_university"]
    for employer in firms:
        if employer["stage"] == "startup" and rng.random() < 0.45:
            # Banks lend against collateral; start-ups have none, so no interest subsidy.
            case = log.open(
                clause_id="CL-C-09",
                employer_id=employer["employer_id"],
                at=_when(rng, earliest=dt.date(2017, 4, 1), spread_days=500),
            )
            log.walk(
                case,
                clause("CL-C-09"),
                outcome=Rejected(
                    step=2, reason="银行风控未通过：缺少有效抵押担保，未取得贷款，不予贴息"
                ),
            )
        elif employer["stage"] != "startup" and rng.random() < 0.5:
            case = log.open(
                clause_id="CL-C-09",
                employer_id=employer["employer_id"],
                at=_when(rng, earliest=dt.date(2017, 4, 1), spread_days=500),
            )
            _approve_and_pay(log, case, amount=round(rng.uniform(80_000, 500_000), -3))
    for employer in rng.sample([e for e in firms if e["stage"] != "startup"], 9):
        case = log.open(
            clause_id="CL-ZJ-03",
            employer_id=employer["employer_id"],
            at=_when(rng, earliest=dt.date(2017, 3, 1), spread_days=500),
        )
        log.walk(
            case,
            clause("CL-ZJ-03"),
            outcome=Blocked(
                step=1,
                reason="税务部门未出台科研启动经费据实税前扣除的操作口径，无法受理扣除",
                missing_rule="税务部门关于科研启动经费据实税前扣除的操作办法",
            ),
        )


def case_tables(
    *,
    rng: random.Random,
    persons: list[Row],
    employers: list[Row],
    staff: list[Row],
    departments: list[Row],
) -> dict[str, list[Row]]:
    """Cases, events, disbursements and the workflow tables, rows in the order generated."""
    by_department: dict[str, list[str]] = {}
    for member in staff:
        by_department.setdefault(member["department_id"], []).append(member["staff_id"])
    log = CaseLog(
        rng=rng,
        staff=by_department,
        department_names={d["department_id"]: d["name"] for d in departments},
    )
    _staged(log, employers)
    _firms(log, employers)
    _persons(log, persons, {e["employer_id"]: e for e in employers})
    return {
        "cases": log.cases,
        "events": log.events,
        "disbursements": log.disbursements,
        "conflicts": conflict_rows(log.conflicts_raised),
        "case_steps": log.steps,
        "escalations": log.escalations,
        "exceptions": log.exceptions,
    }
