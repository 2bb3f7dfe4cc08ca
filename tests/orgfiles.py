"""Hand-written organisation files in every format, with the line of every unit.

These writers are deliberately independent of ``orbit.formats``: they lay
out each file so that the line where a unit is defined is known in advance,
and they happily write invalid organisations (for the bad-input tests).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

FORMATS = ("csv", "yaml", "json", "xlsx", "graphml")


@dataclass
class OrgFile:
    data: bytes
    name: str
    unit_lines: list[int]
    """Line (as a text editor counts, header = 1) where each unit is defined."""

    def text(self) -> str:
        return self.data.decode("utf-8")

    def line_of(self, needle: str) -> int:
        """The line of the first occurrence of ``needle`` in the file's text."""
        text = self.text()
        pos = text.index(needle)
        return text.count("\n", 0, pos) + 1


def _columns(units: list[dict]) -> list[str]:
    return list(dict.fromkeys(k for u in units for k in u))


def _cell(value):
    if isinstance(value, (list, tuple)):
        return "|".join(value)
    return value


def make_csv(units: list[dict], *, sep: str = ",", newline: str = "\n", columns=None) -> OrgFile:
    columns = columns or _columns(units)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator=newline)
    w.writerow(columns)
    for u in units:
        w.writerow(["" if u.get(c) is None else _cell(u.get(c)) for c in columns])
    return OrgFile(buf.getvalue().encode("utf-8"), "org.csv", [i + 2 for i in range(len(units))])


def make_yaml(units: list[dict], journeys: list[dict] = (), extra: str = "") -> OrgFile:
    # JSON flow mappings are valid YAML, one unit per line
    lines = [*extra.splitlines(), "units:"]
    first = len(lines) + 1
    lines += [f"  - {json.dumps(u)}" for u in units]
    if journeys:
        lines += ["journeys:", *(f"  - {json.dumps(j)}" for j in journeys)]
    return OrgFile(("\n".join(lines) + "\n").encode("utf-8"), "org.yaml", [first + i for i in range(len(units))])


def make_json(units: list[dict], journeys: list[dict] = ()) -> OrgFile:
    body = ",\n".join(json.dumps(u) for u in units)
    text = '{"units": [\n' + body + "\n]"
    if journeys:
        text += ',\n"journeys": [\n' + ",\n".join(json.dumps(j) for j in journeys) + "\n]"
    text += "}\n"
    return OrgFile(text.encode("utf-8"), "org.json", [i + 2 for i in range(len(units))])


def make_xlsx(rows: list[list], journeys: list[list] | None = None, *, sheet: str = "units") -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    if journeys is not None:
        js = wb.create_sheet("journeys")
        for r in journeys:
            js.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def make_xlsx_units(units: list[dict], journeys: list[dict] = ()) -> OrgFile:
    columns = _columns(units)
    rows = [columns] + [[_cell(u.get(c)) for c in columns] for u in units]
    jrows = [["name", "steps"]] + [[j["name"], "|".join(j["steps"])] for j in journeys] if journeys else None
    return OrgFile(make_xlsx(rows, jrows), "org.xlsx", [i + 2 for i in range(len(units))])


def _graphml_type(values) -> str:
    kinds = {type(v) for v in values}
    if kinds <= {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    if kinds <= {bool}:
        return "boolean"
    return "string"


def make_graphml(units: list[dict], edges_first: bool = False) -> OrgFile:
    """One node per line, then one edge per line; parents and serves become edges."""
    fields = [c for c in _columns(units) if c not in ("id", "parent", "serves")]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
    ]
    for f in fields:
        t = _graphml_type([u[f] for u in units if f in u])
        lines.append(f'  <key id="{f}" for="node" attr.name="{f}" attr.type="{t}"/>')
    lines.append('  <graph edgedefault="directed">')
    lines.append('    <node id="customer"/>')
    node_lines = []
    edges = []
    for u in units:
        data = "".join(f'<data key="{f}">{_xml_text(u[f])}</data>' for f in fields if f in u and u[f] is not None)
        node_lines.append(len(lines) + 1)
        lines.append(f"    <node id={quoteattr(str(u['id']))}>{data}</node>")
        if u.get("parent") is not None:
            edges.append((u["id"], u["parent"], "reports_to"))
        for t in u.get("serves") or ():
            edges.append((u["id"], t, "serves"))
    for s, t, rel in edges:
        lines.append(
            f'    <edge source={quoteattr(str(s))} target={quoteattr(str(t))}><data key="relation">{rel}</data></edge>'
        )
    lines += ["  </graph>", "</graphml>"]
    return OrgFile(("\n".join(lines) + "\n").encode("utf-8"), "org.graphml", node_lines)


def _xml_text(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_file(fmt: str, units: list[dict], journeys: list[dict] = ()) -> OrgFile:
    """``units`` written in ``fmt`` so that unit ``i`` is defined on ``unit_lines[i]``."""
    if fmt == "csv":
        return make_csv(units)
    if fmt == "yaml":
        return make_yaml(units, journeys)
    if fmt == "json":
        return make_json(units, journeys)
    if fmt == "xlsx":
        return make_xlsx_units(units, journeys)
    if fmt == "graphml":
        return make_graphml(units)
    raise ValueError(fmt)


# a design small enough for every name to be shown in full (the org chart of the app names each in its box)
TWELVE = b"""
name: Twelve
units:
  - {id: ceo, name: Chief Executive Office, kind: leadership, headcount: 4}
  - {id: sales, name: Sales and Key Account Management, kind: department, parent: ceo, headcount: 30,
     serves: [customer]}
  - {id: service, name: Customer Service Centre, kind: department, parent: ceo, headcount: 25, serves: [customer]}
  - {id: ops, name: Operations, kind: department, parent: ceo, headcount: 80}
  - {id: finance, name: Finance and Controlling, kind: department, parent: ceo, headcount: 12}
  - {id: inside, name: Inside Sales Team North, parent: sales, headcount: 8, serves: [customer]}
  - {id: field, name: Field Sales Team South, parent: sales, headcount: 9, serves: [customer]}
  - {id: hotline, name: Technical Hotline, parent: service, headcount: 10, serves: [customer]}
  - {id: plant, name: Assembly Plant Rosenheim, parent: ops, headcount: 60, serves: [sales]}
  - {id: logistics, name: Logistics and Shipping, parent: ops, headcount: 15, serves: [plant]}
  - {id: ar, name: Accounts Receivable, parent: finance, headcount: 5, serves: [sales]}
  - {id: fpa, name: Planning and Analysis, parent: finance, headcount: 4}
"""
