"""The labelled inquiries: packaged, valid, varied, balanced, and strict about bad files."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from luodi.contract.choices import DEPARTMENT_KINDS, INQUIRY_CATEGORIES, INQUIRY_KINDS
from luodi.dialogue.corpus import CORPUS_RESOURCE, CorpusError, labelled_inquiries

RECORDS = labelled_inquiries()


def test_the_set_ships_inside_the_package() -> None:
    resource = resources.files("luodi.dialogue").joinpath(CORPUS_RESOURCE)
    assert resource.is_file()
    packaged = Path(str(resource))
    assert packaged.parts[-4:] == ("luodi", "dialogue", "data", "labelled_inquiries.jsonl")
    assert len(labelled_inquiries(packaged)) == len(RECORDS)


def test_at_least_360_records_without_duplicate_ids_or_texts() -> None:
    assert len(RECORDS) >= 360
    assert len({r.id for r in RECORDS}) == len(RECORDS)
    assert len({r.text for r in RECORDS}) == len(RECORDS)
    # Near-duplicates (same text but for punctuation and spaces) would also leak across the split.
    squeezed = {"".join(ch for ch in r.text if ch.isalnum()) for r in RECORDS}
    assert len(squeezed) == len(RECORDS)


def test_every_label_is_a_contract_value() -> None:
    kinds = {c.value for c in DEPARTMENT_KINDS}
    categories = {c.value for c in INQUIRY_CATEGORIES}
    inquiry_kinds = {c.value for c in INQUIRY_KINDS}
    for record in RECORDS:
        assert record.department_kind in kinds, record.id
        assert record.category in categories, record.id
        assert record.kind in inquiry_kinds, record.id


def test_at_least_eleven_kinds_with_twenty_each() -> None:
    counts = Counter(r.department_kind for r in RECORDS)
    assert len(counts) >= 11
    assert min(counts.values()) >= 20, counts
    for required in ("hr_social_security", "finance", "tax", "talent_office", "public_security"):
        assert counts[required] >= 20


def test_texts_vary_in_length_and_kind_of_inquiry() -> None:
    lengths = sorted(len(r.text) for r in RECORDS)
    assert lengths[0] <= 15
    assert lengths[-1] >= 100
    kinds = Counter(r.kind for r in RECORDS)
    assert set(kinds) == {c.value for c in INQUIRY_KINDS}
    assert min(kinds.values()) >= 20


def test_no_single_word_gives_the_label_away() -> None:
    # A label that one department name always announces would make the task trivial: mentions of
    # "财政" or "科技局" also appear under other departments' inquiries.
    for word, own in (("财政", "finance"), ("科技局", "science_technology"), ("人社", None)):
        holders = {r.department_kind for r in RECORDS if word in r.text}
        assert holders - {own}, word


def _write(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines),
        encoding="utf-8",
    )
    return path


GOOD = {
    "id": "X-1",
    "text": "个税怎么算",
    "department_kind": "tax",
    "category": "tax",
    "kind": "inquiry",
}


def test_a_valid_file_is_read_in_order(tmp_path: Path) -> None:
    other = {**GOOD, "id": "X-2", "text": "落户要什么材料", "department_kind": "public_security"}
    records = labelled_inquiries(_write(tmp_path, GOOD, "", other))
    assert [r.id for r in records] == ["X-1", "X-2"]
    assert records[1].department_kind == "public_security"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["{not json"], "not JSON"),
        (["[1, 2]"], "not a JSON object"),
        ([{**GOOD, "kind": None}], "kind is empty"),
        ([{k: v for k, v in GOOD.items() if k != "text"}], "missing text"),
        ([{**GOOD, "department_kind": "weather"}], "unknown department_kind 'weather'"),
        ([{**GOOD, "category": "lottery"}], "unknown category 'lottery'"),
        ([GOOD, {**GOOD, "text": "别的问题"}], "duplicate id (first on line 1)"),
        ([GOOD, {**GOOD, "id": "X-2"}], "duplicate text (first on line 1)"),
        ([""], "no records"),
    ],
)
def test_bad_files_say_where_and_why(tmp_path: Path, lines: list[object], message: str) -> None:
    with pytest.raises(CorpusError, match="bad labelled inquiries") as caught:
        labelled_inquiries(_write(tmp_path, *lines))
    assert message in str(caught.value)


def test_a_missing_file_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="file not found"):
        labelled_inquiries(tmp_path / "nowhere.jsonl")
