"""The organisation model: units, reporting lines, service relations, journeys.

An :class:`Organisation` is columnar so that the same code serves a 40-unit
workshop design and a two-million-row HR export:

- ``units``: one row per unit with the columns :data:`UNIT_FIELDS` (``id``,
  ``name``, ``kind``, ``parent``, ``headcount``, ``orbit``) followed by free
  attribute columns (cost centre, location, ``team_type`` ...).
- ``serves``: one row per service relation, columns ``source`` and ``target``.
  A row whose target is :data:`CUSTOMER` is a touchpoint.

Every loader hands its raw rows to :func:`build_organisation`, which is the one
place where the rules of a valid organisation are checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from . import _chars
from . import _columns as _c
from ._columns import (  # noqa: F401 - the limits and header rules are part of the model's interface
    ALIASES,
    MAX_ATTRIBUTES,
    MAX_COLUMNS,
    MAX_EXACT_FLOAT,
    MAX_HEADCOUNT,
    MAX_NAME_CHARS,
    MAX_ORBIT,
    MAX_TEXT_CHARS,
    UNIT_FIELDS,
    normalise_header,
    spelling_clash,
)
from ._graph import bfs, csr
from .errors import OrgError, UnknownParentError, shown

CUSTOMER = "customer"
"""The reserved id of the customer node at the centre of every orbit diagram."""

LIST_SPLIT = re.compile(r"\s*[|,;]\s*")
"""How a table cell lists several ids: separated by ``|``, ``,`` or ``;``."""


@dataclass(frozen=True)
class Journey:
    """A customer task: the units a customer request passes through, in order.

    The customer is implicit at both ends.
    """

    name: str
    steps: tuple[str, ...]


@dataclass
class Organisation:
    """An organisation design.

    Build one with :func:`orbit.load`, :func:`build_organisation`,
    :meth:`from_records`, :meth:`from_table` or :meth:`from_networkx`.

    Examples
    --------
    >>> org = Organisation.from_records([
    ...     {"id": "ceo", "name": "CEO"},
    ...     {"id": "sales", "parent": "ceo", "headcount": 12, "serves": ["customer"]},
    ... ], name="Demo")
    >>> len(org), org.relation_count
    (2, 2)
    >>> org.unit("sales")["parent"]
    'ceo'
    """

    units: pd.DataFrame
    serves: pd.DataFrame
    name: str = ""
    customer: str = "Customer"
    journeys: list[Journey] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)
    source: str = "<organisation>"
    attr_lines: dict = field(default_factory=dict, repr=False, compare=False)
    """The line of each top-level key in the file (``{"checks": 12}``), for messages about them."""
    _index: pd.Index | None = field(default=None, repr=False, compare=False)
    _codes: tuple | None = field(default=None, repr=False, compare=False)
    """(parent row or -1, serving row, served row or n for the customer) as validation found them.

    :func:`orbit.analysis.analyse` uses them after checking that they still
    describe ``units`` and ``serves`` (which may have been edited in place).
    """

    # ------------------------------------------------------------------ basics
    def __len__(self) -> int:
        return len(self.units)

    @property
    def ids(self) -> pd.Index:
        """The unit ids, in file order, as an index (built once; do not edit ``units`` in place)."""
        if self._index is None or len(self._index) != len(self.units):
            self._index = pd.Index(self.units["id"].to_numpy(dtype=object), name="id")
        return self._index

    @property
    def attribute_columns(self) -> list[str]:
        """Names of the free attribute columns."""
        return [c for c in self.units.columns if c not in UNIT_FIELDS]

    @property
    def relation_count(self) -> int:
        """Reporting lines plus service relations (touchpoints included)."""
        return int(self.units["parent"].notna().sum()) + len(self.serves)

    def unit(self, unit_id: str) -> dict:
        """One unit as a plain dict, with ``serves`` as a list.

        Raises
        ------
        KeyError
            If there is no unit with that id.
        """
        hit = self.units.index[self.units["id"] == unit_id]
        if len(hit) == 0:
            raise KeyError(f"no unit with id {unit_id!r}")
        row = self.units.loc[hit[0]]
        out = {k: _plain(v) for k, v in row.items()}
        out["serves"] = self.serves.loc[self.serves["source"] == unit_id, "target"].tolist()
        return out

    def copy(self) -> Organisation:
        """A deep copy that can be edited without touching this one."""
        return replace(
            self,
            _index=None,
            units=self.units.copy(),
            serves=self.serves.copy(),
            journeys=list(self.journeys),
            attrs=dict(self.attrs),
            attr_lines=dict(self.attr_lines),
        )

    @property
    def description(self) -> str:
        """The design's ``description`` attribute, or an empty string."""
        return str(self.attrs.get("description") or "")

    # ------------------------------------------------------------ conversions
    def records(self) -> list[dict]:
        """The units as dicts in file order, leaving out empty fields.

        ``serves`` is a list of ids; free attributes follow the unit fields.
        """
        targets = self.serves_lists()
        cols = list(self.units.columns)
        out = []
        for values in self.units.itertuples(index=False, name=None):
            rec = {}
            for col, value in zip(cols, values, strict=True):
                value = _plain(value)
                if value is None:
                    continue
                rec[col] = value
            unit_targets = targets.get(rec["id"])
            if unit_targets:
                rec["serves"] = unit_targets
            out.append(_order_record(rec))
        return out

    def serves_lists(self) -> dict[str, list[str]]:
        """``{unit id: [served ids]}`` in file order, for units that serve something."""
        out: dict[str, list[str]] = {}
        for src, tgt in zip(self.serves["source"], self.serves["target"], strict=True):
            out.setdefault(src, []).append(tgt)
        return out

    def table(self) -> pd.DataFrame:
        """One row per unit with ``serves`` as a ``|``-separated text column.

        This is the shape of a CSV file and of the app's unit editor.
        """
        table = self.units.copy()
        joined = self.serves.groupby("source", sort=False)["target"].agg("|".join)
        pos = list(table.columns).index("parent") + 1
        table.insert(pos + 1, "serves", table["id"].map(joined))
        return table

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping],
        *,
        name: str = "",
        customer: str = "Customer",
        journeys: Iterable[Journey | Mapping] = (),
        attrs: Mapping | None = None,
        source: str = "<organisation>",
    ) -> Organisation:
        """Build from unit dicts (``serves`` as a list or a ``|``-separated text)."""
        records = list(records)
        return build_organisation(
            records_to_frame(records, source),
            source=source,
            name=name,
            customer=customer,
            journeys=journeys,
            attrs=attrs,
        )

    @classmethod
    def from_table(cls, table: pd.DataFrame, *, like: Organisation | None = None, source: str = "<table>"):
        """Build from a table shaped like :meth:`table` (for example an edited one).

        Name, customer label, journeys and attributes come from ``like``.
        Rows whose id is empty are taken as unfinished and left out only if
        the whole row is empty; otherwise the empty id is an error.
        """
        table = table.copy()
        blank = table.apply(lambda col: col.map(_c.is_blank)).all(axis=1)
        rows = np.flatnonzero(~blank.to_numpy(dtype=bool))  # row numbers as the user sees them
        table = table.loc[~blank].reset_index(drop=True)
        return build_organisation(
            table,
            source=source,
            line_of=lambda i: int(rows[i]) + 1,
            line_label="row",
            name=like.name if like else "",
            customer=like.customer if like else "Customer",
            journeys=like.journeys if like else (),
            attrs=like.attrs if like else None,
        )

    def to_networkx(self):
        """A ``networkx.DiGraph`` with the customer node and both relations.

        Nodes carry the unit fields and attributes (empty ones left out); the
        customer node carries ``name`` = the customer label. Edges carry
        ``relation``: ``reports_to`` (unit → parent) or ``serves``. Graph
        attributes hold the name and the design's other attributes.

        Examples
        --------
        >>> org = Organisation.from_records([{"id": "a", "serves": ["customer"]}])
        >>> g = org.to_networkx()
        >>> sorted(g.nodes), g.edges["a", "customer"]["relation"]
        (['a', 'customer'], 'serves')
        """
        import networkx as nx

        g = nx.DiGraph(name=self.name, customer=self.customer, **self.attrs)
        if self.journeys:
            g.graph["journeys"] = [{"name": j.name, "steps": list(j.steps)} for j in self.journeys]
        g.add_node(CUSTOMER, name=self.customer, kind="customer")
        for rec in self.records():
            rec = dict(rec)
            rec.pop("serves", None)
            uid = rec.pop("id")
            g.add_node(uid, **rec)
        g.add_edges_from(
            (u, t, {"relation": "serves"}) for u, t in zip(self.serves["source"], self.serves["target"], strict=True)
        )
        # a unit that serves its own parent has one edge (``serves``); its ``parent`` attribute keeps the line
        parents = self.units[["id", "parent"]].dropna()
        g.add_edges_from(
            (u, p, {"relation": "reports_to"})
            for u, p in zip(parents["id"], parents["parent"], strict=True)
            if not g.has_edge(u, p)
        )
        return g

    @classmethod
    def from_networkx(cls, graph, *, source: str = "<graph>", line_of=None) -> Organisation:
        """Build from a graph shaped like :meth:`to_networkx` returns.

        Edges without a ``relation`` attribute are taken as ``serves``.
        ``parent`` node attributes are honoured as well as ``reports_to`` edges.
        """
        return organisation_from_graph(
            dict(graph.graph), graph.nodes(data=True), graph.edges(data=True), source=source, line_of=line_of
        )


def organisation_from_graph(
    graph_attrs: dict,
    nodes: Iterable,
    edges: Iterable,
    *,
    source: str = "<graph>",
    line_of: Callable[[str], int | None] | None = None,
    edge_line: Callable[[int], int | None] | None = None,
) -> Organisation:
    """An organisation from graph parts: ``(node, data)`` pairs and ``(source, target, data)`` edges.

    The one place where graphs (networkx, GraphML) become organisations. The
    customer node gives the customer label (its ``name``); an edge from the
    customer is a touchpoint drawn the other way round; ``relation`` is
    ``reports_to`` or ``serves`` (the default). ``line_of`` gives the line
    of a node, ``edge_line`` that of the k-th edge, for error messages.
    """
    graph_attrs = dict(graph_attrs)
    name = str(graph_attrs.pop("name", "") or "")
    customer = graph_attrs.pop("customer", None)
    journeys = graph_attrs.pop("journeys", ())
    records: dict[str, dict] = {}
    order = []

    def node_line(node):
        return line_of(node) if line_of else None

    for node, data in nodes:
        if str(node) == CUSTOMER:
            customer = data.get("name", customer)
            continue
        rec = {k: v for k, v in data.items() if k != "id"}
        rec["id"] = str(node)
        rec["serves"] = []
        records[str(node)] = rec
        order.append(str(node))
    for k, (u, v, data) in enumerate(edges):
        u, v = str(u), str(v)
        relation = data.get("relation", "serves")
        if u == CUSTOMER:
            # a touchpoint drawn the other way round
            u, v = v, u
        if u not in records:
            raise OrgError(source, edge_line(k) if edge_line else node_line(u), f"edge from unknown node {shown(u)}")
        if relation == "reports_to":
            if records[u].get("parent") not in (None, "", v):
                raise OrgError(
                    source,
                    node_line(u),
                    f"unit {shown(u)} reports to both {shown(records[u]['parent'])} and {shown(v)}",
                )
            records[u]["parent"] = v
        elif relation == "serves":
            records[u]["serves"].append(v)
        else:
            raise OrgError(
                source,
                edge_line(k) if edge_line else node_line(u),
                f"unknown relation {shown(relation)} on edge {shown(u)} -> {shown(v)}",
            )
    frame = records_to_frame([records[k] for k in order], source)
    lines = None
    if line_of is not None:
        lines = lambda i: line_of(order[i])  # noqa: E731
    return build_organisation(
        frame,
        source=source,
        line_of=lines,
        name=name,
        customer=str(customer) if customer not in (None, "") else "Customer",
        journeys=journeys,
        attrs=graph_attrs,
    )


# ---------------------------------------------------------------------------
# building and validation
# ---------------------------------------------------------------------------


def _plain(value):
    """A pandas/numpy scalar as a plain Python value; blanks become None."""
    if _c.is_blank(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def plain_data(value):
    """Nested data with numpy and pandas scalars turned into plain Python values; blanks become None.

    >>> import numpy as np
    >>> plain_data({"a": [np.int64(3), float("nan")], 2: ("x",)})
    {'a': [3, None], '2': ['x']}
    """
    if isinstance(value, Mapping):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    return _plain(value)


def _order_record(rec: dict) -> dict:
    head = {k: rec[k] for k in ("id", "name", "kind", "parent", "headcount", "serves", "orbit") if k in rec}
    head.update({k: v for k, v in rec.items() if k not in head})
    return head


def records_to_frame(records: Sequence[Mapping], source: str = "<organisation>", lines: Sequence[int] | None = None):
    """Unit dicts → the raw table :func:`build_organisation` takes."""
    rows = []
    for i, rec in enumerate(records):
        if not isinstance(rec, Mapping):
            line = lines[i] if lines else None
            raise OrgError(source, line, f"unit {i + 1} is not a mapping of fields but {type(rec).__name__}")
        row = dict(rec)
        serves = row.get("serves")
        if isinstance(serves, (list, tuple)):
            row["serves"] = tuple(serves)  # kept apart: an id in a list may hold | , or ;
        elif isinstance(serves, Mapping):
            line = lines[i] if lines else None
            raise OrgError(source, line, f"'serves' of unit {row.get('id')!r} must be a list of ids")
        rows.append(row)
    keys = dict.fromkeys(str(k) for row in rows for k in row)
    frame = pd.DataFrame({k: pd.Series([row.get(k) for row in rows], dtype=object) for k in keys})
    if "id" not in frame.columns:
        frame["id"] = None
    return frame


def build_organisation(
    table: pd.DataFrame,
    *,
    source: str = "<organisation>",
    line_of: Callable[[int], int | None] | None = None,
    line_label: str = "line",
    name: str = "",
    customer: str = "Customer",
    journeys: Iterable = (),
    journey_lines: Sequence[int | None] | None = None,
    journey_source: str | None = None,
    attrs: Mapping | None = None,
    attr_lines: Mapping | None = None,
) -> Organisation:
    """Check a raw unit table and turn it into an :class:`Organisation`.

    Parameters
    ----------
    table : DataFrame
        One row per unit; columns ``id`` (required) and optionally ``name``,
        ``kind``, ``parent``, ``headcount``, ``orbit``, ``serves`` (ids
        separated by ``|``, ``,`` or ``;``) and any attribute columns.
        Values may be text (from CSV) or typed (from YAML).
    source : str
        File name used in error messages.
    line_of : callable, optional
        Maps a row position to the line number to report.
    journeys : iterable of Journey or mappings with ``name`` and ``steps``
    journey_lines : sequence of int, optional
        The line of each journey, for error messages.
    journey_source : str, optional
        Where the journeys are, when not in ``source`` (an XLSX sheet).
    attr_lines : mapping, optional
        The line of each of the design's attributes in the file.

    Raises
    ------
    OrgError
        On the first rule broken: duplicate or empty id, ``customer`` used
        as a unit id or parent, unknown parent or served id, a unit reporting
        to itself, a reporting cycle, a bad headcount or orbit, a journey
        step that is not a unit.
    """
    n = len(table)

    def where(i: int) -> int | None:
        if line_of is None:
            return None
        return line_of(int(i))

    def fail(i: int | None, message: str):
        raise OrgError(source, None if i is None else where(i), message)

    if "id" not in table.columns:
        raise OrgError(source, 1 if line_of else None, "no 'id' column: every unit needs an id")
    table = table.reset_index(drop=True)

    id_texts = _c.clean_text(table["id"])
    if id_texts is not None:
        ids = pd.Series(_c.text_objects(id_texts), dtype=object, copy=False)
    else:
        ids = _c.text_column(table["id"], fail, "id")
    empty = ids.isna().to_numpy()
    if empty.any():
        fail(int(np.argmax(empty)), "empty id: every unit needs an id")
    is_customer = (ids == CUSTOMER).to_numpy()
    if is_customer.any():
        fail(int(np.argmax(is_customer)), f"'{CUSTOMER}' is reserved for the customer and cannot be a unit id")
    id_objects = ids.to_numpy(dtype=object)
    index = pd.Index(id_objects, name="id", copy=False)
    if id_texts is None:
        id_texts = _c.arrow_texts(id_objects)

    # one hash pass codes the ids, the parents and the served ids; validation and analysis use the codes
    has_parent_column = "parent" in table.columns
    parent_texts = _c.clean_text(table["parent"]) if has_parent_column else None
    parent_clean = parent_texts is not None
    if has_parent_column and not parent_clean:
        parent_texts = _c.arrow_texts(_c.text_column(table["parent"]))
    serve_rows, serve_texts = _serves_cells(table)
    row_codes, (parent_codes, target_codes) = _c.id_codes(
        id_texts, [parent_texts if has_parent_column else id_texts[:0], serve_texts], CUSTOMER
    )
    duplicate = row_codes != np.arange(n)
    if duplicate.any():
        i = int(np.argmax(duplicate))
        first = int(row_codes[i])
        first_where = where(first)
        extra = f" (first defined on {line_label} {first_where})" if first_where is not None else ""
        raw = table["id"]
        if str(raw.iloc[i]).strip() != str(raw.iloc[first]).strip():
            extra += "; the two are written with different Unicode forms of the same letters"
        fail(i, f"duplicate id {shown(ids.iloc[i])}{extra}")

    columns: dict[str, pd.Series] = {"id": ids}  # one DataFrame at the end, not a column at a time
    for col in ("name", "kind"):
        columns[col] = (
            _c.text_column(table[col], fail, col, ids) if col in table.columns else pd.Series([None] * n, dtype=object)
        )

    # reporting lines
    if has_parent_column:
        if parent_clean:
            has_parent = _c.non_blank(parent_texts)
        else:  # the full check of every parent's text, with its messages, before any lookup's
            has_parent = _c.text_column(table["parent"], fail, "parent", ids).notna().to_numpy()
    else:
        has_parent = np.zeros(n, dtype=bool)
        parent_codes = np.full(n, _c.NOT_AN_ID, dtype=np.int64)
    bad = has_parent & (parent_codes == _c.CUSTOMER_CODE)
    if bad.any():
        i = int(np.argmax(bad))
        fail(
            i,
            f"unit {shown(ids.iloc[i])} has '{CUSTOMER}' as parent: the customer is served, not reported to "
            "(use serves)",
        )
    selfish = has_parent & (parent_codes == np.arange(n))
    if selfish.any():
        i = int(np.argmax(selfish))
        fail(i, f"unit {shown(ids.iloc[i])} reports to itself")
    unknown = has_parent & (parent_codes < 0)
    if unknown.any():
        i = int(np.argmax(unknown))
        raise UnknownParentError(
            source, where(i), f"unknown parent {shown(parent_texts[i].as_py())} of unit {shown(ids.iloc[i])}"
        )
    parent_codes = np.where(has_parent, parent_codes, -1)
    parent = np.where(has_parent, id_objects[np.maximum(parent_codes, 0)] if n else id_objects, None)
    columns["parent"] = pd.Series(parent, dtype=object, copy=False)  # the parents are the units' own id objects

    columns["headcount"] = _c.whole_column(table, "headcount", 0, MAX_HEADCOUNT, ids, fail)
    columns["orbit"] = _c.whole_column(table, "orbit", 1, MAX_ORBIT, ids, fail)

    header_line = 1 if line_of else None
    names: dict[str, str] = {}
    for col in table.columns:
        if col in UNIT_FIELDS or col == "serves":
            continue
        key = str(col).strip()
        if key == "" or key.lower().startswith("unnamed:"):
            if table[col].map(_c.is_blank).all():
                continue
            raise OrgError(source, header_line, "a column has no header; name it or remove it")
        _c.check_column_name(key, source, header_line)
        if key in names or key in UNIT_FIELDS or key == "serves":
            first = names.get(key, key)
            raise OrgError(
                source, header_line, f"columns {shown(first)} and {shown(str(col))} are one name once trimmed"
            )
        names[key] = str(col)
        columns[key] = _c.object_column(table[col], fail, key, ids)
    if len(names) > MAX_ATTRIBUTES:
        raise OrgError(
            source,
            header_line,
            f"{len(names):,} attribute columns; at most {MAX_ATTRIBUTES} fit beside the unit fields "
            f"in a table of {MAX_COLUMNS:,} columns",
        )
    spelling_clash([*columns, "serves"], source, header_line)
    units = pd.DataFrame(columns, copy=False)  # the columns are new: no second copy of two million rows

    reporting = _check_cycles(parent_codes, ids, fail)

    serves, serve_codes = _serves_edges(serve_rows, serve_texts, target_codes, id_objects, fail)

    parsed_journeys = _parse_journeys(journeys, index, journey_source or source, journey_lines)
    name = "" if name is None else str(name)
    customer = str(customer) if not _c.is_blank(customer) else "Customer"
    for label, value in (("the organisation's name", name), ("the customer label", customer)):
        _c.check_design_text(label, value, source)
    return Organisation(
        _index=index,
        _codes=(parent_codes, *serve_codes, reporting),
        units=units,
        serves=serves,
        name=name,
        customer=customer,
        journeys=parsed_journeys,
        attrs=dict(attrs or {}),
        source=source,
        attr_lines=dict(attr_lines or {}),
    )


def _check_cycles(parent_codes: np.ndarray, ids: pd.Series, fail) -> tuple:
    """Every unit must reach a root by following its parents.

    Returns the children's adjacency and each unit's depth below its root,
    which the analysis takes over instead of searching the tree again.
    """
    n = len(parent_codes)
    has_parent = parent_codes >= 0
    children = csr(n, parent_codes[has_parent], np.flatnonzero(has_parent))
    dist, _ = bfs(*children, np.flatnonzero(~has_parent))
    stuck = dist < 0
    if not stuck.any():
        return children, dist
    # walk up from the first stuck unit until a unit repeats: that loop is the cycle
    seen: dict[int, int] = {}
    walk = []
    node = int(np.argmax(stuck))
    while node not in seen:
        seen[node] = len(walk)
        walk.append(node)
        node = int(parent_codes[node])
    cycle = walk[seen[node] :]
    first = min(cycle)
    start = cycle.index(first)
    cycle = cycle[start:] + cycle[:start]  # from the unit reported, the first in the file
    if len(cycle) <= CYCLE_SHOWN:
        names = [shown(ids.iloc[c]) for c in cycle] + [shown(ids.iloc[cycle[0]])]
        fail(first, "reporting cycle: " + " -> ".join(names))
    names = [shown(ids.iloc[c]) for c in cycle[: CYCLE_SHOWN - 1]]
    fail(
        first,
        f"reporting cycle of {len(cycle):,} units: " + " -> ".join(names) + f" -> … -> {shown(ids.iloc[cycle[-1]])}"
        f" -> {shown(ids.iloc[cycle[0]])}",
    )


CYCLE_SHOWN = 8
"""Most ids a reporting-cycle message names; a longer cycle is shown by its start, its end and its length."""


def _split_lists(cells: pd.Series):
    """Split cells that list ids (``a|b``, ``a, b``, ``a;b``) into cell positions and a pyarrow array of ids.

    Split with pyarrow (arrow-backed columns, as read from CSV, without a
    copy), which keeps two million rows fast; empty ids are dropped.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(cells.astype(str) if not _c.all_text(cells) else cells, from_pandas=True)
    parts = pc.split_pattern_regex(arr, r"[|,;]")
    lengths = pc.list_value_length(parts).fill_null(0).to_numpy(zero_copy_only=False)
    flat = pc.utf8_trim_whitespace(pc.list_flatten(parts))
    positions = np.repeat(np.arange(len(cells)), lengths)
    keep = pc.not_equal(flat, "")
    return positions[keep.to_numpy(zero_copy_only=False)], flat.filter(keep)


def _serves_cells(table: pd.DataFrame):
    """The ``serves`` column as (row of each served id, the served ids as pyarrow text in NFC).

    Nothing is refused here: :func:`_serves_edges` checks, once the ids are coded.
    """
    import pyarrow as pa

    none = (np.empty(0, dtype=np.int64), pa.array([], type=pa.large_string()))
    if "serves" not in table.columns:
        return none
    raw = table["serves"]
    if raw.dtype == object and any(isinstance(v, tuple) for v in raw):
        # lists from YAML, JSON or GraphML: taken item by item
        src_rows, targets = _listed_targets(raw)
        keep = (targets != "").to_numpy()
        return src_rows[keep], _c.arrow_texts(targets[keep])
    if _c.all_text(raw):
        filled = (raw.str.strip() != "").to_numpy(dtype=bool, na_value=False)
        cells = raw[filled]
    else:
        text = _c.text_column(raw)
        filled = text.notna().to_numpy()
        cells = text[filled]
    rows = np.flatnonzero(filled)
    if len(rows) == 0:
        return none
    positions, targets = _split_lists(cells)
    return rows[positions], _c.arrow_texts(targets)


def _serves_edges(src_rows, targets, codes, id_objects, fail) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray]]:
    """The service relations (``source``, ``target``) and their codes (source row, target row or n for the customer).

    ``targets`` are the served ids (pyarrow text), ``codes`` their rows from
    :func:`orbit._columns.id_codes`. A relation written twice is kept once.
    """
    n = len(id_objects)
    unknown = codes == _c.NOT_AN_ID
    if unknown.any():
        k = int(np.argmax(unknown))
        fail(int(src_rows[k]), f"unit {id_objects[src_rows[k]]!r} serves unknown id {targets[k].as_py()!r}")
    own = codes == src_rows
    if own.any():
        k = int(np.argmax(own))
        fail(int(src_rows[k]), f"unit {id_objects[src_rows[k]]!r} serves itself")
    dst = np.where(codes == _c.CUSTOMER_CODE, n, codes).astype(np.int64)
    src = np.asarray(src_rows, dtype=np.int64)
    if len(src):
        _, first = np.unique(src * (n + 1) + dst, return_index=True)
        keep = np.sort(first)
        src, dst = src[keep], dst[keep]
    # the units' own id objects (and one "customer"), not a copy of every text
    named = np.concatenate([id_objects, np.array([CUSTOMER], dtype=object)])
    edges = pd.DataFrame({"source": pd.Series(named[src], dtype=object), "target": pd.Series(named[dst], dtype=object)})
    return edges, (src, dst)


def _listed_targets(raw: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Row positions and served ids where cells may be lists (from YAML, JSON, GraphML).

    A list is taken item by item, so an id in it may hold ``|``, ``,`` or ``;``.
    """
    cells = [v if isinstance(v, tuple) else () if _c.is_blank(v) else LIST_SPLIT.split(_c.as_text(v)) for v in raw]
    lengths = np.array([len(c) for c in cells], dtype=np.int64)
    src_rows = np.repeat(np.arange(len(cells), dtype=np.int64), lengths)
    targets = pd.Series([_c.as_text(t) or "" for c in cells for t in c], dtype=object)
    return src_rows, targets


def _parse_journeys(journeys, index: pd.Index, source: str, lines) -> list[Journey]:
    out = []
    if journeys is None:
        return out
    if not isinstance(journeys, (list, tuple)):
        raise OrgError(source, None, f"'journeys' must be a list, not {type(journeys).__name__}")
    for i, j in enumerate(journeys):
        line = lines[i] if lines and i < len(lines) else None
        if isinstance(j, Journey):
            name, steps = j.name, j.steps
        elif isinstance(j, Mapping):
            name, steps = j.get("name"), j.get("steps")
        else:
            raise OrgError(source, line, f"journey {i + 1} must be a mapping with 'name' and 'steps'")
        if _c.is_blank(name):
            raise OrgError(source, line, f"journey {i + 1} has no name")
        _c.check_design_text(f"journey {i + 1} name", str(name), source, line)
        if isinstance(steps, str):
            steps = [s for s in LIST_SPLIT.split(steps.strip()) if s]
        if not isinstance(steps, (list, tuple)) or not steps:
            raise OrgError(source, line, f"journey {name!r} needs a non-empty list of steps")
        steps = [None if s is None else _chars.nfc(s) for s in map(_c.as_text, steps)]
        # the customer at either end is implicit; allow it to be written out
        if steps and steps[0] == CUSTOMER:
            steps = steps[1:]
        if steps and steps[-1] == CUSTOMER:
            steps = steps[:-1]
        if not steps:
            raise OrgError(source, line, f"journey {name!r} passes through no unit")
        for s in steps:
            if s is None or s == CUSTOMER or index.get_indexer([s])[0] < 0:
                raise OrgError(source, line, f"journey {shown(name)} has unknown step {shown(s)}")
        out.append(Journey(str(name), tuple(steps)))
    return out
