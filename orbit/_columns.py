"""The columns of a unit table: which values each field takes, checked and converted column by column.

:func:`orbit.model.build_organisation` is the one place where organisations
are checked; this module holds its column-level rules so that the model
stays readable:

- ids and names (:func:`text_column`): stripped text; whole floats beyond
  2**53 refused; characters checked (:mod:`orbit._chars`), ids in NFC;
- whole numbers (:func:`whole_column`): headcount and orbit within their
  ranges, never an unchecked cast;
- attributes (:func:`object_column`): values as they are, texts within
  :data:`MAX_TEXT_CHARS` and writable by every format;
- column names (:func:`check_column_name`, :func:`spelling_clash`) and the
  design's own texts (:func:`check_design_text`).

Clean text columns read from CSV are checked by pyarrow without a Python
loop; two million rows cost milliseconds.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

from . import _chars
from .errors import OrgError, shown

UNIT_FIELDS = ("id", "name", "kind", "parent", "headcount", "orbit")
"""The unit fields with a meaning of their own; ``serves`` is held apart."""

ALIASES = {
    "id": ("id", "employeeid", "unitid"),
    "parent": ("parent", "parentid", "reportsto", "manager", "managerid"),
    "name": ("name", "fullname", "displayname"),
    "kind": ("kind",),
    "headcount": ("headcount",),
    "serves": ("serves",),
    "orbit": ("orbit",),
}
"""The spellings of the unit fields that table headers may use (after :func:`normalise_header`)."""


def normalise_header(text) -> str:
    """``"Manager ID"`` → ``"managerid"``: case, spaces, ``_`` and ``-`` ignored."""
    return re.sub(r"[\s_\-]+", "", str(text)).lower()


def spelling_clash(columns: Iterable, source: str, line: int | None) -> None:
    """Refuse two columns that spell the same field (``id`` and ``ID``, ``Head Count`` and ``headcount``).

    A table header could not tell them apart, so no organisation may have
    them, whatever format it comes from.
    """
    known = {alias: field for field, aliases in ALIASES.items() for alias in aliases}
    spelt: dict[str, str] = {}
    for col in columns:
        n = normalise_header(col)
        if n not in known:
            continue
        if n in spelt:
            raise OrgError(
                source,
                line,
                f"columns {shown(spelt[n])} and {shown(str(col))} both name the field {known[n]!r}: "
                "rename or remove one",
            )
        spelt[n] = str(col)


MAX_COLUMNS = 1_000
"""Most columns of a table (CSV, XLSX): the 7 unit fields and up to 993 attributes."""
MAX_ATTRIBUTES = MAX_COLUMNS - len(UNIT_FIELDS) - 1
"""Most attribute columns, so that every organisation fits a table of :data:`MAX_COLUMNS` columns."""
MAX_HEADCOUNT = 10_000_000
"""Largest headcount of one unit."""
MAX_ORBIT = 1_000
"""Largest designed ring (``orbit``)."""
MAX_NAME_CHARS = 200
"""Longest id, unit name, kind, column name, organisation name, customer label or journey name."""
MAX_TEXT_CHARS = 10_000
"""Longest other text (an attribute value, a ``serves`` cell, the description)."""
MAX_EXACT_FLOAT = 2**53
"""From here on a whole number held as a float has lost digits."""


def is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    if value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, str) and value.strip() == ""


def text_column(values: pd.Series, fail=None, what: str = "id", ids=None) -> pd.Series:
    """Ids and names as stripped text in an object column; blanks become None.

    Whole floats (from XLSX or JSON numbers) are written as integers: 100.0 → "100";
    one beyond 2**53 has lost digits and is refused. With ``fail``, the texts are
    checked (:func:`check_texts`): ``what`` is ``"id"``, ``"parent"``, ``"name"``
    or ``"kind"``, and ``ids`` names the units in messages.
    """
    if fail is not None:
        clean = clean_text(values)
        if clean is not None:  # the usual case, decided in C: nothing to refuse or normalise
            return pd.Series(text_objects(clean, shared=what == "kind"), dtype=object, copy=False)
    if all_text(values):
        stripped = values.str.strip()
        blank = (stripped == "").to_numpy(dtype=bool, na_value=True)
        out = np.array(stripped.to_numpy(dtype=object, na_value=None), dtype=object, copy=True)
        if blank.any():
            out[blank] = None
    else:
        out = np.empty(len(values), dtype=object)
        for i, v in enumerate(values):
            if fail is not None and isinstance(v, float) and v.is_integer() and abs(v) >= MAX_EXACT_FLOAT:
                whose = "" if what == "id" or ids is None else f" of unit {shown(ids.iloc[i])}"
                fail(i, f"{what}{whose} is the number {v!r}, too large to hold every digit: write it as text")
            out[i] = as_text(v)
    if fail is not None:
        out = check_texts(out, fail, what, ids)
    return pd.Series(out, dtype=object, copy=False)


def clean_text(values: pd.Series):
    """The stripped texts of an arrow-backed column (as read from CSV) when nothing in it can be refused.

    That is: every text, once stripped, is printable ASCII (so already in
    NFC) and at most :data:`MAX_NAME_CHARS` long. Returns a pyarrow array
    with ``""`` for blanks, or None when the column needs the full check.
    Decided by pyarrow without a Python object per cell.
    """
    if not hasattr(values.array, "__arrow_array__") or not pd.api.types.is_string_dtype(values.dtype):
        return None
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow comes with streamlit
        return None
    arr = pa.array(values.array)
    if arr.null_count:
        arr = arr.fill_null("")
    stripped = pc.utf8_trim_whitespace(arr)
    if len(stripped) and (
        (pc.max(pc.binary_length(stripped)).as_py() or 0) > MAX_NAME_CHARS
        or pc.all(pc.string_is_ascii(stripped)).as_py() is False
        or pc.all(pc.ascii_is_printable(stripped)).as_py() is False
    ):
        return None
    return stripped


def text_objects(texts, *, shared: bool = False) -> np.ndarray:
    """A pyarrow text array as an object array, ``""`` as None.

    ``shared`` makes equal texts one Python object (for columns with few
    distinct values, such as ``kind``): two million rows then hold a handful
    of strings instead of two million.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if shared:
        encoded = pc.dictionary_encode(texts)
        chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
        if not chunks:
            return np.empty(0, dtype=object)
        words = chunks[-1].dictionary.to_numpy(zero_copy_only=False).astype(object)
        words[words == ""] = None
        codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
        return words[codes]
    out = np.array(texts.to_numpy(zero_copy_only=False), dtype=object)
    blank = pc.equal(texts, "").to_numpy(zero_copy_only=False)
    if blank.any():
        out[blank] = None
    return out


def non_blank(texts) -> np.ndarray:
    """Which texts of a pyarrow text array (``""`` for blanks, see :func:`clean_text`) hold something."""
    import pyarrow.compute as pc

    return np.asarray(pc.not_equal(texts, "").to_numpy(zero_copy_only=False), dtype=bool)


def check_texts(out: np.ndarray, fail, what: str, ids=None, longest: int | None = None) -> np.ndarray:
    """Refuse ids and names that are too long or hold characters they may not (:mod:`orbit._chars`).

    Ids (``what`` is ``"id"`` or ``"parent"``) come back in Unicode NFC. Clean
    columns (the usual case) are checked in one pass over their joined text.
    """
    texts = out[~pd.isna(out)].tolist()  # C loops throughout: two million ids take milliseconds
    if not texts:
        return out
    joined = "".join(texts)
    is_id = what in ("id", "parent")
    if is_id and not (joined.isascii() or unicodedata.is_normalized("NFC", joined)):
        out = np.array([None if v is None else _chars.nfc(v) for v in out], dtype=object)
        texts = [v for v in out if v is not None]
        joined = "".join(texts)
        longest = None
    check = _chars.bad_id_char if is_id else _chars.bad_name_char
    if longest is None:
        longest = max(map(len, texts))
    if longest <= MAX_NAME_CHARS and check(joined) is None:
        return out

    def whose(i):
        return "" if what == "id" or ids is None else f" of unit {shown(ids.iloc[i])}"

    for i, v in enumerate(out):
        if v is None:
            continue
        if len(v) > MAX_NAME_CHARS:
            fail(i, f"{what} {shown(v)}{whose(i)} is longer than {MAX_NAME_CHARS} characters")
        ch = check(v)
        if ch is not None:
            kind = "an invisible or control character" if is_id else "a control character"
            if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
                kind = "a bidi control that reorders what a reader sees"
            fail(i, f"{what} {shown(v)}{whose(i)} holds {_chars.describe(ch)}, {kind}: remove it")
    return out


def all_text(values: pd.Series) -> bool:
    """True for a column of text only (as read from CSV), which vectorised string methods handle."""
    if values.dtype != object:
        return pd.api.types.is_string_dtype(values.dtype)
    return pd.api.types.infer_dtype(values, skipna=False) == "string"


def object_column(values: pd.Series, fail=None, column: str = "", ids=None) -> pd.Series:
    """Attribute values as they are (ints stay ints), blanks as None.

    With ``fail``, texts longer than :data:`MAX_TEXT_CHARS` or holding a
    character no format can write (:data:`orbit._chars.TEXT_FORBIDDEN`) are
    refused. (A float NaN is pandas' "missing"; the file readers refuse a
    NaN written in a file before it gets here.)
    """
    if all_text(values):
        blank = (values == "").to_numpy(dtype=bool, na_value=True)
        out = np.array(values.to_numpy(dtype=object, na_value=None), dtype=object, copy=True)
        if blank.any():
            out[blank] = None
        if fail is not None:
            check_attribute_texts(out, fail, column, ids)
        return pd.Series(out, dtype=object)
    out = np.array([None if is_blank(v) else v for v in values], dtype=object)
    if fail is not None:
        check_attribute_texts(out, fail, column, ids)
    return pd.Series(out, dtype=object)


def check_attribute_texts(out: np.ndarray, fail, column: str, ids) -> None:
    texts = [v for v in out.tolist() if isinstance(v, str)]
    if not texts:
        return
    joined = "".join(texts)
    if max(map(len, texts)) <= MAX_TEXT_CHARS and _chars.bad_text_char(joined) is None:
        return
    for i, v in enumerate(out):
        if not isinstance(v, str):
            continue
        if len(v) > MAX_TEXT_CHARS:
            fail(i, f"{column} of unit {shown(ids.iloc[i])} is longer than {MAX_TEXT_CHARS:,} characters")
        ch = _chars.bad_text_char(v)
        if ch is not None:
            fail(i, f"{column} of unit {shown(ids.iloc[i])} holds {_chars.describe(ch)}, which no file format can hold")


def as_text(v):
    if is_blank(v):
        return None
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def check_column_name(name: str, source: str, line: int | None) -> None:
    """A column (attribute) name must be short and free of control characters."""
    if len(name) > MAX_NAME_CHARS:
        raise OrgError(source, line, f"column name {shown(name)} is longer than {MAX_NAME_CHARS} characters")
    ch = _chars.bad_name_char(name)
    if ch is not None:
        raise OrgError(source, line, f"column name {shown(name)} holds {_chars.describe(ch)}: remove it")


def check_design_text(label: str, value: str, source: str, line: int | None = None) -> None:
    """The organisation's name, the customer label, a journey name: short, no control characters."""
    if len(value) > MAX_NAME_CHARS:
        raise OrgError(source, line, f"{label} {shown(value)} is longer than {MAX_NAME_CHARS} characters")
    ch = _chars.bad_name_char(value)
    if ch is not None:
        raise OrgError(source, line, f"{label} {shown(value)} holds {_chars.describe(ch)}: remove it")


_WHOLE_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,4})?")


def number_of(value) -> float:
    """A cell of a typed column (YAML, JSON, XLSX, GraphML) as a float; NaN when it is no number.

    Integers of any size come back as ±inf beyond what a float holds, so
    that the range check refuses them instead of an int64 cast wrapping them.
    """
    if isinstance(value, (bool, np.bool_)):
        return np.nan
    if isinstance(value, (int, np.integer)):
        value = int(value)
        return float(value) if abs(value) < 2**1000 else math.copysign(math.inf, value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-")
        if len(text) > 40 or not _WHOLE_TEXT.fullmatch(text):
            return np.nan
        return float(text)
    return np.nan


def _plain_whole_numbers(raw: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """(values, blank) of an arrow-backed text column holding only plain integers (``12``, ``-3``) and blanks.

    Parsed by pyarrow; None for anything else (``+5``, ``5.0``, ``1e3``), which the general path decides.
    """
    clean = clean_text(raw)
    if clean is None:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    blank = pc.equal(clean, "")
    texts = pc.if_else(blank, pa.scalar(None, clean.type), clean)
    if pc.all(pc.match_substring_regex(texts, r"^-?[0-9]{1,15}$")).as_py() is False:
        return None
    values = pc.cast(texts, pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)
    return np.asarray(values, dtype=np.int64), np.asarray(blank.to_numpy(zero_copy_only=False), dtype=bool)


def whole_column(table, col, minimum, maximum, ids, fail) -> pd.Series:
    """A whole-number field (headcount, orbit) as Int64; a value outside [minimum, maximum] is refused."""
    n = len(table)
    if col not in table.columns:
        return pd.Series(pd.arrays.IntegerArray(np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)))
    raw = table[col]
    plain = _plain_whole_numbers(raw)
    if plain is not None:
        values, blank = plain
        outside = ~blank & ((values < minimum) | (values > maximum))
        if outside.any():
            i = int(np.argmax(outside))
            limit = f"at most {maximum:,}" if values[i] > maximum else f"a whole number ≥ {minimum}"
            fail(i, f"{col} of unit {shown(ids.iloc[i])} must be {limit}, not {shown(raw.iloc[i])}")
        return pd.Series(pd.arrays.IntegerArray(np.where(blank, 0, values), blank), copy=False)
    if all_text(raw):
        # text read from CSV: vectorised all the way
        cleaned = raw.str.strip()
        blank = (cleaned.fillna("") == "").to_numpy(dtype=bool)
        if cleaned.str.contains("\u2212", regex=False).any():
            cleaned = cleaned.str.replace("\u2212", "-", regex=False)
        num = pd.to_numeric(cleaned.where(~blank), errors="coerce")
        values = num.to_numpy(dtype=float, na_value=np.nan)
    elif raw.dtype == object:
        blank = raw.map(is_blank).to_numpy(dtype=bool)
        values = np.array([np.nan if b else number_of(v) for v, b in zip(raw, blank, strict=True)], dtype=float)
    else:
        blank = raw.isna().to_numpy()
        values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        outside = (values < minimum) | (values > maximum)
        bad = (~blank) & (np.isnan(values) | ~np.isfinite(values) | (values != np.floor(values)) | outside)
    if bad.any():
        i = int(np.argmax(bad))
        if values[i] > maximum:
            fail(i, f"{col} of unit {shown(ids.iloc[i])} must be at most {maximum:,}, not {shown(raw.iloc[i])}")
        fail(i, f"{col} of unit {shown(ids.iloc[i])} must be a whole number ≥ {minimum}, not {shown(raw.iloc[i])}")
    whole = pd.array(np.where(blank, 0, values).astype(np.int64), dtype="Int64")
    whole[blank] = pd.NA
    return pd.Series(whole, copy=False)


def arrow_texts(texts):
    """Texts (a column of str and None, or a pyarrow text array) as a pyarrow array in NFC, ``""`` for None.

    The form :func:`id_codes` looks ids up in; ids themselves are in NFC.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(texts, (pa.Array, pa.ChunkedArray)):
        arr = texts if texts.type == pa.large_string() else texts.cast(pa.large_string())
    else:
        arr = pa.array(np.asarray(texts, dtype=object), type=pa.large_string(), from_pandas=True)
    if arr.null_count:
        arr = arr.fill_null("")
    if pc.all(pc.string_is_ascii(arr)).as_py() is False:
        arr = pc.utf8_normalize(arr, "NFC")
    return arr


NOT_AN_ID = -1
"""The code of a text that names no unit (:func:`id_codes`)."""
CUSTOMER_CODE = -2
"""The code of the text ``customer`` (:func:`id_codes`)."""


def id_codes(ids, others: Iterable, customer: str) -> tuple[np.ndarray, list[np.ndarray]]:
    """Row codes of the ids, and of texts that name ids (parents, served ids), from one hash pass.

    ``ids`` and each of ``others`` are pyarrow text arrays (see
    :func:`clean_text`, :func:`arrow_texts`). Returns the first row holding
    each row's id (``codes[i] == i`` for every row exactly when the ids are
    unique) and, for each of ``others``, the row of the id each text names,
    :data:`CUSTOMER_CODE` for ``customer`` and :data:`NOT_AN_ID` otherwise.
    Validation and analysis share these codes, so no id is looked up twice.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arrays = [ids, *others]
    lengths = [len(a) for a in arrays]
    chunks = []
    for a in arrays:
        for c in a.chunks if isinstance(a, pa.ChunkedArray) else [a]:
            chunks.append(c if c.type == pa.large_string() else c.cast(pa.large_string()))
    encoded = pc.dictionary_encode(pa.chunked_array(chunks, type=pa.large_string()))
    if encoded.num_chunks == 0 or sum(lengths) == 0:
        return np.empty(0, dtype=np.int64), [np.empty(0, dtype=np.int64) for _ in others]
    # one memo table for all chunks: codes are dictionary positions, in order of first appearance
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False).astype(np.int64) for c in encoded.chunks])
    dictionary = encoded.chunk(encoded.num_chunks - 1).dictionary
    n = lengths[0]
    customer_at = pc.index(dictionary, customer).as_py()
    bounds = np.cumsum(lengths)
    out = []
    for start, stop in itertools.pairwise(bounds):
        named = codes[start:stop]
        named = np.where(named < n, named, NOT_AN_ID)
        if customer_at >= 0:
            named[codes[start:stop] == customer_at] = CUSTOMER_CODE
        out.append(named)
    return codes[:n], out
