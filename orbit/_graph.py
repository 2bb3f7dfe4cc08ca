"""Sparse adjacency and level-synchronous BFS on integer node codes.

One BFS serves hops to the customer, reporting levels and cycle checks, so a
40-unit design and a two-million-row export share one code path. Frontiers
are expanded with numpy, one level at a time (as ``networkx.bfs_layers``
yields them), so the work is linear in nodes plus edges.
"""

from __future__ import annotations

import numpy as np


def csr(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Compressed adjacency of directed edges ``src[k] -> dst[k]`` over ``n`` nodes.

    Neighbours of ``v`` are ``indices[indptr[v]:indptr[v + 1]]``, in the
    order the edges were given.
    """
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    order = np.argsort(src, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    return indptr, dst[order]


def undirected_csr(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Like :func:`csr` with every edge taken both ways."""
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    return csr(n, np.concatenate([src, dst]), np.concatenate([dst, src]))


def neighbours(indptr: np.ndarray, indices: np.ndarray, frontier: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All ``(from, to)`` pairs leaving ``frontier``, vectorised."""
    starts = indptr[frontier]
    counts = indptr[frontier + 1] - starts
    total = int(counts.sum())
    if total == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    idx = offsets + np.arange(total, dtype=np.int64)
    return np.repeat(frontier, counts), indices[idx]


def bfs(indptr: np.ndarray, indices: np.ndarray, sources, *, blocked: np.ndarray | None = None):
    """Breadth-first search from ``sources``.

    Returns
    -------
    dist : ndarray of int64
        Levels from the nearest source (0 for sources), -1 where unreached.
    pred : ndarray of int64
        The predecessor on one shortest path (the lowest-coded node of the
        previous level that reaches it), -1 for sources and unreached nodes.
    """
    n = len(indptr) - 1
    dist = np.full(n, -1, dtype=np.int64)
    pred = np.full(n, -1, dtype=np.int64)
    frontier = np.unique(np.asarray(sources, dtype=np.int64))
    dist[frontier] = 0
    if blocked is not None:
        dist[blocked] = -2  # never entered
    level = 0
    while frontier.size:
        frm, to = neighbours(indptr, indices, frontier)
        fresh = dist[to] == -1
        frm, to = frm[fresh], to[fresh]
        if to.size == 0:
            break
        # lowest predecessor first, so the choice is deterministic
        order = np.lexsort((frm, to))
        to, frm = to[order], frm[order]
        first = np.concatenate(([True], to[1:] != to[:-1]))
        to, frm = to[first], frm[first]
        level += 1
        dist[to] = level
        pred[to] = frm
        frontier = to
    if blocked is not None:
        dist[dist == -2] = -1
    return dist, pred


def path_to_source(pred: np.ndarray, node: int) -> list[int]:
    """Follow predecessors from ``node`` back to its BFS source."""
    out = [node]
    while pred[out[-1]] >= 0:
        out.append(int(pred[out[-1]]))
    return out
