"""One analysis code path for small and huge files; limits; hostile archives."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orbit
from orbit import formats
from orbit.cli import main
from orbit.formats import table as table_format
from orbit.formats import xlsx as xlsx_format
from orbit.generate import generate_csv, generate_tables


def analysis_view(org):
    a = orbit.analyse(org)
    units = a.units[["id", "parent", "headcount", "hops", "ring", "flagged", "level", "department", "reports"]]
    return units.astype(str).values.tolist(), a.summary


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 300), seed=st.integers(0, 10_000), touch=st.floats(0, 1), service=st.floats(0, 0.2))
def test_csv_columns_and_python_records_give_the_same_answers(tmp_path_factory, n, seed, touch, service):
    """The vectorised CSV path (arrow text columns) and the record path agree exactly."""
    units, serves = generate_tables(n, seed=seed, touchpoint_share=touch, service_share=service)
    records = units.astype(object).where(units.notna(), None).to_dict(orient="records")
    lists = serves.groupby("source", sort=False)["target"].agg(list)
    for rec in records:
        rec["serves"] = lists.get(rec["id"], [])
    from_records = orbit.Organisation.from_records(records)
    path = tmp_path_factory.mktemp("csv") / "org.csv"
    generate_csv(path, n, seed=seed, touchpoint_share=touch, service_share=service)
    from_csv = orbit.load(path)
    assert analysis_view(from_csv) == analysis_view(from_records)


def test_row_limit(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(table_format, "MAX_ROWS", 5)
    f = tmp_path / "big.csv"
    f.write_text("id\n" + "\n".join(f"u{i}" for i in range(6)) + "\n")
    assert main(["validate", str(f)]) == 2
    assert "6 rows; the limit is 5" in capsys.readouterr().err


def test_cell_length_limit_names_the_line(tmp_path, capsys):
    f = tmp_path / "long.csv"
    f.write_text("id,name\na,ok\nb," + "x" * (formats.MAX_CELL_CHARS + 1) + "\n")
    assert main(["validate", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {f}:3: ") and "longer than" in err


def test_file_size_limit(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(formats, "MAX_FILE_BYTES", 100)
    f = tmp_path / "org.yaml"
    f.write_text("units:\n" + "".join(f"  - id: unit{i}\n" for i in range(20)))
    assert main(["validate", str(f)]) == 2
    assert "the limit is" in capsys.readouterr().err


def zip_with(member: str, payload: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(member, payload)
    return buf.getvalue()


def test_xlsx_zip_bomb_is_refused_before_unpacking(tmp_path, capsys, monkeypatch):
    bomb = zip_with("xl/worksheets/sheet1.xml", b"\0" * (64 << 20))  # 64 MiB of zeros: ~64 KiB zipped
    assert len(bomb) < 1 << 20
    opened = []
    monkeypatch.setattr(xlsx_format, "_open_workbook", lambda *a, **k: opened.append(1))
    f = tmp_path / "bomb.xlsx"
    f.write_bytes(bomb)
    assert main(["validate", str(f)]) == 2
    assert "zip bomb" in capsys.readouterr().err
    assert opened == []  # refused from the directory alone, never handed to openpyxl


def test_xlsx_total_size_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(xlsx_format, "MAX_XLSX_UNPACKED", 1000)
    f = tmp_path / "wide.xlsx"
    f.write_bytes(zip_with("xl/worksheets/sheet1.xml", np.random.default_rng(0).bytes(5000)))
    assert main(["validate", str(f)]) == 2
    assert "unpacks to" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_neutralise_formulas_but_keep_numbers(tmp_path, fmt):
    org = orbit.Organisation.from_records(
        [
            {"id": "a", "name": '=HYPERLINK("http://x")', "kind": "+team", "note": "@SUM(A1)", "delta": -5},
            {"id": "b", "name": "-minus", "kind": "team", "note": "\tcmd", "delta": 3},
        ]
    )
    path = tmp_path / f"out.{fmt}"
    orbit.save(org, path)
    if fmt == "csv":
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        cells = dict(zip(raw["id"], raw["name"], strict=True))
        assert cells == {"a": '\'=HYPERLINK("http://x")', "b": "'-minus"}
        assert raw.loc[raw["id"] == "a", "note"].item() == "'@SUM(A1)"
        assert raw.loc[raw["id"] == "a", "delta"].item() == "-5"
        assert raw.loc[raw["id"] == "b", "note"].item() == "'\tcmd"
    else:
        import openpyxl

        ws = openpyxl.load_workbook(path).worksheets[0]
        values = [[c.value for c in row] for row in ws.iter_rows()]
        header = values[0]
        row_a = dict(zip(header, values[1], strict=True))
        assert row_a["name"].startswith("'=") and row_a["kind"] == "'+team" and row_a["delta"] == -5
        assert dict(zip(header, values[2], strict=True))["note"] == "'\tcmd"
    back = orbit.load(path)
    assert back.unit("a")["name"] == '=HYPERLINK("http://x")'
    assert back.unit("b")["note"] == "\tcmd" and back.unit("a")["kind"] == "+team"


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 200),
    seed=st.integers(0, 10_000),
    sep=st.sampled_from([",", ";", "\t"]),
    quoting=st.sampled_from([0, 1]),  # csv.QUOTE_MINIMAL, csv.QUOTE_ALL
    extra=st.lists(st.text(alphabet="aé ,;'=\"x", max_size=8), min_size=1, max_size=1),
)
def test_fast_and_exact_csv_readers_agree(n, seed, sep, quoting, extra):
    """Big files take pyarrow's reader, small ones the C reader: same organisation either way."""
    units, serves = generate_tables(n, seed=seed)
    units["note"] = extra[0]
    units["serves"] = units["id"].map(serves.groupby("source", sort=False)["target"].agg("|".join))
    data = units.to_csv(index=False, sep=sep, quoting=quoting).encode("utf-8")
    exact = orbit.load(data, name="org.csv")
    assert table_format._read_large_csv(data, data.decode(), sep) is not None  # the fast reader takes it
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(table_format, "FAST_CSV_BYTES", 0)
        fast = orbit.load(data, name="org.csv")
    assert fast.units.equals(exact.units)
    assert fast.serves.equals(exact.serves)


def test_fast_reader_falls_back_for_errors_with_lines(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(table_format, "FAST_CSV_BYTES", 0)
    f = tmp_path / "ragged.csv"
    f.write_text("id,parent\na,\nb,a,extra\n")
    assert main(["validate", str(f)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {f}:3: row has 3 cells but the header has 2")
