"""What an edit changed, in words: the message a new version is saved with, and the units that moved.

``moved Lager under Vertrieb``, ``added unit kam``, ``changed headcount of
Vertrieb from 3 to 5``: :func:`describe` compares two editor tables
(:mod:`orbit.app.editing`) unit by unit and names units by name, in the
session's language. :func:`changed_units` lists the units whose place
changed, for the edit preview to highlight.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..i18n import Translator
from ..model import CUSTOMER
from .editing import rows_by_id, unit_label

SHOWN = 2
"""Changes a message spells out; the rest are counted."""


def describe(before: pd.DataFrame, after: pd.DataFrame, tr: Translator) -> str:
    """One line saying what changed from ``before`` to ``after`` (editor tables), units by name.

    >>> cols = ["id", "name", "parent", "headcount", "serves"]
    >>> a = pd.DataFrame([["gf", "GF", None, 3, []], ["lager", "Lager", "gf", 4, []], ["v", "Vertrieb", "gf", 3, []]],
    ...                  columns=cols)
    >>> b = a.copy(); b.at[1, "parent"] = "v"
    >>> describe(a, b, Translator("en")), describe(a, b, Translator("de"))
    ('moved Lager under Vertrieb', 'Lager unter Vertrieb verschoben')
    >>> c = a.copy(); c.at[2, "headcount"] = 5
    >>> describe(a, c, Translator("en"))
    'changed headcount of Vertrieb from 3 to 5'
    """
    old, new = _changed_rows(before, after)
    parts = _changes(old, new, tr)
    if not parts:
        return tr("edit.msg.none")
    if len(parts) <= SHOWN + 1:
        return tr("edit.msg.join").join(parts)
    head = tr("edit.msg.join").join(parts[:SHOWN])
    return tr("edit.msg.more", changes=head, n=len(parts) - SHOWN)


def _changed_rows(before: pd.DataFrame, after: pd.DataFrame) -> tuple[dict, dict]:
    """The rows of both tables by id, only those that differ when the ids are the same, in the same order.

    An edit of a few cells in a big table is then worded without comparing
    every unit field by field (the units a message names are looked up in
    the full tables only when a change points at them).
    """
    same_ids = len(before) == len(after) and list(before.columns) == list(after.columns)
    same_ids = same_ids and before["id"].astype(object).tolist() == after["id"].astype(object).tolist()
    if not same_ids:
        return rows_by_id(before), rows_by_id(after)
    differs = np.zeros(len(after), dtype=bool)
    for c in after.columns:
        left = before[c].astype(object).where(before[c].notna(), None).to_numpy()
        right = after[c].astype(object).where(after[c].notna(), None).to_numpy()
        differs |= np.fromiter((x != y for x, y in zip(left, right, strict=True)), bool, len(right))
    rows = np.flatnonzero(differs)
    old, new = rows_by_id(before.iloc[rows]), rows_by_id(after.iloc[rows])
    for uid in {v for row in new.values() for v in (row.get("parent"), *(row.get("serves") or ()))} - set(new):
        if uid is not None:  # a unit the message names: its name, from the full table
            hit = after.index[after["id"] == uid]
            if len(hit):
                new.setdefault(uid, rows_by_id(after.loc[hit])[uid])
                old.setdefault(uid, new[uid])
    return old, new


def _label(rows: Mapping, uid) -> str:
    if uid is None:
        return ""
    if uid == CUSTOMER:
        return "customer"
    return unit_label(rows.get(uid), str(uid))


def _value(v, tr: Translator) -> str:
    if v is None:
        return tr("edit.msg.empty")
    if isinstance(v, tuple):
        return ", ".join(v) if v else tr("edit.msg.empty")
    return tr.number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def _changes(old: Mapping, new: Mapping, tr: Translator) -> list[str]:
    added = [u for u in new if u not in old]
    removed = [u for u in old if u not in new]
    parts: list[str] = []
    # an id typed anew is one unit renamed, not one removed and one added
    for gone in list(removed):
        rest = {k: v for k, v in old[gone].items() if k != "id"}
        match = next((a for a in added if {k: v for k, v in new[a].items() if k != "id"} == rest), None)
        if match is not None:
            parts.append(tr("edit.msg.id", unit=_label(new, match), old=gone, new=match))
            removed.remove(gone)
            added.remove(match)
    parts += [tr("edit.msg.added", unit=_label(new, u)) for u in added]
    parts += [tr("edit.msg.removed", unit=_label(old, u)) for u in removed]
    for uid, row in new.items():
        if uid not in old:
            continue
        was = old[uid]
        unit = _label(new, uid)
        for col, value in row.items():
            before = was.get(col)
            if value == before or col == "id":
                continue
            if col == "parent":
                if value is None:
                    parts.append(tr("edit.msg.top", unit=unit))
                else:
                    parts.append(tr("edit.msg.moved", unit=unit, parent=_label(new, value)))
            elif col == "name":
                parts.append(tr("edit.msg.renamed", old=_value(before, tr), new=_value(value, tr)))
            elif col == "serves":
                targets = [tr.customer("Customer") if t == CUSTOMER else _label(new, t) for t in value or ()]
                if targets:
                    parts.append(tr("edit.msg.serves", unit=unit, targets=", ".join(targets)))
                else:
                    parts.append(tr("edit.msg.serves_none", unit=unit))
            else:
                field = tr(f"edit.col.{col}") if col in ("kind", "headcount", "orbit") else col
                parts.append(
                    tr("edit.msg.changed", field=field, unit=unit, old=_value(before, tr), new=_value(value, tr))
                )
    return parts


def changed_units(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """Ids of the units in ``after`` that are new or have another parent or other service relations."""
    old, new = rows_by_id(before), rows_by_id(after)
    out = []
    for uid, row in new.items():
        was = old.get(uid)
        if was is None or any(row.get(c) != was.get(c) for c in ("parent", "serves", "orbit")):
            out.append(uid)
    return out


def undo_message(message: str, tr: Translator, *, redo: bool = False) -> str:
    """The message of a version an undo (or redo) saves.

    >>> undo_message("moved Lager under Vertrieb", Translator("en"))
    'undid: moved Lager under Vertrieb'
    """
    return tr("edit.msg.redo" if redo else "edit.msg.undo", message=message or tr("edit.msg.none"))
