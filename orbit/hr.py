"""From one row per person to one unit per department.

HR systems export people, not units: an id, a manager id and a department
column. :func:`group_people` turns such an export into an organisation with
one unit per value of a column:

- *headcount*: the number of people with that value;
- *head*: the person in the group whose manager is outside it (or who has no
  manager). When several people qualify, the one highest in the reporting
  lines wins (then the first in the file) and a note names the others;
- *parent*: the unit of the head's manager;
- *serves*: people's service relations, lifted to their units, plus
  touchpoints for the groups named customer-facing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from ._graph import bfs, csr
from .errors import OrgError
from .formats.table import normalise_header
from .model import CUSTOMER, UNIT_FIELDS, Organisation, build_organisation

UNASSIGNED = "(no value)"
"""Name of the unit that collects people with an empty group cell."""


def find_column(org: Organisation, column: str) -> str:
    """The unit-table column meant by ``column`` (case, spaces, ``_`` and ``-`` ignored).

    Raises
    ------
    OrgError
        If no column matches; the message lists the columns there are.
    """
    wanted = normalise_header(column)
    for col in org.units.columns:
        if col != "id" and normalise_header(col) == wanted:
            return col
    choices = ", ".join(c for c in org.units.columns if c != "id")
    raise OrgError(org.source, 1, f"no column {column!r} to group by (columns: {choices})")


def slug(text: str) -> str:
    """A readable id for a group value: ``"Public Relations"`` → ``"public-relations"``."""
    out = re.sub(r"[^\w]+", "-", str(text).strip().lower()).strip("-")
    return out or "unit"


def group_people(
    people: Organisation,
    column: str,
    *,
    customer_facing: Iterable[str] = (),
) -> tuple[Organisation, list[str]]:
    """Aggregate a person-level organisation into one unit per value of ``column``.

    Parameters
    ----------
    people : Organisation
        One unit per person, ``parent`` being the manager.
    column : str
        The grouping column, e.g. ``"department_name"``.
    customer_facing : iterable of str
        Group values (or their ids) whose unit gets a touchpoint.

    Returns
    -------
    (Organisation, list of str)
        The grouped organisation, and notes about ties and empty cells.

    Raises
    ------
    OrgError
        For an unknown column or an unknown customer-facing value.

    Examples
    --------
    >>> from orbit.model import Organisation
    >>> people = Organisation.from_records([
    ...     {"id": "1", "dept": "Board"},
    ...     {"id": "2", "parent": "1", "dept": "Sales"},
    ...     {"id": "3", "parent": "2", "dept": "Sales"},
    ...     {"id": "4", "parent": "1", "dept": "Service"},
    ... ])
    >>> org, notes = group_people(people, "dept", customer_facing=["Service"])
    >>> org.units[["id", "parent", "headcount", "head"]].values.tolist()
    [['board', None, 1, '1'], ['sales', 'board', 2, '2'], ['service', 'board', 1, '4']]
    >>> org.unit("service")["serves"], notes
    (['customer'], [])
    """
    col = find_column(people, column)
    n = len(people)
    notes: list[str] = []
    raw = people.units[col]
    values = pd.Series(
        [
            UNASSIGNED
            if v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == ""
            else str(v).strip()
            for v in raw
        ],
        dtype=object,
    )
    empty = int((values == UNASSIGNED).sum())
    if empty:
        who = "1 person has" if empty == 1 else f"{empty} people have"
        notes.append(f"{who} no {col}; they form the unit {UNASSIGNED!r}")
    codes, groups = pd.factorize(values, sort=False)
    groups = np.asarray(groups, dtype=object)
    k = len(groups)
    ids = people.units["id"].to_numpy(dtype=object)
    index = pd.Index(ids)
    manager = index.get_indexer(people.units["parent"].to_numpy(dtype=object))
    has_manager = manager >= 0
    manager_group = np.where(has_manager, codes[np.maximum(manager, 0)], -1)
    is_head = ~has_manager | (manager_group != codes)
    # level in the reporting lines: heads nearest the top win
    children = csr(n, manager[has_manager], np.flatnonzero(has_manager))
    level, _ = bfs(*children, np.flatnonzero(~has_manager))
    heads = np.flatnonzero(is_head)
    order = np.lexsort((heads, level[heads], codes[heads]))
    heads = heads[order]
    first = np.concatenate(([True], codes[heads][1:] != codes[heads][:-1]))
    chosen = np.full(k, -1, dtype=np.int64)
    chosen[codes[heads[first]]] = heads[first]
    tie_count = np.bincount(codes[heads], minlength=k)
    for g in np.flatnonzero(tie_count > 1):
        members = heads[codes[heads] == g]
        others = [ids[m] for m in members if m != chosen[g]]
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        notes.append(
            f"{groups[g]!r}: {len(members)} people have a manager outside it; took {ids[chosen[g]]} "
            f"(highest in the reporting lines) as head, not {shown}"
        )

    unit_ids = _unique_slugs(groups)
    head_manager = manager[chosen]
    parent_group = np.where(head_manager >= 0, codes[np.maximum(head_manager, 0)], -1)
    parent = np.where(parent_group >= 0, unit_ids[np.maximum(parent_group, 0)], None)
    headcount = np.bincount(codes, minlength=k)

    # service relations, lifted to groups
    src = index.get_indexer(people.serves["source"].to_numpy(dtype=object))
    targets = people.serves["target"].to_numpy(dtype=object)
    tgt = index.get_indexer(targets)
    edges = pd.DataFrame(
        {
            "source": unit_ids[codes[src]] if len(src) else np.array([], dtype=object),
            "target": np.where(targets == CUSTOMER, CUSTOMER, unit_ids[codes[np.maximum(tgt, 0)]])
            if len(src)
            else np.array([], dtype=object),
        }
    )
    extra = []
    for value in customer_facing:
        value = str(value).strip()
        if value:
            extra.append((_facing_unit(value, groups, unit_ids, col, people.source), CUSTOMER))
    if extra:
        edges = pd.concat([edges, pd.DataFrame(extra, columns=["source", "target"])], ignore_index=True)
    edges = edges[edges["source"] != edges["target"]].drop_duplicates()
    joined = edges.groupby("source", sort=False)["target"].agg("|".join)

    table = pd.DataFrame(
        {
            "id": unit_ids,
            "name": groups,
            "kind": "department",
            "parent": pd.Series(parent, dtype=object),
            "headcount": headcount,
            "serves": pd.Series(unit_ids, dtype=object).map(joined),
            "head": ids[chosen],
            "head_name": people.units["name"].to_numpy(dtype=object)[chosen],
        }
    )
    org = build_organisation(
        table,
        source=people.source,
        name=people.name or f"{Path(people.source).stem} by {col}",
        customer=people.customer,
        attrs={**people.attrs, "grouped_by": col},
    )
    return org, notes


def _unique_slugs(groups: np.ndarray) -> np.ndarray:
    """One id per group value, never ``customer`` and never twice.

    Values whose slug is free keep it (``"Customer Unit"`` → ``customer-unit``),
    then the others get a number (``customer`` itself becomes
    ``customer-group``, a second ``R&D`` spelt ``R D`` becomes ``r-d-2``).
    """
    bases = [slug(g) for g in groups]
    counts: dict[str, int] = {}
    for base in bases:
        counts[base] = counts.get(base, 0) + 1
    out: list[str | None] = [None] * len(bases)
    taken = {CUSTOMER}
    for i, base in enumerate(bases):  # first pass: the slugs nobody else wants
        if counts[base] == 1 and base not in taken:
            out[i] = base
            taken.add(base)
    for i, base in enumerate(bases):
        if out[i] is not None:
            continue
        stem = f"{CUSTOMER}-group" if base == CUSTOMER else base
        uid, k = stem, 2
        while uid in taken:
            uid, k = f"{stem}-{k}", k + 1
        out[i] = uid
        taken.add(uid)
    return np.array(out, dtype=object)


def _facing_unit(value: str, groups: np.ndarray, unit_ids: np.ndarray, column: str, source: str) -> str:
    """The unit meant by a ``--customer-facing`` value: a group value, else a unit id, else a value spelt loosely.

    A loose spelling (case, spaces, ``_`` and ``-`` ignored) that fits two
    groups is refused rather than guessed.
    """
    for i, g in enumerate(groups):
        if str(g) == value:
            return str(unit_ids[i])
    if value in set(unit_ids.tolist()):
        return value
    wanted = normalise_header(value)
    hits = [i for i, g in enumerate(groups) if normalise_header(g) == wanted]
    if len(hits) == 1:
        return str(unit_ids[hits[0]])
    if len(hits) > 1:
        both = " and ".join(repr(str(groups[i])) for i in hits[:3])
        raise OrgError(source, None, f"{value!r} could be {both}: give the {column} value exactly as written")
    known = ", ".join(map(str, groups[:8])) + (" ..." if len(groups) > 8 else "")
    raise OrgError(source, None, f"no {column} {value!r} to mark customer-facing (values: {known})")


def person_level_columns(org: Organisation) -> list[str]:
    """Attribute columns that look like a grouping (few distinct values), best first.

    The app offers these in its group-by picker.
    """
    n = max(len(org), 1)
    scored = []
    for col in org.units.columns:
        if col in UNIT_FIELDS:
            continue
        distinct = org.units[col].nunique(dropna=True)
        if 1 < distinct <= max(2, n // 2):
            words = r"(dep(artment)?|dept|abteilung|team|unit|bereich|division|org(ani[sz]ation)?(unit)?)"
            if re.search(rf"(^|[_\s-]){words}([_\s-]?(name|bezeichnung))?$", col, re.I):
                hint = 0
            elif re.search(words, col, re.I):
                hint = 1
            else:
                hint = 2
            scored.append((hint, -distinct, col))
    return [c for _, _, c in sorted(scored)]
