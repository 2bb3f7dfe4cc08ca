"""The org chart as native PowerPoint shapes: a rounded box per unit with its name, reporting lines as elbow connectors.

Boxes, lists and rows come from the exported chart's layout
(:func:`orbit.layout.chart.chart_layout`, chosen for the slide by the story);
names are wrapped by :func:`orbit.render.text_fit.wrap_label` at the deck's
size (never below 8 pt). Each reporting line is an elbow connector attached
to the manager's box (bottom) and the report's box (top, or its side in a
list), with its bend where the image draws the bar, so a box moved in
PowerPoint keeps its lines. Everything is one group per diagram.
"""

from __future__ import annotations

import numpy as np
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Emu, Pt

from ... import i18n as T
from ...layout.chart import box_geometry, chart_extent, spine_array
from .. import style as S
from ..overlays import chart_route, journey_numbers, overlay_units
from ..text_fit import text_width, wrap_label
from ..units import UnitArrays, positions_of
from .shapes import EMU_PT, _no_style, group_of, rgb
from .story import MIN_PT, Diagram, Story, chart_font

__all__ = ["add_chart"]


def _emu(points: float) -> Emu:
    return Emu(round(points * EMU_PT))


def add_chart(slide, story: Story, diagram: Diagram):
    """Draw ``diagram`` (an org chart of the story) on ``slide`` as one group of shapes; returns the group."""
    design = story.designs[diagram.design]
    org, a, pos, scale = design.chart_org, design.chart_analysis, design.chart_pos, design.chart_scale
    lang = story.lang
    f = diagram.frame
    u = UnitArrays.of(a, story.colours)
    n = len(u)
    xy = positions_of(pos, u.ids)
    bw, bh, spines, _ = box_geometry(pos, u.ids)
    spine = spine_array(spines, u.ids)
    x0, x1, y0, y1 = chart_extent(pos)
    k = 72.0 * scale  # slide points per layout unit
    left = f.left * 72.0 + (f.width * 72.0 - (x1 - x0) * k) / 2
    top = f.top * 72.0 + max((f.height * 72.0 - (y1 - y0) * k) / 2, 0.0)

    def at(x: float, y: float) -> tuple[float, float]:
        return left + (x - x0) * k, top + (y1 - y) * k

    fs, max_lines = chart_font(scale)
    fs = max(fs, MIN_PT)
    overlay = overlay_units(u, a, None, diagram.journey, diagram.emphasis)
    hs = S.HIGHLIGHT_STYLE

    def build(shapes):
        fill = u.fill()
        boxes = []
        for i in range(n):
            cx, cy = at(*xy[i])
            w, h = bw[i] * k, bh * k
            box = shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, _emu(cx - w / 2), _emu(cy - h / 2), _emu(w), _emu(h))
            _no_style(box)
            box.adjustments[0] = 0.16
            box.fill.solid()
            box.fill.fore_color.rgb = rgb(S.tint(fill[i], 0.4))
            flagged = bool(u.flagged[i])
            box.line.color.rgb = rgb(S.FLAGGED_STYLE.edge if flagged else fill[i])
            box.line.width = Pt(S.FLAGGED_STYLE.edge_width if flagged else 0.75)
            if u.misplaced[i]:
                box.line.dash_style = 4
            if i in overlay.emphasis:
                box.line.color.rgb = rgb(hs["emphasis"])
                box.line.width = Pt(hs["emphasis_width"] + 0.5)
            box.name = str(u.names[i])
            box._element.nvSpPr.cNvPr.set("descr", str(u.ids[i]))
            weight = u.weights()[i]
            lines, _ = wrap_label(u.names[i], fs, w - 7.0, weight=weight, max_lines=max_lines)
            tf = box.text_frame
            tf.word_wrap = False
            tf.margin_left = tf.margin_right = Pt(2)
            tf.margin_top = tf.margin_bottom = Pt(1)
            tf.vertical_anchor = 3  # middle
            for j, text in enumerate(lines or [str(u.ids[i])]):
                p = tf.paragraphs[0] if j == 0 else tf.add_paragraph()
                p.alignment = 2  # centre
                p.line_spacing = 1.0
                run = p.add_run()
                run.text = text
                run.font.size = Pt(fs)
                run.font.bold = weight == "bold"
                run.font.color.rgb = rgb(S.INK)
            boxes.append(box)
        first = boxes[0]._element if boxes else None
        parent = org.ids.get_indexer(org.units["parent"].to_numpy(dtype=object))
        route = set()
        if overlay.journey:
            route = set(chart_route(org, list(overlay.journey)))
        for child, p, kind, begin, end, adj in _reporting_routes(parent, xy, bw, bh, spine):
            (bx, by), (ex, ey) = at(*begin), at(*end)
            c = _elbow(shapes, kind, (bx, by), (ex, ey), adj)
            c.begin_connect(boxes[p], 2)
            c.end_connect(boxes[child], 0 if kind != "list" else (1 if ex >= bx else 3))
            _set_ends(c, (bx, by), (ex, ey))
            _no_style(c)
            on_route = (child, p) in route
            c.line.color.rgb = rgb(hs["journey"] if on_route else S.RELATION_STYLES["reports_to"].colour)
            c.line.width = Pt(hs["journey_width"] if on_route else 0.9)
            c.name = f"{T.text(lang, 'relation.reports_to')}: {u.names[child]} → {u.names[p]}"
            if first is not None and not on_route:
                first.addprevious(c._element)
        for c, nums in journey_numbers(overlay.journey).items():
            cx, cy = at(xy[c, 0] - bw[c] / 2, xy[c, 1] + bh / 2)
            w = max(text_width(nums, MIN_PT, "bold") + 5.0, MIN_PT * 1.7)
            badge = shapes.add_shape(MSO_SHAPE.OVAL, _emu(cx - w / 2), _emu(cy - w / 2), _emu(w), _emu(w))
            _no_style(badge)
            badge.fill.solid()
            badge.fill.fore_color.rgb = rgb(hs["journey"])
            badge.line.color.rgb = rgb("#FFFFFF")
            tf = badge.text_frame
            tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
            run = tf.paragraphs[0].add_run()
            tf.paragraphs[0].alignment = 2
            run.text = nums
            run.font.size = Pt(MIN_PT)
            run.font.bold = True
            run.font.color.rgb = rgb("#FFFFFF")

    return group_of(slide.shapes, build, T.text(lang, "deck.slide.chart", name=design.name))


def _reporting_routes(parent: np.ndarray, xy: np.ndarray, bw: np.ndarray, bh: float, spine: np.ndarray):
    """Each reporting line as ``(child, parent, kind, begin, end, adj)`` in layout units.

    ``kind`` is ``straight`` (a report right below its manager), ``tree``
    (down, across at the bar, down; ``adj`` is where the bar is, 0–1 of the
    way) or ``list`` (down the list's spine, then across to the box).
    """
    kids = np.flatnonzero(parent >= 0)
    by_parent: dict = {}
    for c in kids:
        by_parent.setdefault(int(parent[c]), []).append(int(c))
    for p, children in by_parent.items():
        px, py = xy[p]
        bottom = py - bh / 2
        tops = []
        for c in children:
            if np.isnan(spine[c]):
                tops.append(xy[c, 1] + bh / 2)
            else:
                members = [m for m in children if spine[m] == spine[c]]
                tops.append(max(xy[m, 1] for m in members) + bh / 2)
        gap = bottom - max(tops)
        for c, t in zip(children, tops, strict=True):
            cx, cy = xy[c]
            if np.isnan(spine[c]):
                begin, end = (px, bottom), (cx, cy + bh / 2)
                if abs(cx - px) < 1e-6:
                    yield c, p, "straight", begin, end, 0.5
                else:
                    bar = t + gap / 2
                    yield c, p, "tree", begin, end, (bottom - bar) / max(bottom - end[1], 1e-9)
            else:
                sx = float(spine[c])
                side = cx - bw[c] / 2 if cx >= sx else cx + bw[c] / 2
                under = abs(sx - px) < bw[p] / 2 - 1e-9
                begin = (sx, bottom) if under else (px, bottom)
                yield c, p, "list" if under else "tree", begin, (side, cy) if under else (cx, cy + bh / 2), 0.5


def _elbow(shapes, kind: str, begin, end, adj: float):
    """A connector from ``begin`` to ``end`` (points): straight, or an elbow that leaves ``begin`` downwards."""
    if kind == "straight":
        return shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _emu(begin[0]), _emu(begin[1]), _emu(end[0]), _emu(end[1]))
    c = shapes.add_connector(MSO_CONNECTOR.ELBOW, _emu(begin[0]), _emu(begin[1]), _emu(end[0]), _emu(end[1]))
    prst = c._element.spPr.prstGeom
    prst.set("prst", "bentConnector3" if kind == "tree" else "bentConnector2")
    if kind == "tree":
        av = prst.find("{http://schemas.openxmlformats.org/drawingml/2006/main}avLst")
        for gd in list(av):
            av.remove(gd)
        from pptx.oxml import parse_xml

        av.append(
            parse_xml(
                '<a:gd xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                f'name="adj1" fmla="val {round(float(np.clip(adj, 0.0, 1.0)) * 100000)}"/>'
            )
        )
    return c


def _set_ends(c, begin, end) -> None:
    """Lay the elbow's frame so it leaves ``begin`` downwards and arrives at ``end`` (turned a quarter, flipped)."""
    (bx, by), (ex, ey) = begin, end
    xfrm = c._element.spPr.get_or_add_xfrm()
    for attr in ("rot", "flipH", "flipV"):
        if attr in xfrm.attrib:
            del xfrm.attrib[attr]
    if c._element.spPr.prstGeom.get("prst") == "line":
        c.begin_x, c.begin_y, c.end_x, c.end_y = _emu(bx), _emu(by), _emu(ex), _emu(ey)
        return
    dx, dy = ex - bx, ey - by
    w, h = abs(dy), abs(dx)  # the unturned frame: along the drop, across it
    mx, my = (bx + ex) / 2, (by + ey) / 2
    xfrm.set("rot", "5400000")
    if dx > 0:
        xfrm.set("flipV", "1")
    xfrm.off.x, xfrm.off.y = int(_emu(mx - w / 2)), int(_emu(my - h / 2))
    xfrm.ext.cx, xfrm.ext.cy = int(_emu(w)), int(_emu(h))
