"""Collapse a large organisation into departments down to a depth.

A 100,000-unit organisation cannot be drawn unit by unit, but it can be
drawn as its departments: every unit deeper than ``depth`` in the reporting
lines is folded into its ancestor at that depth. The folded units' headcount
adds up, their service relations and touchpoints move to the ancestor, and
relations inside one folded department disappear. ``expand`` opens chosen
departments one level further, for drill-down.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ._graph import bfs, csr
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
        attrs={**org.attrs, "aggregation": what, "aggregation_depth": depth, "aggregation_units": len(ids)},
    )
