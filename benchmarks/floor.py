"""The floor for ``orbit analyse FILE --summary --format json``: the least a script must do.

Reads the CSV with ``pyarrow.csv`` (multithreaded), maps ``parent`` and the
ids listed in ``serves`` to row numbers, builds one undirected sparse graph
with the customer as an extra node and runs
``scipy.sparse.csgraph.breadth_first_order`` from the customer. It prints
the units, the headcount, the headcount-weighted mean hops and the share
within 3 hops as JSON. Nothing is validated (no duplicate ids, no unknown
parents, no cycles, no character checks) and no line number could be given
for an error: this is what Orbit is measured against, not a substitute.

Usage: python benchmarks/floor.py FILE.csv
"""

from __future__ import annotations

import json
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pv
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import breadth_first_order


def hops_from(pred: np.ndarray, order: np.ndarray, n: int) -> np.ndarray:
    """Levels from the BFS predecessors by pointer jumping (no Python loop over nodes)."""
    hops = np.full(n, -1, dtype=np.int64)
    reached = np.zeros(n, dtype=bool)
    reached[order] = True
    depth = np.where(pred >= 0, 1, 0).astype(np.int64)
    up = pred.copy()
    while (up >= 0).any():
        has = up >= 0
        nxt = up[has]
        depth[has] += depth[nxt]
        up[has] = up[nxt]
    hops[reached] = depth[reached]
    return hops


def main(path: str) -> None:
    text_columns = {"id": pa.string(), "parent": pa.string(), "serves": pa.string()}
    table = pv.read_csv(path, convert_options=pv.ConvertOptions(column_types=text_columns))
    ids = table["id"]
    n = len(ids)
    parent = pc.index_in(table["parent"], value_set=ids).to_numpy(zero_copy_only=False)
    has_parent = ~np.isnan(parent.astype(float))
    src = [np.flatnonzero(has_parent)]
    dst = [parent[has_parent].astype(np.int64)]
    serves = pc.split_pattern(table["serves"].combine_chunks(), "|")
    lengths = pc.list_value_length(serves).fill_null(0).to_numpy(zero_copy_only=False)
    flat = pc.list_flatten(serves)
    codes = pc.index_in(flat, value_set=ids).to_numpy(zero_copy_only=False)
    rows = np.repeat(np.arange(n), lengths)
    is_customer = pc.equal(flat, "customer").to_numpy(zero_copy_only=False)
    known = ~np.isnan(codes.astype(float))  # leaves out the empty cells
    src += [rows[known], rows[is_customer]]
    dst += [codes[known].astype(np.int64), np.full(int(is_customer.sum()), n)]
    u, v = np.concatenate(src), np.concatenate(dst)
    graph = coo_matrix((np.ones(len(u), dtype=np.int8), (u, v)), shape=(n + 1, n + 1)).tocsr()
    graph = graph + graph.T
    order, pred = breadth_first_order(graph, n, directed=False, return_predecessors=True)
    hops = hops_from(np.where(pred < 0, -1, pred), order, n + 1)[:n]
    headcount = table["headcount"].to_numpy(zero_copy_only=False).astype(float)
    headcount = np.nan_to_num(headcount, nan=1.0)
    reach = hops >= 0
    total = float(headcount.sum())
    print(
        json.dumps(
            {
                "units": n,
                "headcount": total,
                "mean_hops": round(float((headcount[reach] * hops[reach]).sum() / headcount[reach].sum()), 3),
                "share_within_max_hops": round(float(headcount[reach & (hops <= 3)].sum()) / total, 4),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
