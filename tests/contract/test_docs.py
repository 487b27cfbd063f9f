"""The committed contract documentation is exactly what the contract generates."""

from __future__ import annotations

from pathlib import Path

from luodi.contract import TABLE_ORDER, contract_markdown
from luodi.contract.docs import DOCS_COMMAND

DOCS = Path(__file__).resolve().parents[2] / "docs" / "contract.md"


def test_committed_docs_match_the_contract() -> None:
    committed = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
    assert committed == contract_markdown(), f"docs/contract.md is stale: run `{DOCS_COMMAND}`"


def test_docs_cover_every_table_column_and_choice() -> None:
    text = contract_markdown()
    for spec in TABLE_ORDER:
        assert f"## {spec.name}\n" in text
        assert spec.zh in text
        for column in spec.columns:
            assert f"| `{column.name}` |" in text
            for choice in column.choices:
                assert f"| `{choice.value}` | {choice.zh} |" in text
    assert "→ [`clauses`](#clauses).`clause_id`" in text
