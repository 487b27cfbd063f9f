"""Errors of policy files: the exceptions, the problem codes and their message templates."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from luodi.policy.problems import PolicyProblem

__all__ = ["MESSAGES", "WARNINGS", "PolicyCheckFailed", "PolicyError", "ProblemCode"]


class PolicyError(Exception):
    """Base class of the errors of the policy package."""


class PolicyCheckFailed(PolicyError):
    """Policy files have errors; ``problems`` lists every one (and the warnings), in file order."""

    def __init__(self, problems: Sequence[PolicyProblem]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        shown = "\n".join(str(p) for p in errors[:20])
        more = f"\n… and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(
            f"政策文件有 {len(errors)} 个错误 — {len(errors)} error(s) in policy files; fix them "
            f"and load again (`luodi policy check` lists them):\n{shown}{more}"
        )


class ProblemCode(enum.StrEnum):
    """Stable short codes of policy-file problems; scripts and tests match on these."""

    PATH_MISSING = "path_missing"
    NO_POLICY_FILES = "no_policy_files"
    YAML_SYNTAX = "yaml_syntax"
    DUPLICATE_KEY = "duplicate_key"
    NOT_A_MAPPING = "not_a_mapping"
    UNKNOWN_FIELD = "unknown_field"
    MISSING_FIELD = "missing_field"
    WRONG_TYPE = "wrong_type"
    INVALID_VALUE = "invalid_value"
    BAD_DEPARTMENTS_FILE = "bad_departments_file"
    UNKNOWN_DEPARTMENT = "unknown_department"
    UNKNOWN_REGION = "unknown_region"
    UNKNOWN_ATTRIBUTE = "unknown_attribute"
    OPERATOR_MISMATCH = "operator_mismatch"
    UNKNOWN_CHOICE = "unknown_choice"
    BAD_FORMULA = "bad_formula"
    DUPLICATE_POLICY = "duplicate_policy"
    DUPLICATE_CLAUSE = "duplicate_clause"
    DANGLING_REFINES = "dangling_refines"
    REFINES_CYCLE = "refines_cycle"
    REFINES_LEVEL = "refines_level"
    DANGLING_SUPERSEDES = "dangling_supersedes"
    BAD_PERIOD = "bad_period"
    VERSION_BEFORE_DOCUMENT = "version_before_document"
    VERSION_OVERLAP = "version_overlap"
    SUPERSEDES_SAME_START = "supersedes_same_start"
    SHARES_NOT_ONE = "shares_not_one"
    PHASE_NUMBERS = "phase_numbers"
    ROUTE_LEAD = "route_lead"
    ROUTE_DUPLICATE = "route_duplicate"
    # Warnings: the file loads, but the clause leaves room for deviation.
    VAGUE_WORDING = "vague_wording"
    MISSING_ELEMENT = "missing_element"
    NO_DEADLINE = "no_deadline"
    NO_ELIGIBILITY = "no_eligibility"


WARNINGS = frozenset(
    {
        ProblemCode.VAGUE_WORDING,
        ProblemCode.MISSING_ELEMENT,
        ProblemCode.NO_DEADLINE,
        ProblemCode.NO_ELIGIBILITY,
    }
)

# Every message is Chinese first, then English after " — ", and says what is wrong, where and
# how to fix it. Tests format the same templates, so a reworded message cannot break them.
MESSAGES: dict[ProblemCode, str] = {
    ProblemCode.PATH_MISSING: (
        "路径不存在 — {path} does not exist; pass policy files (*.yaml) or folders holding them."
    ),
    ProblemCode.NO_POLICY_FILES: (
        "没有政策文件 — {path} holds no *.yaml or *.yml policy file; put one file per policy "
        "document in it."
    ),
    ProblemCode.YAML_SYNTAX: (
        "YAML 语法错误 — YAML syntax error: {problem}; fix the syntax at this position "
        "(indentation, a missing colon, an unclosed quote or bracket)."
    ),
    ProblemCode.DUPLICATE_KEY: (
        "重复的键 — key {key!r} appears twice in the same mapping (first on line {first}); "
        "YAML would keep only the last one, so delete or rename one of them."
    ),
    ProblemCode.NOT_A_MAPPING: (
        "不是映射 — a policy file must hold one mapping (id, title, issuer, level, region, "
        "issued_on, effective_from, clauses), found {found}; write the document as `key: value` "
        "lines."
    ),
    ProblemCode.UNKNOWN_FIELD: (
        "未知字段 — {where}: unknown field {field!r}{hint}; allowed fields: {allowed}. "
        "Rename or delete it."
    ),
    ProblemCode.MISSING_FIELD: (
        "缺少必填字段 — {where}: required field {field!r} is missing; add `{field}: …`."
    ),
    ProblemCode.WRONG_TYPE: (
        "类型错误 — {where}: {value} is not valid here ({reason}); write {expected}."
    ),
    ProblemCode.INVALID_VALUE: (
        "取值无效 — {where}: {value} is not allowed ({reason}); fix the value."
    ),
    ProblemCode.BAD_DEPARTMENTS_FILE: (
        "部门文件错误 — departments file: {reason}; each entry needs id, name, kind, region and "
        "is_veto."
    ),
    ProblemCode.UNKNOWN_DEPARTMENT: (
        "未知部门 — {where}: department {department!r} is not in the departments list{hint}; "
        "use a known department id or add it to departments.yaml."
    ),
    ProblemCode.UNKNOWN_REGION: (
        "未知区域 — {where}: region {region!r} is not known{hint}; known regions: {known}."
    ),
    ProblemCode.UNKNOWN_ATTRIBUTE: (
        "未知属性 — {where}: attribute {attribute!r} is not a contract column{hint}; use "
        "person.<column> or employer.<column> of the data contract, or a derived attribute "
        "({derived})."
    ),
    ProblemCode.OPERATOR_MISMATCH: (
        "运算符与取值不匹配 — {where}: {attribute} {op} {value}: {reason}; {fix}."
    ),
    ProblemCode.UNKNOWN_CHOICE: (
        "取值不在允许范围 — {where}: {attribute} has no value {value!r}; allowed values: {allowed}."
    ),
    ProblemCode.BAD_FORMULA: (
        "公式错误 — {where}: {reason} (a formula may use numbers, person.<column> and "
        "employer.<column>, + - * / ( ), min() and max())."
    ),
    ProblemCode.DUPLICATE_POLICY: (
        "政策编号重复 — policy id {policy_id!r} is also used in {other}; give each policy "
        "document its own id."
    ),
    ProblemCode.DUPLICATE_CLAUSE: (
        "条款编号重复 — clause id {clause_id!r} is also used in {other}; give each clause its "
        "own id."
    ),
    ProblemCode.DANGLING_REFINES: (
        "上级条款不存在 — clause {clause_id!r} refines {target!r}, which is not in the "
        "library{hint}; fix the id or add the superior document to the library."
    ),
    ProblemCode.REFINES_CYCLE: (
        "细化关系成环 — refinement cycle {cycle}; a clause must refine a superior clause, so "
        "remove one of these `refines`."
    ),
    ProblemCode.REFINES_LEVEL: (
        "细化层级错误 — clause {clause_id!r} ({level}) refines {target!r} ({target_level}); a "
        "clause refines a clause of a higher level (central > province > city > district)."
    ),
    ProblemCode.DANGLING_SUPERSEDES: (
        "被替代文件不存在 — policy {policy_id!r} supersedes {target!r}, which is not in the "
        "library{hint}; fix the id or remove it."
    ),
    ProblemCode.BAD_PERIOD: (
        "有效期错误 — {where}: effective_to {end} is before effective_from {start}; swap or "
        "correct the dates."
    ),
    ProblemCode.VERSION_BEFORE_DOCUMENT: (
        "版本早于文件生效 — {where}: version starts on {start}, before the document takes effect "
        "on {document_start}; a version cannot apply before its document, so move its date."
    ),
    ProblemCode.VERSION_OVERLAP: (
        "版本期间重叠 — {where}: the version from {start} overlaps the version from {other} "
        "(which runs to {other_end}); end the earlier version before the later one starts."
    ),
    ProblemCode.SUPERSEDES_SAME_START: (
        "替代文件同日生效 — policy {policy_id!r} supersedes {target!r} but both take effect on "
        "{start}; the replaced document would never apply, so correct one of the dates."
    ),
    ProblemCode.SHARES_NOT_ONE: (
        "分期比例之和不为1 — {where}: the phase shares sum to {total:g}, not 1; make the shares "
        "of all phases add up to 1."
    ),
    ProblemCode.PHASE_NUMBERS: (
        "分期编号错误 — {where}: phases are numbered {numbers}; number them 1 to {count} in order."
    ),
    ProblemCode.ROUTE_LEAD: (
        "牵头部门数量错误 — {where}: the route has {count} lead department(s); give it exactly "
        "one step with `role: lead`."
    ),
    ProblemCode.ROUTE_DUPLICATE: (
        "部门重复 — {where}: department {department!r} appears twice in the route (steps "
        "{steps}); list each department once."
    ),
    ProblemCode.VAGUE_WORDING: (
        "模糊用语 — {where}: the text says “{term}”, which leaves the standard open and the "
        "executor free to re-make the rule; state the standard (who, how much, by when)."
    ),
    ProblemCode.MISSING_ELEMENT: (
        "缺少{element_zh}：{suggestion_zh} — {where}: the text does not state {element_en} "
        "({element}); {suggestion_en}"
    ),
    ProblemCode.NO_DEADLINE: (
        "无办理时限 — {where}: clause {clause_id!r} has a route but no deadline_days; add the "
        "deadline in working days so a stalled case can be seen."
    ),
    ProblemCode.NO_ELIGIBILITY: (
        "无资格条件 — {where}: clause {clause_id!r} grants a benefit ({kind}) but states no "
        "eligibility; add `eligibility:` criteria over contract attributes."
    ),
}
