"""Reading and writing organisation files; the format follows the extension.

========================  =====================================================
extension                 format
========================  =====================================================
``.yaml``, ``.yml``       YAML mapping (``name``, ``customer``, ``units``, ``journeys``)
``.json``                 the same mapping as JSON
``.csv``                  one row per unit; delimiter and encoding detected
``.xlsx``                 first sheet as CSV; journeys in a sheet ``journeys``
``.graphml``              nodes with unit fields; edges with ``relation``
========================  =====================================================

Every reader returns an :class:`~orbit.model.Organisation` or raises
:class:`~orbit.errors.OrgError` naming the file and line.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from ..errors import OrgError
from ..model import MAX_COLUMNS as MAX_COLUMNS
from ..model import Organisation
from ._files import atomic_write, check_size, gc_paused, read_file

MAX_FILE_BYTES = 1 << 30
"""Largest file read (1 GiB)."""
MAX_ROWS = 5_000_000
"""Most units in one file."""
MAX_CELL_CHARS = 10_000
"""Longest text in one cell or field."""
MAX_NESTING = 20
"""Deepest nesting of lists and mappings in YAML and JSON (Orbit's own files need 4)."""

EXTENSIONS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".graphml": "graphml",
}
FORMATS = tuple(sorted(set(EXTENSIONS.values())))


def format_of(path: str | os.PathLike, format: str | None = None, *, source: str | None = None) -> str:
    """The format name for a path (or the explicit ``format``)."""
    if format is not None:
        fmt = format.lower().lstrip(".")
        fmt = EXTENSIONS.get("." + fmt, fmt)
        if fmt not in FORMATS:
            raise OrgError(
                source or str(path), None, f"unsupported format {format!r} (use one of {', '.join(FORMATS)})"
            )
        return fmt
    ext = Path(str(path)).suffix.lower()
    if ext not in EXTENSIONS:
        shown = ext or "(none)"
        raise OrgError(
            source or str(path),
            None,
            f"unsupported file extension {shown}: use .yaml, .yml, .json, .csv, .xlsx or .graphml",
        )
    return EXTENSIONS[ext]


def load(path_or_file, format: str | None = None, *, name: str | None = None) -> Organisation:
    """Read an organisation from a path, bytes or a binary file object.

    Parameters
    ----------
    path_or_file : str, Path, bytes or binary file object
        For file objects and bytes, give ``format`` or a ``name`` with an
        extension (an upload's file name, for example).
    format : {'yaml', 'json', 'csv', 'xlsx', 'graphml'}, optional
        Overrides the extension.
    name : str, optional
        The name to use in error messages (defaults to the path).

    Returns
    -------
    Organisation

    Raises
    ------
    OrgError
        With the file, line and offending id or value.

    Examples
    --------
    >>> org = load(b"units: [{id: a, serves: [customer]}]", name="tiny.yaml")
    >>> org.unit("a")["serves"]
    ['customer']
    """
    if isinstance(path_or_file, (str, os.PathLike)):
        source = name or str(path_or_file)
        fmt = format_of(path_or_file, format, source=source)
        data = read_file(Path(path_or_file), MAX_FILE_BYTES, source)
    else:
        source = name or getattr(path_or_file, "name", None) or "<input>"
        if not isinstance(source, str):  # a file object opened on a descriptor has a number as its name
            source = "<input>"
        fmt = format_of(source, format, source=source)
        if isinstance(path_or_file, (bytes, bytearray, memoryview)):
            data = path_or_file
        else:
            data = path_or_file.read(MAX_FILE_BYTES + 1)  # never more than the limit, whatever the stream
        if isinstance(data, str):
            data = data.encode("utf-8", errors="surrogatepass")
        data = bytes(data)
        check_size(len(data), MAX_FILE_BYTES, source)
    if not data.strip():
        raise OrgError(source, None, "file is empty")
    with gc_paused():
        return READERS[fmt](data, source)


def save(org: Organisation, path: str | os.PathLike, format: str | None = None) -> list[str]:
    """Write an organisation atomically (temporary file, then rename).

    Returns the warnings about what the format cannot hold (for CSV: the
    organisation's name, customer label and journeys).
    """
    fmt = format_of(path, format)
    data, warnings = dumps(org, fmt)
    atomic_write(path, data)
    return warnings


def dumps(org: Organisation, format: str) -> tuple[bytes, list[str]]:
    """The bytes of ``org`` in ``format``, and warnings about what was dropped."""
    fmt = format_of("x." + format, None) if "." not in format else format_of(format)
    return WRITERS[fmt](org)


def decode_text(data: bytes, source: str) -> str:
    """Bytes of a text file as text: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.

    Line endings (LF, CRLF, CR) are left as they are.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise OrgError(source, None, "not valid UTF-16 text") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise OrgError(source, line, "binary data (a NUL byte), not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise OrgError(
            source, line, f"not text: byte 0x{data[err.start]:02x} is neither UTF-8 nor Windows-1252"
        ) from None


def _readers():
    from . import graphml, mapping, table, xlsx

    return {
        "yaml": mapping.read_yaml,
        "json": mapping.read_json,
        "csv": table.read_csv,
        "xlsx": xlsx.read_xlsx,
        "graphml": graphml.read_graphml,
    }


def _writers():
    from . import graphml, mapping, table, xlsx

    return {
        "yaml": mapping.write_yaml,
        "json": mapping.write_json,
        "csv": table.write_csv,
        "xlsx": xlsx.write_xlsx,
        "graphml": graphml.write_graphml,
    }


class _Lazy(dict):
    def __init__(self, factory):
        super().__init__()
        self._factory = factory

    def __missing__(self, key):
        self.update(self._factory())
        return dict.__getitem__(self, key)


READERS = _Lazy(_readers)
WRITERS = _Lazy(_writers)

__all__ = ["FORMATS", "atomic_write", "decode_text", "dumps", "format_of", "gc_paused", "load", "save"]
