"""Collapse a large organisation into departments down to a depth.

A 100,000-unit organisation cannot be drawn unit by unit, but it can be
drawn as its departments: every unit deeper than ``depth`` in the reporting
lines is folded into its ancestor at that depth. The folded units' headcount
adds up, their service relations and touchpoints move to the ancestor, and
relations inside one folded department disappear. ``expand`` opens chosen
departments one level further, for drill-down.

Folding must not hide who is far from the customer: a department is drawn
where its nearest member reaches the customer, so :func:`folded_analysis`
gives the analysis of the folded design with each box flagged when any of
its people is (in the whole organisation's analysis), and a :class:`Folding`
that says how many of its people are beyond N hops and its worst ring.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._graph import bfs, csr
from .analysis import Analysis, analyse
from .model import CUSTOMER, Journey, Organisation, build_organisation


def representatives(org: Organisation, depth: int, expand: Iterable[str] = ()) -> np.ndarray:
    """For every unit, the code of the unit it is drawn as.

    A unit is shown when its level is at most ``depth`` or its parent is
    shown and in ``expand``; otherwise it is folded into its nearest shown
    ancestor.
    """
    if depth < 1:
        raise ValueError(f"depth must be ≥ 1, not {depth}")
    ids = org.units["id"].to_numpy(dtype=object)
    n = len(ids)
    index = pd.Index(ids)
    parent = index.get_indexer(org.units["parent"].to_numpy(dtype=object))
    has_parent = parent >= 0
    level, _ = bfs(*csr(n, parent[has_parent], np.flatnonzero(has_parent)), np.flatnonzero(~has_parent))
    level = level + 1
    opened = np.zeros(n, dtype=bool)
    codes = index.get_indexer(list(expand))
    opened[codes[codes >= 0]] = True
    rep = np.arange(n, dtype=np.int64)
    shown = level <= depth
    order = np.argsort(level, kind="stable")
    lv = level[order]
    bounds = np.searchsorted(lv, np.arange(depth + 1, int(lv.max(initial=0)) + 2))
    for k in range(len(bounds) - 1):
        nodes = order[bounds[k] : bounds[k + 1]]
        p = parent[nodes]
        visible = shown[p] & opened[p]
        shown[nodes] = visible
        rep[nodes] = np.where(visible, nodes, rep[p])
    return rep


def aggregate(org: Organisation, depth: int = 2, expand: Iterable[str] = ()) -> Organisation:
    """The organisation with units below ``depth`` folded into their ancestors.

    Each shown unit gets the attribute ``units`` (how many units it stands
    for) and the summed ``headcount`` of its members (a missing headcount
    counts as 1). The design's attribute ``aggregation`` says what was done,
    for the legend.

    Examples
    --------
    >>> from orbit.generate import generate_org
    >>> big = generate_org(1000, seed=0)
    >>> small = aggregate(big, depth=2)
    >>> len(small) < 20, int(small.units["headcount"].sum()) == int(big.units["headcount"].sum())
    (True, True)
    """
    rep = representatives(org, depth, expand)
    ids = org.units["id"].to_numpy(dtype=object)
    keep = np.flatnonzero(rep == np.arange(len(ids)))
    weights = org.units["headcount"].to_numpy(dtype=float, na_value=1.0)
    headcount = np.bincount(rep, weights=weights, minlength=len(ids))[keep]
    members = np.bincount(rep, minlength=len(ids))[keep]
    table = org.units.iloc[keep].reset_index(drop=True).copy()
    table["headcount"] = np.round(headcount).astype(np.int64)
    table["units"] = members

    index = pd.Index(ids)
    src = rep[index.get_indexer(org.serves["source"].to_numpy(dtype=object))]
    targets = org.serves["target"].to_numpy(dtype=object)
    tgt_codes = index.get_indexer(targets)
    edges = pd.DataFrame(
        {
            "source": ids[src] if len(src) else np.array([], dtype=object),
            "target": np.where(targets == CUSTOMER, CUSTOMER, ids[rep[np.maximum(tgt_codes, 0)]])
            if len(src)
            else np.array([], dtype=object),
        }
    )
    edges = edges[edges["source"] != edges["target"]].drop_duplicates()
    joined = edges.groupby("source", sort=False)["target"].agg("|".join)
    table.insert(list(table.columns).index("parent") + 1, "serves", table["id"].map(joined))

    journeys = []
    for j in org.journeys:
        steps = [ids[rep[c]] for c in index.get_indexer(list(j.steps))]
        folded = [s for k, s in enumerate(steps) if k == 0 or s != steps[k - 1]]
        journeys.append(Journey(j.name, tuple(folded)))
    what = f"departments to depth {depth}: {len(ids):,} units shown as {len(keep):,}; size = headcount"
    return build_organisation(
        table,
        source=org.source,
        name=org.name,
        customer=org.customer,
        journeys=journeys,
        attrs={
            **org.attrs,
            "aggregation": what,
            "aggregation_depth": depth,
            "aggregation_units": len(ids),
            "aggregation_expand": "|".join(str(x) for x in expand),
        },
    )


@dataclass(frozen=True)
class Folding:
    """What each box of a folded design stands for, in the folded design's unit order.

    Attributes
    ----------
    max_hops : int
        N of the analysis the counts are taken from.
    units : ndarray of int
        How many units of the whole organisation the box stands for.
    people : ndarray of float
        Their headcount (a missing headcount counts as 1).
    beyond : ndarray of float
        The headcount of those that are flagged: more than N hops away or with no path.
    beyond_units : ndarray of int
        How many of the box's units are flagged.
    worst_ring : ndarray of int
        The farthest ring of a member with a path to the customer (0 when none has one).
    unconnected : ndarray of float
        The headcount of members with no path to the customer.
    """

    max_hops: int
    units: np.ndarray
    people: np.ndarray
    beyond: np.ndarray
    beyond_units: np.ndarray
    worst_ring: np.ndarray
    unconnected: np.ndarray

    @property
    def flagged(self) -> np.ndarray:
        """A box is flagged when any of its units is."""
        return self.beyond_units > 0

    @property
    def hidden(self) -> np.ndarray:
        """Boxes that stand for more than one unit and hide flagged people (the ones worth a note)."""
        return self.flagged & (self.units > 1)


def folding_of(folded: Organisation, full: Analysis) -> Folding:
    """Count, per box of ``folded`` (made by :func:`aggregate` from ``full.org``), its people and flags.

    Raises
    ------
    ValueError
        When ``folded`` was not folded from ``full``'s organisation.
    """
    depth = folded.attrs.get("aggregation_depth")
    if depth is None:
        raise ValueError("the design is not folded (made by orbit.aggregate.aggregate)")
    expand = [x for x in str(folded.attrs.get("aggregation_expand") or "").split("|") if x]
    rep = representatives(full.org, int(depth), expand)
    ids = full.org.units["id"].to_numpy(dtype=object)
    box = pd.Index(folded.units["id"].to_numpy(dtype=object)).get_indexer(ids[rep])
    m = len(folded)
    if (box < 0).any() or len(np.unique(box)) != m:
        raise ValueError("the folded design does not match the analysis it is counted from")
    w = full.weights
    flagged = np.asarray(full.flagged, dtype=bool)
    reach = np.asarray(full.reachable, dtype=bool)
    worst = np.zeros(m, dtype=np.int64)
    np.maximum.at(worst, box[reach], np.asarray(full.ring)[reach])
    return Folding(
        max_hops=full.max_hops,
        units=np.bincount(box, minlength=m),
        people=np.bincount(box, weights=w, minlength=m),
        beyond=np.bincount(box, weights=w * flagged, minlength=m),
        beyond_units=np.bincount(box[flagged], minlength=m),
        worst_ring=worst,
        unconnected=np.bincount(box, weights=w * ~reach, minlength=m),
    )


def folded_analysis(folded: Organisation, full: Analysis) -> Analysis:
    """The analysis of a folded design that keeps the whole organisation's flags.

    Each box sits where its nearest member reaches the customer, but it is
    flagged when any of its units is flagged in ``full`` (at ``full``'s N and
    relations), so a folded drawing never shows fewer flagged people than
    the whole organisation has. The result's ``folding`` is the
    :class:`Folding` of the boxes; its ``summary`` counts flagged boxes.

    Examples
    --------
    >>> from orbit.generate import generate_org
    >>> big = generate_org(300, seed=1)
    >>> full = analyse(big, max_hops=2)
    >>> small = folded_analysis(aggregate(big, depth=2), full)
    >>> int(small.folding.beyond_units.sum()) == full.summary["flagged"]
    True
    """
    a = analyse(folded, full.max_hops, full.via)
    folding = folding_of(folded, full)
    a.flagged = np.asarray(a.flagged, dtype=bool) | folding.flagged
    a.folding = folding
    a.summary = a._summary()
    return a
