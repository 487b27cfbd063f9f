"""The shipped evaluation data are well formed and follow the labelling rules of data/README.md."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from luodi.text import ELEMENTS
from luodi.text.evaluation import DATA_DIR

# The closed lexicon of data/README.md (the labels' rules, not the analyser's).
LEXICON = [
    "按要求",
    "探索",
    "一定",
    "适当",
    "原则上",
    "酌情",
    "视情况",
    "视情",
    "相应",
    "有关",
    "积极",
    "鼓励",
    "给予支持",
    "妥善解决",
    "逐步",
    "适时",
    "必要时",
    "进一步",
]
_LEXICON_RE = re.compile("|".join(sorted(LEXICON, key=len, reverse=True)))
RULES = {"E1", "E2", "E3", "E4", "E5", "E6"}


def _rows(name: str) -> list[dict[str, Any]]:
    path: Path = DATA_DIR / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def clauses() -> list[dict[str, Any]]:
    return _rows("labelled_clauses.jsonl")


def test_sizes_and_split(clauses: list[dict[str, Any]]) -> None:
    splits = Counter(c["split"] for c in clauses)
    assert len(clauses) >= 170
    assert splits["test"] >= 50
    assert set(splits) == {"train", "test"}
    assert len({c["id"] for c in clauses}) == len(clauses)
    assert {c["level"] for c in clauses} == {"central", "provincial", "city", "district"}
    assert all(set(c["elements"]) == set(ELEMENTS) for c in clauses)


def test_every_span_is_the_text_at_its_offsets(clauses: list[dict[str, Any]]) -> None:
    for c in clauses:
        for span in c["vague"] + c["hard_negatives"]:
            assert c["text"][span["start"] : span["end"]] == span["term"], c["id"]
            assert span["term"] in LEXICON, c["id"]


def test_every_lexicon_word_is_labelled_vague_or_a_hard_negative(
    clauses: list[dict[str, Any]],
) -> None:
    for c in clauses:
        found = {(m.group(), m.start(), m.end()) for m in _LEXICON_RE.finditer(c["text"])}
        labelled = {(s["term"], s["start"], s["end"]) for s in c["vague"] + c["hard_negatives"]}
        assert found == labelled, c["id"]


def test_every_exception_class_has_train_and_test_examples(
    clauses: list[dict[str, Any]],
) -> None:
    seen = {(s["rule"], c["split"]) for c in clauses for s in c["hard_negatives"]}
    assert {r for r, _ in seen} == RULES
    assert all((rule, split) in seen for rule in RULES for split in ("train", "test"))


def test_hard_negatives_follow_their_rules(clauses: list[dict[str, Any]]) -> None:
    for c in clauses:
        text = c["text"]
        for s in c["hard_negatives"]:
            before, after = text[: s["start"]], text[s["end"] :]
            if s["rule"] == "E1":
                assert before.count("《") > before.count("》") or before.count("“") > before.count(
                    "”"
                ), c["id"]
            elif s["rule"] == "E2":
                assert re.match(r"(期限|比例|数额|金额|年限|名额)(（[^）]*\d|即|为)", after), c[
                    "id"
                ]
            elif s["rule"] == "E3":
                assert re.search(r"(》|号）)$", before)
                assert re.match(r"(规定|要求|条款)", after)
            elif s["rule"] == "E4":
                assert after.startswith("类"), c["id"]
            elif s["rule"] == "E5":
                assert "与" in before, c["id"]
            else:
                assert after.startswith("要"), c["id"]


def test_conflict_corpus_and_pairs() -> None:
    corpus = {c["id"]: c for c in _rows("conflict_corpus.jsonl")}
    pairs = _rows("conflict_pairs.jsonl")
    assert len(corpus) >= 80
    assert len(pairs) >= 24
    assert sum(p["split"] == "test" for p in pairs) >= 10
    assert len({c["issuer"] for c in corpus.values()}) >= 20
    for p in pairs:
        a, b = corpus[p["a"]], corpus[p["b"]]
        assert a["issuer"] != b["issuer"]
        assert a["split"] == b["split"] == p["split"]
        assert p["kind"] in {"modality", "number"}
        assert p["subject"]
    assert {p["kind"] for p in pairs if p["split"] == "test"} == {"modality", "number"}
    texts = " ".join(c["text"] for c in corpus.values())
    # The study's two conflicts.
    assert "择校" in texts
    assert "党政领导干部不得在企业兼职" in texts
