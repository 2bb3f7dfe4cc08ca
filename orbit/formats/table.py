"""CSV and XLSX: one row per unit, the header on line 1.

Headers are matched ignoring case, spaces, ``_`` and ``-``, with the aliases
HR systems and org-chart tools use (``parentId``, ``manager id``,
``reports to``, ``full name`` ...). CSV delimiter (``,``, ``;`` or tab),
encoding (UTF-8 with or without BOM, Windows-1252) and line endings are
detected. Cells are read as text, so ids such as ``007`` stay as they are.

On export, text cells that a spreadsheet would run as a formula (beginning
with ``=``, ``+``, ``-``, ``@``, tab or CR) get a leading ``'``; the readers
take that quote off again, so files round-trip.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import warnings as _warnings
import zipfile

import numpy as np
import pandas as pd

from ..errors import OrgError
from ..model import Organisation, build_organisation
from . import MAX_CELL_CHARS, MAX_ROWS, decode_text

ALIASES = {
    "id": ("id", "employeeid", "unitid"),
    "parent": ("parent", "parentid", "reportsto", "manager", "managerid"),
    "name": ("name", "fullname", "displayname"),
    "kind": ("kind",),
    "headcount": ("headcount",),
    "serves": ("serves",),
    "orbit": ("orbit",),
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
LIST_SPLIT_CHARS = re.compile(r"[|,;]")
_QUOTED_FORMULA = re.compile(r"'+[=+\-@\t\r]")
"""A formula-like text behind one or more quotes: what :func:`escape_formula` writes."""

MAX_XLSX_UNPACKED = 512 << 20
"""Most bytes an .xlsx may unpack to (zip-bomb guard)."""
MAX_XLSX_RATIO = 200
"""Highest compression ratio accepted for one member of an .xlsx."""


def normalise_header(text) -> str:
    """``"Manager ID"`` → ``"managerid"``: case, spaces, ``_`` and ``-`` ignored."""
    return re.sub(r"[\s_\-]+", "", str(text)).lower()


def map_columns(headers: list, source: str) -> dict[str, str]:
    """Header → field name for the known fields; the first alias found wins."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for field, aliases in ALIASES.items():
        for alias in aliases:
            for h in headers:
                if normalise_header(h) == alias and field not in taken and h not in mapping:
                    mapping[h] = field
                    taken.add(field)
    return mapping


def unescape_formula(value):
    """Take off the quote that :func:`escape_formula` put before a formula-like text."""
    if isinstance(value, str) and _QUOTED_FORMULA.match(value):
        return value[1:]
    return value


def escape_formula(value):
    """Neutralise spreadsheet formula injection in a text cell; numbers stay.

    A text that already looks escaped (``'=x``) gets one more quote, so that
    reading takes off exactly the one added here.

    >>> escape_formula("=1+1"), escape_formula("-5"), escape_formula("'=x"), escape_formula("'hi")
    ("'=1+1", '-5', "''=x", "'hi")
    >>> all(unescape_formula(escape_formula(t)) == t for t in ["=1", "'=1", "''@a", "-5", "'-5", "x"])
    True
    """
    if not isinstance(value, str) or not value:
        return value
    if (value[0] in _FORMULA_START and not _NUMBER.match(value)) or _QUOTED_FORMULA.match(value):
        return "'" + value
    return value


# ---------------------------------------------------------------- CSV
def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0].split("\r", 1)[0]
    # count outside quotes only
    first = re.sub(r'"[^"]*"', "", first)
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv(data: bytes, source: str) -> Organisation:
    text = decode_text(data, source)
    # line endings (LF, CRLF, CR) are left to the parser, so a quoted CR stays in its cell
    delim = _delimiter(text)
    frame = _read_large_csv(data, text, delim) if len(data) >= FAST_CSV_BYTES else None
    try:
        frame = (
            frame
            if frame is not None
            else pd.read_csv(
                io.StringIO(text),
                sep=delim,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                engine="c",
                skip_blank_lines=True,
                on_bad_lines="error",
            )
        )
    except pd.errors.EmptyDataError:
        raise OrgError(source, None, "file is empty") from None
    except pd.errors.ParserError as err:
        raise _csv_parser_error(err, text, delim, source) from None
    except (ValueError, OverflowError) as err:
        raise OrgError(source, None, f"CSV error: {err}") from None
    headers = list(frame.columns)
    _check_headers(headers, source)
    frame = _drop_blank_rows(frame, headers)
    lines = _LazyLines(text, delim)
    return _build(frame, headers, source, lines, journeys=None, journey_lines=None)


FAST_CSV_BYTES = 8 << 20
"""From this size on, CSV files are first read with pyarrow's multithreaded reader."""


def _read_large_csv(data: bytes, text: str, delim: str) -> pd.DataFrame | None:
    """A large, well-formed CSV read fast by pyarrow; None to take the exact (C) reader instead.

    pyarrow refuses what it cannot read plainly (quoted line breaks, ragged
    rows, odd quoting); those files go through the C reader, which names the
    line of any error. Both give the same text columns.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:  # pragma: no cover - pyarrow comes with streamlit
        return None
    raw = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raw = text.encode("utf-8")
    if b"\r" in raw:
        return None
    try:
        return pd.read_csv(io.BytesIO(raw), sep=delim, dtype=str, keep_default_na=False, engine="pyarrow")
    except Exception:  # any refusal: the exact reader decides
        return None


def _csv_parser_error(err, text: str, delim: str, source: str) -> OrgError:
    msg = str(err)
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", msg)
    if m:
        expected, line, saw = (int(x) for x in m.groups())
        # pandas counts records; find the physical line of that record
        physical = _LazyLines(text, delim).record_line(line - 1)
        return OrgError(source, physical or line, f"row has {saw} cells but the header has {expected}")
    if "EOF inside string" in msg:
        m = re.search(r"starting at row (\d+)", msg)
        row = int(m.group(1)) if m else None
        line = _LazyLines(text, delim).record_line(row) if row is not None else None
        return OrgError(source, line, 'a quoted cell is never closed (unbalanced ")')
    return OrgError(source, None, f"CSV syntax error: {msg.split('C error: ')[-1]}")


def _drop_blank_rows(frame: pd.DataFrame, headers: list) -> pd.DataFrame:
    """Leave out rows whose cells are all blank (spreadsheets export emptied rows as ``,,,``).

    :class:`_LazyLines` skips the same rows, so line numbers stay right.
    """
    id_col = next(h for h in headers if normalise_header(h) in ALIASES["id"])
    maybe = frame[id_col].str.strip() == ""
    if not maybe.any():
        return frame
    rows = frame.loc[maybe.to_numpy()]
    blank = rows.apply(lambda col: col.str.strip() == "").all(axis=1)
    return frame.drop(index=rows.index[blank.to_numpy()]).reset_index(drop=True)


class _LazyLines:
    """Row position → line number, worked out only when an error needs it.

    Quoted cells may span lines and blank rows are skipped, so the line of a
    row is found by reading the text again with the csv module. A line ends
    at LF, CRLF or CR, as a text editor shows it.
    """

    def __init__(self, text: str, delim: str):
        self.text = text
        self.delim = delim
        self._lines: list[int] | None = None

    def _records(self) -> list[int]:
        if self._lines is None:
            lines = []
            reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delim)
            start = 1
            try:
                for row in reader:
                    if any(cell.strip() != "" for cell in row):
                        lines.append(start)
                    start = reader.line_num + 1
            except csv.Error:
                pass
            self._lines = lines
        return self._lines

    def record_line(self, record: int) -> int | None:
        """Line of record ``record`` (0 = the header)."""
        records = self._records()
        return records[record] if 0 <= record < len(records) else None

    def __call__(self, row: int) -> int | None:
        return self.record_line(row + 1)


def _check_headers(headers: list, source: str) -> None:
    seen = {}
    for h in headers:
        base = re.sub(r"\.\d+$", "", str(h))
        if base in seen and str(h) != base and base in headers:
            raise OrgError(source, 1, f"column {base!r} appears twice in the header")
        seen[base] = True
    normal = [normalise_header(h) for h in headers]
    if not any(n in ALIASES["id"] for n in normal):
        shown = ", ".join(str(h) for h in headers[:8])
        raise OrgError(source, 1, f"no 'id' column in the header (found: {shown})")


def _build(
    frame: pd.DataFrame, headers, source, lines, journeys, journey_lines, meta=None, journey_source=None
) -> Organisation:
    if len(frame) > MAX_ROWS:
        raise OrgError(source, None, f"{len(frame)} rows; the limit is {MAX_ROWS}")
    mapping = map_columns(headers, source)
    for h in headers:  # an unmapped header spelt like a field another header already fills
        if h not in mapping and h in mapping.values():
            other = next(k for k, v in mapping.items() if v == h)
            raise OrgError(source, 1, f"columns {other!r} and {h!r} both name the field {h!r}")
    frame = frame.rename(columns=mapping)
    for col in frame.columns:
        values = frame[col]
        if values.dtype == object and pd.api.types.infer_dtype(values, skipna=False) == "string":
            lengths = values.str.len().to_numpy(dtype=float, na_value=0)
            quoted = values.str.startswith("'").to_numpy(dtype=bool, na_value=False)
        elif values.dtype == object:
            lengths = np.array([len(v) if isinstance(v, str) else 0 for v in values], dtype=float)
            quoted = np.array([isinstance(v, str) and v[:1] == "'" for v in values], dtype=bool)
        elif pd.api.types.is_string_dtype(values.dtype):
            lengths = values.str.len().to_numpy(dtype=float, na_value=0)
            quoted = values.str.startswith("'").to_numpy(dtype=bool, na_value=False)
        else:
            continue
        if len(lengths) and lengths.max() > MAX_CELL_CHARS:
            i = int(np.argmax(lengths))
            raise OrgError(source, lines(i), f"cell in column {col!r} is longer than {MAX_CELL_CHARS} characters")
        if quoted.any():
            frame[col] = pd.Series([unescape_formula(v) for v in values], dtype=object, index=frame.index)
    return build_organisation(
        frame,
        source=source,
        line_of=lines,
        name=(meta or {}).pop("name", "") or "",
        customer=(meta or {}).pop("customer", "") or "Customer",
        journeys=journeys or [],
        journey_lines=journey_lines,
        journey_source=journey_source,
        attrs=meta or {},
    )


def _export_table(org: Organisation) -> pd.DataFrame:
    table = org.table()
    for col in table.columns:
        if table[col].dtype == object or pd.api.types.is_string_dtype(table[col].dtype):
            table[col] = pd.Series([escape_formula(v) for v in table[col]], dtype=object, index=table.index)
    return table


def write_csv(org: Organisation) -> tuple[bytes, list[str]]:
    table = _export_table(org)
    # CRLF as RFC 4180 has it; the csv writer then also quotes cells holding a bare CR
    text = table.to_csv(index=False, lineterminator="\r\n")
    dropped = []
    if org.name:
        dropped.append("the organisation's name")
    if org.customer and org.customer != "Customer":
        dropped.append("the customer label")
    if org.journeys:
        dropped.append(f"{len(org.journeys)} journeys")
    if any(k for k in org.attrs):
        dropped.append("design attributes (" + ", ".join(map(str, org.attrs)) + ")")
    warnings = [f"CSV has no place for {', '.join(dropped)}: they are not written"] if dropped else []
    warnings += _list_warnings(org)
    return text.encode("utf-8"), warnings


# ---------------------------------------------------------------- XLSX
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
    except zipfile.BadZipFile as err:
        raise OrgError(source, None, f"not an .xlsx workbook: {err}") from None


def _sheet_rows(ws):
    """(line, cells) for the non-empty rows of a sheet."""
    for line, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if row is None or all(c is None or (isinstance(c, str) and c.strip() == "") for c in row):
            continue
        yield line, [ooxml_unescape(c) if isinstance(c, str) else c for c in row]


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


def read_xlsx(data: bytes, source: str) -> Organisation:
    _check_zip(data, source)
    with _warnings.catch_warnings():
        # openpyxl warns about parts it skips (data validation, odd relations); they never reach the design
        _warnings.simplefilter("ignore", UserWarning)
        return _read_xlsx(data, source)


def _read_xlsx(data: bytes, source: str) -> Organisation:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds on broken files
        raise OrgError(source, None, f"cannot read the workbook: {type(err).__name__}: {err}") from None
    try:
        if not wb.worksheets:
            raise OrgError(source, None, "the workbook has no sheet")
        rows = list(_sheet_rows(wb.worksheets[0]))
        if not rows:
            raise OrgError(source, None, "the first sheet is empty")
        _, header = rows[0]
        while header and header[-1] is None:
            header.pop()
        headers = [("" if h is None else str(h).strip()) for h in header]
        _check_headers(headers, source)
        body = rows[1:]
        if len(body) > MAX_ROWS:
            raise OrgError(source, None, f"{len(body)} rows; the limit is {MAX_ROWS}")
        width = len(headers)
        for line, cells in body:
            extra = [c for c in cells[width:] if c is not None and str(c).strip() != ""]
            if extra:
                raise OrgError(source, line, f"row has {width + len(extra)} cells but the header has {width}")
        frame = pd.DataFrame([(c + [None] * width)[:width] for _, c in body], columns=headers, dtype=object)
        row_lines = [line for line, _ in body]
        journeys, journey_lines = [], []
        sheet = next((ws for ws in wb.worksheets[1:] if ws.title.strip().lower() == "journeys"), None)
        if sheet is not None:
            journeys, journey_lines = _read_journey_sheet(sheet, source)
        meta = {}
        design = next((ws for ws in wb.worksheets[1:] if ws.title.strip().lower() == "design"), None)
        if design is not None:
            for _, cells in list(_sheet_rows(design))[1:]:
                if cells and cells[0] is not None:
                    meta[str(cells[0]).strip()] = unescape_formula(cells[1] if len(cells) > 1 else None)
    except OrgError:
        raise
    except Exception as err:  # read-only sheets are parsed while iterating: broken XML shows up here
        raise OrgError(source, None, f"cannot read the workbook: {type(err).__name__}: {err}") from None
    finally:
        wb.close()
    return _build(
        frame,
        headers,
        source,
        lambda i: row_lines[i] if i < len(row_lines) else None,
        journeys,
        journey_lines,
        meta,
        journey_source=f"{source} [journeys]",
    )


def _read_journey_sheet(ws, source: str):
    rows = list(_sheet_rows(ws))
    if not rows:
        return [], []
    _, header = rows[0]
    names = [normalise_header(h) if h is not None else "" for h in header]
    if "name" not in names or "steps" not in names:
        raise OrgError(f"{source} [journeys]", 1, "the journeys sheet needs the columns 'name' and 'steps'")
    ni, si = names.index("name"), names.index("steps")
    journeys, lines = [], []
    for line, cells in rows[1:]:
        cells = cells + [None] * (max(ni, si) + 1 - len(cells))
        steps = "" if cells[si] is None else str(unescape_formula(cells[si]))
        journeys.append({"name": unescape_formula(cells[ni]), "steps": steps})
        lines.append(line)
    return journeys, lines


def write_xlsx(org: Organisation) -> tuple[bytes, list[str]]:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "units"
    table = _export_table(org)
    ws.append([_cell(str(c)) for c in table.columns])
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
                info.append([_cell(str(k)), _cell(escape_formula(v))])
            else:
                dropped.append(str(k))
    buf = io.BytesIO()
    wb.save(buf)
    warnings = [f"XLSX keeps only plain design attributes; left out: {', '.join(dropped)}"] if dropped else []
    warnings += _list_warnings(org)
    return buf.getvalue(), warnings


def _list_warnings(org: Organisation) -> list[str]:
    """A warning when an id listed in a cell holds ``|``, ``,`` or ``;``: reading would split it."""
    listed = set(org.serves["target"]).union(*(j.steps for j in org.journeys))
    bad = sorted(i for i in listed if LIST_SPLIT_CHARS.search(str(i)))
    if not bad:
        return []
    shown = ", ".join(repr(i) for i in bad[:3]) + (" ..." if len(bad) > 3 else "")
    return [f"ids listed in a cell must not hold | , or ; ({shown}): the file will not read back; rename them"]


def _cell(v):
    """A value openpyxl can write; anything Excel has no type for becomes text."""
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, (datetime.datetime, datetime.time)) and v.tzinfo is not None:
        v = v.isoformat()  # Excel has no time zones
    if not isinstance(v, (str, bool, int, float, datetime.date, datetime.time, datetime.timedelta)):
        v = str(v)
    if isinstance(v, str):
        return ooxml_escape(v)
    return v
