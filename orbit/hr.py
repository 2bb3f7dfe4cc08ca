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
    lookup = {str(g): unit_ids[i] for i, g in enumerate(groups)} | {u: u for u in unit_ids}
    lookup_norm = {normalise_header(key): value for key, value in lookup.items()}
    for value in customer_facing:
        value = str(value).strip()
        if not value:
            continue
        uid = lookup.get(value) or lookup_norm.get(normalise_header(value))
        if uid is None:
            known = ", ".join(map(str, groups[:8])) + (" ..." if k > 8 else "")
            raise OrgError(people.source, None, f"no {col} {value!r} to mark customer-facing (values: {known})")
        extra.append((uid, CUSTOMER))
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
    out, seen = [], set()
    for g in groups:
        base = slug(g)
        if base == CUSTOMER:
            base = "customer-unit"
        uid, k = base, 2
        while uid in seen:
            uid, k = f"{base}-{k}", k + 1
        seen.add(uid)
        out.append(uid)
    return np.array(out, dtype=object)


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
