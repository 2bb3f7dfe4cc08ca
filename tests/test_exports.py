"""Every file Orbit writes reads back, and no cell of any CSV or XLSX it writes starts a formula (issue 11).

Covers the design files of every format (``orbit.dumps``, ``orbit convert``,
the app's design downloads) and the analysis tables (``orbit analyse
--format csv``, the app's analysis CSV and JSON), with hostile texts in
cells, column headers, design attribute keys and journey names.
"""

from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import FORMATS, comparable, examples, organisations

from orbit import Organisation, analyse, dumps, load
from orbit.cli import main

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
HOSTILE_TEXTS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=quoted", "plain", "-5"]


def live_formulas(cells) -> list[str]:
    """Cells a spreadsheet would run as a formula: text starting with = + - @ tab or CR that is not a number."""
    return [c for c in cells if isinstance(c, str) and FORMULA_START.match(c) and not PLAIN_NUMBER.match(c)]


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]


def xlsx_cells(data: bytes) -> list:
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False)  # formulas as formulas
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                out.append(cell.value)
    return out


def assert_no_live_formula(data: bytes, fmt: str) -> None:
    cells = csv_cells(data) if fmt == "csv" else xlsx_cells(data)
    assert live_formulas(cells) == []


@st.composite
def hostile_organisations(draw) -> Organisation:
    """Valid organisations whose column names, design keys and texts start like formulas."""
    org = draw(organisations(max_units=8))
    records = org.records()
    for name in draw(st.lists(st.sampled_from(HOSTILE_TEXTS), max_size=3, unique_by=str.strip)):
        for rec in records:
            if draw(st.booleans()):
                rec[name] = draw(st.sampled_from(HOSTILE_TEXTS))
    attrs = dict(org.attrs)
    for key in draw(st.lists(st.sampled_from(HOSTILE_TEXTS), max_size=2, unique_by=str.strip)):
        attrs[key] = draw(st.sampled_from(HOSTILE_TEXTS))
    return Organisation.from_records(records, name=org.name, customer=org.customer, journeys=org.journeys, attrs=attrs)


@given(org=hostile_organisations(), fmt=st.sampled_from(FORMATS))
@settings(max_examples=examples(150))
def test_every_written_design_reads_back_and_holds_no_live_formula(org, fmt):
    data, _ = dumps(org, fmt)
    back = load(data, name=f"written.{fmt}")
    if fmt == "csv":
        assert comparable(back, as_text=True) == comparable(org, as_text=True)
    else:
        assert back.records() == org.records()
        if fmt != "xlsx":
            assert back.attrs == org.attrs
        else:  # XLSX keeps plain attributes (and says so); the hostile keys are plain
            assert {k: v for k, v in back.attrs.items()} == {
                k: v for k, v in org.attrs.items() if isinstance(v, (str, int, float))
            }
    if fmt in ("csv", "xlsx"):
        assert_no_live_formula(data, fmt)


@given(org=hostile_organisations(), fmt=st.sampled_from(["yaml", "json", "graphml", "xlsx"]))
@settings(max_examples=examples(60))
def test_a_written_file_converts_on_without_loss(org, fmt):
    """What Orbit writes it reads, and what it reads it writes again: no file Orbit writes is refused later."""
    first = load(dumps(org, fmt)[0], name=f"a.{fmt}")
    for out in FORMATS:
        load(dumps(first, out)[0], name=f"b.{out}")


HOSTILE_YAML = """name: '=Org'
customer: '+Kunde'
'=design key': '@value'
units:
  - {id: '=ceo', name: '-Chef', kind: '@lead', headcount: 1, '=cost': '=1+1'}
  - {id: '+sales', parent: '=ceo', serves: [customer], headcount: 5, '=cost': '-3'}
  - {id: ops, parent: '=ceo', serves: ['+sales'], '@site': "\\tKöln"}
journeys:
  - {name: '=order', steps: ['+sales', ops]}
"""


@pytest.fixture
def hostile_file(tmp_path):
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_YAML, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_convert_writes_files_that_read_back_without_live_formulas(tmp_path, hostile_file, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["convert", str(hostile_file), str(out)]) == 0
    back, org = load(out), load(hostile_file)
    assert list(back.ids) == list(org.ids) and back.unit("ops")["serves"] == ["+sales"]
    assert "=cost" in back.attribute_columns
    if fmt in ("csv", "xlsx"):
        assert_no_live_formula(out.read_bytes(), fmt)
    if fmt == "xlsx":
        assert back.attrs["=design key"] == "@value" and back.name == "=Org"


@pytest.mark.parametrize("summary", [False, True])
def test_analyse_csv_output_holds_no_live_formula_and_reads_back(hostile_file, capsys, summary):
    assert main(["analyse", str(hostile_file), "--format", "csv", *(["--summary"] if summary else [])]) == 0
    out = capsys.readouterr().out.encode()
    assert live_formulas(csv_cells(out)) == []
    rows = list(csv.DictReader(io.StringIO(out.decode(), newline="")))
    if not summary:
        assert [r["id"] for r in rows] == ["'=ceo", "'+sales", "ops"]
        table = load(out, name="analysis.csv")  # the escaped ids read back as they were
        assert list(table.ids) == ["=ceo", "+sales", "ops"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_app_design_downloads_read_back_without_live_formulas(hostile_file, fmt):
    from orbit.app import downloads as appkit

    org = load(hostile_file)
    data, _ = appkit.design_bytes(org, fmt)
    back = load(data, name=f"download.{fmt}")
    assert list(back.ids) == list(org.ids)
    if fmt in ("csv", "xlsx"):
        assert_no_live_formula(data, fmt)


def test_app_analysis_downloads_hold_no_live_formula(hostile_file):
    from orbit.app import downloads as appkit

    a = analyse(load(hostile_file))
    data = appkit.analysis_csv(a)
    assert live_formulas(csv_cells(data)) == []
    header = next(csv.reader(io.StringIO(data.decode())))
    assert header[0] == "id" and "hops" in header
    assert json.loads(appkit.analysis_json(a))["summary"]["units"] == 3
