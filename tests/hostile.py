"""Crafted bad files, as an attacker or a careless user makes them (issue 11).

Plain builders, independent of ``orbit.formats``, shared by the targeted
tests (``test_hostile.py``) and the denial-of-service benchmark
(``benchmarks/refusals.py``). XLSX files are written with openpyxl and then
have their XML edited, the way other tools write them.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

GRAPHML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">\n'
)


def yaml_units(units: list[dict], top: str = "") -> bytes:
    """YAML with one flow mapping per unit on its own line (unit ``i`` on line ``i + 2`` plus ``top``'s lines)."""
    lines = [*top.splitlines(), "units:", *(f"  - {json.dumps(u)}" for u in units)]
    return ("\n".join(lines) + "\n").encode()


def json_units(units: list[dict]) -> bytes:
    """JSON with one unit per line, unit ``i`` on line ``i + 2``."""
    return ('{"units": [\n' + ",\n".join(json.dumps(u) for u in units) + "\n]}\n").encode()


def graphml(body: str, keys: str = "") -> bytes:
    return (GRAPHML_HEAD + keys + body + "</graphml>\n").encode()


def graphml_units(units: list[dict]) -> bytes:
    """Nodes (one per line, unit ``i`` on line ``i + 5 + number of keys``) with their data as strings."""
    fields = sorted({k for u in units for k in u if k != "id"})
    keys = "".join(f'  <key id="{f}" for="node" attr.name="{f}" attr.type="string"/>\n' for f in fields)
    nodes = "".join(
        f'    <node id="{u["id"]}">' + "".join(f'<data key="{f}">{u[f]}</data>' for f in fields if f in u) + "</node>\n"
        for u in units
    )
    return graphml('  <graph edgedefault="directed">\n' + nodes + "  </graph>\n", keys)


def csv_rows(rows: list[list], sep: str = ",") -> bytes:
    return ("\n".join(sep.join(str(c) for c in r) for r in rows) + "\n").encode()


def xlsx(rows: list[list], *, sheet: str = "units") -> bytes:
    """A workbook written by openpyxl (text starting with ``=`` becomes a formula without a saved value)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def edit_member(data: bytes, member: str, edit) -> bytes:
    """The workbook with ``edit(xml_text) -> xml_text`` applied to one member."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            content = src.read(name)
            if name == member:
                content = edit(content.decode("utf-8")).encode("utf-8")
            dst.writestr(name, content)
    return buf.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def with_dimension(data: bytes, ref: str) -> bytes:
    """The workbook with its first sheet's ``<dimension>`` set to ``ref`` (a lie, as other tools write)."""

    def edit(xml: str) -> str:
        if "<dimension" in xml:
            return re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', xml)
        return xml.replace("<sheetData", f'<dimension ref="{ref}"/><sheetData', 1)

    return edit_member(data, SHEET, edit)


def xlsx_sheet_xml(rows_xml: str, *, dimension: str | None = None) -> bytes:
    """A minimal workbook whose first sheet's ``<sheetData>`` is ``rows_xml`` (inline strings).

    ``dimension`` is the ``<dimension>`` to claim; none is written when it is None.
    """
    base = xlsx([["id"]])

    def edit(xml: str) -> str:
        head = re.sub(r'<dimension ref="[^"]*"\s*/>', "", xml[: xml.index("<sheetData")])
        if dimension is not None:
            head = head.replace("<sheetViews", f'<dimension ref="{dimension}"/><sheetViews', 1)
        tail = xml[xml.index("</sheetData>") + len("</sheetData>") :]
        return head + "<sheetData>" + rows_xml + "</sheetData>" + tail

    return edit_member(base, SHEET, edit)


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# ---------------------------------------------------------------- denial of service, small files
def column_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def dos_xlsx_huge_dimension() -> bytes:
    """A two-row workbook that claims to span A1:XFD1048576."""
    rows = f'<row r="1">{inline("A1", "id")}</row><row r="2">{inline("A2", "a")}</row>'
    rows += '<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    return xlsx_sheet_xml(rows, dimension="A1:XFD1048576")


def dos_xlsx_wide(columns: int = 16_384) -> bytes:
    """A header of 16,384 columns."""
    cells = inline("A1", "id") + "".join(inline(f"{column_letters(k)}1", f"c{k}") for k in range(2, columns + 1))
    return xlsx_sheet_xml(f'<row r="1">{cells}</row><row r="2">{inline("A2", "a")}</row>')


def dos_xlsx_empty_rows(rows: int = 1_000_000) -> bytes:
    """Two real rows, then a million formatted but empty ones."""
    body = f'<row r="1">{inline("A1", "id")}</row><row r="2">{inline("A2", "a")}</row>'
    body += "".join(f'<row r="{r}"><c r="A{r}" s="1"/></row>' for r in range(3, rows + 3))
    return xlsx_sheet_xml(body)


def dos_csv_wide(columns: int = 100_000) -> bytes:
    return (",".join(["id", *(f"c{k}" for k in range(columns))]) + "\n" + "a" + "," * columns + "\n").encode()


def dos_csv_long_header(size: int = 44 << 20) -> bytes:
    return b"id," + b"x" * size + b"\n"


def dos_deep(fmt: str, depth: int = 100_000) -> bytes:
    if fmt == "yaml":
        return b"units: " + b"[" * depth + b"]" * depth + b"\n"
    if fmt == "json":
        return b'{"units": ' + b"[" * depth + b"]" * depth + b"}\n"
    keys = '  <key id="j" for="graph" attr.name="journeys" attr.type="string"/>\n'
    body = f'  <graph edgedefault="directed"><data key="j">{"[" * depth}{"]" * depth}</data><node id="a"/></graph>\n'
    return graphml(body, keys)


def dos_one_line(fmt: str, size: int = 50 << 20) -> bytes:
    """A 50 MB organisation name on one line."""
    name = "x" * size
    if fmt == "yaml":
        return f"name: {name}\nunits: [{{id: a}}]\n".encode()
    return json.dumps({"name": name, "units": [{"id": "a"}]}).encode()


def dos_long_name(size: int = 5 << 20) -> bytes:
    return json.dumps({"name": "O" * size, "units": [{"id": "a", "serves": ["customer"]}]}).encode()


def dos_cycle(n: int = 10_000) -> bytes:
    """One reporting cycle through n units."""
    rows = [["id", "parent"]] + [[f"u{k}", f"u{(k + 1) % n}"] for k in range(n)]
    return csv_rows(rows)
