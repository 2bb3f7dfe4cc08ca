"""Label placement without overlaps, in points.

Every label, node and reserved area is held as a *capsule*: a segment with a
radius. A radial text label is the capsule along its baseline with half its
height as radius; a node is a capsule of length zero. A label candidate is
accepted only if its capsule keeps clear of every capsule already placed (its
own node excepted) and stays inside the drawing area, so labels accepted in
priority order never overlap one another or other units' markers.

The geometry is plain numpy; text is measured with matplotlib's font engine
(the same metrics the renderers use), so this module needs no figure.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

_EPS = 1e-9


def segment_distances(p0: np.ndarray, p1: np.ndarray, q0: np.ndarray, q1: np.ndarray) -> np.ndarray:
    """Distances between the segment ``p0 p1`` and each segment ``q0[i] q1[i]``.

    Vectorised closest points of two segments (Ericson, *Real-Time Collision
    Detection*, 5.1.9). Zero-length segments are points.

    >>> d = segment_distances(np.array([0., 0.]), np.array([2., 0.]),
    ...                       np.array([[1., 1.], [3., 0.], [1., -1.]]), np.array([[1., 2.], [3., 0.], [1., 1.]]))
    >>> d.round(6).tolist()
    [1.0, 1.0, 0.0]
    """
    d1 = p1 - p0
    d2 = q1 - q0
    r = p0 - q0
    a = float(d1 @ d1)
    e = np.einsum("ij,ij->i", d2, d2)
    f = np.einsum("ij,ij->i", d2, r)
    if a <= _EPS:
        t = np.where(e > _EPS, np.clip(f / np.where(e > _EPS, e, 1.0), 0.0, 1.0), 0.0)
        s = np.zeros_like(t)
    else:
        c = r @ d1
        b = d2 @ d1
        denom = a * e - b * b
        safe = np.where(np.abs(denom) > _EPS, denom, 1.0)
        s = np.where(np.abs(denom) > _EPS, np.clip((b * f - c * e) / safe, 0.0, 1.0), 0.0)
        t = np.where(e > _EPS, (b * s + f) / np.where(e > _EPS, e, 1.0), 0.0)
        low, high = t < 0.0, t > 1.0
        s = np.where(low, np.clip(-c / a, 0.0, 1.0), np.where(high, np.clip((b - c) / a, 0.0, 1.0), s))
        t = np.clip(t, 0.0, 1.0)
        # point-like obstacles: the closest point of p to q0
        point = e <= _EPS
        s = np.where(point, np.clip(-c / a, 0.0, 1.0), s)
        t = np.where(point, 0.0, t)
    c1 = p0[None, :] + s[:, None] * d1[None, :]
    c2 = q0 + t[:, None] * d2
    diff = c1 - c2
    return np.sqrt(np.einsum("ij,ij->i", diff, diff))


class Capsules:
    """A growing set of capsules that can say whether a new one is free."""

    def __init__(self, capacity: int = 64):
        self.a = np.empty((capacity, 2))
        self.b = np.empty((capacity, 2))
        self.r = np.empty(capacity)
        self.owner = np.empty(capacity, dtype=np.int64)
        self.n = 0

    def add(self, a, b, r, owner: int = -1) -> None:
        if self.n == len(self.r):
            grow = max(64, self.n)
            self.a = np.vstack([self.a, np.empty((grow, 2))])
            self.b = np.vstack([self.b, np.empty((grow, 2))])
            self.r = np.r_[self.r, np.empty(grow)]
            self.owner = np.r_[self.owner, np.empty(grow, dtype=np.int64)]
        self.a[self.n] = a
        self.b[self.n] = b
        self.r[self.n] = r
        self.owner[self.n] = owner
        self.n += 1

    def add_many(self, a: np.ndarray, b: np.ndarray, r: np.ndarray, owner: np.ndarray) -> None:
        m = len(r)
        if m == 0:
            return
        need = self.n + m
        if need > len(self.r):
            grow = need - len(self.r) + 64
            self.a = np.vstack([self.a, np.empty((grow, 2))])
            self.b = np.vstack([self.b, np.empty((grow, 2))])
            self.r = np.r_[self.r, np.empty(grow)]
            self.owner = np.r_[self.owner, np.empty(grow, dtype=np.int64)]
        sl = slice(self.n, need)
        self.a[sl], self.b[sl], self.r[sl], self.owner[sl] = a, b, r, owner
        self.n = need

    def free(self, a: np.ndarray, b: np.ndarray, r: float, owner: int = -1) -> bool:
        """True if the capsule ``a b r`` touches none but ``owner``'s capsules."""
        if self.n == 0:
            return True
        qa, qb, qr = self.a[: self.n], self.b[: self.n], self.r[: self.n]
        # cheap bounding-box filter first
        reach = qr + r
        lo = np.minimum(a, b)
        hi = np.maximum(a, b)
        qlo = np.minimum(qa, qb)
        qhi = np.maximum(qa, qb)
        near = (
            (qlo[:, 0] - reach < hi[0])
            & (qhi[:, 0] + reach > lo[0])
            & (qlo[:, 1] - reach < hi[1])
            & (qhi[:, 1] + reach > lo[1])
            & (self.owner[: self.n] != owner if owner >= 0 else True)
        )
        idx = np.flatnonzero(near)
        if idx.size == 0:
            return True
        d = segment_distances(a, b, qa[idx], qb[idx])
        return bool(np.all(d >= reach[idx]))


@lru_cache(maxsize=16)
def _font(size: float, weight: str):
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=size, weight=weight)


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width of ``text`` in points, as matplotlib will draw it."""
    from matplotlib.textpath import text_to_path

    w, _, _ = text_to_path.get_text_width_height_descent(text, _font(float(size), weight), ismath=False)
    return float(w) * 1.02 + 0.5


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis.

    >>> shorten("Vertriebsinnendienst / Auftragsabwicklung", 20)
    'Vertriebsinnendiens…'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 1)].rstrip(" /,;-–&") + "…"
