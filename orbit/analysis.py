"""Customer-distance analysis: hops, rings, flags, layers, spans, journeys.

The definitions are those of ``shared/domain.md``:

- *hops*: relations on the shortest undirected path between the customer and
  a unit, over touchpoints plus the relations between units that ``via``
  selects (``both``, ``reports`` or ``serves``);
- *ring*: the designed ``orbit`` if set, else the hops; null with no path;
- *flagged at N*: hops > N or no path; *misplaced*: designed orbit < hops;
- *layers*: deepest level of the reporting forest (roots are level 1);
- *span of control*: a manager's number of direct reports;
- *hand-offs* of a journey through k units: k + 1.

One breadth-first search over integer codes answers every unit at once, so
the work is linear in the size of the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np
import pandas as pd

from ._graph import bfs, csr, path_to_source, undirected_csr
from .model import CUSTOMER, Organisation, plain_data

VIA = ("both", "reports", "serves")
"""Which relations between units count for hops."""

SPAN_ARCHETYPES = (
    ("player/coach", 3, 5),
    ("coach", 6, 7),
    ("supervisor", 8, 10),
    ("facilitator", 11, 15),
    ("coordinator", 16, None),
)
"""McKinsey (2017) manager archetypes by span of control: (name, min, max)."""


def span_archetype(span: int) -> str | None:
    """The archetype of a span of control, or None below 3.

    >>> span_archetype(7), span_archetype(40), span_archetype(2)
    ('coach', 'coordinator', None)
    """
    for name, lo, hi in SPAN_ARCHETYPES:
        if span >= lo and (hi is None or span <= hi):
            return name
    return None


def _check_via(via: str) -> str:
    if via not in VIA:
        raise ValueError(f"via must be one of {', '.join(VIA)}, not {via!r}")
    return via


@dataclass(frozen=True)
class _Codes:
    """The organisation as integer codes: units are 0..n-1, the customer is n."""

    n: int
    parent: np.ndarray  # parent code or -1
    serve_src: np.ndarray
    serve_dst: np.ndarray  # n for touchpoints
    reporting: tuple | None = None  # the children's adjacency and depths validation found, if it did

    @classmethod
    def of(cls, org: Organisation) -> _Codes:
        """The codes validation found (when they still describe the organisation), else looked up anew."""
        kept = cls._kept(org)
        if kept is not None:
            return kept
        index = org.ids
        n = len(index)
        parent = index.get_indexer(org.units["parent"].to_numpy(dtype=object))
        src = index.get_indexer(org.serves["source"].to_numpy(dtype=object))
        targets = org.serves["target"].to_numpy(dtype=object)
        dst = index.get_indexer(targets)
        dst = np.where(targets == CUSTOMER, n, dst)
        return cls(n, parent.astype(np.int64), src.astype(np.int64), dst.astype(np.int64))

    @classmethod
    def _kept(cls, org: Organisation) -> _Codes | None:
        """``org._codes`` if every code still names the id in the tables (they may have been edited in place).

        The check compares objects that are mostly the very same (validation
        builds ``parent``, ``source`` and ``target`` from the id objects), so it
        costs a fraction of a lookup.
        """
        if org._codes is None:
            return None
        parent, src, dst, *reporting = org._codes
        n = len(org.units)
        if len(parent) != n or len(src) != len(org.serves) or len(dst) != len(src):
            return None
        ids = org.units["id"].to_numpy(dtype=object)
        named = np.concatenate([ids, np.array([CUSTOMER], dtype=object)])
        has = parent >= 0
        try:
            holds = (
                bool(np.all(org.units["parent"].to_numpy(dtype=object) == np.where(has, named[parent], None)))
                and bool(np.all(org.serves["source"].to_numpy(dtype=object) == named[src]))
                and bool(np.all(org.serves["target"].to_numpy(dtype=object) == named[dst]))
                and not bool(np.any(src == n))
            )
        except (TypeError, ValueError, IndexError):  # pd.NA or other values edited in: look up anew
            return None
        return cls(n, parent, src, dst, reporting[0] if reporting else None) if holds else None

    def edges(self, via: str, *, touchpoints: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Undirected relation edges as (u, v) code arrays."""
        us, vs = [], []
        has_parent = self.parent >= 0
        if via in ("both", "reports"):
            us.append(np.flatnonzero(has_parent))
            vs.append(self.parent[has_parent])
        touch = self.serve_dst == self.n
        if via in ("both", "serves"):
            us.append(self.serve_src[~touch])
            vs.append(self.serve_dst[~touch])
        if touchpoints:
            us.append(self.serve_src[touch])
            vs.append(self.serve_dst[touch])
        if not us:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        return np.concatenate(us), np.concatenate(vs)


def relation_edges(org: Organisation, via: str = "both") -> pd.DataFrame:
    """The relations that count for ``via``, as ``source, target, relation`` rows.

    ``relation`` is ``reports_to`` (unit → parent), ``serves`` (unit → unit)
    or ``touchpoint`` (unit → ``customer``); touchpoints always count.

    Examples
    --------
    >>> from orbit.model import Organisation
    >>> org = Organisation.from_records([
    ...     {"id": "ceo"}, {"id": "desk", "parent": "ceo", "serves": ["customer"]}])
    >>> relation_edges(org).values.tolist()
    [['desk', 'ceo', 'reports_to'], ['desk', 'customer', 'touchpoint']]
    """
    _check_via(via)
    parts = []
    if via in ("both", "reports"):
        p = org.units.loc[org.units["parent"].notna(), ["id", "parent"]]
        parts.append(pd.DataFrame({"source": p["id"], "target": p["parent"], "relation": "reports_to"}))
    touch = org.serves["target"] == CUSTOMER
    if via in ("both", "serves"):
        s = org.serves.loc[~touch]
        parts.append(pd.DataFrame({"source": s["source"], "target": s["target"], "relation": "serves"}))
    t = org.serves.loc[touch]
    parts.append(pd.DataFrame({"source": t["source"], "target": t["target"], "relation": "touchpoint"}))
    out = pd.concat(parts, ignore_index=True)
    return out.astype({"source": object, "target": object, "relation": object})


class Analysis:
    """The result of :func:`analyse`.

    Attributes
    ----------
    org : Organisation
    max_hops : int
    via : str
    summary : dict
        ``units, headcount, layers, max_span, mean_span, mean_hops,
        share_within_max_hops, flagged, unreachable, misplaced, rings``.
    units : DataFrame
        One row per unit (see :func:`analyse`); built on first use.
    journeys : DataFrame
        One row per journey; built on first use.
    folding : orbit.aggregate.Folding or None
        For a folded design (:func:`orbit.aggregate.folded_analysis`): what each box hides; else None.
    """

    def __init__(self, org: Organisation, max_hops: int, via: str):
        self.org = org
        self.max_hops = int(max_hops)
        self.via = via
        codes = _Codes.of(org)
        self._codes = codes
        n = codes.n
        u, v = codes.edges(via)
        self._adjacency = undirected_csr(n + 1, u, v)
        dist, pred = bfs(*self._adjacency, [n])
        self._pred = pred
        hops = dist[:n]
        self.reachable = hops >= 0
        self.hops = hops  # -1 where unreachable
        orbit = org.units["orbit"].to_numpy(dtype=float, na_value=np.nan)
        designed = ~np.isnan(orbit)
        self.designed = designed
        self.ring = np.where(self.reachable, np.where(designed, np.nan_to_num(orbit, nan=0).astype(np.int64), hops), -1)
        self.flagged = ~self.reachable | (hops > self.max_hops)
        self.misplaced = designed & (~self.reachable | (np.nan_to_num(orbit, nan=0) < hops))
        self.weights = org.units["headcount"].to_numpy(dtype=float, na_value=1.0)
        self.folding = None
        self._reporting()
        self.summary = self._summary()

    # --------------------------------------------------------------- forest
    def _reporting(self) -> None:
        codes = self._codes
        n = codes.n
        has_parent = codes.parent >= 0
        if codes.reporting is not None:
            children, depth = codes.reporting
        else:
            children = csr(n, codes.parent[has_parent], np.flatnonzero(has_parent))
            depth, _ = bfs(*children, np.flatnonzero(~has_parent))
        self._children = children
        self.level = depth + 1
        self.reports = np.bincount(codes.parent[has_parent], minlength=n)
        # top-level department: the ancestor directly below a root (a root is its own)
        dept = np.arange(n, dtype=np.int64)
        if n:
            order = np.argsort(self.level, kind="stable")
            lv = self.level[order]
            bounds = np.searchsorted(lv, np.arange(3, int(lv.max()) + 2))
            for k in range(len(bounds) - 1):
                nodes = order[bounds[k] : bounds[k + 1]]
                dept[nodes] = dept[codes.parent[nodes]]
        self.department = dept

    # --------------------------------------------------------------- summary
    def _summary(self) -> dict:
        w = self.weights
        reach = self.reachable
        total = float(w.sum())
        reach_w = float(w[reach].sum())
        mean_hops = float((w[reach] * self.hops[reach]).sum() / reach_w) if reach_w > 0 else None
        within = float(w[reach & (self.hops <= self.max_hops)].sum())
        managers = self.reports[self.reports > 0]
        rings: dict[str, float] = {}
        if reach.any():
            ring_hc = pd.Series(w[reach]).groupby(self.ring[reach]).sum()
            rings = {str(int(k)): _num(v) for k, v in ring_hc.items()}
        if (~reach).any():
            rings["unconnected"] = _num(w[~reach].sum())
        return {
            "units": int(self._codes.n),
            "headcount": _num(total),
            "layers": int(self.level.max()) if self._codes.n else 0,
            "max_span": int(managers.max()) if managers.size else 0,
            "mean_span": round(float(managers.mean()), 2) if managers.size else 0.0,
            "mean_hops": None if mean_hops is None else round(mean_hops, 3),
            "share_within_max_hops": round(within / total, 4) if total > 0 else None,
            "flagged": int(self.flagged.sum()),
            "unreachable": int((~reach).sum()),
            "misplaced": int(self.misplaced.sum()),
            "rings": rings,
        }

    # --------------------------------------------------------------- tables
    def path(self, unit_id: str) -> list[str]:
        """Ids from ``unit_id`` to ``customer`` on one shortest path ([] with none)."""
        i = self._code(unit_id)
        if self.hops[i] < 0:
            return []
        ids = self.org.units["id"].to_numpy(dtype=object)
        return [CUSTOMER if c == self._codes.n else ids[c] for c in path_to_source(self._pred, i)]

    def _code(self, unit_id: str) -> int:
        hit = np.flatnonzero(self.org.units["id"].to_numpy(dtype=object) == unit_id)
        if hit.size == 0:
            raise KeyError(f"no unit with id {unit_id!r}")
        return int(hit[0])

    @cached_property
    def _paths(self) -> list[list[str]]:
        ids = np.append(self.org.units["id"].to_numpy(dtype=object), CUSTOMER)
        pred = self._pred
        n = self._codes.n
        # grow all paths one level at a time: path(i) = [i] + path(pred[i])
        order = np.argsort(np.where(self.hops < 0, np.iinfo(np.int64).max, self.hops), kind="stable")
        paths: list[list[str] | None] = [None] * (n + 1)
        paths[n] = [CUSTOMER]
        for i in order:
            if self.hops[i] < 0:
                paths[i] = []
                continue
            paths[i] = [ids[i], *paths[pred[i]]]
        return paths[:n]

    @cached_property
    def units(self) -> pd.DataFrame:
        """One row per unit.

        Columns: ``id, name, kind, parent, headcount, hops, ring, flagged,
        misplaced, path, level, department, reports, orbit``. ``hops`` and
        ``ring`` are ``<NA>`` for units with no path to the customer;
        ``department`` is the id of the top-level department.
        """
        u = self.org.units
        ids = u["id"].to_numpy(dtype=object)
        return pd.DataFrame(
            {
                "id": pd.Series(ids, dtype=object),
                "name": pd.Series(u["name"].to_numpy(dtype=object), dtype=object),
                "kind": pd.Series(u["kind"].to_numpy(dtype=object), dtype=object),
                "parent": pd.Series(u["parent"].to_numpy(dtype=object), dtype=object),
                "headcount": u["headcount"].array,
                "hops": pd.array(np.where(self.reachable, self.hops, 0), dtype="Int64").copy(),
                "ring": pd.array(np.where(self.reachable, self.ring, 0), dtype="Int64").copy(),
                "flagged": self.flagged,
                "misplaced": self.misplaced,
                "path": pd.Series(self._paths, dtype=object),
                "level": self.level,
                "department": pd.Series(ids[self.department] if len(ids) else ids, dtype=object),
                "reports": self.reports,
                "orbit": u["orbit"].array,
            }
        ).pipe(_null_unreachable, ~self.reachable)

    @cached_property
    def journeys(self) -> pd.DataFrame:
        """One row per journey.

        Columns: ``name, steps, handoffs, boundary_crossings, detour_hops,
        detours, departments``. ``detours`` lists the consecutive steps with no
        direct relation (under ``via``) and the hops of the shortest path
        between them; ``detour_hops`` adds those hops up (null when a pair has
        no path at all).
        """
        rows = [self._journey(j) for j in self.org.journeys]
        cols = ["name", "steps", "handoffs", "boundary_crossings", "detour_hops", "detours", "departments"]
        return pd.DataFrame(rows, columns=cols).astype(
            {"handoffs": "int64", "boundary_crossings": "int64", "detour_hops": "Int64"}
        )

    def _journey(self, journey) -> dict:
        index = self.org.ids
        steps = list(journey.steps)
        codes = index.get_indexer(steps)
        ids = self.org.units["id"].to_numpy(dtype=object)
        dept = self.department[codes]
        crossings = int((dept[1:] != dept[:-1]).sum())
        departments = list(dict.fromkeys(ids[d] for d in dept))
        detours = []
        total: int | None = 0
        for a, b in pairwise(codes):
            if a == b or self._adjacent(a, b):
                continue
            hops = self._unit_distance(a, b)
            detours.append({"from": ids[a], "to": ids[b], "hops": hops})
            total = None if hops is None or total is None else total + hops
        return {
            "name": journey.name,
            "steps": steps,
            "handoffs": len(steps) + 1,
            "boundary_crossings": crossings,
            "detour_hops": total,
            "detours": detours,
            "departments": departments,
        }

    def _adjacent(self, a: int, b: int) -> bool:
        indptr, indices = self._adjacency
        return bool(np.any(indices[indptr[a] : indptr[a + 1]] == b))

    def _unit_distance(self, a: int, b: int) -> int | None:
        """Hops between two units over unit relations only (not via the customer)."""
        n = self._codes.n
        dist, _ = bfs(*self._adjacency, [a], blocked=np.array([n]))
        return int(dist[b]) if dist[b] >= 0 else None

    def spans(self) -> pd.DataFrame:
        """Managers with their span of control and its archetype."""
        ids = self.org.units["id"].to_numpy(dtype=object)
        managers = np.flatnonzero(self.reports > 0)
        return pd.DataFrame(
            {
                "id": ids[managers],
                "name": self.org.units["name"].to_numpy(dtype=object)[managers],
                "span": self.reports[managers],
                "archetype": [span_archetype(int(s)) for s in self.reports[managers]],
            }
        )

    def to_dict(self, *, units: bool = True) -> dict:
        """The JSON document of ``orbit analyse --format json``."""
        doc = {
            "organisation": self.org.name,
            "max_hops": self.max_hops,
            "via": self.via,
            "summary": self.summary,
        }
        if units:
            t = self.units
            doc["units"] = [
                {
                    "id": r.id,
                    "name": r.name,
                    "kind": r.kind,
                    "parent": r.parent,
                    "headcount": None if pd.isna(r.headcount) else int(r.headcount),
                    "hops": None if pd.isna(r.hops) else int(r.hops),
                    "ring": None if pd.isna(r.ring) else int(r.ring),
                    "flagged": bool(r.flagged),
                    "misplaced": bool(r.misplaced),
                    "path": list(r.path),
                }
                for r in t.itertuples(index=False)
            ]
        doc["journeys"] = [
            {k: plain_data(v) for k, v in row.items()} for row in self.journeys.to_dict(orient="records")
        ]
        return doc


def _null_unreachable(frame: pd.DataFrame, unreachable: np.ndarray) -> pd.DataFrame:
    frame.loc[unreachable, ["hops", "ring"]] = pd.NA
    return frame


def _num(x):
    x = float(x)
    return int(x) if x.is_integer() else round(x, 3)


def analyse(org: Organisation, max_hops: int = 3, via: str = "both") -> Analysis:
    """Measure how far every unit sits from the customer.

    Parameters
    ----------
    org : Organisation
    max_hops : int, default 3
        Units more than this many hops away are flagged (N in the domain notes).
    via : {'both', 'reports', 'serves'}, default 'both'
        Which relations between units count; touchpoints always count.

    Returns
    -------
    Analysis
        ``.units`` (DataFrame), ``.summary`` (dict), ``.journeys`` (DataFrame).

    Raises
    ------
    ValueError
        If ``via`` is unknown or ``max_hops`` is negative.

    Examples
    --------
    >>> from orbit.model import Organisation
    >>> org = Organisation.from_records([
    ...     {"id": "ceo", "headcount": 1},
    ...     {"id": "sales", "parent": "ceo", "headcount": 10, "serves": ["customer"]},
    ...     {"id": "finance", "parent": "ceo", "headcount": 5},
    ... ])
    >>> a = analyse(org, max_hops=2)
    >>> a.units[["id", "hops", "flagged"]].values.tolist()
    [['ceo', 2, False], ['sales', 1, False], ['finance', 3, True]]
    >>> a.summary["mean_hops"], a.summary["layers"]
    (1.688, 2)
    """
    _check_via(via)
    if int(max_hops) < 0:
        raise ValueError(f"max_hops must be ≥ 0, not {max_hops}")
    return Analysis(org, int(max_hops), via)


@dataclass
class Comparison:
    """Two designs matched by unit id (see :func:`compare`)."""

    a: Analysis
    b: Analysis
    added: list[str]
    removed: list[str]
    moved: list[dict]
    reparented: list[dict]

    def to_dict(self, files: tuple[str, str] = ("", "")) -> dict:
        """The JSON document of ``orbit compare --format json``."""
        return {
            "designs": [
                {"name": x.org.name, "file": f, "summary": x.summary}
                for x, f in zip((self.a, self.b), files, strict=True)
            ],
            "diff": {
                "added": self.added,
                "removed": self.removed,
                "moved": self.moved,
                "reparented": self.reparented,
            },
        }

    def diff_table(self) -> pd.DataFrame:
        """One row per change: ``change, id, from, to``."""
        rows = [("added", i, None, None) for i in self.added]
        rows += [("removed", i, None, None) for i in self.removed]
        rows += [("moved", m["id"], m["from_ring"], m["to_ring"]) for m in self.moved]
        rows += [("reparented", r["id"], r["from_parent"], r["to_parent"]) for r in self.reparented]
        return pd.DataFrame(rows, columns=["change", "id", "from", "to"])


def compare(a: Organisation, b: Organisation, max_hops: int = 3, via: str = "both") -> Comparison:
    """Compare two designs; units are matched by id.

    ``moved`` lists units on another ring (null = unconnected); ``reparented``
    those with another parent.

    Examples
    --------
    >>> from orbit.model import Organisation
    >>> today = Organisation.from_records([{"id": "a"}, {"id": "b", "parent": "a"}])
    >>> plan = Organisation.from_records([{"id": "b", "serves": ["customer"]}, {"id": "c"}])
    >>> c = compare(today, plan)
    >>> c.added, c.removed, c.reparented
    (['c'], ['a'], [{'id': 'b', 'from_parent': 'a', 'to_parent': None}])
    """
    aa, bb = analyse(a, max_hops, via), analyse(b, max_hops, via)
    ta = aa.units.set_index("id")
    tb = bb.units.set_index("id")
    common = ta.index.intersection(tb.index, sort=False)
    added = [i for i in tb.index if i not in ta.index]
    removed = [i for i in ta.index if i not in tb.index]
    moved, reparented = [], []
    for uid in common:
        ra, rb = ta.at[uid, "ring"], tb.at[uid, "ring"]
        ra = None if pd.isna(ra) else int(ra)
        rb = None if pd.isna(rb) else int(rb)
        if ra != rb:
            moved.append({"id": uid, "from_ring": ra, "to_ring": rb})
        pa, pb = ta.at[uid, "parent"], tb.at[uid, "parent"]
        pa = None if pd.isna(pa) else pa
        pb = None if pd.isna(pb) else pb
        if pa != pb:
            reparented.append({"id": uid, "from_parent": pa, "to_parent": pb})
    return Comparison(aa, bb, added, removed, moved, reparented)
