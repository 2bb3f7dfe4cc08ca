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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ._graph import bfs, csr
from .errors import OrgError
from .formats.table import normalise_header
from .i18n import text
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
    lang: str = "en",
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
    lang : {'en', 'de'}
        The language of the name of the unit of people with no value
        (``"(no value)"``, ``"(kein Wert)"``); that unit is a top unit.

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
    unassigned_name = text(lang, "unit.no_value")
    if empty:
        who = "1 person has" if empty == 1 else f"{empty} people have"
        notes.append(f"{who} no {col}; they form the top unit {unassigned_name!r}")
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
    person_names = people.units["name"].to_numpy(dtype=object)
    tie_note = _ties_note(groups, tie_count, chosen, heads, codes, ids, person_names)
    if tie_note:
        notes.append(tie_note)
    judged = grouping_warning(people, col)
    if judged:
        notes.append(judged)

    unit_ids = _unique_slugs(groups)
    head_manager = manager[chosen]
    parent_group = np.where(head_manager >= 0, codes[np.maximum(head_manager, 0)], -1)
    is_unassigned = groups == UNASSIGNED
    if is_unassigned.any():
        # people with no value belong to no department: their unit is a top unit, and a department
        # whose head reports to such a person hangs under the nearest department above
        carried = _nearest_valued_group(codes, manager, level, int(np.flatnonzero(is_unassigned)[0]))
        parent_group = np.where(head_manager >= 0, carried[np.maximum(head_manager, 0)], -1)
        parent_group[is_unassigned] = -1
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
            "name": np.where(is_unassigned, unassigned_name, groups),
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


def _nearest_valued_group(codes: np.ndarray, manager: np.ndarray, level: np.ndarray, unassigned: int) -> np.ndarray:
    """For every person, their group, or for people with no value the group of the nearest manager with one
    (-1 when there is none), worked out level by level down the reporting lines."""
    out = np.where(codes == unassigned, -1, codes)
    order = np.argsort(level, kind="stable")
    lv = level[order]
    bounds = np.searchsorted(lv, np.arange(int(lv.max(initial=0)) + 2))
    for k in range(1, len(bounds) - 1):
        nodes = order[bounds[k] : bounds[k + 1]]
        nodes = nodes[(codes[nodes] == unassigned) & (manager[nodes] >= 0)]
        out[nodes] = out[manager[nodes]]
    return out


def _who(i: int, ids: np.ndarray, names: np.ndarray) -> str:
    """A person as people know them: the name, else the id."""
    name = names[i]
    return str(name) if name is not None and str(name).strip() else str(ids[i])


def _ties_note(groups, tie_count, chosen, heads, codes, ids, names) -> str | None:
    """One line for every group with several people whose manager is outside it, the largest first."""
    tied = sorted(np.flatnonzero(tie_count > 1), key=lambda g: -tie_count[g])
    if not tied:
        return None
    parts = []
    for g in tied[:5]:
        members = heads[codes[heads] == g]
        others = [_who(m, ids, names) for m in members if m != chosen[g]]
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        parts.append(f"{groups[g]!r}: {len(members)} such people, took {_who(chosen[g], ids, names)}, not {shown}")
    more = f"; and {len(tied) - 5} more groups" if len(tied) > 5 else ""
    which = "1 group has" if len(tied) == 1 else f"{len(tied)} groups have"
    return (
        f"{which} several people with a manager outside the group; the one highest in the reporting lines "
        f"is the head: {'; '.join(parts)}{more}"
    )


def _unique_slugs(groups: np.ndarray) -> np.ndarray:
    """One id per group value, never ``customer`` and never twice.

    Values whose slug is free keep it (``"Customer Unit"`` → ``customer-unit``),
    then the others get a number (``customer`` itself becomes
    ``customer-group``, a second ``R&D`` spelt ``R D`` becomes ``r-d-2``).
    """
    bases = ["no-value" if g == UNASSIGNED else slug(g) for g in groups]
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


_DEPARTMENT_WORDS = r"(dep(artment)?|dept|abteilung|team|unit|bereich|division|org(ani[sz]ation)?(unit)?|area|function)"
_BOOLEAN_VALUES = {"true", "false", "yes", "no", "y", "n", "t", "f", "0", "1", "ja", "nein", "active", "inactive", "x"}
ONE_VALUE_SHARE = 0.95
"""A column whose most common value covers this share of the people holds "one value for nearly everyone"."""
SCATTERED = 0.5
"""When a column's groups fall into more separate parts than this share of its people, they are scattered
(job titles, which recur under many managers, not departments)."""


@dataclass(frozen=True)
class GroupingColumn:
    """How well a column groups people into units.

    ``pieces`` counts the connected parts the groups fall into in the
    reporting lines; ``together`` is ``groups / pieces`` (1.0 when every
    group is one subtree, as departments are); ``top_share`` is the share of
    people holding the most common value. ``verdict`` is ``"good"``,
    ``"scattered"`` (job titles: the groups are spread across many managers)
    or ``"one value"``.
    """

    column: str
    groups: int
    pieces: int
    together: float
    top_share: float
    top_value: str
    verdict: str


def judge_column(people: Organisation, column: str) -> GroupingColumn | None:
    """How ``column`` groups ``people``; None for columns never offered (URLs, yes/no, one per row, long texts)."""
    raw = people.units[column]
    filled = raw.notna().to_numpy() & (raw.astype("string").str.strip().fillna("") != "").to_numpy()
    values = raw[filled].astype(str).str.strip()
    m = len(values)
    if m < 2:
        return None
    counts = values.value_counts()
    distinct = len(counts)
    if distinct < 2 and m < len(people) * ONE_VALUE_SHARE:
        return None
    if distinct > max(2, m // 2) or values.str.len().mean() > 60:
        return None  # one value per row (ids, names, e-mails) or free text
    lowered = set(counts.index.str.lower())
    if lowered <= _BOOLEAN_VALUES or values.str.match(r"(?i)^(https?://|www\.)").mean() > 0.5:
        return None
    codes = np.full(len(people), -1, dtype=np.int64)
    codes[filled], _ = pd.factorize(values.to_numpy(dtype=object))
    manager = people.ids.get_indexer(people.units["parent"].to_numpy(dtype=object))
    own = codes >= 0
    manager_code = np.where(manager >= 0, codes[np.maximum(manager, 0)], -2)
    pieces = int((own & (manager_code != codes)).sum())
    top_share = float(counts.iloc[0]) / len(people)
    together = distinct / max(pieces, 1)
    scattered = pieces / m > SCATTERED
    verdict = "one value" if top_share >= ONE_VALUE_SHARE else "scattered" if scattered else "good"
    return GroupingColumn(column, distinct, pieces, together, top_share, str(counts.index[0]), verdict)


def rank_grouping_columns(people: Organisation) -> list[GroupingColumn]:
    """The attribute columns people could be grouped by, best first.

    A column is a good grouping when its groups are mostly connected
    subtrees of the reporting lines (departments); job titles scatter across
    managers and come after, a column with one value for nearly everyone
    last. URLs, yes/no columns, free texts and columns with one value per
    row are never offered. A header that says department, team, unit …
    breaks ties.
    """
    scored = []
    for col in people.units.columns:
        if col in UNIT_FIELDS:
            continue
        judged = judge_column(people, col)
        if judged is None:
            continue
        if re.search(rf"(^|[_\s-]){_DEPARTMENT_WORDS}([_\s-]?(name|bezeichnung))?$", col, re.I):
            hint = 0
        elif re.search(_DEPARTMENT_WORDS, col, re.I):
            hint = 1
        else:
            hint = 2
        rank = {"good": 0, "scattered": 1, "one value": 2}[judged.verdict]
        scored.append((rank, -round(judged.together, 1), hint, -judged.groups, col, judged))
    return [j for *_, j in sorted(scored, key=lambda t: t[:5])]


def person_level_columns(org: Organisation) -> list[str]:
    """The columns of :func:`rank_grouping_columns`, best first (the app's group-by picker)."""
    return [j.column for j in rank_grouping_columns(org)]


def grouping_warning(people: Organisation, column: str) -> str | None:
    """One line when ``column`` looks like job titles or holds one value for nearly everyone, naming a better column."""
    judged = judge_column(people, column)
    if judged is None or judged.verdict == "good":
        return None
    better = next((j.column for j in rank_grouping_columns(people) if j.verdict == "good" and j.column != column), None)
    instead = f"; try --group-by {better}" if better else ""
    if judged.verdict == "one value":
        return (
            f"{column!r} holds one value for {judged.top_share:.1%} of people ({judged.top_value!r}): "
            f"the grouping shows little{instead}"
        )
    return (
        f"{column!r} looks like job titles, not departments: its {judged.groups:,} groups fall into "
        f"{judged.pieces:,} separate parts of the reporting lines{instead}"
    )
