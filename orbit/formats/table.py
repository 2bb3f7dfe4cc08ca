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
import io
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..errors import OrgError, UnknownParentError, shown
from ..model import ALIASES, Organisation, build_organisation, normalise_header, spelling_clash
from . import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, decode_text
from .columns import ImportOptions, header_fields, prepare_deferred

__all__ = ["ALIASES", "csv_text", "escape_formula", "escaped_table", "normalise_header", "unescape_formula"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
LIST_SPLIT_CHARS = re.compile(r"[|,;]")
_QUOTED_FORMULA = re.compile(r"'+[=+\-@\t\r]")
"""A formula-like text behind one or more quotes: what :func:`escape_formula` writes."""


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
DELIMITERS = (",", ";", "\t")
MAX_HEADER_CHARS = 1 << 20
"""Longest header line of a CSV file (1 Mi characters)."""


def _header_line(text: str, source: str) -> str:
    """The first line, refused when it is longer than :data:`MAX_HEADER_CHARS` (a file with no line breaks)."""
    end = len(text)
    for newline in ("\n", "\r"):
        pos = text.find(newline, 0, min(end, MAX_HEADER_CHARS + 1))
        if pos >= 0:
            end = pos
    if end > MAX_HEADER_CHARS:
        raise OrgError(
            source, 1, f"the header line is longer than {MAX_HEADER_CHARS:,} characters: is this a CSV file?"
        )
    return text[:end]


def _delimiter(first: str) -> str:
    # count outside quotes only
    first = re.sub(r'"[^"]*"', "", first)
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _check_width(first: str, delim: str, source: str) -> None:
    """Refuse a header of more than :data:`~orbit.formats.MAX_COLUMNS` columns before any table is built."""
    if first.count(delim) < MAX_COLUMNS:
        return
    width = len(next(csv.reader([first], delimiter=delim), []))
    if width > MAX_COLUMNS:
        raise OrgError(source, 1, f"the header has {width:,} columns; the limit is {MAX_COLUMNS:,}")


def _check_one_delimiter(frame: pd.DataFrame, text: str | bytes, delim: str, source: str, lines) -> None:
    """Refuse rows written with another delimiter than the header (``id;name`` over ``a,A``).

    Such a row has no header delimiter at all, so it reads as one long first
    cell; it is found only when the file (its text or UTF-8 bytes) holds
    fewer delimiters than full rows would (a cheap count), then by one
    vectorised look at the first column.
    """
    width = frame.shape[1]
    sep, newline = (delim, "\n") if isinstance(text, str) else (delim.encode(), b"\n")
    body = text.count(sep) - text.count(sep, 0, text.find(newline) if newline in text else len(text))
    if width < 2 or not len(frame) or body >= (width - 1) * len(frame):
        return
    others = "".join(d for d in DELIMITERS if d != delim)
    first = frame.iloc[:, 0].fillna("")
    rest_blank = np.ones(len(frame), dtype=bool)
    for k in range(1, width):
        rest_blank &= (frame.iloc[:, k].fillna("") == "").to_numpy(dtype=bool)
    if not rest_blank.any():
        return
    mixed = rest_blank & first.str.contains(f"[{re.escape(others)}]", regex=True).to_numpy(dtype=bool)
    if mixed.any():
        i = int(np.argmax(mixed))
        found = next(d for d in others if d in first.iloc[i])
        raise OrgError(
            source,
            lines(i),
            f"this row separates its cells with {found!r} but the header with {delim!r}: "
            "use one delimiter throughout (or quote the cell)",
        )


def read_csv(data: bytes, source: str, options: ImportOptions | None = None) -> Organisation:
    encoding = options.encoding if options else None
    fast = _read_large_csv(data, source, encoding) if len(data) >= FAST_CSV_BYTES else None
    if fast is not None:
        frame, first, delim, raw = fast
        text = None
    else:
        text = decode_text(data, source, encoding)
        first = _header_line(text, source)
        delim = _delimiter(first)
        _check_width(first, delim, source)
        frame = _read_exact_csv(text, delim, source)
    headers = _csv_headers(frame, first, delim)
    frame.columns = headers
    _check_headers(headers, source)
    fields = header_fields(headers, source, options, frame)
    frame = _drop_blank_rows(frame, next(h for h, f in fields.items() if f == "id"))
    # the text is decoded only when an error needs the line of a row
    lines = _LazyLines(text if text is not None else lambda: decode_text(data, source, encoding), delim)
    _check_one_delimiter(frame, text if text is not None else raw, delim, source, lines)
    return _build(frame, fields, source, lines, journeys=None, journey_lines=None, options=options)


def _read_exact_csv(text: str, delim: str, source: str) -> pd.DataFrame:
    """The C reader, which takes any CSV and names the line of what it refuses.

    Line endings (LF, CRLF, CR) are left to the parser, so a quoted CR stays in its cell.
    """
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=delim,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            engine="c",
            skip_blank_lines=True,
            on_bad_lines="error",
        )
    except pd.errors.EmptyDataError:
        raise OrgError(source, None, "file is empty") from None
    except pd.errors.ParserError as err:
        raise _csv_parser_error(err, text, delim, source) from None
    except (ValueError, OverflowError) as err:
        raise OrgError(source, None, f"CSV error: {err}") from None


FAST_CSV_BYTES = 8 << 20
"""From this size on, CSV files are first read with pyarrow's multithreaded reader."""


def _read_large_csv(
    data: bytes, source: str, encoding: str | None = None
) -> tuple[pd.DataFrame, str, str, bytes] | None:
    """A large, well-formed CSV read fast by pyarrow: (frame, header line, delimiter, UTF-8 bytes).

    None sends the file to the exact (C) reader, which names the line of any
    error: pyarrow refuses what it cannot read plainly (ragged rows, odd
    quoting, bytes that are not UTF-8 after the Windows-1252 retry), and
    headers it could misread (a quoted line break, a column named twice)
    are left to the C reader too. LF, CRLF and CR line ends are all read
    here; with quotes in the file, quoted line breaks are honoured. Both
    readers give the same text columns. The file is decoded only when an
    error needs it.
    """
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:  # pragma: no cover - pyarrow comes with streamlit
        return None
    raw = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw:
        return None  # decode_text decides
    read = _NOT_UTF8 if encoding else _arrow_csv(raw, source)
    if read is _NOT_UTF8:  # the encoding given, or the one decode_text finds (Windows-1252, Mac Roman)
        try:
            raw = decode_text(data, source, encoding).encode("utf-8")
        except OrgError:
            return None
        read = _arrow_csv(raw, source)
    if read is None or read is _NOT_UTF8:
        return None
    table, first, delim = read
    return table.to_pandas(), first, delim, raw


_NOT_UTF8 = object()


def _arrow_csv(raw: bytes, source: str):
    """(pyarrow table, header line, delimiter) of UTF-8 CSV bytes; None when pyarrow should not decide."""
    import pyarrow as pa
    import pyarrow.csv as pv

    ends = [k for k in (raw.find(b"\n", 0, MAX_HEADER_CHARS + 1), raw.find(b"\r", 0, MAX_HEADER_CHARS + 1)) if k >= 0]
    if not ends:
        return None
    try:
        first = raw[: min(ends)].decode("utf-8")
    except UnicodeDecodeError:
        return _NOT_UTF8
    delim = _delimiter(first)
    _check_width(first, delim, source)
    names = next(csv.reader([first], delimiter=delim), [])
    if not names or len(set(names)) < len(names) or first.count('"') % 2:
        return None
    try:
        table = pv.read_csv(
            pa.BufferReader(raw),
            read_options=pv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pv.ParseOptions(delimiter=delim, newlines_in_values=b'"' in raw),
            convert_options=pv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()), strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, ValueError) as err:  # any refusal: the exact reader decides
        return _NOT_UTF8 if "utf8" in str(err).lower() else None
    return table, first, delim


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


def _drop_blank_rows(frame: pd.DataFrame, id_col: str) -> pd.DataFrame:
    """Leave out rows whose cells are all blank (spreadsheets export emptied rows as ``,,,``).

    :class:`_LazyLines` skips the same rows, so line numbers stay right.
    """
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

    def __init__(self, text: str | Callable[[], str], delim: str):
        self._text = text
        self.delim = delim
        self._lines: list[int] | None = None

    @property
    def text(self) -> str:
        """The file's text (decoded on first use when given as a function)."""
        if callable(self._text):
            self._text = self._text()
        return self._text

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
    """Refuse a header naming a column twice, or one field in two spellings (``id`` and ``ID``).

    Which column holds the ids is decided next (:func:`~orbit.formats.columns.header_fields`).
    """
    if len(set(headers)) < len(headers):
        dup = next(h for k, h in enumerate(headers) if h in headers[:k])
        raise OrgError(source, 1, f"column {shown(dup)} appears twice in the header")
    spelling_clash(headers, source, 1)


def _csv_headers(frame: pd.DataFrame, first: str, delim: str) -> list[str]:
    """The header as written (pandas renames a repeated ``x`` to ``x.1``), formula escapes taken off."""
    written = next(csv.reader([first], delimiter=delim), [])
    names = [str(h) for h in frame.columns]
    if len(written) == len(names) and all(
        w == n or re.fullmatch(re.escape(w) + r"\.\d+", n) for w, n in zip(written, names)
    ):
        names = written
    return [unescape_formula(h) for h in names]


def _build(
    frame: pd.DataFrame,
    fields: dict[str, str],
    source,
    lines,
    journeys,
    journey_lines,
    meta=None,
    journey_source=None,
    options: ImportOptions | None = None,
) -> Organisation:
    """The organisation of a parsed table; ``fields`` says which header holds which unit field."""
    if len(frame) > MAX_ROWS:
        raise OrgError(source, None, f"{len(frame)} rows; the limit is {MAX_ROWS}")
    frame, lines, later = prepare_deferred(frame, fields, source, lines, options)
    build = dict(
        source=source,
        line_of=lines,
        name=(meta or {}).pop("name", "") or "",
        customer=(meta or {}).pop("customer", "") or "Customer",
        journeys=journeys or [],
        journey_lines=journey_lines,
        journey_source=journey_source,
        attrs=meta or {},
    )
    try:
        return build_organisation(_cells_checked(frame, source, lines), **build)
    except UnknownParentError:
        resolved = later() if later is not None else None
        if resolved is None:
            raise
    return build_organisation(_cells_checked(resolved, source, lines), **build)


def _cells_checked(frame: pd.DataFrame, source, lines) -> pd.DataFrame:
    """The table with every cell's length checked and formula escapes undone."""
    for col in frame.columns:
        values = frame[col]
        if _arrow_cells_fit(values):
            continue
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
            unquoted = pd.Series([unescape_formula(v) for v in values], dtype=object, index=frame.index)
            frame = frame.assign(**{col: unquoted})
    return frame


def _arrow_cells_fit(values: pd.Series) -> bool:
    """True when an arrow-backed text column (from pyarrow's reader) needs neither the length check nor unquoting.

    Decided by pyarrow on the column's bytes, without a Python object per cell.
    """
    if not hasattr(values.array, "__arrow_array__"):
        return False
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(values.array)
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return False
    longest = pc.max(pc.binary_length(arr)).as_py() or 0  # bytes ≥ characters
    if longest > MAX_CELL_CHARS and (pc.max(pc.utf8_length(arr)).as_py() or 0) > MAX_CELL_CHARS:
        return False
    return pc.any(pc.starts_with(arr, "'")).as_py() is not True


def escaped_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text cells and column names cannot start a spreadsheet formula.

    Every CSV and XLSX Orbit writes goes through this (:func:`escape_formula`);
    numbers stay numbers.
    """
    table = table.copy()
    for col in table.columns:
        if table[col].dtype == object or pd.api.types.is_string_dtype(table[col].dtype):
            table[col] = pd.Series([escape_formula(v) for v in table[col]], dtype=object, index=table.index)
    table.columns = [escape_formula(str(c)) for c in table.columns]
    return table


def csv_text(table: pd.DataFrame) -> str:
    """``table`` as CSV text, every text cell and header escaped against formula injection.

    CRLF line ends as RFC 4180 has them (the csv writer then also quotes
    cells holding a bare CR). Used for design files and for analysis
    tables (``orbit analyse --format csv``, the app's analysis download).

    >>> csv_text(pd.DataFrame({"=id": ["=1+1", "a"], "hops": [1, 2]})).splitlines()
    ["'=id,hops", "'=1+1,1", 'a,2']
    """
    return escaped_table(table).to_csv(index=False, lineterminator="\r\n")


def _export_table(org: Organisation) -> pd.DataFrame:
    return escaped_table(org.table())


def write_csv(org: Organisation) -> tuple[bytes, list[str]]:
    check_listed_ids(org, "csv")
    text = csv_text(org.table())
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
    return text.encode("utf-8"), warnings


def check_listed_ids(org: Organisation, fmt: str) -> None:
    """Refuse to write a table whose cells would list an id holding ``|``, ``,`` or ``;``.

    Reading splits a ``serves`` or ``steps`` cell at those characters, so
    the file would not read back: nothing is written, and the message says
    what to rename (or which formats can hold such ids).
    """
    listed = set(org.serves["target"]).union(*(j.steps for j in org.journeys))
    bad = sorted(i for i in listed if LIST_SPLIT_CHARS.search(str(i)))
    if not bad:
        return
    names = ", ".join(shown(i) for i in bad[:3]) + (" ..." if len(bad) > 3 else "")
    raise OrgError(
        org.source,
        None,
        f"ids listed in a cell must not hold | , or ; ({names}): a {fmt.upper()} file would not read back; "
        "rename them, or write YAML, JSON or GraphML",
    )
