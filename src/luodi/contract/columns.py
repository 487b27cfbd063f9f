"""A compact way to declare contract columns, used by the table modules."""

from __future__ import annotations

from luodi.contract.schema import Choice, Column, ColumnType, Reference

__all__ = ["col"]


def col(
    name: str,
    type_: ColumnType,
    zh: str,
    en: str,
    *,
    required: bool = True,
    choices: tuple[Choice, ...] = (),
    ref: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    personal: bool = False,
) -> Column:
    reference = None
    if ref is not None:
        ref_table, ref_column = ref.split(".")
        reference = Reference(table=ref_table, column=ref_column)
    return Column(
        name=name,
        type=type_,
        zh=zh,
        en=en,
        required=required,
        choices=choices,
        references=reference,
        minimum=minimum,
        maximum=maximum,
        personal=personal,
    )
