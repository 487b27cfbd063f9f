"""On PostgreSQL: the core reads the platform's tables in place, equal to the platform's export."""

from __future__ import annotations

import pytest
from django.db import connection

from luodi.contract.database import read_database
from luodi.contract.tables import TABLE_ORDER
from luodi.demo import generate
from luodi.platform.datasets.selectors import dataset_export
from luodi.platform.datasets.services import dataset_replace

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    # The SQLite run of the suite keeps its test database in memory, out of another
    # connection's reach; `make test-postgres` runs this.
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… (make test-postgres)")


def _url() -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    return (
        f"postgresql://{user}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        f"/{settings['NAME']}"
    )


def test_the_platform_database_reads_as_its_export() -> None:
    dataset_replace(dataset=generate())
    exported = dataset_export(personal=True)
    read = read_database(_url())
    for spec in TABLE_ORDER:
        order = [(k, "ascending") for k in spec.primary_key]
        assert read[spec.name].sort_by(order).equals(exported[spec.name].sort_by(order)), spec.name
