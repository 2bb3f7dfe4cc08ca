"""From a real export's columns to unit fields: header presets, ``--map``, parents by name, import fixes.

HR systems and public registers name their columns freely. Reading a table
(CSV, XLSX) goes through three steps here, between parsing and
:func:`~orbit.model.build_organisation`:

1. **Which column is which field** (:func:`header_fields`): the headers are
   matched (case, spaces, ``_``, ``-`` and ``.`` ignored) against the unit
   fields' spellings (:data:`HEADER_ALIASES`, the presets of the HR systems
   people export from, :data:`PRESETS`), earlier spellings first; explicit
   ``map={"id": "agency_name"}`` (``--map``) wins over them. A table with no
   ``id`` column is refused with the likely mapping (:func:`suggest_mapping`).
2. **Names and parents** (:func:`prepare`): a first and a last name column
   make the name; ``label`` (``--label``) picks the name column; parents
   given by name or e-mail (each matching exactly one unit) become ids.
3. **Fixes** (:data:`FIXES`, ``--fix``): repeated ids merged, self-reports
   and unknown parents made top units. Without the fix the loader's error
   stands, naming the fix (:func:`fix_hint`).

What was done is told in one line per step (``notes``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._columns import is_blank
from ..errors import OrgError, shown
from ..model import ALIASES

FIELDS = ("id", "name", "kind", "parent", "headcount", "serves", "orbit", "email")
"""What ``--map`` can name: the unit fields, and ``email`` (a key parents may be given by)."""
FIXES = ("duplicates", "self-reports", "unknown-parents")
"""What ``--fix`` can repair (``all`` for every one)."""

PRESETS: dict[str, dict[str, tuple[str, ...]]] = {
    "Workday": {
        "id": ("employeeid", "workerid", "employee_id"),
        "name": ("worker", "legalname", "preferredname", "workername"),
        "parent": ("managerid", "manageremployeeid", "workersmanagerid", "manager"),
        "email": ("workemail", "primaryworkemail", "emailprimarywork"),
    },
    "SAP SuccessFactors": {
        "id": ("userid", "personidexternal"),
        "parent": ("managerid", "manager", "managerusersysid"),
        "email": ("email",),
    },
    "BambooHR": {
        "id": ("employee#", "employeenumber", "eeid", "employeeid"),
        "name": ("displayname", "employeename", "employee"),
        "parent": ("supervisoreid", "supervisorid", "reportstoid", "supervisor", "reportsto"),
        "email": ("workemail",),
    },
    "Personio": {
        "id": ("id", "employeeid"),
        "parent": ("supervisorid", "supervisor", "vorgesetzter", "vorgesetzterid"),
        "email": ("email", "emailaddress"),
    },
    "HiBob": {
        "id": ("employeeidincompany", "workemployeeidincompany", "id"),
        "name": ("displayname", "fullname"),
        "parent": ("workreportstoidincompany", "reportstoidincompany", "workreportsto", "reportsto"),
        "email": ("email", "workemail"),
    },
    "Microsoft Entra ID": {
        "id": ("objectid", "userprincipalname", "upn"),
        "name": ("displayname",),
        "parent": ("managerid", "manageruserprincipalname", "managerupn", "manager"),
        "email": ("userprincipalname", "upn", "mail"),
    },
}
"""Header spellings of the HR systems people export from, by system (after :func:`header_key`)."""

_FIRST_NAME = ("firstname", "givenname", "vorname", "preferredfirstname", "forename")
_LAST_NAME = ("lastname", "surname", "familyname", "nachname")
_ID_LIKE = ("parent", "parentid", "reportstoid", "managerid", "supervisorid", "supervisoreid")


def header_key(text) -> str:
    """``"Manager ID"``, ``"manager_id"``, ``"work.reportsTo"`` → ``"managerid"``, ``"workreportsto"``."""
    return re.sub(r"[\s_\-.]+", "", str(text)).lower()


def _aliases() -> dict[str, tuple[str, ...]]:
    """Every field's spellings: Orbit's own first, then the presets'; for ``parent``, id columns before names."""
    out: dict[str, list[str]] = {f: [header_key(a) for a in ALIASES.get(f, ())] for f in FIELDS}
    out["email"] = ["email", "emailaddress", "mail"]
    for preset in PRESETS.values():
        for f, spellings in preset.items():
            out[f].extend(header_key(s) for s in spellings if header_key(s) not in out[f])
    spellings = list(dict.fromkeys(out["parent"]))
    out["parent"] = sorted(spellings, key=lambda a: (a not in _ID_LIKE and not a.endswith("id"), spellings.index(a)))
    return {f: tuple(dict.fromkeys(v)) for f, v in out.items()}


HEADER_ALIASES = _aliases()
"""Field → header spellings, best first (Orbit's own, then :data:`PRESETS`)."""


@dataclass
class ImportOptions:
    """How a table is read: the explicit column mapping, encoding, fixes and label column.

    ``notes`` collects one line per thing done (parents resolved by name,
    rows merged ...); the CLI prints them on stderr.
    """

    map: Mapping[str, str] = field(default_factory=dict)
    encoding: str | None = None
    fix: frozenset[str] = frozenset()
    label: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def plain(self) -> bool:
        """Nothing asked for: the file is read as it always was."""
        return not (self.map or self.encoding or self.fix or self.label)


def parse_map(text: str | Mapping[str, str] | None, source: str = "--map") -> dict[str, str]:
    """``"id=agency_name,parent=parent_agency_name"`` (or a mapping) → ``{field: column}``, checked.

    Raises
    ------
    OrgError
        For an unknown field, a pair without ``=``, or one field mapped twice.

    >>> parse_map("id=agency_name, parent = parent_agency_name")
    {'id': 'agency_name', 'parent': 'parent_agency_name'}
    """
    if not text:
        return {}
    pairs = list(text.items()) if isinstance(text, Mapping) else []
    if not isinstance(text, Mapping):
        for part in str(text).split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise OrgError(source, None, f"--map takes FIELD=COLUMN pairs, not {part.strip()!r}")
            key, _, column = part.partition("=")
            pairs.append((key, column))
    out: dict[str, str] = {}
    for key, column in pairs:
        key, column = str(key).strip().lower(), str(column).strip()
        if key not in FIELDS:
            raise OrgError(source, None, f"--map: unknown field {key!r} (fields: {', '.join(FIELDS)})")
        if not column:
            raise OrgError(source, None, f"--map: no column given for {key!r}")
        if key in out:
            raise OrgError(source, None, f"--map names the field {key!r} twice")
        out[key] = column
    return out


def parse_fixes(text: str | Iterable[str] | None, source: str = "--fix") -> frozenset[str]:
    """``"duplicates,self-reports"`` or ``"all"`` (or a list) → the set of fixes, checked.

    >>> sorted(parse_fixes("all")) == sorted(FIXES), sorted(parse_fixes(["self-reports"]))
    (True, ['self-reports'])
    """
    if not text:
        return frozenset()
    parts = str(text).split(",") if isinstance(text, str) else [str(t) for t in text]
    out = set()
    for part in (p.strip().lower() for p in parts):
        if not part:
            continue
        if part == "all":
            out.update(FIXES)
        elif part in FIXES:
            out.add(part)
        else:
            raise OrgError(source, None, f"--fix: unknown fix {part!r} (fixes: {', '.join(FIXES)}, all)")
    return frozenset(out)


# ------------------------------------------------------------- which column is which field
def _column_named(headers: list[str], column: str) -> str | None:
    """The header meant by ``column``: as written, else with case, spaces, ``_``, ``-`` and ``.`` ignored."""
    if column in headers:
        return column
    wanted = header_key(column)
    hits = [h for h in headers if header_key(h) == wanted]
    return hits[0] if len(hits) == 1 else None


def header_fields(headers: list[str], source: str, options: ImportOptions | None = None, frame=None) -> dict[str, str]:
    """Header → field for the columns that hold unit fields (the rest are attributes).

    Explicit mappings (``options.map``, ``options.label`` for ``name``) come
    first; the other fields take the first header that spells them
    (:data:`HEADER_ALIASES`, best spelling first).

    Raises
    ------
    OrgError
        On line 1, for a mapped column that is not in the header, or when no
        column holds the ids (suggesting ``--map`` from ``frame``).
    """
    options = options or ImportOptions()
    wanted = dict(options.map)
    if options.label:
        if "name" in wanted and header_key(wanted["name"]) != header_key(options.label):
            raise OrgError(source, None, "--label and --map name=… name two columns: give one")
        wanted["name"] = options.label
    out: dict[str, str] = {}
    for f, column in wanted.items():
        header = _column_named(headers, column)
        if header is None:
            listed = ", ".join(map(str, headers[:12])) + (" …" if len(headers) > 12 else "")
            option = "--label" if f == "name" and options.label else f"--map {f}=…"
            raise OrgError(source, 1, f"{option}: no column {column!r} in the header (columns: {listed})")
        if header in out:
            raise OrgError(source, 1, f"--map: column {header!r} is mapped to {out[header]!r} and {f!r}")
        out[header] = f
    taken = set(out.values())
    for f in FIELDS:
        if f in taken:
            continue
        for alias in HEADER_ALIASES[f]:
            header = next((h for h in headers if h not in out and header_key(h) == alias), None)
            if header is not None:
                out[header] = f
                break
    if "id" not in out.values():
        raise OrgError(source, 1, _no_id_message(headers, frame))
    return out


def _no_id_message(headers: list[str], frame) -> str:
    guess = suggest_mapping(headers, frame) if frame is not None else {}
    if guess.get("id"):
        pairs = ",".join(f"{f}={_quoted(c)}" for f, c in guess.items())
        return f"no 'id' column; try --map {pairs}"
    listed = ", ".join(map(str, headers[:8])) + (" …" if len(headers) > 8 else "")
    return f"no 'id' column in the header (found: {listed}); name the id column with --map id=COLUMN"


def _quoted(column: str) -> str:
    return column if re.fullmatch(r"[\w.\-]+", column) else f'"{column}"'


def suggest_mapping(headers: list[str], frame: pd.DataFrame) -> dict[str, str]:
    """The likely ``--map`` for a table whose columns Orbit does not know: ``{field: column}``.

    The id is the column that is filled on (nearly) every row and most
    often unique, preferring headers that say id, key, code, number or
    name; the parent is a column whose header says parent, manager,
    reports or supervisor, or else the column whose values are most often
    among the ids.

    >>> t = pd.DataFrame({"agency_name": ["A", "B", "C"], "parent_agency_name": ["", "A", "A"], "active": ["y"] * 3})
    >>> suggest_mapping(list(t.columns), t)
    {'id': 'agency_name', 'parent': 'parent_agency_name'}
    """
    known = {f: h for h, f in header_fields_lenient(headers).items()}
    n = len(frame)
    if not n:
        return {}
    cells = {h: frame[h].astype("string").str.strip().fillna("") for h in headers if h in frame.columns}
    best_id, best = known.get("id"), -1.0
    if best_id is None:
        for h, values in cells.items():
            filled = values != ""
            if filled.mean() < 0.9:
                continue
            unique = values[filled].nunique() / max(int(filled.sum()), 1)
            if unique < 0.5 or values[filled].str.len().max() > 200:
                continue
            words = re.search(r"(^|[^a-z])(id|key|code|number|no|nr|name)([^a-z]|$)", _words(h))
            score = unique + (0.5 if words else 0) - (0.3 if "parent" in _words(h) else 0)
            if score > best:
                best_id, best = h, score
    if best_id is None:
        return {}
    out = {"id": best_id}
    if "parent" in known:
        out["parent"] = known["parent"]
        return out
    ids = set(cells[best_id])
    scored = []
    for h, values in cells.items():
        if h == best_id:
            continue
        filled = values[values != ""]
        if not len(filled):
            continue
        among = filled.isin(ids).mean()
        says = re.search(r"parent|manager|reports|supervisor|boss|vorgesetzt|leitung|über", _words(h))
        if among >= 0.5 or (says and among > 0):
            scored.append((bool(says), among, h))
    if scored:
        out["parent"] = max(scored)[2]
    return out


def _words(header: str) -> str:
    """A header in lower case with camelCase split: ``parentAgencyName`` → ``parent agency name``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(header)).lower().replace("_", " ")


def header_fields_lenient(headers: list[str]) -> dict[str, str]:
    """:func:`header_fields` without the explicit mapping, and without refusing a table with no id."""
    out: dict[str, str] = {}
    for f in FIELDS:
        for alias in HEADER_ALIASES[f]:
            header = next((h for h in headers if h not in out and header_key(h) == alias), None)
            if header is not None:
                out[header] = f
                break
    return out


# ------------------------------------------------------------- names, parents and fixes
def _text(values: pd.Series) -> pd.Series:
    """Cells as stripped text in NFC, blanks as ``""`` (how ids compare)."""
    out = values.astype("string").str.strip().fillna("")
    if not out.str.isascii().all():
        out = out.map(lambda v: unicodedata.normalize("NFC", v))
    return out


def _among(values: pd.Series, pool: pd.Series) -> pd.Series:
    """Whether each of ``values`` is one of ``pool`` (both :func:`_text` columns), hashed in C.

    ``Series.isin`` on Arrow-backed text builds one Python scalar per value
    (seconds for a million rows); Arrow's own ``is_in`` does not.

    >>> _among(_text(pd.Series(["a", "x", ""])), _text(pd.Series(["a", "b"]))).tolist()
    [True, False, False]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        left, right = pa.array(values.array), pa.array(pool.array)
    except (TypeError, ValueError, pa.ArrowException):  # not Arrow-backed: pandas' own hash table
        return values.isin(pool.to_numpy(dtype=object))
    found = pc.is_in(left, value_set=right).to_numpy(zero_copy_only=False)
    return pd.Series(found, index=values.index, dtype=bool)


def prepare(
    frame: pd.DataFrame,
    fields: Mapping[str, str],
    source: str,
    lines: Callable[[int], int | None],
    options: ImportOptions | None = None,
) -> tuple[pd.DataFrame, Callable[[int], int | None]]:
    """The raw table with its columns named as fields, names composed, parents as ids and the fixes applied.

    Returns the table and the line of each of its rows (rows merged by the
    ``duplicates`` fix move the lines).

    Raises
    ------
    OrgError
        For a parent name that fits several units (naming their lines).
    """
    frame, lines, later = prepare_deferred(frame, fields, source, lines, options)
    if later is not None:
        frame = later() or frame
    return frame, lines


def prepare_deferred(
    frame: pd.DataFrame,
    fields: Mapping[str, str],
    source: str,
    lines: Callable[[int], int | None],
    options: ImportOptions | None = None,
) -> tuple[pd.DataFrame, Callable[[int], int | None], Callable[[], pd.DataFrame | None] | None]:
    """Like :func:`prepare`, leaving parents given by name or e-mail to be resolved on demand.

    Looking up every parent among the ids costs a hash pass over millions
    of rows that building the organisation does anyway, so the readers build
    first and call the returned ``later`` only when a parent names no unit
    (:class:`orbit.errors.UnknownParentError`): it returns the table with
    those parents resolved, or None when none could be. ``later`` is None
    when nothing is left to do (no parent column, or a fix that needs the
    parents resolved first was asked for, which resolves them now).
    """
    options = options or ImportOptions()
    notes = options.notes
    renamed = {}
    for h in frame.columns:
        f = fields.get(h)
        if f is not None:
            renamed[h] = f
        elif str(h) in FIELDS or header_key(h) in FIELDS:
            renamed[h] = f"{h} (column)"  # a header spelling a field that another column holds
    frame = frame.rename(columns=renamed)
    if "email" in frame.columns and "email" not in fields.values():
        frame = frame.rename(columns={"email": "email (column)"})
    frame = _compose_names(frame, fields)
    if "duplicates" in options.fix:
        frame, lines = _merge_duplicates(frame, lines, notes)
    later = None
    if "parent" in frame.columns:
        if {"self-reports", "unknown-parents"} & set(options.fix):
            frame = _parents_by_key(frame, source, lines, options)
            if "self-reports" in options.fix:
                frame = _fix_self_reports(frame, notes)
            if "unknown-parents" in options.fix:
                frame = _fix_unknown_parents(frame, notes)
        else:

            def later(raw=frame, lines=lines):
                resolved = _parents_by_key(raw, source, lines, options)
                return None if resolved is raw else _email_header(resolved, fields)

    return _email_header(frame, fields), lines, later


def _email_header(frame: pd.DataFrame, fields: Mapping[str, str]) -> pd.DataFrame:
    """The e-mail column under its header again (it is named ``email`` while parents are looked up)."""
    if "email" in frame.columns:
        original = next((h for h, f in fields.items() if f == "email"), "email")
        frame = frame.rename(columns={"email": original})
    return frame


def _compose_names(frame: pd.DataFrame, fields: Mapping[str, str]) -> pd.DataFrame:
    """First and last name columns make the name (``Steven`` + ``King``), when no column holds the whole name."""
    by_key = {header_key(c): c for c in frame.columns}
    last = next((by_key[k] for k in _LAST_NAME if k in by_key), None)
    if last is None:
        return frame
    name_header = next((h for h, f in fields.items() if f == "name"), None)
    if name_header is not None and header_key(name_header) in (*_FIRST_NAME, "name"):
        first = "name"
    elif name_header is None:
        first = next((by_key[k] for k in _FIRST_NAME if k in by_key), None)
    else:
        return frame
    if first is None or first == last:
        return frame
    a, b = _text(frame[first]), _text(frame[last])
    if (a == "").all() or (b == "").all():
        return frame
    already = pd.Series([bool(y) and y in x for x, y in zip(a, b, strict=True)], index=frame.index)
    if already.mean() > 0.5:
        return frame
    whole = (a + " " + b).str.strip()
    frame = frame.copy()
    frame["name"] = whole.where(whole != "", None).astype(object)
    return frame


def _count(n: int, one: str, many: str | None = None) -> str:
    """``1 unit``, ``2,345 units``."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def _first_ids(ids: pd.Series, limit: int = 3) -> str:
    shown_ids = ", ".join(shown(i) for i in ids[:limit])
    return shown_ids + (" …" if len(ids) > limit else "")


def _merge_duplicates(frame: pd.DataFrame, lines, notes: list[str]):
    """Rows repeating an id become one unit: the first row's fields, blanks filled from later rows,
    ``serves`` united; when the rows carry no headcount (person rows), the headcount is their number."""
    ids = _text(frame["id"])
    repeated = ids.duplicated(keep=False) & (ids != "")
    if not repeated.any():
        return frame, lines
    keep = ~ids.duplicated(keep="first") | (ids == "")
    kept_rows = np.flatnonzero(keep.to_numpy())
    dup = frame.loc[repeated.to_numpy()].copy()
    key = ids[repeated]
    blanked = dup.apply(lambda col: col.where(~col.map(is_blank), None))
    merged = blanked.groupby(key.to_numpy(), sort=False).first()
    counts = key.value_counts()
    if "serves" in dup.columns:
        from ..model import _split_lists  # the one rule of how a cell lists ids

        united = {}
        for k, cell in zip(key, dup["serves"], strict=True):
            bag = united.setdefault(k, {})
            if isinstance(cell, (list, tuple)):
                bag.update(dict.fromkeys(str(c) for c in cell))
            elif not is_blank(cell):
                _, tgt = _split_lists(pd.Series([cell], dtype=object))
                bag.update(dict.fromkeys(str(t) for t in tgt))
        merged["serves"] = [("|".join(united.get(k, {})) or None) for k in merged.index]
    if "headcount" in dup.columns:
        no_count = blanked["headcount"].isna().groupby(key.to_numpy(), sort=False).all()
        merged.loc[no_count.to_numpy(), "headcount"] = counts.reindex(merged.index)[no_count.to_numpy()].astype(str)
    else:
        merged["headcount"] = counts.reindex(merged.index).astype(str)
        frame = frame.assign(headcount=None)
    out = frame.loc[keep.to_numpy()].copy()
    first_of = ids[keep]
    where = first_of.isin(merged.index).to_numpy()
    for col in merged.columns:
        if col not in out.columns:
            out[col] = None
        values = out[col].astype(object).to_numpy(copy=True)
        values[where] = merged[col].reindex(first_of[where].to_numpy()).to_numpy(dtype=object)
        out[col] = pd.Series(values, index=out.index, dtype=object)
    out = out.reset_index(drop=True)
    groups = len(merged)
    rows = int(repeated.sum())
    notes.append(
        f"duplicates: merged {_count(rows, 'row')} repeating {_count(groups, 'id')} into one unit each "
        f"({_first_ids(merged.index.tolist())})"
    )
    return out, (lambda i, kept=kept_rows, old=lines: old(int(kept[i])) if 0 <= i < len(kept) else None)


def _parents_by_key(frame: pd.DataFrame, source: str, lines, options: ImportOptions) -> pd.DataFrame:
    """Parents written as names or e-mail addresses, turned into ids when each fits exactly one unit."""
    ids = _text(frame["id"])
    parent = _text(frame["parent"])
    unknown = (parent != "") & ~_among(parent, ids)
    if not unknown.any():
        return frame
    wanted = set(parent[unknown])
    best = None
    for key in ("name", "email"):
        if key not in frame.columns:
            continue
        values = _text(frame[key])
        if key == "email":
            values = values.str.lower()
        looked = parent[unknown].str.lower() if key == "email" else parent[unknown]
        hits = set(looked) & set(values[values != ""])
        if hits and (best is None or len(hits) > best[2]):
            best = (key, values, len(hits), looked)
    if best is None:
        return frame
    key, values, matched, looked = best
    if matched * 2 < len(wanted) and "unknown-parents" not in options.fix:
        return frame  # mostly not names: the unknown parents stay the loader's error
    positions: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        if v:
            positions.setdefault(v, []).append(i)
    for i, v in zip(np.flatnonzero(unknown.to_numpy()), looked, strict=True):
        hit = positions.get(v)
        if hit and len(hit) > 1:
            where = ", ".join(str(lines(k)) for k in hit[:4]) + (" …" if len(hit) > 4 else "")
            raise OrgError(
                source,
                lines(int(i)),
                f"parent {shown(parent.iloc[i])} of unit {shown(ids.iloc[i])} is the {key} of {len(hit)} units "
                f"(lines {where}): map an id column as parent, or make the {key}s unique",
            )
    lookup = {v: ids.iloc[p[0]] for v, p in positions.items()}
    resolved = looked.map(lookup)
    frame = frame.copy()
    new_parent = frame["parent"].astype(object).to_numpy(copy=True)
    done = resolved.notna().to_numpy()
    rows = np.flatnonzero(unknown.to_numpy())[done]
    new_parent[rows] = resolved[done].to_numpy(dtype=object)
    frame["parent"] = pd.Series(new_parent, index=frame.index, dtype=object)
    by = "names" if key == "name" else "e-mail addresses"
    options.notes.append(f"parents given by {by}: resolved {_count(len(rows), 'parent')} to ids by the column {key!r}")
    return frame


def _fix_self_reports(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    ids, parent = _text(frame["id"]), _text(frame["parent"])
    return _make_top(frame, (parent != "") & (parent == ids), ids, notes, "self-reports", "reporting to itself")


def _fix_unknown_parents(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    ids, parent = _text(frame["id"]), _text(frame["parent"])
    unknown = (parent != "") & ~_among(parent, ids) & (parent.str.lower() != "customer")
    return _make_top(frame, unknown, ids, notes, "unknown-parents", "with a parent not in the file")


def _make_top(frame: pd.DataFrame, rows: pd.Series, ids: pd.Series, notes: list[str], fix: str, what: str):
    """The units of ``rows`` made top units, and the fix's note."""
    if not rows.any():
        return frame
    frame = frame.copy()
    frame.loc[rows.to_numpy(), "parent"] = None
    notes.append(f"{fix}: {_count(int(rows.sum()), 'unit')} {what} made top-level ({_first_ids(ids[rows].tolist())})")
    return frame


_HINTS = (
    ("duplicate id ", "duplicates", "merges the rows of one id"),
    ("reports to itself", "self-reports", "makes it top-level"),
    ("unknown parent ", "unknown-parents", "makes such units top-level"),
)


def fix_hint(err: OrgError) -> OrgError:
    """The loader's error with the ``--fix`` that would repair it named (``; --fix self-reports …``)."""
    for words, fix, does in _HINTS:
        if words in err.message and "--fix" not in err.message:
            return OrgError(err.source, err.line, f"{err.message}; --fix {fix} {does}")
    return err


def problems(frame: pd.DataFrame, fields: Mapping[str, str]) -> dict[str, list[str]]:
    """What the fixes would repair in a raw table: ``{fix: [ids]}`` (for the app's import step)."""
    cols = {f: h for h, f in fields.items()}
    out: dict[str, list[str]] = {f: [] for f in FIXES}
    if "id" not in cols:
        return out
    ids = _text(frame[cols["id"]])
    out["duplicates"] = list(dict.fromkeys(ids[ids.duplicated() & (ids != "")]))
    if "parent" in cols:
        parent = _text(frame[cols["parent"]])
        out["self-reports"] = ids[(parent != "") & (parent == ids)].tolist()
        out["unknown-parents"] = ids[(parent != "") & ~_among(parent, ids)].tolist()
    return out
