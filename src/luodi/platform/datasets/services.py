"""Replace the contract tables of the platform database with a dataset."""

from __future__ import annotations

from django.db import connection, transaction

from luodi.contract import TABLE_ORDER, Dataset
from luodi.platform.datasets.tables import contract_model, field_attnames

__all__ = ["dataset_replace", "tables_wipe"]

BATCH_SIZE = 1000
DESK_TABLES = (
    "dialogue_inquiry_events",
    "dialogue_inquiry_attachments",
    "dialogue_inquiry_contacts",
    "dialogue_notices",
    "dialogue_faq",
    "surveys_drafts",
    "surveys_invitations",
    "surveys_personal_answers",
    "surveys_setups",
)


def tables_wipe() -> None:
    """Delete every row of every contract table, dependants first."""
    with connection.cursor() as cursor:
        # The dialogue desk's own records point at contract rows (inquiries, persons, clauses,
        # cases) without being contract tables: emptied first, or their keys would dangle.
        for name in DESK_TABLES:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(name)}")  # noqa: S608 (constant)
        for table in reversed(TABLE_ORDER):
            # A plain DELETE: the ORM's cascade collector would fetch every row first, and
            # PROTECT on self-references (regions, policies, clauses) would refuse.
            # On PostgreSQL the event log refuses DELETE (append-only trigger, cases 0003);
            # replacing the whole dataset empties it with TRUNCATE, which row triggers skip.
            truncate = table.name == "events" and connection.vendor == "postgresql"
            verb = "TRUNCATE" if truncate else "DELETE FROM"
            cursor.execute(f"{verb} {connection.ops.quote_name(table.name)}")


@transaction.atomic
def dataset_replace(*, dataset: Dataset) -> dict[str, int]:
    """Wipe the contract tables and insert ``dataset``, in dependency order, in one transaction.

    Returns the row count per table. Referential errors surface here, not at commit, because
    the deferred constraints are checked before returning.
    """
    tables_wipe()
    counts: dict[str, int] = {}
    for table in TABLE_ORDER:
        model = contract_model(table)
        attnames = field_attnames(table)
        data = dataset[table.name]
        for batch in data.to_batches(max_chunksize=BATCH_SIZE):
            columns = [batch.column(name).to_pylist() for name in table.column_names]
            objects = [
                model(**dict(zip(attnames, values, strict=True)))
                for values in zip(*columns, strict=True)
            ]
            model._default_manager.bulk_create(objects, batch_size=BATCH_SIZE)
        counts[table.name] = data.num_rows
    connection.check_constraints(table_names=[table.name for table in TABLE_ORDER])
    return counts
