"""The platform's models store exactly the contract's tables and columns."""

from __future__ import annotations

import pytest
from django.db import models

from luodi.contract import TABLE_ORDER, Table
from luodi.platform.datasets.tables import contract_model


@pytest.mark.parametrize("table", TABLE_ORDER, ids=lambda t: t.name)
def test_model_matches_contract_table(table: Table) -> None:
    model = contract_model(table)
    assert model._meta.db_table == table.name
    columns = [field.column for field in model._meta.concrete_fields]
    if len(table.primary_key) == 1:
        # A single-column key is the contract's own id, never a surrogate.
        pk = model._meta.pk
        assert pk is not None
        assert pk.column == table.primary_key[0]
        assert columns == list(table.column_names)
    else:
        # A composite key: a surrogate `id` plus a unique constraint over the contract's key.
        assert columns == ["id", *table.column_names]
        unique = [c for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
        key_columns = [
            [model._meta.get_field(name).column for name in constraint.fields]
            for constraint in unique
        ]
        assert list(table.primary_key) in key_columns


@pytest.mark.parametrize("table", TABLE_ORDER, ids=lambda t: t.name)
def test_nullability_and_choices_follow_the_contract(table: Table) -> None:
    model = contract_model(table)
    by_column = {field.column: field for field in model._meta.concrete_fields}
    for column in table.columns:
        field = by_column[column.name]
        assert field.null is (not column.required), column.name
        if column.choices:
            assert [value for value, _ in field.choices or ()] == [c.value for c in column.choices]
            assert [str(label) for _, label in field.choices or ()] == [
                c.zh for c in column.choices
            ]
        if column.references is not None:
            assert isinstance(field, models.ForeignKey), column.name
            assert field.related_model is contract_model(column.references.table)


def test_migrations_are_up_to_date(db: None) -> None:
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
