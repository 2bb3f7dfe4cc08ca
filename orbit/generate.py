"""Generated organisations for tests and benchmarks.

The shape the issues' targets are measured on: a reporting tree with 2–8
reports per manager, touchpoints on 30 % of the leaves and 2 % random service
relations across the tree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import CUSTOMER, Organisation

KINDS = np.array(["department", "team", "role"], dtype=object)


def generate_tables(
    n: int,
    *,
    min_reports: int = 2,
    max_reports: int = 8,
    touchpoint_share: float = 0.3,
    service_share: float = 0.02,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The unit table and the serves table of a generated organisation.

    Ids are ``u0`` (the root) to ``u{n-1}``, in breadth-first order.
    """
    rng = np.random.default_rng(seed)
    parent = np.full(n, -1, dtype=np.int64)
    counts = rng.integers(min_reports, max_reports + 1, size=max(n, 1))
    # breadth-first: manager k takes the next counts[k] units
    owners = np.repeat(np.arange(len(counts)), counts)[: max(n - 1, 0)]
    parent[1:] = owners
    ids = np.char.add("u", np.arange(n).astype(str)).astype(object)
    has_kids = np.zeros(n, dtype=bool)
    has_kids[parent[parent >= 0]] = True
    leaves = np.flatnonzero(~has_kids)
    touch = leaves[rng.random(leaves.size) < touchpoint_share]
    k = round(service_share * n)
    src = rng.integers(0, n, size=k)
    dst = rng.integers(0, n, size=k)
    ok = src != dst
    src, dst = src[ok], dst[ok]
    depth = np.zeros(n, dtype=np.int64)
    for i in range(1, n):
        depth[i] = depth[parent[i]] + 1
    kind = KINDS[np.minimum(depth, 2)]
    headcount = np.where(has_kids, 1, rng.integers(3, 13, size=n))
    units = pd.DataFrame(
        {
            "id": ids,
            "name": np.char.add("Unit ", np.arange(n).astype(str)).astype(object),
            "kind": kind,
            "parent": np.where(parent >= 0, ids[np.maximum(parent, 0)], None),
            "headcount": headcount,
        }
    )
    serves = pd.DataFrame(
        {
            "source": np.concatenate([ids[touch], ids[src]]),
            "target": np.concatenate([np.full(touch.size, CUSTOMER, dtype=object), ids[dst]]),
        }
    ).drop_duplicates(ignore_index=True)
    return units, serves


def generate_org(n: int, *, seed: int = 0, name: str | None = None, **kwargs) -> Organisation:
    """A generated organisation of ``n`` units (see :func:`generate_tables`).

    >>> org = generate_org(50, seed=1)
    >>> len(org), int(org.units["parent"].isna().sum())
    (50, 1)
    """
    from .model import build_organisation

    units, serves = generate_tables(n, seed=seed, **kwargs)
    table = units.copy()
    joined = serves.groupby("source", sort=False)["target"].agg("|".join)
    table["serves"] = table["id"].map(joined)
    return build_organisation(table, name=name or f"Generated {n}", source=f"<generated {n}>")


def generate_csv(path, n: int, *, seed: int = 0, **kwargs) -> None:
    """Write a generated organisation as CSV with ``id, name, kind, parent, headcount, serves``."""
    units, serves = generate_tables(n, seed=seed, **kwargs)
    joined = serves.groupby("source", sort=False)["target"].agg("|".join)
    units["serves"] = units["id"].map(joined)
    units.to_csv(path, index=False)
