"""XLSX: the first sheet as in CSV; journeys in a sheet ``journeys``, the design's name and attributes in ``design``.

Workbooks are read defensively:

- the archive is checked from its directory before anything is unpacked
  (zip bombs are refused);
- a document type declaration (where entities and external references are
  declared) in any XML member is refused before parsing; the sheet XML goes
  through openpyxl's own parser, but
  the stored ``<dimension>`` is never used, so a stale one cannot hide rows
  or columns, and formatted-but-empty cells and rows are dropped at regex
  speed before parsing;
- a value beyond column :data:`~orbit.formats.MAX_COLUMNS` and a formula
  without a saved value are refused with the cell's address.

On export every text cell, header and design key is escaped against
formula injection (:func:`~orbit.formats.table.escape_formula`); control
characters are stored as Excel does (``_x000D_``).
"""

from __future__ import annotations

import datetime
import io
import re
import warnings as _warnings
import zipfile
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import OrgError
from ..model import MAX_EXACT_FLOAT, Organisation
from . import MAX_COLUMNS, MAX_ROWS
from .columns import ImportOptions, header_fields
from .table import (
    _build,
    _check_headers,
    _export_table,
    check_listed_ids,
    escape_formula,
    normalise_header,
    unescape_formula,
)

MAX_XLSX_UNPACKED = 512 << 20
"""Most bytes an .xlsx may unpack to (zip-bomb guard)."""
MAX_XLSX_RATIO = 200
"""Highest compression ratio accepted for one member of an .xlsx."""


def _check_zip(data: bytes, source: str) -> None:
    if not data.startswith(b"PK"):
        raise OrgError(source, None, "not an .xlsx workbook (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = 0
            for info in zf.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > MAX_XLSX_RATIO and info.file_size > 1 << 20:
                    raise OrgError(
                        source, None, f"refused: {info.filename} would unpack {ratio:.0f}× its size (zip bomb?)"
                    )
            if total > MAX_XLSX_UNPACKED:
                raise OrgError(
                    source,
                    None,
                    f"refused: the workbook unpacks to {total / 2**20:.0f} MiB; "
                    f"the limit is {MAX_XLSX_UNPACKED >> 20} MiB",
                )
            for info in zf.infolist():
                if info.filename.lower().endswith((".xml", ".rels", ".vml")) and _declares_doctype(zf, info):
                    raise OrgError(
                        source,
                        None,
                        f"unsafe XML refused: {info.filename} declares a document type "
                        "(entities or external references)",
                    )
    except zipfile.BadZipFile as err:
        raise OrgError(source, None, f"not an .xlsx workbook: {err}") from None


_DOCTYPE = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_ROOT = re.compile(rb"<[A-Za-z_]")  # the first element: a document type may only come before it


def _declares_doctype(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a member's prolog holds ``<!DOCTYPE`` (which is where entities are declared).

    Checked on the bytes, whatever XML parser openpyxl picks (lxml, when
    installed, would silently leave entities unresolved instead of refusing
    them). Only the prolog is read: up to the first element, in 64 KiB steps.
    """
    seen = b""
    try:
        with zf.open(info) as member:
            while chunk := member.read(1 << 16):
                seen = seen[-32:] + chunk
                if any(d in seen for d in _DOCTYPE):
                    return True
                if _ROOT.search(seen.replace(b"\x00", b"")):
                    return False
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError) as err:
        # a damaged, encrypted or unsupported-compression member (zipfile raises a RuntimeError subclass for the last)
        raise zipfile.BadZipFile(f"{info.filename} cannot be unpacked ({type(err).__name__})") from None
    return False


_OOXML_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_OOXML_LITERAL = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_OOXML_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


def ooxml_escape(text: str) -> str:
    """Text as Excel stores it in a cell: control characters as ``_xHHHH_``.

    XML cannot hold most control characters and turns CR into LF, so Excel
    writes them as ``_x000D_``; a literal ``_xHHHH_`` becomes ``_x005F_xHHHH_``.

    >>> ooxml_escape("a\\rb"), ooxml_unescape(ooxml_escape("a\\rb_x0041_"))
    ('a_x000D_b', 'a\\rb_x0041_')
    """
    text = _OOXML_LITERAL.sub(r"_x005F_\1", text)
    return _OOXML_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def ooxml_unescape(text: str) -> str:
    """Undo :func:`ooxml_escape` (openpyxl leaves ``_xHHHH_`` as it is)."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


_FOREIGN_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_EMPTY_CELL = re.compile(rb"<" + _FOREIGN_PREFIX + rb'c\s[^<>]*?\br="[A-Za-z]{1,3}[0-9]{1,7}"[^<>]*/>')
"""A cell with an address and nothing in it (formatting only): self-closing, no value, no formula."""
_EMPTY_ROW = re.compile(rb"<(" + _FOREIGN_PREFIX + rb')row\s[^<>]*?\br="[0-9]+"[^<>]*?(?:/>|>\s*</\1row>)')
"""A row with a number and no cells left in it."""
MAX_ROW_CELLS = 16_384
"""Most cells one row may hold (Excel's own limit)."""


def _without_empty_cells(xml: bytes) -> bytes:
    """The sheet's XML without its formatted-but-empty cells and rows.

    A sheet formatted down to row 1,048,576 holds a million rows of nothing;
    taking them out here (at the speed of a regular expression, not of the
    XML parser) keeps reading it under a second. Only cells and rows with
    an address are taken out, so no other cell changes its place.
    """
    if b"/>" not in xml:
        return xml
    return _EMPTY_ROW.sub(b"", _EMPTY_CELL.sub(b"", xml))


@dataclass
class _Sheet:
    """One worksheet of a workbook: its title and where its XML is."""

    title: str
    path: str
    reader: object  # openpyxl's ExcelReader: the archive, shared strings and date formats


def _open_workbook(data: bytes, source: str) -> list[_Sheet]:
    """The worksheets of a workbook, in order, without parsing any of them.

    openpyxl's ``load_workbook`` would walk every sheet just to find its
    size when the ``<dimension>`` is missing (a million empty rows take
    ten seconds); its steps are taken here one by one instead.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [
            _Sheet(sheet.name, rel.target, reader)
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
    except Exception as err:  # openpyxl raises many kinds on broken files
        raise _workbook_error(err, source) from None
    return sheets


def _workbook_error(err: Exception, source: str) -> OrgError:
    """One line for whatever openpyxl, defusedxml or zipfile raised."""
    try:
        import defusedxml

        if isinstance(err, defusedxml.DefusedXmlException):
            return OrgError(
                source, None, "unsafe XML refused: the workbook declares entities or refers to external files"
            )
    except ImportError:  # pragma: no cover - defusedxml is a dependency
        pass
    first = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return OrgError(source, None, f"cannot read the workbook: {type(err).__name__}" + (f": {first}" if first else ""))


class _XlsxCellError(Exception):
    def __init__(self, row: int, message: str):
        super().__init__(message)
        self.row = row
        self.message = message


def _cell_parser(src, sheet: _Sheet):
    """openpyxl's own sheet parser (saved values, dates, shared strings), with Orbit's limits per row and cell."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    wb = sheet.reader.wb

    def where(cell) -> str:
        return f"{sheet.title}!{get_column_letter(cell['column'])}{cell['row']}"

    class Parser(WorkSheetParser):
        def parse_row(self, row):
            if len(row) > MAX_ROW_CELLS:
                number = row.get("r") or ""
                raise _XlsxCellError(
                    int(number) if number.isdigit() else 0, f"a row with more than {MAX_ROW_CELLS:,} cells"
                )
            return super().parse_row(row)

        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if (
                cell["value"] is None
                and element.get("t") != "str"  # a formula that gave "" has t="str" and an empty value
                and element.find(FORMULA_TAG) is not None
                and not element.findtext(VALUE_TAG)
            ):
                raise _XlsxCellError(
                    cell["row"],
                    f"{where(cell)} holds a formula with no saved value: open and save the file in Excel, "
                    "or paste the values",
                )
            if cell["column"] > MAX_COLUMNS and cell["value"] is not None:
                raise _XlsxCellError(
                    cell["row"], f"{where(cell)} lies beyond column {MAX_COLUMNS:,}, the most Orbit reads"
                )
            return cell

    return Parser(
        src,
        sheet.reader.shared_strings,
        data_only=True,
        epoch=wb.epoch,
        date_formats=wb._date_formats,  # set by openpyxl's apply_stylesheet (stable since openpyxl 2.6)
        timedelta_formats=wb._timedelta_formats,
    )


def _sheet_rows(sheet: _Sheet, source: str):
    """(row number, cells) for the rows of a sheet that hold a value, read from the sheet's own XML.

    The ``<dimension>`` a workbook stores is never used: tools write stale
    ones, and openpyxl's read-only mode would drop the cells outside it or
    pad every row to a width of 16,384. Cells hold the values Excel saved;
    a formula without one is refused with its address.
    """
    try:
        with sheet.reader.archive.open(sheet.path) as src:
            xml = _without_empty_cells(src.read())
        for number, cells in _cell_parser(io.BytesIO(xml), sheet).parse():
            values = {}
            for cell in cells:
                value = cell["value"]
                if value is None or (isinstance(value, str) and value.strip() == ""):
                    continue
                values[cell["column"]] = ooxml_unescape(value) if isinstance(value, str) else value
            if values:
                row = [None] * max(values)
                for column, value in values.items():
                    row[column - 1] = value
                yield number, row
    except _XlsxCellError as err:
        raise OrgError(source, err.row or None, err.message) from None
    except OrgError:
        raise
    except Exception as err:  # sheets are parsed while iterating: broken XML shows up here
        raise _workbook_error(err, source) from None


def read_xlsx(data: bytes, source: str, options: ImportOptions | None = None) -> Organisation:
    _check_zip(data, source)
    with _warnings.catch_warnings():
        # openpyxl warns about parts it skips (data validation, odd relations); they never reach the design
        _warnings.simplefilter("ignore", UserWarning)
        return _read_xlsx(data, source, options)


def _read_xlsx(data: bytes, source: str, options: ImportOptions | None = None) -> Organisation:
    sheets = _open_workbook(data, source)
    if not sheets:
        raise OrgError(source, None, "the workbook has no sheet")
    rows = list(_sheet_rows(sheets[0], source))
    if not rows:
        raise OrgError(source, None, "the first sheet is empty")
    _, header = rows[0]
    headers = [("" if h is None else unescape_formula(str(h).strip())) for h in header]
    _check_headers(headers, source)
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise OrgError(source, None, f"{len(body):,} rows; the limit is {MAX_ROWS:,}")
    width = len(headers)
    for line, cells in body:
        if len(cells) > width:
            extra = sum(c is not None for c in cells[width:])
            raise OrgError(source, line, f"row has {width + extra} cells but the header has {width}")
    frame = pd.DataFrame([(c + [None] * width)[:width] for _, c in body], columns=headers, dtype=object)
    fields = header_fields(headers, source, options, frame)
    row_lines = [line for line, _ in body]
    journeys, journey_lines = [], []
    sheet = next((s for s in sheets[1:] if s.title.strip().lower() == "journeys"), None)
    if sheet is not None:
        journeys, journey_lines = _read_journey_sheet(sheet, f"{source} [journeys]")
    meta = {}
    design = next((s for s in sheets[1:] if s.title.strip().lower() == "design"), None)
    if design is not None:
        for _, cells in list(_sheet_rows(design, f"{source} [design]"))[1:]:
            if cells and cells[0] is not None:
                key = unescape_formula(str(cells[0]).strip())
                meta[key] = unescape_formula(cells[1] if len(cells) > 1 else None)
    return _build(
        frame,
        fields,
        source,
        lambda i: row_lines[i] if i < len(row_lines) else None,
        journeys,
        journey_lines,
        meta,
        journey_source=f"{source} [journeys]",
        options=options,
    )


def _read_journey_sheet(sheet: _Sheet, source: str):
    rows = list(_sheet_rows(sheet, source))
    if not rows:
        return [], []
    _, header = rows[0]
    names = [normalise_header(unescape_formula(h)) if h is not None else "" for h in header]
    if "name" not in names or "steps" not in names:
        raise OrgError(source, 1, "the journeys sheet needs the columns 'name' and 'steps'")
    ni, si = names.index("name"), names.index("steps")
    journeys, lines = [], []
    for line, cells in rows[1:]:
        cells = cells + [None] * (max(ni, si) + 1 - len(cells))
        steps = "" if cells[si] is None else str(unescape_formula(cells[si]))
        journeys.append({"name": unescape_formula(cells[ni]), "steps": steps})
        lines.append(line)
    return journeys, lines


MAX_XLSX_ROWS = 1_048_576
"""Rows of one Excel sheet, the header included."""


def write_xlsx(org: Organisation) -> tuple[bytes, list[str]]:
    import openpyxl

    check_listed_ids(org, "xlsx")
    if len(org) >= MAX_XLSX_ROWS:
        raise OrgError(
            org.source, None, f"{len(org):,} units do not fit an Excel sheet ({MAX_XLSX_ROWS - 1:,} at most)"
        )

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "units"
    table = _export_table(org)
    ws.append([_cell(c) for c in table.columns])
    for values in table.itertuples(index=False, name=None):
        ws.append([_cell(v) for v in values])
    ws.freeze_panes = "A2"
    if org.journeys:
        js = wb.create_sheet("journeys")
        js.append(["name", "steps"])
        for j in org.journeys:
            js.append([_cell(escape_formula(j.name)), _cell(escape_formula("|".join(j.steps)))])
    dropped = []
    if org.name or org.customer != "Customer" or org.attrs:
        info = wb.create_sheet("design")
        info.append(["key", "value"])
        info.append(["name", _cell(escape_formula(org.name))])
        info.append(["customer", _cell(escape_formula(org.customer))])
        for k, v in org.attrs.items():
            if isinstance(v, (str, int, float)):
                info.append([_cell(escape_formula(str(k))), _cell(escape_formula(v))])
            else:
                dropped.append(str(k))
    buf = io.BytesIO()
    wb.save(buf)
    warnings = [f"XLSX keeps only plain design attributes; left out: {', '.join(dropped)}"] if dropped else []
    return buf.getvalue(), warnings


def _cell(v):
    """A value openpyxl can write; anything Excel has no type for becomes text."""
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= MAX_EXACT_FLOAT:
        v = str(v)  # Excel holds numbers as doubles: beyond 2**53 it would drop digits
    if isinstance(v, (datetime.datetime, datetime.time)) and v.tzinfo is not None:
        v = v.isoformat()  # Excel has no time zones
    if not isinstance(v, (str, bool, int, float, datetime.date, datetime.time, datetime.timedelta)):
        v = str(v)
    if isinstance(v, str):
        return ooxml_escape(v)
    return v
