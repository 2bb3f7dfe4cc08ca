"""The orbit view as native PowerPoint shapes: one shape per unit, rings as circles, relations as connectors.

The geometry is the exported image's (:func:`orbit.render.orbit_image_layout`,
:func:`orbit.layout.ring_geometry`), and labels are placed and thinned by the
renderer's own :func:`orbit.render.orbit_view.label_plan` at the deck's size
(never below 8 pt), so the slide shows what the image shows: the same rings,
the same angular order, the same labels. Everything is one group per diagram.
"""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np

from ... import i18n as T
from ...layout.rings import ring_geometry
from ...model import CUSTOMER
from .. import style as S
from ..orbit_view import OrbitDrawing, customer_disc, label_direction, label_plan
from ..overlays import journey_numbers, overlay_units
from ..text_fit import fit_line, text_width
from ..units import UnitArrays, positions_of
from .shapes import EMU_PT, UnitShape, connect, group_of, rgb, text_box, unit_shape
from .story import MIN_PT, Diagram, Story

__all__ = ["add_orbit"]


def add_orbit(slide, story: Story, diagram: Diagram):
    """Draw ``diagram`` (an orbit view of the story) on ``slide`` as one group of shapes; returns the group."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu, Pt

    design = story.designs[diagram.design]
    org, a = design.orbit_org, design.orbit_analysis
    lang = story.lang
    f = diagram.frame
    side_in = min(f.width, f.height)
    side = side_in * 72.0
    origin = ((f.left + side_in / 2) * 72.0, (f.top + side_in / 2) * 72.0)
    pos = design.orbit_pos
    u = UnitArrays.of(a, story.colours)
    n = len(u)
    per_head = story.per_head * (side_in / story.page.orbit_side) ** 2
    d = OrbitDrawing.of(u, a, side, 1.0, diagram.labels, per_head)
    xy = positions_of(pos, u.ids) - np.asarray(pos.get(CUSTOMER, (0.0, 0.0)), dtype=float)
    rings = ring_geometry(pos, a, xy)
    k = d.sizes.avail / rings.outer
    P = xy * k
    fs = max(MIN_PT, d.fs)
    label, cust_fs, d_cust = customer_disc(org, u, d, rings, k, 1.0, lang, fs=fs)
    full = T.customer_label(org.customer, lang)
    if label != full:  # at 8 pt the name may need a disc up to the first ring
        r1 = rings.radii[min(rings.connected)] * k if rings.connected else k
        d_cust = max(d_cust, min(text_width(full, fs, "bold") + 8.0, 2 * r1 - 4.0))
        label = fit_line(full, fs, "bold", d_cust - 4.0)
        cust_fs = fs
    overlay = overlay_units(u, a, None, diagram.journey, diagram.emphasis)
    plan = label_plan(u, d, P, rings, k, side, pos, diagram.labels, d_cust, 1.0, lang, fs=fs, first=overlay.first)
    placed = {i: (text, sign, a0) for i, text, sign, a0 in plan.units}

    def at(p) -> tuple[float, float]:
        return origin[0] + float(p[0]), origin[1] - float(p[1])

    def build(shapes):
        # the zone beyond N and the rings
        beyond = rings.beyond_zone(a.max_hops)
        if beyond is not None:
            inner, outer = beyond[0] * k, beyond[1] * k
            zone = shapes.add_shape(
                MSO_SHAPE.DONUT,
                Emu(int((origin[0] - outer) * EMU_PT)),
                Emu(int((origin[1] - outer) * EMU_PT)),
                Emu(int(2 * outer * EMU_PT)),
                Emu(int(2 * outer * EMU_PT)),
            )
            zone.adjustments[0] = max(min((outer - inner) / (2 * outer), 0.5), 0.01)
            _plain(zone, S.RING_STYLE["beyond_fill"], None, 0)
            zone.name = T.text(lang, "image.legend.beyond", n=a.max_hops)
        for r in rings.rings:
            rr = rings.radii[r] * k
            circle = shapes.add_shape(
                MSO_SHAPE.OVAL,
                Emu(int((origin[0] - rr) * EMU_PT)),
                Emu(int((origin[1] - rr) * EMU_PT)),
                Emu(int(2 * rr * EMU_PT)),
                Emu(int(2 * rr * EMU_PT)),
            )
            unconnected = r == rings.unconnected
            colour = S.RING_STYLE["unconnected"] if unconnected else S.RING_STYLE["line"]
            _plain(circle, None, colour, S.RING_STYLE["width"], dash=unconnected)
            circle.name = T.ring_label(None if unconnected else r, lang)
        # the units, then the customer
        fill = u.fill()
        markers = u.markers()
        made: list[UnitShape] = []
        for i in range(n):
            made.append(_unit(shapes, u, i, at(P[i]), d.node_r[i], fill[i], markers[i], placed.get(i), P, fs))
        customer = unit_shape(
            shapes,
            at((0.0, 0.0)),
            d_cust / 2,
            fill=S.CUSTOMER_STYLE["fill"],
            edge="#FFFFFF",
            edge_width=1.5,
            name=T.customer_label(org.customer, lang),
        )
        tf = customer.shape.text_frame
        tf.paragraphs[0].alignment = 2  # centre
        run = tf.paragraphs[0].add_run()
        run.text = label
        run.font.size = Pt(max(cust_fs, MIN_PT))
        run.font.bold = True
        run.font.color.rgb = rgb(S.CUSTOMER_STYLE["text"])
        # relations as connectors, attached to the units and drawn below them
        kinds, src, tgt = u.relations(org)
        end = [*made, customer]
        below = made[0].shape._element if made else customer.shape._element
        for rel, s, t in zip(kinds, src, tgt, strict=True):
            if s < 0 or t < 0:
                continue
            st = S.RELATION_STYLES[rel]
            colour = S.tint(st.colour, 0.35) if rel != "touchpoint" else st.colour
            c = connect(
                shapes,
                end[s],
                end[t],
                colour=colour,
                width=max(st.width * (0.8 if n > 150 else 1.0), 0.5),
                dash=st.dash == "dashed",
                name=f"{T.text(lang, f'relation.{rel}')}: {u.names[s]} → {end[t].shape.name}",
            )
            below.addprevious(c._element)
        # overlays: moved units ringed, a journey numbered
        hs = S.HIGHLIGHT_STYLE
        for c in overlay.emphasis:
            r = d.node_r[c] + 3.5
            x, y = at(P[c])
            ring = shapes.add_shape(
                MSO_SHAPE.OVAL,
                Emu(int((x - r) * EMU_PT)),
                Emu(int((y - r) * EMU_PT)),
                Emu(int(2 * r * EMU_PT)),
                Emu(int(2 * r * EMU_PT)),
            )
            _plain(ring, None, hs["emphasis"], hs["emphasis_width"])
            ring.name = f"{T.text(lang, 'deck.legend.moved')}: {u.names[c]}"
        if overlay.journey:
            route = [customer, *(made[c] for c in overlay.journey), customer]
            for s, t in pairwise(route):
                if s is t:
                    continue
                connect(shapes, s, t, colour=hs["journey"], width=hs["journey_width"], name="journey")
            for c, nums in journey_numbers(overlay.journey).items():
                x, y = at(P[c])
                w = max(text_width(nums, MIN_PT, "bold") + 5.0, MIN_PT * 1.7)
                badge = unit_shape(shapes, (x, y), w / 2, fill=hs["journey"], edge="#FFFFFF", edge_width=0.75)
                badge.shape.name = f"{T.text(lang, 'deck.journeys.journey')} {nums}: {u.names[c]}"
                tf = badge.shape.text_frame
                tf.paragraphs[0].alignment = 2
                run = tf.paragraphs[0].add_run()
                run.text = nums
                run.font.size = Pt(MIN_PT)
                run.font.bold = True
                run.font.color.rgb = rgb("#FFFFFF")
        # ring names
        for r, text, spot in plan.rings:
            x, y = at(spot)
            w = text_width(text, plan.ring_fs) + 6.0
            colour = S.RING_STYLE["unconnected"] if r == rings.unconnected else S.RING_STYLE["label"]
            tb = text_box(
                shapes, x - w / 2, y - plan.ring_fs * 0.8, w, plan.ring_fs * 1.6, text,
                size=plan.ring_fs, colour=colour, align="center", anchor="middle", wrap=False,
            )  # fmt: skip
            tb.fill.solid()
            tb.fill.fore_color.rgb = rgb("#FFFFFF")

    return group_of(slide.shapes, build, f"{T.text(lang, 'deck.slide.orbit', name=design.name)}")


def _plain(shape, fill: str | None, edge: str | None, width: float, dash: bool = False) -> None:
    from pptx.util import Pt

    style = shape._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}style")
    if style is not None:
        shape._element.remove(style)
    if fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
    if edge is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = rgb(edge)
        shape.line.width = Pt(width)
        if dash:
            shape.line.dash_style = 4


def _unit(shapes, u: UnitArrays, i: int, centre, r: float, fill: str, marker: str, label, P, fs: float) -> UnitShape:
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
        "bold": u.weights()[i] == "bold",
    }
    if label is None:
        return unit_shape(shapes, centre, r, **common)
    text, sign, a0 = label
    deg, ha = label_direction(P, i, sign)
    lines = text.split("\n")
    w = max(text_width(line, fs, "bold" if common["bold"] else "normal") for line in lines) * 1.04 + 2.0
    direction = np.array([math.cos(math.radians(deg)), math.sin(math.radians(deg))])
    t0 = float(np.dot(np.asarray(a0) - P[i], direction))
    span = (t0, t0 + w) if ha == "left" else (t0 - w, t0)
    return unit_shape(shapes, centre, r, label=lines, label_span=span, align=ha, rotation=-deg, **common)
