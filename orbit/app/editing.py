"""The design editor's logic: the unit table, the editor's changes, validation, undo and redo.

Plain functions and one class, no streamlit, so that tests drive them directly:

- :func:`editor_table` is the unit table as the editor shows it (``serves``
  as a list of ids); :func:`apply_editor_state` applies a ``st.data_editor``
  edit state to it; :func:`organisation_of` turns a table back into an
  organisation.
- :func:`check_table` validates a table cell by cell and names the first
  offending cell (:class:`Problem`: row, column, what is wrong, with unit
  names); :mod:`orbit.app.changes` words what an edit changed.
- :class:`EditSession` is the editor of one design: a stack of whole designs
  (every valid edit is one step; undo and redo move along it), the table the
  editor widget was started from, and what the user typed (kept even when
  invalid, never saved).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .._columns import MAX_HEADCOUNT, MAX_ORBIT
from ..errors import OrgError
from ..model import CUSTOMER, UNIT_FIELDS, Journey, Organisation

TEXT_COLUMNS = ("id", "name", "kind", "parent")
"""Editor columns holding text."""
NUMBER_COLUMNS = ("headcount", "orbit")
"""Editor columns holding whole numbers."""
LIST_COLUMNS = ("serves",)
"""Editor columns holding a list of unit ids."""
EDITOR_COLUMNS = ("id", "name", "kind", "parent", "headcount", "serves", "orbit")
"""The unit fields, in the editor's order; attributes follow."""
UNDO_LIMIT = 100
"""Edits a session can undo (older ones stay in the library's history, where they can be restored)."""


# ---------------------------------------------------------------- the table
def editor_table(org: Organisation) -> pd.DataFrame:
    """The unit table as the editor shows it: unit fields (``serves`` as a list of ids), then attributes."""
    t = org.table().reset_index(drop=True)
    cols = list(EDITOR_COLUMNS) + [c for c in t.columns if c not in EDITOR_COLUMNS]
    t = t[cols].copy()
    for c in TEXT_COLUMNS:
        t[c] = pd.Series([None if blank(v) else str(v) for v in t[c]], dtype=object)
    t["serves"] = pd.Series([serves_list(v) for v in t["serves"]], dtype=object)
    for c in NUMBER_COLUMNS:
        t[c] = pd.array(t[c], dtype="Int64")
    return t


def serves_list(value) -> list[str]:
    """A ``serves`` cell as a list of ids (from a list, or text separated by ``|``, ``,`` or ``;``).

    >>> serves_list("a|customer"), serves_list(None), serves_list(["x", " "])
    (['a', 'customer'], [], ['x'])
    """
    if isinstance(value, (list, tuple, np.ndarray)):
        items = [str(v).strip() for v in value if not blank(v)]
    elif blank(value):
        items = []
    else:
        items = [s.strip() for s in str(value).replace(",", "|").replace(";", "|").split("|")]
    return [s for s in items if s]


def editable_attributes(table: pd.DataFrame) -> list[str]:
    """Attribute columns holding plain values (text, numbers, booleans) that the editor can change."""
    out = []
    for c in table.columns:
        if c in UNIT_FIELDS or c == "serves":
            continue
        if all(v is None or isinstance(v, (str, int, float, bool, np.generic)) for v in table[c]):
            out.append(c)
    return out


def blank(v) -> bool:
    """An empty cell: None, NaN, NA, or only spaces."""
    if v is None or v is pd.NA:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def apply_editor_state(table: pd.DataFrame, state: Mapping | None) -> pd.DataFrame:
    """``table`` with a ``st.data_editor`` edit state applied (as the widget itself does).

    ``state`` has ``edited_rows`` (``{row: {column: value}}``), ``added_rows``
    (``[{column: value}]``) and ``deleted_rows`` (``[row]``); rows are
    positions in ``table``.

    >>> t = pd.DataFrame({"id": ["a", "b"], "headcount": pd.array([1, 2], dtype="Int64")})
    >>> s = {"edited_rows": {"0": {"headcount": 5}}, "added_rows": [{"id": "c"}], "deleted_rows": [1]}
    >>> apply_editor_state(t, s).values.tolist()
    [['a', 5], ['c', <NA>]]
    """
    out = table.copy().reset_index(drop=True)
    if not state:
        return out
    for c in out.columns:  # any value can be typed, in any column: checked by validate, never cast here
        out[c] = out[c].astype(object)
    for row, changes in (state.get("edited_rows") or {}).items():
        i = int(row)
        if not 0 <= i < len(out):
            continue
        for col, value in (changes or {}).items():
            if col in out.columns:
                out.at[i, col] = cell(col, value)
    added = [
        {c: cell(c, v) for c, v in (row or {}).items() if c in out.columns} for row in state.get("added_rows") or []
    ]
    if added:
        extra = pd.DataFrame(added, columns=out.columns, dtype=object)
        if "serves" in extra.columns:
            extra["serves"] = pd.Series([serves_list(v) for v in extra["serves"]], dtype=object)
        out = pd.concat([out, extra]).reset_index(drop=True)
    deleted = sorted({int(r) for r in state.get("deleted_rows") or [] if 0 <= int(r) < len(out)})
    if deleted:
        out = out.drop(index=deleted).reset_index(drop=True)
    for c in NUMBER_COLUMNS:
        if c in out.columns:
            out[c] = _numbers(out[c])
    return out


def _numbers(column: pd.Series) -> pd.Series:
    """A number column as whole numbers (``Int64``) when every value is one that fits, else as typed.

    What does not fit (text, ``1e20``, ``inf``) stays as it is, for
    :func:`validate` to name; a cast here would raise or wrap around.

    >>> _numbers(pd.Series([3, None], dtype=object)).dtype, _numbers(pd.Series([3, 10**20], dtype=object)).tolist()
    (Int64Dtype(), [3, 100000000000000000000])
    """
    values = [pd.NA if blank(v) else v for v in column.tolist()]
    if all(v is pd.NA or (isinstance(v, int | np.integer) and -(2**63) <= v < 2**63) for v in values):
        return pd.Series(pd.array(values, dtype="Int64"), index=column.index)
    return pd.Series(values, index=column.index, dtype=object)


def cell(col: str, value):
    """A value typed into column ``col`` as the table holds it (a number stays text when it is not whole)."""
    if col in NUMBER_COLUMNS:
        if blank(value):
            return pd.NA
        try:
            f = float(value)
        except (TypeError, ValueError):
            return value
        return int(f) if f.is_integer() else value
    if col in LIST_COLUMNS:
        return serves_list(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def organisation_of(table: pd.DataFrame, like: Organisation, source: str = "table") -> Organisation:
    """The organisation a valid table holds; name, customer, attributes and journeys come from ``like``.

    Units deleted from the table are taken out of the journeys (a journey
    left without steps is dropped).

    Raises
    ------
    OrgError
        With the loader's message naming the row, for a table :func:`check_table` lets pass.
    """
    flat = table.copy()
    flat["serves"] = pd.Series([("|".join(serves_list(v)) or None) for v in flat["serves"]], dtype=object)
    ids = {str(v) for v in flat["id"] if not blank(v)}
    journeys = []
    for j in like.journeys:
        steps = tuple(s for s in j.steps if s in ids)
        if steps:
            journeys.append(Journey(j.name, steps))
    shape = SimpleNamespace(name=like.name, customer=like.customer, journeys=journeys, attrs=like.attrs)
    return Organisation.from_table(flat, like=shape, source=source)


def same_table(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Whether two editor tables hold the same design (blank cells alike, numbers by value, empty rows ignored)."""
    a, b = without_blank_rows(a), without_blank_rows(b)
    if a.shape != b.shape or list(a.columns) != list(b.columns):
        return False
    for c in a.columns:
        for x, y in zip(plain_cells(a[c]), plain_cells(b[c]), strict=True):
            if not (x is y or _equal(x, y)) and norm(x) != norm(y):
                return False
    return True


def _equal(x, y) -> bool:
    try:
        return bool(x == y)
    except (TypeError, ValueError):  # arrays compare element-wise
        return False


def plain_cells(column: pd.Series) -> np.ndarray:
    """A column's cells as Python objects, missing ones as None."""
    return column.astype(object).where(column.notna(), None).to_numpy()


def blank_rows(table: pd.DataFrame) -> np.ndarray:
    """Which rows are empty in every cell (a row just added in the editor, nothing typed); only rows without
    an id can be."""
    out = np.zeros(len(table), dtype=bool)
    for i, uid in enumerate(plain_cells(table["id"])):
        if blank(uid):
            out[i] = all(blank(v) or norm(v) == () for v in table.iloc[i])
    return out


def without_blank_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The table without rows that are empty in every cell."""
    blanks = blank_rows(table)
    return table.loc[~blanks].reset_index(drop=True) if blanks.any() else table


def norm(v):
    """A cell in a form that compares equal when two cells mean the same."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return tuple(serves_list(v))
    if blank(v):
        return None
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return int(v)
    if isinstance(v, np.generic):
        return v.item()
    return v


def rows_by_id(table: pd.DataFrame) -> dict[str, dict]:
    """The table's rows by unit id (rows without an id are left out), each as ``{column: normalised cell}``."""
    out = {}
    for row in table.to_dict(orient="records"):
        uid = row.get("id")
        if not blank(uid):
            out[str(uid)] = {k: norm(v) for k, v in row.items()}
    return out


def unit_label(row: Mapping | None, uid: str) -> str:
    """How messages name a unit: its name, else its id."""
    name = (row or {}).get("name")
    return str(name) if not blank(name) else uid


# ---------------------------------------------------------------- validation
@dataclass(frozen=True)
class Problem:
    """The first offending cell of a table: row (position), column, the text's key and its values."""

    row: int | None
    column: str | None
    key: str
    values: Mapping = field(default_factory=dict)

    def text(self, tr) -> str:
        """The problem in the session's language, naming units by name."""
        return tr(f"edit.problem.{self.key}", **self.values)


def _whole(value, minimum: int, maximum: int) -> bool:
    if blank(value):
        return True
    try:
        f = float(value)
    except (TypeError, ValueError, OverflowError):
        return False
    return f.is_integer() and minimum <= f <= maximum


def check_table(table: pd.DataFrame, like: Organisation) -> Problem | None:
    """The first offending cell of an editor table, or ``None`` when it holds a valid design (see :func:`validate`)."""
    return validate(table, like)[0]


def validate(table: pd.DataFrame, like: Organisation) -> tuple[Problem | None, Organisation | None]:
    """The first offending cell of an editor table, and the organisation it holds when it has none.

    Checked in the order a person reads a row: the id (missing, reserved,
    twice), the parent (unknown, itself, a loop), headcount and orbit (whole
    numbers), then ``serves``; anything else the loader refuses is reported
    with its own message. Units are named by name.

    >>> t = pd.DataFrame({"id": ["a", "b"], "name": ["Sales", "Stock"], "parent": ["b", "a"]})
    >>> t["serves"] = [[], []]
    >>> for c in ("kind", "headcount", "orbit"):
    ...     t[c] = None
    >>> p, org = validate(t, Organisation.from_records([{"id": "x"}]))
    >>> p.row, p.column, p.key, dict(p.values)
    (0, 'parent', 'cycle', {'unit': 'Sales', 'parent': 'Stock', 'loop': 'Sales → Stock → Sales'})
    >>> org is None
    True
    """
    rows = table.to_dict(orient="records")
    live = np.flatnonzero(~blank_rows(table)).tolist()
    seen: dict[str, int] = {}
    names: dict[str, str] = {}
    for i in live:
        r = rows[i]
        uid = r.get("id")
        if blank(uid):
            return Problem(i, "id", "no_id", {"row": i + 1}), None
        uid = str(uid).strip()
        if uid == CUSTOMER:
            return Problem(i, "id", "reserved", {"id": uid}), None
        if uid in seen:
            return Problem(i, "id", "duplicate", {"id": uid, "row": i + 1, "first": seen[uid] + 1}), None
        seen[uid] = i
        names[uid] = unit_label(r, uid)
    parents = {}
    for i in live:
        r = rows[i]
        uid = str(r["id"]).strip()
        parent = r.get("parent")
        if blank(parent):
            continue
        parent = str(parent).strip()
        if parent == uid:
            return Problem(i, "parent", "own_parent", {"unit": names[uid]}), None
        if parent not in seen:
            return Problem(i, "parent", "unknown_parent", {"unit": names[uid], "parent": parent}), None
        parents[uid] = parent
    for i in live:
        uid = str(rows[i]["id"]).strip()
        path, at = [uid], parents.get(uid)
        while at is not None and at not in path:
            path.append(at)
            at = parents.get(at)
        if at == uid:
            loop = " → ".join(names[u] for u in [*path, uid])
            values = {"unit": names[uid], "parent": names[parents[uid]], "loop": loop}
            return Problem(i, "parent", "cycle", values), None
    for i in live:
        r = rows[i]
        uid = str(r["id"]).strip()
        for col, minimum, maximum in (("headcount", 0, MAX_HEADCOUNT), ("orbit", 1, MAX_ORBIT)):
            if col in r and not _whole(r[col], minimum, maximum):
                return Problem(i, col, col, {"unit": names[uid], "value": r[col]}), None
        for target in serves_list(r.get("serves")):
            if target != CUSTOMER and target not in seen:
                return Problem(i, "serves", "unknown_serves", {"unit": names[uid], "target": target}), None
            if target == uid:
                return Problem(i, "serves", "serves_itself", {"unit": names[uid]}), None
    try:
        org = organisation_of(table, like)
    except OrgError as err:
        row = live[err.line - 1] if err.line and 0 < err.line <= len(live) else None
        return Problem(row, None, "other", {"message": err.message}), None
    return None, org


# ---------------------------------------------------------------- merging
def merge_tables(base: pd.DataFrame, mine: pd.DataFrame, theirs: pd.DataFrame) -> pd.DataFrame:
    """``theirs`` with the changes from ``base`` to ``mine`` applied, unit by unit and field by field.

    For two people editing one design at once: what the other saved
    (``theirs``) is kept, and this editor's own change (units added,
    deleted, fields changed) goes on top; where both changed the same
    field of the same unit, this editor's value wins.

    >>> cols = ["id", "headcount"]
    >>> base = pd.DataFrame([["a", 1], ["b", 2]], columns=cols)
    >>> mine = pd.DataFrame([["a", 5], ["b", 2]], columns=cols)
    >>> theirs = pd.DataFrame([["a", 1], ["b", 2], ["c", 3]], columns=cols)
    >>> merge_tables(base, mine, theirs).values.tolist()
    [['a', 5], ['b', 2], ['c', 3]]
    """
    b, m = rows_by_id(base), rows_by_id(mine)
    columns = list(theirs.columns) + [c for c in mine.columns if c not in theirs.columns]
    out = {uid: dict(row) for uid, row in rows_by_id(theirs).items()}
    for uid in b:
        if uid not in m:
            out.pop(uid, None)
    for uid, row in m.items():
        if uid not in b or uid not in out:
            out[uid] = dict(row)
            continue
        for col, value in row.items():
            if value != b[uid].get(col):
                out[uid][col] = value
    frame = pd.DataFrame([{c: row.get(c) for c in columns} for row in out.values()], columns=columns)
    if "serves" in frame.columns:
        frame["serves"] = pd.Series([serves_list(v) for v in frame["serves"]], dtype=object)
    for c in NUMBER_COLUMNS:
        if c in frame.columns:
            frame[c] = pd.array([pd.NA if blank(v) else v for v in frame[c]], dtype="Int64")
    for c in frame.columns:
        if c not in NUMBER_COLUMNS and c != "serves":
            frame[c] = frame[c].astype(object).where(frame[c].notna(), None)
    return frame


# ---------------------------------------------------------------- the session
@dataclass
class Step:
    """One design on the undo stack: the whole table, and the message of the edit that made it."""

    table: pd.DataFrame = field(repr=False)
    message: str = ""
    org: Organisation | None = field(default=None, repr=False, compare=False)
    """The organisation the table holds, once it was built (validating builds it)."""


@dataclass
class EditSession:
    """The editor of one design in one browser session: a stack of whole designs, and what is typed.

    ``steps[cursor]`` is the design as it is now (the newest version saved
    by this session, :attr:`version`); every valid edit pushes a step,
    :meth:`undo` and :meth:`redo` move the cursor, and an edit after undo
    drops the steps that were undone. ``editor_base`` is the table the
    editor widget was started from (its edit state is relative to it);
    ``working`` is what the widget shows now, valid or not; ``problem`` its
    first offending cell (an invalid table is never a step).
    """

    name: str
    like: Organisation = field(repr=False)
    steps: list[Step] = field(repr=False)
    version: int
    digest: str
    cursor: int = 0
    editor_base: pd.DataFrame = field(default=None, repr=False)
    working: pd.DataFrame = field(default=None, repr=False)
    problem: Problem | None = None
    round: int = 0
    lang: str = "en"
    state_seen: str = ""
    start_version: int = 0
    start_digest: str = ""
    """The version the stack starts from (what the edit preview compares with)."""

    @classmethod
    def start(cls, name: str, org: Organisation, version: int, digest: str) -> EditSession:
        """The editor of version ``version`` of design ``name``."""
        t = editor_table(org)
        return cls(
            name,
            org,
            [Step(t, org=org)],
            version,
            digest,
            editor_base=t,
            working=t.copy(),
            start_version=version,
            start_digest=digest,
        )

    # ------------------------------------------------------------ what is there
    @property
    def table(self) -> pd.DataFrame:
        """The design as it is now (the step under the cursor)."""
        return self.steps[self.cursor].table

    @property
    def can_undo(self) -> bool:
        return self.cursor > 0

    @property
    def can_redo(self) -> bool:
        return self.cursor < len(self.steps) - 1

    @property
    def editor_key(self) -> str:
        """The editor widget's key: a new one whenever the widget must start again from :attr:`editor_base`."""
        return f"editor:{self.name}:{self.round}:{self.lang}"

    def organisation(self) -> Organisation:
        """The design as it is now (built once per step)."""
        step = self.steps[self.cursor]
        if step.org is None:
            step.org = organisation_of(step.table, self.like)
        return step.org

    # ------------------------------------------------------------ the editor widget
    def restart_editor(self, table: pd.DataFrame | None = None, lang: str | None = None) -> None:
        """Start the editor widget afresh from ``table`` (default: the design as it is now)."""
        self.editor_base = (self.table if table is None else table).copy()
        self.working = self.editor_base.copy()
        self.problem = None if table is None else check_table(self.working, self.like)
        self.round += 1
        self.lang = lang or self.lang
        self.state_seen = ""

    def take(self, state: Mapping | None) -> str | None:
        """Take the editor widget's edit state.

        Returns ``"edit"`` when it holds a valid design that differs from
        the current one (pushed as a new step: save it), ``"draft"`` when it
        is invalid (kept in :attr:`working`, :attr:`problem` says why),
        ``"same"`` when it holds the current design, and ``None`` when this
        state was taken before.
        """
        fingerprint = json.dumps(state or {}, sort_keys=True, default=str)
        if fingerprint == self.state_seen:
            return None
        self.state_seen = fingerprint
        return self.offer(apply_editor_state(self.editor_base, state), restart=False)

    def offer(self, table: pd.DataFrame, *, restart: bool = True) -> str:
        """A whole new table (from a form, or the editor): ``"edit"``, ``"draft"`` or ``"same"`` as :meth:`take`.

        ``restart`` starts the editor widget again from the result (a form
        changed the design under it).
        """
        self.working = table
        self.problem, org = validate(table, self.like)
        if self.problem is not None:
            return "draft"
        if same_table(table, self.table):
            return "same"
        self.push(table, org=org)
        if restart:
            self.restart_editor()
        return "edit"

    def discard_draft(self) -> None:
        """Drop what was typed since the last valid design."""
        self.restart_editor()

    # ------------------------------------------------------------ the stack
    def push(self, table: pd.DataFrame, message: str = "", org: Organisation | None = None) -> None:
        """A valid edit: the new design on top (the steps that were undone are dropped)."""
        del self.steps[self.cursor + 1 :]
        self.steps.append(Step(table.copy(), message, org))
        self.cursor += 1
        if len(self.steps) > UNDO_LIMIT + 1:  # the oldest design leaves the stack (not the library)
            del self.steps[0]
            self.cursor -= 1

    def name_last(self, message: str) -> None:
        """Give the step under the cursor its message (once it is worded)."""
        self.steps[self.cursor].message = message

    def undo(self) -> Step | None:
        """Back one valid edit (dropping anything typed since); returns the step undone, or None."""
        if not self.can_undo:
            return None
        undone = self.steps[self.cursor]
        self.cursor -= 1
        self.restart_editor()
        return undone

    def redo(self) -> Step | None:
        """Forward one undone edit; returns the step redone, or None."""
        if not self.can_redo:
            return None
        self.cursor += 1
        self.restart_editor()
        return self.steps[self.cursor]

    def saved(self, version: int, digest: str) -> None:
        """The design as it is now was saved as ``version`` (with SHA-256 ``digest``)."""
        self.version, self.digest = version, digest

    def rebase(self, org: Organisation, version: int, digest: str, keep: Sequence[Step] = ()) -> None:
        """Someone else saved ``version``: start from it (the stack restarts there, then ``keep``)."""
        self.like = org
        self.steps = [Step(editor_table(org), org=org), *keep]
        self.cursor = len(self.steps) - 1
        self.version, self.digest = version, digest
        self.start_version, self.start_digest = version, digest
        self.restart_editor()


__all__ = [
    "EDITOR_COLUMNS",
    "EditSession",
    "Problem",
    "Step",
    "apply_editor_state",
    "check_table",
    "editable_attributes",
    "editor_table",
    "merge_tables",
    "organisation_of",
    "same_table",
    "serves_list",
    "validate",
]
