"""The orbit view as native PowerPoint shapes: one shape per unit, rings as circles, relations as connectors.

What is drawn where is the story's :class:`~orbit.render.orbit_view.OrbitGeometry`
(:mod:`orbit.render.deck.orbit_fit`): the exported image's rings and
angular order, fitted to the diagram's frame, with labels placed and
thinned by the renderer's own :func:`orbit.render.orbit_view.label_plan`
(never below 8 pt); the PDF page draws the same geometry. Everything is
one group per diagram.
"""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np

from ... import i18n as T
from .. import style as S
from ..orbit_view import OrbitGeometry, label_direction
from ..overlays import journey_numbers
from ..text_fit import text_width
from ..units import UnitArrays
from .shapes import ShapeGroup, paragraph_xml
from .story import MIN_PT, Diagram, Story

__all__ = ["add_orbit"]


def add_orbit(slide, story: Story, diagram: Diagram):
    """Draw ``diagram`` (an orbit view of the story) on ``slide`` as one group of shapes; returns the group."""
    design = story.designs[diagram.design]
    org, a = design.orbit_org, design.orbit_analysis
    lang = story.lang
    g: OrbitGeometry = diagram.geometry
    f = diagram.frame
    x0, _, _, y1 = g.box
    origin = (f.left * 72.0 - x0, f.top * 72.0 + y1)  # the customer, slide points (y down)
    u = UnitArrays.of(a, story.colours)
    n = len(u)
    d, rings, k = g.drawing, g.rings, g.k
    P = g.points
    fs = g.plan.fs
    label, cust_fs, d_cust = g.customer
    placed = {i: (text, sign, a0) for i, text, sign, a0 in g.plan.units}
    shapes = ShapeGroup.on(slide, T.text(lang, "deck.slide.orbit", name=design.name), lang)

    def at(p) -> tuple[float, float]:
        return origin[0] + float(p[0]), origin[1] - float(p[1])

    def disc(r: float, **kwargs) -> int:
        return shapes.shape("ellipse", origin[0] - r, origin[1] - r, 2 * r, 2 * r, **kwargs)

    # the zone beyond N and the rings
    beyond = rings.beyond_zone(a.max_hops)
    if beyond is not None:
        inner, outer = beyond[0] * k, beyond[1] * k
        shapes.shape(
            "donut", origin[0] - outer, origin[1] - outer, 2 * outer, 2 * outer,
            fill=S.RING_STYLE["beyond_fill"], adjust=max(min((outer - inner) / (2 * outer), 0.5), 0.01),
            name=T.text(lang, "image.legend.beyond", n=a.max_hops), layer="below",
        )  # fmt: skip
    for r in rings.rings:
        unconnected = r == rings.unconnected
        disc(
            rings.radii[r] * k,
            edge=S.RING_STYLE["unconnected"] if unconnected else S.RING_STYLE["line"],
            edge_width=S.RING_STYLE["width"],
            dash=unconnected,
            name=T.ring_label(None if unconnected else r, lang),
            layer="below",
        )
    # the customer, then the units: the disc, grown to hold the name, may reach the first ring, so it lies
    # below the units (first of their layer) and above the relations crossing the middle
    name = T.customer_label(org.customer, lang)
    half = d_cust / 2
    customer = shapes.unit(
        origin, half, fill=S.CUSTOMER_STYLE["fill"], edge="#FFFFFF", edge_width=1.5, name=name,
        label=label.split("\n"), label_span=(-half, half), align="center", font_size=max(cust_fs, MIN_PT), bold=True,
        colour=S.CUSTOMER_STYLE["text"],
    )  # fmt: skip
    # the units, then the customer
    fill = u.fill()
    markers = u.markers()
    weights = d.weights
    made = [
        _unit(shapes, u, i, at(P[i]), d.node_r[i], fill[i], markers[i], placed.get(i), P, fs, weights[i])
        for i in range(n)
    ]
    # relations as connectors, attached to the units and drawn below them
    kinds, src, tgt = u.relations(org)
    end = [*made, customer]
    for rel, s, t in zip(kinds, src, tgt, strict=True):
        if s < 0 or t < 0:
            continue
        st = S.RELATION_STYLES[rel]
        shapes.join(
            end[s],
            end[t],
            colour=S.tint(st.colour, 0.35) if rel != "touchpoint" else st.colour,
            width=max(st.width * (0.8 if n > 150 else 1.0), 0.5),
            dash=st.dash == "dashed",
            name=f"{T.text(lang, f'relation.{rel}')}: {u.names[s]} → {end[t].name}",
        )
    # overlays: moved units ringed, a journey numbered
    hs = S.HIGHLIGHT_STYLE
    overlay = g.overlay
    for c in overlay.emphasis:
        r = d.node_r[c] + 3.5
        x, y = at(P[c])
        shapes.shape(
            "ellipse", x - r, y - r, 2 * r, 2 * r, edge=hs["emphasis"], edge_width=hs["emphasis_width"],
            name=f"{T.text(lang, 'deck.legend.moved')}: {u.names[c]}", layer="above",
        )  # fmt: skip
    if overlay.journey:
        route = [customer, *(made[c] for c in overlay.journey), customer]
        for s, t in pairwise(route):
            if s is not t:
                shapes.join(s, t, colour=hs["journey"], width=hs["journey_width"], name="journey", layer="above")
        for c, nums in journey_numbers(overlay.journey).items():
            x, y = at(P[c])
            w = max(text_width(nums, MIN_PT, "bold") + 5.0, MIN_PT * 1.7)
            shapes.shape(
                "ellipse", x - w / 2, y - w / 2, w, w, fill=hs["journey"], edge="#FFFFFF", edge_width=0.75,
                name=f"{T.text(lang, 'deck.journeys.journey')} {nums}: {u.names[c]}", layer="top",
                paragraphs=paragraph_xml(nums, size=MIN_PT, lang=lang, bold=True, colour="#FFFFFF", align="center"),
            )  # fmt: skip
    # ring names
    for r, text, spot in g.plan.rings:
        x, y = at(spot)
        w = text_width(text, g.plan.ring_fs) + 6.0
        shapes.text(
            x - w / 2, y - g.plan.ring_fs * 0.8, w, g.plan.ring_fs * 1.6, text,
            size=g.plan.ring_fs, align="center", anchor="middle", wrap=False, fill="#FFFFFF",
            colour=S.RING_STYLE["unconnected"] if r == rings.unconnected else S.RING_STYLE["label"],
            name=T.text(lang, "deck.shape.ring_name", ring=T.ring_label(None if r == rings.unconnected else r, lang)),
        )  # fmt: skip
    return shapes.add_to(slide)


def _unit(shapes: ShapeGroup, u: UnitArrays, i: int, centre, r: float, fill: str, marker: str, label, P, fs, weight):
    """Unit ``i`` as one shape; a placed label runs radially beside its marker, as in the image."""
    flagged = bool(u.flagged[i])
    common = {
        "marker": "D" if flagged else marker,
        "fill": fill,
        "edge": S.FLAGGED_STYLE.edge if flagged else ("#A50026" if u.misplaced[i] else "#FFFFFF"),
        "edge_width": 1.25 if flagged else 0.5,
        "dash": bool(u.misplaced[i]) and not flagged,
        "name": str(u.names[i]),
        "description": str(u.ids[i]),
        "font_size": fs,
        "bold": weight == "bold",
    }
    if label is None:
        return shapes.unit(centre, r, **common)
    text, sign, a0 = label
    deg, ha = label_direction(P, i, sign)
    lines = text.split("\n")
    w = max(text_width(line, fs, weight) for line in lines) * 1.04 + 2.0
    direction = np.array([math.cos(math.radians(deg)), math.sin(math.radians(deg))])
    t0 = float(np.dot(np.asarray(a0) - P[i], direction))
    span = (t0, t0 + w) if ha == "left" else (t0 - w, t0)
    return shapes.unit(centre, r, label=lines, label_span=span, align=ha, rotation=-deg, **common)
