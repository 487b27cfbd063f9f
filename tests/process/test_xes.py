"""The XES/CSV reader and writer: real logs, PM4Py round trips, specific errors."""

from __future__ import annotations

import gzip
from pathlib import Path

import pm4py
import pyarrow as pa
import pytest

from luodi.process import EventLogReadError, read_csv, read_xes, write_csv, write_xes
from luodi.process.xes import CORE_COLUMNS
from tests.process.conftest import table_of


def test_receipt_columns(receipt: Path) -> None:
    table = read_xes(path=receipt)
    assert table.num_rows == 8577
    assert table.column_names[: len(CORE_COLUMNS)] == list(CORE_COLUMNS)
    assert table.schema.field("timestamp").type == pa.timestamp("us")
    assert "case:channel" in table.column_names
    assert table["group"].null_count == 0
    # 13:45:40.276+02:00 is 11:45:40.276 UTC.
    assert str(table["timestamp"][0]) == "2011-10-11 11:45:40.276000"


def test_parallel_and_single_process_agree(roadtraffic: Path) -> None:
    one = read_xes(path=roadtraffic, workers=1)
    assert one.num_rows == 390
    data = roadtraffic.read_bytes()
    from luodi.process.xes import _chunks, _event_tables

    chunks = _chunks(data, 3)
    assert chunks is not None
    parts = pa.concat_tables(
        [_event_tables(c, roadtraffic) for c in chunks], promote_options="default"
    )
    assert parts.select(list(CORE_COLUMNS)).equals(one.select(list(CORE_COLUMNS)))


def test_xes_round_trip_through_pm4py(receipt: Path, tmp_path: Path) -> None:
    table = read_xes(path=receipt)
    target = tmp_path / "receipt.xes"
    write_xes(table=table, path=target)
    frame = pm4py.read_xes(str(target), show_progress_bar=False)
    assert len(frame) == table.num_rows
    assert frame["case:concept:name"].nunique() == 1434
    assert list(frame["concept:name"][:3]) == table["activity"].to_pylist()[:3]
    assert frame["org:group"].notna().all()
    again = read_xes(path=target)
    assert again.select(list(CORE_COLUMNS)).equals(table.select(list(CORE_COLUMNS)))


def test_gzip_round_trip_keeps_types(roadtraffic: Path, tmp_path: Path) -> None:
    table = read_xes(path=roadtraffic)
    target = tmp_path / "road.xes.gz"
    write_xes(table=table, path=target)
    frame = pm4py.read_xes(str(target), show_progress_bar=False)
    assert frame["amount"].dtype.kind == "f"
    assert read_xes(path=target).select(list(CORE_COLUMNS)).equals(table.select(list(CORE_COLUMNS)))


def test_csv_round_trip(roadtraffic: Path, tmp_path: Path) -> None:
    table = read_xes(path=roadtraffic)
    target = tmp_path / "road.csv"
    write_csv(table=table, path=target)
    again = read_csv(path=target)
    assert again.select(list(CORE_COLUMNS)).equals(table.select(list(CORE_COLUMNS)))


def test_missing_activity_is_read_as_null(tmp_path: Path) -> None:
    target = tmp_path / "gap.xes"
    write_xes(table=table_of({"c1": ["A", None, "B"]}), path=target)
    assert read_xes(path=target)["activity"].to_pylist() == ["A", None, "B"]


def test_not_xes(tmp_path: Path) -> None:
    target = tmp_path / "page.xes"
    target.write_text("<html><body/></html>")
    with pytest.raises(EventLogReadError, match=r"page\.xes.*not an XES log \(the root element"):
        read_xes(path=target)


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    target = tmp_path / "broken.xes"
    target.write_text('<log>\n<trace>\n<event>\n<string key="a" value="x">\n</event></trace></log>')
    with pytest.raises(EventLogReadError, match=r"broken\.xes, line 5: malformed XML") as caught:
        read_xes(path=target)
    assert caught.value.line == 5


def test_truncated_gzip(receipt: Path, tmp_path: Path) -> None:
    target = tmp_path / "cut.xes.gz"
    target.write_bytes(receipt.read_bytes()[:50_000])
    with pytest.raises(EventLogReadError, match=r"cut\.xes\.gz: the gzip stream is truncated"):
        read_xes(path=target)


def test_truncated_xml_inside_valid_gzip(tmp_path: Path) -> None:
    target = tmp_path / "short.xes.gz"
    target.write_bytes(gzip.compress(b"<log><trace><event>"))
    with pytest.raises(EventLogReadError, match=r"short\.xes\.gz, line 1: malformed XML"):
        read_xes(path=target)


def test_csv_without_required_columns(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    target.write_text("case,activity\n1,A\n")
    with pytest.raises(EventLogReadError, match=r"log\.csv, line 1: the header lacks"):
        read_csv(path=target)
