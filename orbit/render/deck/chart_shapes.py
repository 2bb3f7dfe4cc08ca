"""The org chart as native PowerPoint shapes: a rounded box per unit with its name, reporting lines as connectors.

Boxes, lists and wrapped rows come from the exported chart's layout
(:func:`orbit.layout.chart.chart_layout`, chosen for the slide by the
story); names are wrapped by :func:`orbit.render.text_fit.wrap_label` at
the deck's size (never below 8 pt). A unit is its box (the shape with the
name, which connectors attach to), grouped with what the image shows on
it (the hops to the customer in the lower right corner, the flagged badge
at the upper right), so the unit moves as one.

Every reporting line runs where the image draws it (:func:`orbit.layout.chart.elbows`):
down from the manager to a bar, across, down to the report; along the bar
to a list's spine, down it and across to the box; and for reports wrapped
into several rows, along the manager's trunks. A line is made of
connectors attached at both ends, so a box moved in PowerPoint keeps its
lines: directly from manager to report, or through invisible junctions
where a trunk meets the next row's bar or a spine leaves its bar
(manager → junction … → report). Everything is one group per diagram.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ... import i18n as T
from ...layout.chart import box_geometry, chart_extent, spine_array
from .. import style as S
from ..folded import flagged_label, hop_texts
from ..overlays import chart_route, journey_numbers, overlay_units
from ..text_fit import text_width, wrap_label
from ..units import UnitArrays, positions_of
from .shapes import ShapeGroup, paragraph_xml
from .story import MIN_PT, Diagram, Story, chart_font

__all__ = ["JUNCTION", "Route", "add_chart", "reporting_routes"]

JUNCTION = "junction"
"""The name of the invisible shapes where a wrapped row's trunk meets its bar (connectors meet there)."""

_TOP, _LEFT, _BOTTOM, _RIGHT = 0, 1, 2, 3  # connection sites of a (rounded) rectangle


@dataclass(frozen=True)
class Route:
    """One connector of a reporting line, in layout units.

    ``begin``/``end`` are ``("box", code)`` or ``("junction", key)``;
    ``kind`` says how the connector bends: ``straight``, ``down`` (down,
    across at ``adjust`` of the way, down: ``bentConnector3`` turned),
    ``list`` (down, then across: ``bentConnector2`` turned) or ``across``
    (across, then down: ``bentConnector2``).
    """

    begin: tuple
    end: tuple
    kind: str
    start: tuple  # (x, y) where it leaves
    finish: tuple  # (x, y) where it arrives
    adjust: tuple = ()
    child: int = -1  # the report this connector leads to (-1: a piece shared by a row or a list)
    manager: int = -1


def reporting_routes(parent: np.ndarray, xy: np.ndarray, bw: np.ndarray, bh: float, spine: np.ndarray, trunks=None):
    """Every reporting line as connectors (:class:`Route`), along the lines of :func:`orbit.layout.chart.elbows`.

    ``trunks`` is ``{manager code: [x, ...]}``: the trunk from each row's
    bar down to the next row's. Junctions sit where a trunk meets the next
    row's bar (``("row", manager, row)``) and where a list's spine leaves
    its bar (``("spine", manager, x)``); only bends PowerPoint and
    LibreOffice draw alike are used (at most two).
    """
    trunks = trunks or {}
    kids = np.flatnonzero(parent >= 0)
    by_parent: dict = {}
    for c in kids:
        by_parent.setdefault(int(parent[c]), []).append(int(c))
    out: list[Route] = []

    def stub(begin, sx: float, sy: float, m: int, p: int) -> Route:
        """Down a list's spine from ``(sx, sy)`` and across to the side of ``m``'s box."""
        edge = xy[m, 0] - bw[m] / 2 if xy[m, 0] >= sx else xy[m, 0] + bw[m] / 2
        return Route(begin, ("box", m), "list", (sx, sy), (float(edge), float(xy[m, 1])), (), m, p)

    for p, children in by_parent.items():
        px, py = xy[p]
        bottom = py - bh / 2
        box = ("box", p)
        sp = {c: round(float(spine[c]), 9) for c in children if not np.isnan(spine[c])}
        items: list = [(float(xy[c, 0]), float(xy[c, 1]) + bh / 2, [c]) for c in children if c not in sp]
        for sx in sorted(set(sp.values())):
            members = [c for c in children if sp.get(c) == sx]
            items.append((sx, max(float(xy[m, 1]) for m in members) + bh / 2, members))
        if len(items) == 1 and sp and abs(items[0][0] - px) < bw[p] / 2 - 1e-9:
            sx = items[0][0]  # an indented list: its spine leaves the manager's box directly
            out.extend(stub(box, sx, bottom, m, p) for m in items[0][2])
            continue
        tops = sorted({round(t, 6) for _, t, _ in items}, reverse=True)
        gap = bottom - tops[0]
        bars = [t + gap / 2 for t in tops]
        joins = list(trunks.get(p, []))

        def trunk_x(r: int, joins=joins, px=px) -> float:
            return joins[r - 1] if 0 < r <= len(joins) else px

        for r in range(1, len(tops)):  # manager → first row junction → next row junction …
            end = ("junction", ("row", p, r))
            if r == 1:
                out.append(_down(box, end, (px, bottom), (trunk_x(1), bars[1]), bars[0], -1, p))
            else:
                begin = ("junction", ("row", p, r - 1))
                out.append(Route(begin, end, "across", (trunk_x(r - 1), bars[r - 1]), (trunk_x(r), bars[r]), (), -1, p))
        for x, top, members in items:
            r = tops.index(round(top, 6))
            begin = box if r == 0 else ("junction", ("row", p, r))
            start = (px, bottom) if r == 0 else (trunk_x(r), bars[r])
            if members[0] not in sp:  # a report: from the bar down to its top
                m = members[0]
                if r > 0:
                    out.append(Route(begin, ("box", m), "across", start, (x, top), (), m, p))
                elif abs(x - px) < 1e-6:
                    out.append(Route(box, ("box", m), "straight", start, (x, top), (), m, p))
                else:
                    out.append(_down(box, ("box", m), start, (x, top), bars[0], m, p))
                continue
            joint = ("junction", ("spine", p, x))  # a list: along the bar to its spine, then down it
            kind = "list" if r == 0 else "straight"
            out.append(Route(begin, joint, kind, start, (x, bars[r]), (), -1, p))
            out.extend(stub(joint, x, bars[r], m, p) for m in members)
    return out


def _down(begin, end, start, finish, bar: float, child: int, manager: int) -> Route:
    drop = start[1] - finish[1]
    return Route(begin, end, "down", start, finish, ((start[1] - bar) / drop if drop > 1e-9 else 0.5,), child, manager)


def add_chart(slide, story: Story, diagram: Diagram):
    """Draw ``diagram`` (an org chart of the story) on ``slide`` as one group of shapes; returns the group."""
    design = story.designs[diagram.design]
    org, a, pos, scale = design.chart_org, design.chart_analysis, design.chart_pos, design.chart_scale
    lang = story.lang
    f = diagram.frame
    u = UnitArrays.of(a, story.colours)
    n = len(u)
    xy = positions_of(pos, u.ids)
    bw, bh, spines, trunks = box_geometry(pos, u.ids)
    spine = spine_array(spines, u.ids)
    x0, x1, y0, y1 = chart_extent(pos)
    k = 72.0 * scale  # slide points per layout unit
    left = f.left * 72.0 + (f.width * 72.0 - (x1 - x0) * k) / 2
    top = f.top * 72.0 + max((f.height * 72.0 - (y1 - y0) * k) / 2, 0.0)

    def at(x: float, y: float) -> tuple[float, float]:
        return left + (x - x0) * k, top + (y1 - y) * k

    fs, max_lines = chart_font(scale)
    fs = max(fs, MIN_PT)
    small = MIN_PT
    overlay = overlay_units(u, a, None, diagram.journey, diagram.emphasis)
    hs = S.HIGHLIGHT_STYLE
    shapes = ShapeGroup.on(slide, T.text(lang, "deck.slide.chart", name=design.name), lang)
    fill = u.fill()
    weights = u.weights()
    hops = hop_texts(a)
    badge_w = max(text_width(t, small) for t in [*set(hops), "99"]) + 3.0
    show_hops = bh * k >= 24.0
    ids: list[int] = []
    for i in range(n):
        cx, cy = at(*xy[i])
        w, h = bw[i] * k, bh * k
        flagged = bool(u.flagged[i])
        lines, _ = wrap_label(
            u.names[i], fs, w - 7.0, weight=weights[i], max_lines=max_lines, last=2 * badge_w if show_hops else 0.0
        )
        edge, width = (S.FLAGGED_STYLE.edge, S.FLAGGED_STYLE.edge_width) if flagged else (fill[i], 0.75)
        if i in overlay.emphasis:
            edge, width = hs["emphasis"], hs["emphasis_width"] + 0.5
        paragraphs = "".join(
            paragraph_xml(t, size=fs, lang=lang, bold=weights[i] == "bold", colour=S.INK, align="center", spacing=1.0)
            for t in (lines or [str(u.ids[i])])
        )
        unit = shapes.child(str(u.names[i])) if show_hops or flagged else shapes
        ids.append(
            unit.shape(
                "roundRect", cx - w / 2, cy - h / 2, w, h, fill=S.tint(fill[i], 0.4), edge=edge, edge_width=width,
                dash=bool(u.misplaced[i]), name=str(u.names[i]), description=str(u.ids[i]), adjust=0.16,
                paragraphs=paragraphs, inset=2.0,
            )
        )  # fmt: skip
        if show_hops:
            muted = "#F0F0F0" if _dark(S.tint(fill[i], 0.4)) else S.MUTED_INK
            unit.text(
                cx + w / 2 - badge_w - 2.0, cy + h / 2 - small * 1.35, badge_w, small * 1.3, hops[i],
                size=small, colour=S.FLAGGED_STYLE.edge if flagged else muted, bold=flagged, align="right",
                anchor="bottom", wrap=False, name=f"{T.text(lang, 'deck.chart.hops')}: {hops[i]}",
            )  # fmt: skip
        if flagged:
            d = min(h * 0.3, 10.0)
            unit.shape(
                "diamond", cx + w / 2 - d / 2, cy - h / 2 - d / 2, d, d, fill="#FFFFFF", edge=S.FLAGGED_STYLE.edge,
                edge_width=S.FLAGGED_STYLE.edge_width * 0.8, name=flagged_label(a, lang),
                layer="top",
            )  # fmt: skip
        if unit is not shapes:
            shapes.adopt(unit)
    # reporting lines
    parent = org.ids.get_indexer(org.units["parent"].to_numpy(dtype=object))
    index = {uid: c for c, uid in enumerate(u.ids)}
    trunk_codes = {index[m]: xs for m, xs in trunks.items() if m in index}
    route = set(chart_route(org, list(overlay.journey))) if overlay.journey else set()
    junctions: dict = {}
    for r in reporting_routes(parent, xy, bw, bh, spine, trunk_codes):
        for ref, point in ((r.begin, r.start), (r.end, r.finish)):
            if ref[0] == "junction" and ref[1] not in junctions:
                jx, jy = at(*point)
                junctions[ref[1]] = shapes.shape("rect", jx - 0.5, jy - 0.5, 1.0, 1.0, name=JUNCTION, layer="lines")
    for r in reporting_routes(parent, xy, bw, bh, spine, trunk_codes):
        on_route = r.child >= 0 and (r.child, r.manager) in route
        colour = hs["journey"] if on_route else S.RELATION_STYLES["reports_to"].colour
        child = u.names[r.child] if r.child >= 0 else T.text(lang, "deck.chart.row")
        shapes.connector(
            at(*r.start), at(*r.finish), colour=colour, width=hs["journey_width"] if on_route else 0.9,
            name=f"{T.text(lang, 'relation.reports_to')}: {child} → {u.names[r.manager]}",
            start=_site(r.begin, True, ids, junctions, r),
            finish=_site(r.end, False, ids, junctions, r),
            bend=_bend(r), layer="top" if on_route else "lines",
        )  # fmt: skip
    for c, nums in journey_numbers(overlay.journey).items():
        cx, cy = at(xy[c, 0] - bw[c] / 2, xy[c, 1] + bh / 2)
        w = max(text_width(nums, MIN_PT, "bold") + 5.0, MIN_PT * 1.7)
        shapes.shape(
            "ellipse", cx - w / 2, cy - w / 2, w, w, fill=hs["journey"], edge="#FFFFFF",
            name=f"{T.text(lang, 'deck.journeys.journey')} {nums}: {u.names[c]}", layer="top",
            paragraphs=paragraph_xml(nums, size=MIN_PT, lang=lang, bold=True, colour="#FFFFFF", align="center"),
        )  # fmt: skip
    return shapes.add_to(slide)


def _dark(colour: str) -> bool:
    """Whether ``colour`` (``#rrggbb``) is dark enough that grey text on it would not read."""
    r, g, b = (int(colour.lstrip("#")[k : k + 2], 16) / 255.0 for k in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45


def _site(ref, leaving: bool, ids: list, junctions: dict, r: Route) -> tuple[int, int]:
    """The shape id and connection site a route's end is attached to."""
    rightwards = r.finish[0] >= r.start[0]
    if ref[0] == "junction":
        shape = junctions[ref[1]]
        if leaving:
            return shape, (_BOTTOM if r.kind == "list" else (_RIGHT if rightwards else _LEFT))
        if r.kind in ("down", "across"):
            return shape, _TOP  # arrives from above
        return shape, _LEFT if rightwards else _RIGHT  # arrives along the bar
    if leaving:
        return ids[ref[1]], _BOTTOM
    if r.kind == "list":  # the stub reaches the box from its spine's side
        return ids[ref[1]], _LEFT if rightwards else _RIGHT
    return ids[ref[1]], _TOP


def _bend(r: Route):
    """The connector's way, preset and adjustments (None: a straight line)."""
    return {
        "straight": None,
        "down": ("down", "bentConnector3", r.adjust),
        "list": ("down", "bentConnector2", ()),
        "across": ("across", "bentConnector2", ()),
    }[r.kind]
