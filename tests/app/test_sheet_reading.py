"""The shared header binding of every import (tiendo.core.sheet_reading): a column refused for its unit either
still counts as present (the project workbook) or lets a later column of its field be read (the Treasury report)."""

from dataclasses import dataclass

import pytest

from tiendo.core.sheet_reading import bind_header, missing_columns
from tiendo.domain.tabular import header_key


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    required: bool = True


AMOUNT = Column("amount", "Số tiền")
CODE = Column("code", "Mã dự án")
BY_KEY = {header_key(c.header): c for c in (AMOUNT, CODE)}


def refuse_xu(column, unit):
    return "Đơn vị 'xu' không dùng được." if column is AMOUNT and unit == "xu" else None


def bind(header, **options):
    errors = []
    bound, present = bind_header("S", 1, header, BY_KEY.get, errors, unit_problem=refuse_xu, **options)
    missing_columns("S", 1, (AMOUNT, CODE), present, errors)
    return [(b.index, b.column.field) for b in bound], [(e.column, e.message) for e in errors]


def test_columns_in_any_order_unknown_ones_skipped():
    assert bind(["STT", "Số tiền", "Ghi chú", "Mã dự án"]) == ([(1, "amount"), (3, "code")], [])


def test_a_repeated_column_is_refused_and_named_with_the_first():
    bound, errors = bind(["Mã dự án", "Số tiền", "Mã dự án"])
    assert bound == [(0, "code"), (1, "amount")]
    assert errors == [("C", "Cột 'Mã dự án' lặp lại (đã có ở cột A).")]


def test_a_missing_required_column_is_reported():
    assert bind(["Mã dự án"])[1] == [("", "Thiếu cột bắt buộc 'Số tiền'.")]


@pytest.mark.parametrize(
    ("refused_counts", "bound", "errors"),
    [
        # the workbook: the refused column still names the field, so the next one is a repeat
        (True, [(0, "code")], [("B", "Đơn vị 'xu' không dùng được."), ("C", "Cột 'Số tiền' lặp lại (đã có ở cột B).")]),
        # the Treasury report: the next column of the field is read, the errors name the real problem only
        (False, [(0, "code"), (2, "amount")], [("B", "Đơn vị 'xu' không dùng được.")]),
    ],
)
def test_a_column_refused_for_its_unit(refused_counts, bound, errors):
    header = ["Mã dự án", "Số tiền (xu)", "Số tiền (đồng)"]
    assert bind(header, refused_counts=refused_counts) == (bound, errors)


def test_a_lone_column_refused_for_its_unit_is_missing_only_when_it_does_not_count():
    header = ["Mã dự án", "Số tiền (xu)"]
    assert bind(header)[1] == [("B", "Đơn vị 'xu' không dùng được.")]
    assert bind(header, refused_counts=False)[1] == [
        ("B", "Đơn vị 'xu' không dùng được."),
        ("", "Thiếu cột bắt buộc 'Số tiền'."),
    ]
