"""Where a command's data comes from: the demo district, a folder of tables, or a database."""

from __future__ import annotations

from pathlib import Path

from luodi.contract import Dataset

__all__ = ["SOURCE_FORMS", "load_dataset"]

SOURCE_FORMS = (
    '"demo" (the seeded demo district C), the path of a folder of contract tables, or a '
    "database URL (sqlite:///path/to/luodi.sqlite3, postgresql://user@host:port/name)"
)


def load_dataset(source: str) -> Dataset:
    """The dataset named by ``source``: "demo", an existing folder, or a database URL.

    Folders and databases are validated against the contract before anything is returned;
    a problem raises ``ValidationFailed`` listing every problem with its table, row and column.
    """
    if source == "demo":
        from luodi.demo import generate

        return generate()
    from luodi.contract.database import is_database_url, read_database

    if is_database_url(source):
        return read_database(source)
    path = Path(source)
    if path.is_dir():
        from luodi.contract.validate import read_dataset

        dataset: Dataset = read_dataset(path)
        return dataset
    raise ValueError(
        f"unknown data source {source!r}: it is neither 'demo', an existing folder nor a "
        f"database URL; pass {SOURCE_FORMS}"
    )
