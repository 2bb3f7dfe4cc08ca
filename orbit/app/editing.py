"""The design editor: the unit table as the editor shows it, the editor's changes, validation, undo.

An :class:`EditSession` keeps the last valid table (what the rest of the app
shows), what the user typed (kept even when invalid) and an undo stack;
every change is validated by building the organisation through the loader's
rules. :func:`edited_design` turns the result into a :class:`~orbit.app.loading.Design`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import OrgError
from ..formats import dumps
from ..i18n import Translator
from ..model import UNIT_FIELDS, Organisation
from .loading import Design

UNDO_LIMIT = 40
"""Edits kept for Undo."""


TEXT_COLUMNS = ("id", "name", "kind", "parent", "serves")


NUMBER_COLUMNS = ("headcount", "orbit")


def editor_table(org: Organisation) -> pd.DataFrame:
    """The unit table as the editor shows it: unit fields, ``serves`` as text, then attributes."""
    t = org.table().reset_index(drop=True)
    first = ["id", "name", "kind", "parent", "headcount", "serves", "orbit"]
    cols = first + [c for c in t.columns if c not in first]
    t = t[cols].copy()
    for c in TEXT_COLUMNS:
        t[c] = pd.Series([None if _blank(v) else str(v) for v in t[c]], dtype=object)
    for c in NUMBER_COLUMNS:
        t[c] = pd.array(t[c], dtype="Int64")
    return t


def editable_attributes(table: pd.DataFrame) -> list[str]:
    """Attribute columns holding plain values (text, numbers, booleans) that the editor can change."""
    out = []
    for c in table.columns:
        if c in UNIT_FIELDS or c == "serves":
            continue
        if all(v is None or isinstance(v, (str, int, float, bool, np.generic)) for v in table[c]):
            out.append(c)
    return out


def _blank(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    if v is pd.NA:
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
    for c in out.columns:
        if c in NUMBER_COLUMNS:
            continue
        out[c] = out[c].astype(object)
    for row, changes in (state.get("edited_rows") or {}).items():
        i = int(row)
        if not 0 <= i < len(out):
            continue
        for col, value in (changes or {}).items():
            if col in out.columns:
                out.at[i, col] = _cell(col, value)
    added = [
        {c: _cell(c, v) for c, v in (row or {}).items() if c in out.columns} for row in state.get("added_rows") or []
    ]
    if added:
        extra = pd.DataFrame(added, columns=out.columns)
        for c in NUMBER_COLUMNS:
            if c in extra.columns:
                extra[c] = pd.array(extra[c].tolist(), dtype="Int64")
        out = pd.concat([out, extra.astype({c: object for c in extra.columns if c not in NUMBER_COLUMNS})])
        out = out.reset_index(drop=True)
    deleted = sorted({int(r) for r in state.get("deleted_rows") or [] if 0 <= int(r) < len(out)})
    if deleted:
        out = out.drop(index=deleted).reset_index(drop=True)
    return out


def _cell(col: str, value):
    if col in NUMBER_COLUMNS:
        if _blank(value):
            return pd.NA
        try:
            f = float(value)
        except (TypeError, ValueError):
            return value
        return int(f) if f.is_integer() else value
    if isinstance(value, str):
        return value if value.strip() else None
    return value


@dataclass
class EditSession:
    """The editor of one design: last valid table, what the editor shows, undo stack.

    ``working`` is what the user typed (kept even when invalid, so a rerun
    loses nothing); ``table`` is the last valid version, which the rest of
    the app shows. ``version`` changes whenever the editor must restart from
    ``working`` (after Undo, or when it comes back into view).
    """

    base_id: str
    like: Organisation = field(repr=False)
    original: pd.DataFrame = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    working: pd.DataFrame = field(repr=False)
    editor_base: pd.DataFrame = field(repr=False)
    undo: list = field(default_factory=list, repr=False)
    error: OrgError | None = None
    version: int = 0
    state_seen: str = ""

    @classmethod
    def start(cls, base_id: str, org: Organisation) -> EditSession:
        t = editor_table(org)
        return cls(base_id, org, t, t, t.copy(), t.copy())

    @property
    def editor_key(self) -> str:
        return f"editor:{self.base_id}:{self.version}"

    @property
    def changed(self) -> bool:
        return not _same(self.table, self.original)

    def restart_editor(self) -> None:
        """Show ``working`` in a fresh editor (its pending state is already applied)."""
        self.editor_base = self.working.copy()
        self.version += 1
        self.state_seen = ""

    def apply(self, state: Mapping | None) -> str | None:
        """Apply the editor's state.

        Returns ``"design"`` when the valid design changed, ``"typed"`` when
        only what the editor shows changed (an invalid table is kept in
        ``working`` with the loader's error in ``error``; ``table`` stays the
        last valid one), and None when the state was already applied.
        """
        fingerprint = json.dumps(state or {}, sort_keys=True, default=str)
        if fingerprint == self.state_seen:
            return None
        self.state_seen = fingerprint
        working = apply_editor_state(self.editor_base, state)
        self.working = working
        try:
            Organisation.from_table(working, like=self.like, source="table")
        except OrgError as err:
            self.error = err
            return "typed"
        self.error = None
        if _same(working, self.table):
            return "typed"
        self.undo.append(self.table)
        del self.undo[:-UNDO_LIMIT]
        self.table = working
        return "design"

    def organisation(self) -> Organisation:
        """The last valid design."""
        return Organisation.from_table(self.table, like=self.like, source="table")

    def undo_last(self) -> bool:
        """Undo: first drop invalid typing, else go back one valid version; False when there is nothing to undo."""
        if self.error is not None:
            self.working = self.table.copy()
            self.error = None
            self.restart_editor()
            return True
        if not self.undo:
            return False
        self.table = self.undo.pop()
        self.working = self.table.copy()
        self.restart_editor()
        return True

    def reset(self) -> None:
        """Back to the original design, with the current version on the undo stack."""
        if self.changed:
            self.undo.append(self.table)
            del self.undo[:-UNDO_LIMIT]
        self.table = self.original.copy()
        self.working = self.original.copy()
        self.error = None
        self.restart_editor()


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if a.shape != b.shape or list(a.columns) != list(b.columns):
        return False
    left = a.astype(object).where(a.notna(), None)
    right = b.astype(object).where(b.notna(), None)
    return left.map(_norm).equals(right.map(_norm))


def _norm(v):
    if _blank(v):
        return None
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return int(v)
    if isinstance(v, np.generic):
        return v.item()
    return v


def edit_error_text(err: OrgError, tr: Translator) -> str:
    """The loader's message for an invalid edit, naming the table row."""
    where = f"{tr('edit.row')} {err.line}: " if err.line else ""
    return tr("edit.invalid", message=where + err.message)


def edited_design(base: Design, org: Organisation) -> Design:
    """The edited version of ``base`` as a design.

    Stored as JSON: it keeps everything the editor can change (as YAML would)
    and is written and read back ten times faster, which an edit of a design
    with thousands of units feels.
    """
    data, _ = dumps(org, "json")
    stem = Path(base.filename).stem
    return Design(f"edit:{base.id}", f"{stem}-edited.json", data, "edit", title=base.title, base=base.id)
