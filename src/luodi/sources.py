"""Where a command's data comes from: the demo district or a folder of contract tables."""

from __future__ import annotations

from pathlib import Path

from luodi.contract import Dataset

__all__ = ["SOURCE_FORMS", "load_dataset"]

SOURCE_FORMS = '"demo" (the seeded demo district C) or the path of a folder of contract tables'


def load_dataset(source: str) -> Dataset:
    """The dataset named by ``source``: "demo", or an existing folder of contract tables."""
    if source == "demo":
        from luodi.demo import generate

        return generate()
    path = Path(source)
    if path.is_dir():
        from luodi.contract.validate import read_dataset

        dataset: Dataset = read_dataset(path)
        return dataset
    raise ValueError(
        f"unknown data source {source!r}: it is neither 'demo' nor an existing folder; "
        f"pass {SOURCE_FORMS}"
    )
