"""A jieba tokenizer of its own for each caller, loaded without jieba's noise."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from typing import Any

__all__ = ["jieba_tokenizer"]


def jieba_tokenizer(words: Iterable[tuple[str, int | None]] = ()) -> Any:
    """A fresh jieba tokenizer with ``words`` (word, frequency or None) added.

    Each caller keeps its own, so the words one adds cannot change another's segmentation.
    Loading reads a 5 MB dictionary: callers cache the result.
    """
    # jieba's modules carry old-style escapes and may import pkg_resources; those warnings are
    # about jieba, not about anything a caller can fix.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, frequency in words:
        tokenizer.add_word(word, freq=frequency)
    return tokenizer
