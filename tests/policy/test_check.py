"""Broken policy files: each kind of problem, with its file, line, column and code."""

from __future__ import annotations

from pathlib import Path

import pytest

from luodi.policy.errors import PolicyCheckFailed, ProblemCode
from luodi.policy.loader import check_paths, load_library
from tests.policy.conftest import VALID, Check, at, where

C = ProblemCode


def _replace(old: str, new: str, text: str = VALID) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _only(check: Check, text: str, code: ProblemCode, needle: str, *, nth: int = 0) -> None:
    """The file has exactly one error, ``code``, at ``needle``."""
    report = check({"p.yaml": text})
    assert [p.code for p in report.errors] == [code], [str(p) for p in report.problems]
    assert where(report, code) == [("p.yaml", *at(text, needle, nth=nth))]


def test_valid_file_has_no_problem(check: Check) -> None:
    report = check({"p.yaml": VALID})
    assert report.problems == ()
    assert report.ok


def test_yaml_syntax_error(check: Check) -> None:
    text = _replace("title: 测试政策", "title: [测试政策")
    report = check({"p.yaml": text})
    assert [p.code for p in report.problems] == [C.YAML_SYNTAX]
    problem = report.problems[0]
    assert problem.file.endswith("p.yaml")
    assert (problem.line, problem.column) == (3, 7)  # where the unclosed list is noticed


def test_not_a_mapping(check: Check) -> None:
    report = check({"p.yaml": "- a\n- b\n"})
    assert where(report, C.NOT_A_MAPPING) == [("p.yaml", 1, 1)]


def test_duplicate_key(check: Check) -> None:
    text = _replace("level: district\n", "level: district\nlevel: city\n")
    _only(check, text, C.DUPLICATE_KEY, "level: city")


def test_unknown_field_names_the_allowed_ones(check: Check) -> None:
    text = _replace("amount: 100000", "amout: 100000")
    _only(check, text, C.UNKNOWN_FIELD, "amout")
    message = check({"p.yaml": text}).errors[0].message
    assert "did you mean 'amount'" in message
    assert "kind, amount, cap, unit" in message


def test_wrong_type_amount_in_chinese_numerals(check: Check) -> None:
    text = _replace("amount: 100000", "amount: 五十万")
    _only(check, text, C.WRONG_TYPE, "五十万")
    assert "a number" in check({"p.yaml": text}).errors[0].message


def test_missing_required_field(check: Check) -> None:
    text = _replace("    number: 第一条\n", "")
    _only(check, text, C.MISSING_FIELD, "id: CL-T-1")
    assert "'number'" in check({"p.yaml": text}).errors[0].message


def test_invalid_value(check: Check) -> None:
    text = _replace("level: district", "level: county")
    _only(check, text, C.INVALID_VALUE, "county")


def test_unknown_department_on_a_route(check: Check) -> None:
    text = _replace("department: D-AUD,", "department: D-AUDIT,")
    _only(check, text, C.UNKNOWN_DEPARTMENT, "D-AUDIT")
    assert "did you mean 'D-AUD'" in check({"p.yaml": text}).errors[0].message


def test_unknown_issuer(check: Check) -> None:
    text = _replace("issuer: ISSUER", "issuer: NOBODY")
    _only(check, text, C.UNKNOWN_DEPARTMENT, "NOBODY")


def test_unknown_region(check: Check) -> None:
    text = _replace("region: R", "region: ZJ-X")
    _only(check, text, C.UNKNOWN_REGION, "ZJ-X")


def test_unknown_attribute_suggests_the_closest(check: Check) -> None:
    text = _replace("attribute: person.talent_tier", "attribute: person.talent_teir")
    _only(check, text, C.UNKNOWN_ATTRIBUTE, "person.talent_teir")
    assert "did you mean 'person.talent_tier'" in check({"p.yaml": text}).errors[0].message


def test_unknown_attribute_in_tiered_amount(check: Check) -> None:
    text = _replace("amount: 100000}", "amount: {by: person.tier, table: {A: 1000000}}}")
    _only(check, text, C.UNKNOWN_ATTRIBUTE, "person.tier")


def test_tiered_amount_with_a_tier_the_contract_lacks(check: Check) -> None:
    text = _replace(
        "amount: 100000}", "amount: {by: person.talent_tier, table: {A: 1000000, S: 2}}}"
    )
    _only(check, text, C.UNKNOWN_CHOICE, "S: 2")


def test_unknown_attribute_in_formula(check: Check) -> None:
    text = _replace("amount: 100000}", 'amount: {formula: "employer.revenu * 0.1"}}')
    _only(check, text, C.UNKNOWN_ATTRIBUTE, '"employer.revenu')


def test_formula_outside_the_whitelist(check: Check) -> None:
    text = _replace("amount: 100000}", "amount: {formula: \"__import__('os')\"}}")
    _only(check, text, C.BAD_FORMULA, '"__import__')


def test_formula_that_does_not_parse(check: Check) -> None:
    text = _replace("amount: 100000}", 'amount: {formula: "employer.revenue *"}}')
    _only(check, text, C.BAD_FORMULA, '"employer.revenue *')


@pytest.mark.parametrize(
    ("op", "value", "needle"),
    [
        ("in", "A", "A\n"),  # in needs a list
        ("gt", "old", "old"),  # ordering needs a number or date
        ("exists", "1", "1\n    route"),  # exists takes no value
        ("eq", "[A, B]", "[A, B]"),  # eq takes one value
    ],
)
def test_operator_value_mismatch(check: Check, op: str, value: str, needle: str) -> None:
    text = _replace("op: in\n      value: [A]", f"op: {op}\n      value: {value}")
    if op == "gt":
        text = text.replace("person.talent_tier", "person.age")
    _only(check, text, C.OPERATOR_MISMATCH, needle)


def test_ordering_a_choice_attribute(check: Check) -> None:
    text = _replace("op: in\n      value: [A]", "op: ge\n      value: 3")
    _only(check, text, C.OPERATOR_MISMATCH, "3\n")


def test_choice_value_not_in_the_contract(check: Check) -> None:
    text = _replace("value: [A]", "value: [A, Z]")
    _only(check, text, C.UNKNOWN_CHOICE, "Z]")
    assert "A, B, C, D, E, F, general" in check({"p.yaml": text}).errors[0].message


_SECOND = """\
id: POL-U
title: 上级政策
issuer: ISSUER
level: city
region: R
issued_on: 2016-01-01
effective_from: 2016-01-01
clauses:
  - id: CL-U-1
    number: 第一条
    text: 对人才给予奖励。
    benefit: {kind: none}
"""


def test_duplicate_policy_across_files(check: Check) -> None:
    second = _replace("id: POL-U", "id: POL-T", _SECOND)
    report = check({"a.yaml": VALID, "b.yaml": second})
    assert where(report, C.DUPLICATE_POLICY) == [("b.yaml", 1, 5)]
    assert "a.yaml:1" in report.errors[0].message


def test_duplicate_clause(check: Check) -> None:
    second = _replace("id: CL-U-1", "id: CL-T-1", _SECOND)
    report = check({"a.yaml": VALID, "b.yaml": second})
    assert where(report, C.DUPLICATE_CLAUSE) == [("b.yaml", *at(second, "CL-T-1"))]


def test_refines_pointing_nowhere(check: Check) -> None:
    text = _replace("    number: 第一条\n", "    number: 第一条\n    refines: CL-U-2\n")
    report = check({"a.yaml": text, "b.yaml": _SECOND})
    assert where(report, C.DANGLING_REFINES) == [("a.yaml", *at(text, "CL-U-2"))]
    assert "did you mean 'CL-U-1'" in report.errors[0].message


def test_refines_a_clause_of_the_same_level(check: Check) -> None:
    parent = _replace("level: city", "level: district", _SECOND)
    text = _replace("    number: 第一条\n", "    number: 第一条\n    refines: CL-U-1\n")
    report = check({"a.yaml": text, "b.yaml": parent})
    assert where(report, C.REFINES_LEVEL) == [("a.yaml", *at(text, "CL-U-1"))]


def test_refines_a_higher_level_is_fine(check: Check) -> None:
    text = _replace("    number: 第一条\n", "    number: 第一条\n    refines: CL-U-1\n")
    assert check({"a.yaml": text, "b.yaml": _SECOND}).ok


def test_refinement_cycle_is_named(check: Check) -> None:
    text = _replace("    number: 第一条\n", "    number: 第一条\n    refines: CL-U-1\n")
    parent = _replace("    number: 第一条\n", "    number: 第一条\n    refines: CL-T-1\n", _SECOND)
    report = check({"a.yaml": text, "b.yaml": parent})
    cycles = [p for p in report.errors if p.code == C.REFINES_CYCLE]
    assert where(report, C.REFINES_CYCLE) == [("a.yaml", *at(text, "CL-U-1"))]
    assert "CL-T-1 → CL-U-1 → CL-T-1" in cycles[0].message


def test_supersedes_pointing_nowhere(check: Check) -> None:
    text = _replace(
        "effective_from: 2017-03-01\n", "effective_from: 2017-03-01\nsupersedes: [POL-X]\n"
    )
    _only(check, text, C.DANGLING_SUPERSEDES, "POL-X")


def test_superseding_document_starting_the_same_day(check: Check) -> None:
    old = _replace("effective_from: 2016-01-01", "effective_from: 2017-03-01", _SECOND)
    text = _replace(
        "effective_from: 2017-03-01\n", "effective_from: 2017-03-01\nsupersedes: [POL-U]\n"
    )
    report = check({"a.yaml": text, "b.yaml": old})
    assert where(report, C.SUPERSEDES_SAME_START) == [("a.yaml", *at(text, "2017-03-01"))]


_VERSIONS = "    deadline_days: 30\n    versions:\n"


def test_overlapping_versions(check: Check) -> None:
    text = _replace(
        "    deadline_days: 30\n",
        _VERSIONS
        + "      - {effective_from: 2018-01-01, effective_to: 2018-12-31, deadline_days: 20}\n"
        + "      - {effective_from: 2018-06-01, deadline_days: 10}\n",
    )
    _only(check, text, C.VERSION_OVERLAP, "2018-06-01")


def test_version_before_its_document(check: Check) -> None:
    text = _replace(
        "    deadline_days: 30\n",
        _VERSIONS + "      - {effective_from: 2016-01-01, deadline_days: 20}\n",
    )
    _only(check, text, C.VERSION_BEFORE_DOCUMENT, "2016-01-01")


def test_version_ending_before_it_starts(check: Check) -> None:
    text = _replace(
        "    deadline_days: 30\n",
        _VERSIONS + "      - {effective_from: 2018-01-01, effective_to: 2017-12-31}\n",
    )
    _only(check, text, C.BAD_PERIOD, "2017-12-31")


def test_document_ending_before_it_starts(check: Check) -> None:
    text = _replace(
        "effective_from: 2017-03-01\n", "effective_from: 2017-03-01\neffective_to: 2017-01-01\n"
    )
    _only(check, text, C.BAD_PERIOD, "2017-01-01", nth=1)


_PHASES = """\
    phases:
      - {phase: 1, share: 0.2, condition: 签约}
      - {phase: 2, share: 0.3, condition: 营收达标}
"""


def test_phase_shares_not_summing_to_one(check: Check) -> None:
    text = _replace("    route:\n", _PHASES + "    route:\n")
    _only(check, text, C.SHARES_NOT_ONE, "phases:")
    assert "0.5" in check({"p.yaml": text}).errors[0].message


def test_phase_numbers_not_one_to_n(check: Check) -> None:
    phases = _PHASES.replace("share: 0.3", "share: 0.8").replace("phase: 2", "phase: 3")
    text = _replace("    route:\n", phases + "    route:\n")
    _only(check, text, C.PHASE_NUMBERS, "phases:")


def test_route_without_a_lead(check: Check) -> None:
    text = _replace("role: lead", "role: co")
    _only(check, text, C.ROUTE_LEAD, "route:")


def test_route_with_a_department_twice(check: Check) -> None:
    text = _replace("department: D-AUD, role: veto", "department: D-LEAD, role: veto")
    _only(check, text, C.ROUTE_DUPLICATE, "D-LEAD", nth=1)


def test_departments_come_from_departments_yaml(tmp_path: Path) -> None:
    (tmp_path / "departments.yaml").write_text(
        "- {id: ISSUER, name: 发文机关, kind: other, region: R}\n"
        "- {id: D-LEAD, name: 牵头部门, kind: talent_office, region: R}\n",
        encoding="utf-8",
    )
    (tmp_path / "p.yaml").write_text(VALID, encoding="utf-8")
    report = check_paths([tmp_path])
    assert report.files == (str(tmp_path / "p.yaml"),)  # departments.yaml is no policy
    assert where(report, C.UNKNOWN_DEPARTMENT) == [("p.yaml", *at(VALID, "D-AUD"))]


def test_broken_departments_yaml(tmp_path: Path) -> None:
    departments = "- {id: ISSUER, name: 发文机关, kind: ministry, region: R}\n"
    (tmp_path / "departments.yaml").write_text(departments, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(VALID, encoding="utf-8")
    report = check_paths([tmp_path])
    assert where(report, C.BAD_DEPARTMENTS_FILE) == [
        ("departments.yaml", *at(departments, "ministry"))
    ]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    report = check_paths([tmp_path / "nope", tmp_path])
    assert {p.code for p in report.errors} == {C.PATH_MISSING, C.NO_POLICY_FILES}


def test_every_problem_is_reported(check: Check) -> None:
    text = _replace("amount: 100000", "amount: 五十万")
    text = _replace("attribute: person.talent_tier", "attribute: person.talent_teir", text)
    text = _replace("role: lead", "role: co", text)
    report = check({"p.yaml": text})
    assert [p.code for p in report.errors] == [C.WRONG_TYPE, C.UNKNOWN_ATTRIBUTE, C.ROUTE_LEAD]
    lines = [p.line for p in report.problems]
    assert lines == sorted(lines)


def test_problems_are_sorted_by_file_and_line(check: Check) -> None:
    broken = _replace("region: R", "region: X")
    broken = broken.replace("POL-T", "POL-B").replace("CL-T-1", "CL-B-1")
    report = check({"b.yaml": broken, "a.yaml": _replace("role: lead", "role: co")})
    assert [Path(p.file).name for p in report.problems] == ["a.yaml", "b.yaml"]


def test_vague_wording_is_a_warning_at_the_term(check: Check) -> None:
    text = _replace("对A类人才给予奖励", "对A类人才按要求给予一定奖励")
    report = check({"p.yaml": text})
    assert report.ok
    assert where(report, C.VAGUE_WORDING) == [
        ("p.yaml", *at(text, "按要求")),
        ("p.yaml", *at(text, "一定")),
    ]
    assert all(p.severity == "warning" for p in report.problems)


def test_route_without_deadline_is_a_warning(check: Check) -> None:
    text = _replace("    deadline_days: 30\n", "")
    report = check({"p.yaml": text})
    assert report.ok
    assert where(report, C.NO_DEADLINE) == [("p.yaml", *at(text, "route:"))]


def test_benefit_without_eligibility_is_a_warning(check: Check) -> None:
    text = _replace(
        "    eligibility:\n      attribute: person.talent_tier\n      op: in\n      value: [A]\n",
        "",
    )
    report = check({"p.yaml": text})
    assert report.ok
    assert where(report, C.NO_ELIGIBILITY) == [("p.yaml", *at(text, "benefit:"))]


def test_load_library_raises_with_every_error(tmp_path: Path) -> None:
    text = _replace("region: R", "region: X")
    text = _replace("role: lead", "role: co", text)
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(PolicyCheckFailed) as raised:
        load_library([tmp_path], departments={"ISSUER", "D-LEAD", "D-AUD"}, regions={"R"})
    assert [p.code for p in raised.value.problems] == [C.UNKNOWN_REGION, C.ROUTE_LEAD]
    assert "2 error(s)" in str(raised.value)


def test_load_library_returns_documents_and_files(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(VALID, encoding="utf-8")
    library = load_library([tmp_path / "p.yaml"])
    assert [d.id for d in library.documents] == ["POL-T"]
    assert library.files["POL-T"] == tmp_path / "p.yaml"
