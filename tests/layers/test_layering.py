"""The layering contract covers every core package, so a new package cannot slip past it."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import luodi

ROOT = Path(__file__).resolve().parents[2]
NOT_CORE = {"luodi.platform", "luodi.cli"}


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_every_core_package_is_forbidden_to_import_django() -> None:
    core = {
        f"luodi.{m.name}"
        for m in pkgutil.iter_modules(luodi.__path__)
        if f"luodi.{m.name}" not in NOT_CORE
    }
    forbidding = [
        c
        for c in _contracts()
        if "django" in c.get("forbidden_modules", [])  # type: ignore[operator]
    ]
    assert forbidding, "pyproject.toml has no import-linter contract forbidding django"
    covered = set(forbidding[0]["source_modules"])  # type: ignore[call-overload]
    missing = sorted(core - covered)
    assert not missing, (
        f"core modules {missing} are not in the import-linter contract; add them to "
        "source_modules in [tool.importlinter.contracts] of pyproject.toml"
    )


def test_the_core_really_imports_without_django() -> None:
    import subprocess
    import sys

    code = (
        "import sys, importlib, pkgutil, luodi\n"
        "for m in pkgutil.walk_packages(luodi.__path__, 'luodi.'):\n"
        "    if m.name.startswith(('luodi.platform', 'luodi.cli')): continue\n"
        "    importlib.import_module(m.name)\n"
        "print('django' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
