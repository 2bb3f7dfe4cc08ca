"""Label placement without overlaps, in points.

Every label, node and reserved area is held as a *capsule*: a segment with a
radius. A radial text label is the capsule along its baseline with half its
height as radius; a node is a capsule of length zero. A label candidate is
accepted only if its capsule keeps clear of every capsule already placed (its
own node excepted) and stays inside the drawing area, so labels accepted in
priority order never overlap one another or other units' markers.

The geometry is plain numpy; text is measured with matplotlib's font engine
(:func:`orbit.render.text_fit.text_width`, the metrics the renderers use),
so this module needs no figure. :func:`ring_label_spots` and
:func:`radial_label_spots` place the orbit view's ring names and unit
labels; :func:`greedy_labels` picks the labels of the app's plotly figures,
with boxes estimated from the number of characters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from .text_fit import text_width

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
        self.box = np.empty((capacity, 4))  # x0 - r, x1 + r, y0 - r, y1 + r of each capsule
        self.n = 0
        # the first `_indexed` capsules sorted by their boxes' left edge; the later ones are scanned in full
        self._indexed = 0
        self._by_left = np.empty(0, dtype=np.int64)
        self._left = np.empty(0)
        self._widest = 0.0

    def _room(self, need: int) -> None:
        if need > len(self.r):
            grow = need - len(self.r) + max(64, self.n)
            self.a = np.vstack([self.a, np.empty((grow, 2))])
            self.b = np.vstack([self.b, np.empty((grow, 2))])
            self.r = np.r_[self.r, np.empty(grow)]
            self.owner = np.r_[self.owner, np.empty(grow, dtype=np.int64)]
            self.box = np.vstack([self.box, np.empty((grow, 4))])

    def add(self, a, b, r, owner: int = -1) -> None:
        self.add_many(np.reshape(a, (1, 2)), np.reshape(b, (1, 2)), np.reshape(r, 1), np.reshape(owner, 1))

    def add_many(self, a: np.ndarray, b: np.ndarray, r: np.ndarray, owner: np.ndarray) -> None:
        m = len(r)
        if m == 0:
            return
        need = self.n + m
        self._room(need)
        sl = slice(self.n, need)
        self.a[sl], self.b[sl], self.r[sl], self.owner[sl] = a, b, r, owner
        lo, hi, rr = np.minimum(self.a[sl], self.b[sl]), np.maximum(self.a[sl], self.b[sl]), self.r[sl]
        self.box[sl] = np.c_[lo[:, 0] - rr, hi[:, 0] + rr, lo[:, 1] - rr, hi[:, 1] + rr]
        self.n = need

    def free(self, a: np.ndarray, b: np.ndarray, r: float, owner: int = -1) -> bool:
        """True if the capsule ``a b r`` touches none but ``owner``'s capsules."""
        if self.n == 0:
            return True
        x0, x1 = (a[0], b[0]) if a[0] <= b[0] else (b[0], a[0])
        y0, y1 = (a[1], b[1]) if a[1] <= b[1] else (b[1], a[1])
        idx = self._near(x0, x1, y0, y1, r)
        if owner >= 0 and idx.size:
            idx = idx[self.owner[idx] != owner]
        if idx.size == 0:
            return True
        d = segment_distances(a, b, self.a[idx], self.b[idx])
        return bool(np.all(d >= self.r[idx] + r))

    def _near(self, x0: float, x1: float, y0: float, y1: float, r: float) -> np.ndarray:
        """Capsules whose boxes overlap the box ``x0 x1 y0 y1`` grown by ``r`` (a cheap filter before distances)."""
        if self.n - self._indexed > 256:  # a sorted index of the boxes' left edges, rebuilt as capsules come
            box = self.box[: self.n]
            self._by_left = np.argsort(box[:, 0], kind="stable")
            self._left = box[self._by_left, 0]
            self._widest = float(np.max(box[:, 1] - box[:, 0]))
            self._indexed = self.n
        # a box reaching x0 - r starts at most `_widest` before it
        lo = np.searchsorted(self._left, x0 - r - self._widest, side="left")
        hi = np.searchsorted(self._left, x1 + r, side="right")
        cand = np.r_[self._by_left[lo:hi], np.arange(self._indexed, self.n)]
        box = self.box[cand]
        near = (box[:, 0] - r < x1) & (box[:, 1] + r > x0) & (box[:, 2] - r < y1) & (box[:, 3] + r > y0)
        return np.sort(cand[near])


# ------------------------------------------------------------------ the orbit view
def ring_label_spots(
    rings: Sequence[tuple[float, str]],
    k: float,
    P: np.ndarray,
    node_r: np.ndarray,
    obstacles: Capsules,
    fs: float,
    shorter: Mapping[str, str] | None = None,
    *,
    centre_clear: float = 0.0,
) -> list[tuple[str, np.ndarray]]:
    """Spots for ring names on the ring lines: all near one angle, each moved along its ring to a free spot.

    ``rings`` are ``(radius, text)`` in layout units, ``k`` points per
    layout unit, ``P`` the units' positions in points (``node_r`` their
    radii). The common angle is where the names keep furthest from the units
    (ties: nearer the top). A name with a shorter form in ``shorter``
    (German "1 · Kontakt" for "1 · Kontaktpunkte") takes it when the long one
    finds no free spot. Each placed name is added to ``obstacles``. A name
    with no free spot among the units still keeps out of ``centre_clear``
    points around the centre (the customer and its name) and off the names
    placed before it, when its ring allows.

    Returns
    -------
    list of (text, spot)
        The text shown and its centre in points, in the order of ``rings``.
    """
    shorter = shorter or {}
    texts = [(r, t, text_width(t, fs)) for r, t in rings]
    h = fs * 0.5 + 1.5
    phis = np.deg2rad(np.arange(0.0, 360.0, 5.0))
    room = np.full(len(phis), np.inf)  # per angle: how far the nearest unit keeps from the names
    enough = 12.0  # more room than this scores no better
    if len(P):
        dist = np.hypot(P[:, 0], P[:, 1])
        for r, _, w in texts:
            # a unit this far from the ring keeps more than enough room from its name at every angle
            near = np.flatnonzero(np.abs(dist - r * k) - node_r < math.hypot(w / 2, fs / 2) + enough)
            if not near.size:
                continue
            cx, cy = np.cos(phis)[:, None] * r * k, np.sin(phis)[:, None] * r * k
            dx = np.maximum(np.abs(P[None, near, 0] - cx) - w / 2, 0)
            dy = np.maximum(np.abs(P[None, near, 1] - cy) - fs / 2, 0)
            room = np.minimum(room, np.min(np.hypot(dx, dy) - node_r[None, near], axis=1))
    scores = np.minimum(room, enough) - 2.0 * (1.0 - np.sin(phis))  # enough room: prefer the top
    best = float(phis[int(np.argmax(scores))]) if len(texts) else math.pi / 2
    offsets = np.deg2rad(np.r_[0.0, np.ravel(np.c_[np.arange(2.5, 180, 2.5), -np.arange(2.5, 180, 2.5)])])
    names_only = Capsules(len(texts) + 1)  # what a name keeps clear of even when the units leave no room
    if centre_clear > 0:
        names_only.add(np.zeros(2), np.zeros(2), centre_clear)

    def spot_for(text: str, rad: float, among: Capsules):
        for form in dict.fromkeys((text, shorter.get(text, text))):
            width = text_width(form, fs)
            half_w = np.array([width / 2, 0.0])
            # on the ring line, else just inside it, else just outside
            for shift in (0.0, -(fs + 4.0), fs + 4.0, -1.8 * (fs + 4.0), 1.8 * (fs + 4.0)):
                for off in offsets:
                    phi = best + off
                    c = np.array([math.cos(phi), math.sin(phi)]) * max(rad + shift, 1.0)
                    if among.free(c - half_w, c + half_w, h):
                        return form, width, c
        return None

    out = []
    for r, text, w in texts:
        rad = r * k
        found = spot_for(text, rad, obstacles) or (spot_for(text, rad, names_only) if centre_clear > 0 else None)
        if found is None:
            spot = np.array([math.cos(best), math.sin(best)]) * rad
        else:
            text, w, spot = found
        out.append((text, spot))
        obstacles.add(spot - np.array([w / 2, 0.0]), spot + np.array([w / 2, 0.0]), h)
        names_only.add(spot - np.array([w / 2, 0.0]), spot + np.array([w / 2, 0.0]), h)
    return out


def radial_label_spots(
    P: np.ndarray,
    node_r: np.ndarray,
    order: Iterable[int],
    tries: Callable[[int], Sequence[str]],
    weights: np.ndarray,
    fs: float,
    side,
    obstacles: Capsules,
    *,
    fallback: Sequence[str] | None = None,
    outward_only: np.ndarray | None = None,
) -> list[tuple[int, str, float, np.ndarray]]:
    """Radial labels outside each unit (or inside, towards the centre), greedy in ``order``.

    ``P`` are the units' positions in points around the centre, ``node_r``
    their marker radii, ``side`` the drawing's width in points (a square
    round the centre) or its box ``(x0, x1, y0, y1)`` in points round the
    centre (a drawing that is not square, or not centred). Each unit
    tries the texts ``tries(code)`` in turn (lines split at ``\\n``; empty
    ones are skipped) outwards, then inwards unless ``outward_only``; the
    first that keeps clear of ``obstacles`` and the drawing's edge wins and is
    added to them. A unit that finds no spot gets none, unless ``fallback``
    gives it a text to place outwards anyway.

    Returns
    -------
    list of (code, text, sign, anchor)
        ``sign`` 1 outwards, -1 inwards; ``anchor`` where the text starts, in points.
    """
    box = np.ravel(np.asarray(side, dtype=float))
    if box.size == 1:
        box = np.array([-0.5, 0.5, -0.5, 0.5]) * float(box[0])
    low, high = box[[0, 2]] + 2.0, box[[1, 3]] - 2.0
    height = fs * 0.5 + 0.8
    dist = np.linalg.norm(P, axis=1)
    dirs = np.divide(P, np.maximum(dist, 1e-9)[:, None])
    placed = []
    for i in order:
        d = dirs[i]
        if not d.any():
            d = np.array([1.0, 0.0])
        base_gap = node_r[i] + 2.0
        choice = None
        # every text starts at the same point: where even that point is taken, no text fits (most units of a dense ring)
        signs = (1.0,) if outward_only is not None and outward_only[i] else (1.0, -1.0)
        signs = tuple(s for s in signs if obstacles.free(P[i] + s * d * base_gap, P[i] + s * d * base_gap, height, i))
        for text in dict.fromkeys(t for t in tries(i) if t) if signs else ():
            lines = text.split("\n")
            w = max(text_width(line, fs, weights[i]) for line in lines)
            h = height + (len(lines) - 1) * fs * 0.6
            for sign in signs:
                a0 = P[i] + sign * d * base_gap
                a1 = a0 + sign * d * w
                if np.any(np.minimum(a0, a1) < low + h) or np.any(np.maximum(a0, a1) > high - h):
                    continue
                if sign < 0 and np.dot(a1, d) < 0:  # would cross the centre
                    continue
                if obstacles.free(a0, a1, h, owner=i):
                    choice = (text, sign, a0, a1, h)
                    break
            if choice:
                break
        if choice is None:
            if fallback is None:
                continue
            text = fallback[i]
            w = text_width(text, fs, weights[i])
            a0 = P[i] + d * base_gap
            choice = (text, 1.0, a0, a0 + d * w, height)
        text, sign, a0, a1, h = choice
        obstacles.add(a0, a1, h)
        placed.append((i, text, sign, a0))
    return placed


# ------------------------------------------------------------ the app's plotly figures
CANDIDATES = 600
"""Labels :func:`greedy_labels` tries at most (beyond the forced ones): the first in priority order.

A plot holds a few dozen labels; trying all 20,000 units of a big design
would cost seconds for nothing."""


def greedy_labels(
    xy: np.ndarray,
    order: np.ndarray,
    texts: Sequence[str],
    side: np.ndarray,
    *,
    sx: float,
    sy: float,
    limit: int,
    font_px: float = 10.0,
    pad: float | np.ndarray = 5.0,
    markers: np.ndarray | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    blocked: np.ndarray | None = None,
    forced: Sequence[int] = (),
) -> list[int]:
    """Pick labels in priority ``order`` whose boxes overlap neither each other nor a marker.

    ``xy`` are data coordinates, ``sx``/``sy`` pixels per data unit;
    ``side`` is +1 (text right of the point), -1 (left) or 0 (centred below);
    ``pad`` is the gap between point and text (per point, e.g. the marker
    radius); ``markers`` gives marker diameters in pixels to keep clear;
    ``bounds`` ``(x0, x1, y0, y1)`` in data units keeps labels inside the plot;
    ``blocked`` rows ``(x0, x1, y0, y1)`` in data units are boxes already
    taken (e.g. ring labels); ``forced`` indices are placed first whatever
    they overlap (e.g. a selected path), and the others keep clear of them.
    Widths are estimated from the number of characters; at most
    :data:`CANDIDATES` (or ten times ``limit``) units of ``order`` are tried.

    >>> xy = np.array([[0.0, 0.0], [0.1, 0.0], [0.0, 5.0]])
    >>> greedy_labels(xy, np.arange(3), ["abc", "abc", "abc"], np.ones(3), sx=10, sy=10, limit=5)
    [0, 2]
    """
    n = len(xy)
    pads = np.broadcast_to(np.asarray(pad, dtype=float), (n,))
    px, py = xy[:, 0] * sx, xy[:, 1] * sy
    if markers is not None and n:
        r = np.broadcast_to(np.asarray(markers, dtype=float) / 2, (n,))
        by_x = np.argsort(px, kind="stable")
        obstacle_x = px[by_x]
        obstacles = np.c_[px - r, px + r, py - r, py + r][by_x]
        reach = float(r.max())
    else:
        obstacle_x = np.empty(0)
        obstacles = np.empty((0, 4))
        reach = 0.0
    boxes = np.empty((0, 4))
    if blocked is not None and len(blocked):
        boxes = np.asarray(blocked, dtype=float).reshape(-1, 4) * np.array([sx, sx, sy, sy])
    chosen: list[int] = []
    h = font_px + 3.0
    must = list(dict.fromkeys(int(i) for i in forced))
    rest = set(must)
    # the candidates: the forced ones, then the most important ones (a few hundred are enough to fill a plot)
    candidates = [i for i in np.asarray(order)[: max(CANDIDATES, 10 * limit)] if i not in rest]
    for i in [*must, *candidates]:
        w = len(texts[i]) * font_px * 0.56 + 2.0
        x, y, g = px[i], py[i], pads[i]
        if side[i] > 0:
            box = (x + g, x + g + w, y - h / 2, y + h / 2)
        elif side[i] < 0:
            box = (x - g - w, x - g, y - h / 2, y + h / 2)
        else:
            box = (x - w / 2, x + w / 2, y - g - h, y - g)
        if len(chosen) < len(must):  # forced: always shown
            boxes = np.vstack([boxes, box])
            chosen.append(int(i))
            continue
        if bounds is not None and (
            box[0] < bounds[0] * sx or box[1] > bounds[1] * sx or box[2] < bounds[2] * sy or box[3] > bounds[3] * sy
        ):
            continue
        near = obstacles[
            np.searchsorted(obstacle_x, box[0] - reach) : np.searchsorted(obstacle_x, box[1] + reach, side="right")
        ]
        if _overlaps(boxes, box).any() or _overlaps(near, box).any():
            continue
        boxes = np.vstack([boxes, box])
        chosen.append(int(i))
        if len(chosen) >= limit + len(must):
            break
    return chosen


def annotation_boxes(anchors: Sequence[tuple[float, float, str]], scale: float, font_px: float = 11.0) -> np.ndarray:
    """Data-unit boxes ``(x0, x1, y0, y1)`` of centred annotations (the ring labels)."""
    rows = []
    for x, y, label in anchors:
        half_w = (len(label) * font_px * 0.56 + 6.0) / 2 / scale
        half_h = (font_px + 6.0) / 2 / scale
        rows.append((x - half_w, x + half_w, y - half_h, y + half_h))
    return np.array(rows, dtype=float).reshape(-1, 4)


def _overlaps(boxes: np.ndarray, box) -> np.ndarray:
    """Which rows ``(x0, x1, y0, y1)`` of ``boxes`` overlap ``box`` (touching by half a pixel is not overlapping)."""
    if not len(boxes):
        return np.zeros(0, dtype=bool)
    return (
        (boxes[:, 0] < box[1] - 0.5)
        & (box[0] + 0.5 < boxes[:, 1])
        & (boxes[:, 2] < box[3] - 0.5)
        & (box[2] + 0.5 < boxes[:, 3])
    )


CALLOUT_SIDES = ("right", "left", "above", "below", "upper right", "lower right", "upper left", "lower left")
"""Where :func:`callout_spots` tries a label beside its point, in this order."""


def callout_spots(
    points: np.ndarray,
    widths: Sequence[float],
    height: float,
    gaps: Sequence[float],
    bounds: tuple[float, float, float, float],
    obstacles: np.ndarray | None = None,
    prefer: Sequence[str | None] | None = None,
) -> list[tuple[str, float, float]]:
    """Spots for a few labels that must be shown (a selected path, a journey), in pixels, each placed in turn.

    ``points`` are the labelled points ``(n, 2)`` in pixels (y up), ``widths``
    the labels' widths, ``height`` their height, ``gaps`` the room between
    each point and its label (its marker's radius), ``bounds`` ``(x0, x1, y0,
    y1)`` the plot; ``obstacles`` rows ``(x0, x1, y0, y1)`` to keep clear of
    (markers, ring names). Each label takes the first side of
    :data:`CALLOUT_SIDES` (or its ``prefer`` side) that is inside the plot and
    clear of the obstacles and the labels placed before it; when none is
    clear, the side inside the plot that overlaps least. Labels never leave
    the plot: a label wider than the room is moved inside.

    Returns
    -------
    list of (side, dx, dy)
        The side taken and the label centre's offset from its point, in pixels.

    >>> spots = callout_spots(np.array([[0.0, 0.0], [0.0, 0.0]]), [40, 40], 12, [5, 5], (-100, 100, -100, 100))
    >>> [s for s, _, _ in spots]
    ['right', 'left']
    >>> callout_spots(np.array([[95.0, 0.0]]), [40], 12, [5], (-100, 100, -100, 100))[0][0]
    'left'
    """
    x0b, x1b, y0b, y1b = bounds
    taken = np.asarray(obstacles, dtype=float).reshape(-1, 4) if obstacles is not None else np.empty((0, 4))
    out = []
    for i, (px, py) in enumerate(np.asarray(points, dtype=float).reshape(-1, 2)):
        w, g = float(widths[i]), float(gaps[i])
        h = float(height)
        offsets = {
            "right": (g + w / 2, 0.0),
            "left": (-g - w / 2, 0.0),
            "above": (0.0, max(g + h / 2, h + 1)),  # clear of a label beside the point
            "below": (0.0, -max(g + h / 2, h + 1)),
            "upper right": (g * 0.7 + w / 2, h + 1),
            "lower right": (g * 0.7 + w / 2, -h - 1),
            "upper left": (-g * 0.7 - w / 2, h + 1),
            "lower left": (-g * 0.7 - w / 2, -h - 1),
        }
        first = prefer[i] if prefer is not None and prefer[i] in offsets else None
        sides = [first, *(s for s in CALLOUT_SIDES if s != first)] if first else list(CALLOUT_SIDES)
        best = None
        for side in sides:
            dx, dy = offsets[side]
            cx, cy = px + dx, py + dy
            box = (cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2)
            inside = box[0] >= x0b and box[1] <= x1b and box[2] >= y0b and box[3] <= y1b
            if not inside:
                continue
            hits = int(_overlaps(taken, box).sum())
            if hits == 0:
                best = (side, dx, dy, box)
                break
            if best is None or hits < best[4]:
                best = (side, dx, dy, box, hits)
        if best is None:  # no side fits the plot: move the label inside
            dx, dy = offsets["right" if px < (x0b + x1b) / 2 else "left"]
            cx = min(max(px + dx, x0b + w / 2), x1b - w / 2)
            cy = min(max(py + dy, y0b + h / 2), y1b - h / 2)
            best = ("inside", cx - px, cy - py, (cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2))
        side, dx, dy, box = best[:4]
        taken = np.vstack([taken, box])
        out.append((side, float(dx), float(dy)))
    return out
