"""policy_import: the files are checked with the stored library; all or nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from luodi.contract import Dataset
from luodi.platform.datasets.selectors import dataset_export
from luodi.platform.policies.models import Clause, ClausePhase, ClauseRoute, Policy, PolicySource
from luodi.platform.policies.services import (
    IMPORT_BAD_NAME,
    IMPORT_NO_FILES,
    PolicyImportFailed,
    policy_demo_sources_replace,
    policy_import,
)
from tests.platform.policy_support import FILES_DIR, imported, needs_loader, policy_files

__all__ = ["imported"]


def _state() -> tuple[dict[str, int], list[tuple[str, str]]]:
    sources = list(PolicySource.objects.values_list("policy_id", "sha256"))
    return dataset_export().row_counts(), sources


@needs_loader
def test_import_stores_sources_and_rewrites_contract_rows(demo: Any) -> None:
    result = policy_import(files=policy_files(), user=None)
    assert [(i.policy_id, i.file_name, i.clauses, i.created) for i in result.imported] == [
        ("POL1", "pol1.yaml", 1, True),
        ("POL2", "pol2.yaml", 1, True),
    ]
    source = PolicySource.objects.get(policy_id="POL2")
    assert source.file_name == "pol2.yaml"
    assert source.content == (FILES_DIR / "pol2.yaml").read_text(encoding="utf-8")
    assert len(source.sha256) == 64
    c2 = Clause.objects.get(pk="C2")
    # A tiered amount does not fit the flat amount column.
    assert c2.amount is None
    assert c2.refines_id == "C1"
    assert c2.text.startswith("对A、B类人才")
    assert (c2.benefit_kind, c2.deadline_days, c2.delivery_mode) == ("funding", 20, "application")
    routes = ClauseRoute.objects.filter(clause=c2).order_by("position")
    assert [(r.position, r.department_id, r.role) for r in routes] == [
        (1, "D-HR", "lead"),
        (2, "D-AUD", "veto"),
    ]
    phases = ClausePhase.objects.filter(clause=c2).order_by("phase")
    assert [(p.phase, p.share, p.condition) for p in phases] == [
        (1, 0.25, "注册落户"),
        (2, 0.75, "通过中期考核"),
    ]
    pol2 = Policy.objects.get(pk="POL2")
    assert pol2.supersedes_id is None
    assert pol2.effective_to is None
    # Cases still point at the same clause: the import updates rows in place.
    assert c2.cases.count() == 2


@needs_loader
def test_reimport_updates_and_records_the_user(demo: Any) -> None:
    from luodi.platform.accounts.models import User

    policy_import(files=policy_files(), user=None)
    office = User.objects.get(username="demo-talent-office")
    name, text = policy_files("pol1.yaml")[0]
    changed = text.replace(
        "关于深化人才发展体制机制改革的意见", "关于深化人才发展体制机制改革的意见（修订）"
    )
    result = policy_import(files=[(name, changed)], user=office)
    assert [(i.policy_id, i.created) for i in result.imported] == [("POL1", False)]
    assert Policy.objects.get(pk="POL1").title.endswith("（修订）")
    source = PolicySource.objects.get(policy_id="POL1")
    assert source.imported_by == office
    assert PolicySource.objects.count() == 2


@needs_loader
def test_a_file_is_checked_with_the_stored_library(demo: Any) -> None:
    policy_import(files=policy_files("pol1.yaml"), user=None)
    # POL2 refines C1, which is only in the stored POL1.
    result = policy_import(files=policy_files("pol2.yaml"), user=None)
    assert [i.policy_id for i in result.imported] == ["POL2"]


@needs_loader
def test_errors_write_nothing_and_carry_file_line_column(demo: Any) -> None:
    before = _state()
    name, text = policy_files("pol2.yaml")[0]
    broken = text.replace("department: D-AUD", "department: D-NOPE")
    bad_yaml = "id: POL3\ntitle: [unclosed\n"
    with pytest.raises(PolicyImportFailed) as failed:
        policy_import(
            files=[*policy_files("pol1.yaml"), (name, broken), ("bad.yaml", bad_yaml)], user=None
        )
    assert _state() == before
    errors = [p for p in failed.value.problems if p.severity == "error"]
    by_file = {p.file: p for p in errors}
    assert {"pol2.yaml", "bad.yaml"} <= set(by_file)
    department = by_file["pol2.yaml"]
    line = next(i for i, row in enumerate(broken.splitlines(), 1) if "D-NOPE" in row)
    assert department.line == line
    assert department.column is not None
    assert department.column >= 1
    assert "D-NOPE" in department.message
    assert department.where == f"pol2.yaml:{line}:{department.column}"
    assert by_file["bad.yaml"].line is not None
    # The temporary folder the checker read never leaks into a message.
    assert all("luodi-policy-" not in p.file and "/" not in p.file for p in errors)


@needs_loader
def test_a_dangling_reference_is_an_error(demo: Any) -> None:
    with pytest.raises(PolicyImportFailed) as failed:
        policy_import(files=policy_files("pol2.yaml"), user=None)
    assert any("C1" in p.message for p in failed.value.problems)
    assert not PolicySource.objects.exists()


@needs_loader
def test_dropping_a_clause_that_cases_use_is_refused(demo: Any) -> None:
    policy_import(files=policy_files(), user=None)
    before = _state()
    name, text = policy_files("pol2.yaml")[0]
    renamed = text.replace("id: C2", "id: C2B")
    with pytest.raises(PolicyImportFailed) as failed:
        policy_import(files=[(name, renamed)], user=None)
    assert [p.code for p in failed.value.problems] == ["clause_in_use"]
    assert failed.value.problems[0].file == "pol2.yaml"
    assert "C2" in failed.value.problems[0].message
    assert _state() == before


@pytest.mark.parametrize("name", ["../pol1.yaml", "pol1.txt", ".hidden.yaml", "a/b.yaml"])
def test_file_names_must_be_plain_yaml_names(db: None, name: str) -> None:
    with pytest.raises(PolicyImportFailed) as failed:
        policy_import(files=[(name, "id: X\n")], user=None)
    assert failed.value.problems[0].message == IMPORT_BAD_NAME.format(name=name)


def test_no_files_is_an_error(db: None) -> None:
    with pytest.raises(PolicyImportFailed) as failed:
        policy_import(files=[], user=None)
    assert failed.value.problems[0].message == IMPORT_NO_FILES


def test_demo_load_of_a_dataset_without_demo_policies_stores_no_sources(demo: Any) -> None:
    assert not PolicySource.objects.exists()


@needs_loader
def test_demo_sources_are_the_files_of_policies_in_the_dataset(demo: Any, tmp_path: Path) -> None:
    for level, name in (("central", "pol1.yaml"), ("district", "pol2.yaml")):
        (tmp_path / level).mkdir()
        (tmp_path / level / name).write_text((FILES_DIR / name).read_text(encoding="utf-8"))
    (tmp_path / "district" / "other.yaml").write_text(
        (FILES_DIR / "pol1.yaml").read_text(encoding="utf-8").replace("id: POL1", "id: POL9")
    )
    (tmp_path / "departments.yaml").write_text("[]\n")
    assert policy_demo_sources_replace(directory=tmp_path) == 2
    assert sorted(PolicySource.objects.values_list("policy_id", flat=True)) == ["POL1", "POL2"]


def test_demo_load_clears_stale_sources(db: None, small_dataset: Dataset) -> None:
    from django.utils import timezone

    from luodi.platform.demo.services import demo_load
    from tests.platform.conftest import PASSWORD

    PolicySource.objects.create(
        policy_id="OLD",
        file_name="old.yaml",
        content="",
        sha256="0" * 64,
        imported_at=timezone.now(),
    )
    demo_load(dataset=small_dataset, password=PASSWORD)
    assert not PolicySource.objects.exists()


@needs_loader
def test_cli_imports_and_reports_problems(demo: Any, tmp_path: Path) -> None:
    from luodi.cli.policy_import import command

    folder = tmp_path / "library"
    (folder / "central").mkdir(parents=True)
    for name in ("pol1.yaml", "pol2.yaml"):
        (folder / "central" / name).write_text((FILES_DIR / name).read_text(encoding="utf-8"))
    result = CliRunner().invoke(command, [str(folder)])
    assert result.exit_code == 0, result.output
    assert "POL2" in result.output
    assert PolicySource.objects.count() == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: POL3\ntitle: [unclosed\n", encoding="utf-8")
    failed = CliRunner().invoke(command, [str(bad)])
    assert failed.exit_code == 1
    assert "bad.yaml:" in failed.output
    assert PolicySource.objects.count() == 2
