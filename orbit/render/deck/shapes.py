"""PowerPoint building blocks: units as shapes with their name as text, connectors, text boxes, groups.

A unit is one shape: its marker (circle, square, diamond, pentagon or
hexagon) is the shape's geometry, its label is the shape's own text, placed
beside the marker by the geometry's text rectangle and turned with the shape
(radial labels in the orbit view), so moving the unit moves its name, and
editing the text edits the label. Every unit shape has eight connection
sites round its marker (from index 4 on: LibreOffice reads sites 0–3 as
a box's four and keeps the stored ends of the others); :func:`connect` attaches a connector to the site
facing the other end, so PowerPoint and Keynote keep relations attached when
a unit is moved.

Positions are in points from the slide's top left; python-pptx wants EMU
(12,700 per point).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.util import Emu, Pt

__all__ = ["EMU_PT", "UnitShape", "connect", "group_of", "line", "rgb", "text_box", "unit_shape"]

EMU_PT = 12700
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS = f'xmlns:a="{_A}"'
_SITES = 8
_FIRST_SITE = 4


def rgb(colour: str) -> RGBColor:
    """``#RRGGBB`` as python-pptx's colour."""
    return RGBColor.from_string(colour.lstrip("#").upper()[:6])


def _emu(points: float) -> int:
    return round(points * EMU_PT)


@dataclass
class UnitShape:
    """A unit's shape and where its marker is (slide points), for connectors."""

    shape: object
    centre: tuple[float, float]
    radius: float
    rotation: float  # degrees, clockwise


def _marker_path(marker: str, cx: float, cy: float, r: float) -> str:
    """The DrawingML path of a marker centred at ``cx, cy`` (EMU) with radius ``r``."""
    if marker == "o":
        return (
            f'<a:moveTo><a:pt x="{round(cx + r)}" y="{round(cy)}"/></a:moveTo>'
            f'<a:arcTo wR="{round(r)}" hR="{round(r)}" stAng="0" swAng="21600000"/><a:close/>'
        )
    corners = {
        "s": [(-0.86, -0.86), (0.86, -0.86), (0.86, 0.86), (-0.86, 0.86)],
        "D": [(0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)],
        "p": [(math.cos(math.radians(-90 + 72 * k)), math.sin(math.radians(-90 + 72 * k))) for k in range(5)],
        "h": [(math.cos(math.radians(-90 + 60 * k)), math.sin(math.radians(-90 + 60 * k))) for k in range(6)],
    }.get(marker)
    if corners is None:
        return _marker_path("o", cx, cy, r)
    pts = [(round(cx + x * r), round(cy + y * r)) for x, y in corners]
    out = f'<a:moveTo><a:pt x="{pts[0][0]}" y="{pts[0][1]}"/></a:moveTo>'
    out += "".join(f'<a:lnTo><a:pt x="{x}" y="{y}"/></a:lnTo>' for x, y in pts[1:])
    return out + "<a:close/>"


def unit_shape(
    shapes,
    centre: tuple[float, float],
    radius: float,
    *,
    marker: str = "o",
    fill: str = "#BBBBBB",
    edge: str | None = None,
    edge_width: float = 0.75,
    dash: bool = False,
    name: str = "",
    label: list[str] | None = None,
    label_span: tuple[float, float] = (0.0, 0.0),
    align: str = "left",
    rotation: float = 0.0,
    font_size: float = 8.0,
    bold: bool = False,
    colour: str = "#222222",
    description: str = "",
) -> UnitShape:
    """One unit as one shape: the marker at ``centre`` (points), its label beside it as the shape's text.

    ``label_span`` is where the label's lines run along the shape's own x
    axis, in points from the marker's centre (negative: the other side);
    ``rotation`` turns shape and label clockwise about the marker (radial
    labels). Without ``label`` the shape is the marker alone.
    """
    r = max(float(radius), 1.0)
    lines = [x for x in (label or []) if x]
    h = len(lines) * font_size * 1.2 if lines else 0.0
    x0, x1 = label_span if lines else (0.0, 0.0)
    xmin, xmax = min(-r, x0), max(r, x1)
    half_h = max(r, h / 2)
    w_pt, h_pt = xmax - xmin, 2 * half_h
    rho = math.radians(rotation)
    mid = (xmin + xmax) / 2  # the box centre on the shape's x axis
    bx, by = centre[0] + mid * math.cos(rho), centre[1] + mid * math.sin(rho)
    W, H = _emu(w_pt), _emu(h_pt)
    cx, cy, re = _emu(-xmin), _emu(half_h), _emu(r)
    shape = shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(_emu(bx - w_pt / 2)), Emu(_emu(by - h_pt / 2)), Emu(W), Emu(H))
    sites = "".join(f'<a:cxn ang="{45 * k * 60000}"><a:pos x="s{k}x" y="s{k}y"/></a:cxn>' for k in range(_SITES))

    def gx(name: str, value: float) -> str:  # LibreOffice reads "*/ w a b", not "val a"
        return f'<a:gd name="{name}" fmla="*/ w {round(value)} {max(W, 1)}"/>'

    def gy(name: str, value: float) -> str:
        return f'<a:gd name="{name}" fmla="*/ h {round(value)} {max(H, 1)}"/>'

    guides = "".join(
        gx(f"s{k}x", cx + re * math.cos(math.radians(45 * k))) + gy(f"s{k}y", cy + re * math.sin(math.radians(45 * k)))
        for k in range(_SITES)
    )
    if lines:
        tl, tr = _emu(x0 - xmin), _emu(x1 - xmin)
        tt, tb = _emu(half_h - h / 2), _emu(half_h + h / 2)
    else:
        tl, tr, tt, tb = cx - re, cx + re, cy - re, cy + re
    guides += gx("tl", tl) + gx("tr", tr) + gy("tt", tt) + gy("tb", tb)
    geom = (
        f"<a:custGeom {_NS}><a:avLst/><a:gdLst>{guides}</a:gdLst><a:ahLst/><a:cxnLst>{sites}</a:cxnLst>"
        f'<a:rect l="tl" t="tt" r="tr" b="tb"/><a:pathLst><a:path w="{W}" h="{H}">'
        f"{_marker_path(marker, cx, cy, re)}</a:path></a:pathLst></a:custGeom>"
    )
    sp_pr = shape._element.spPr
    preset = sp_pr.find(f"{{{_A}}}prstGeom")
    preset.addprevious(parse_xml(geom))
    sp_pr.remove(preset)
    _no_style(shape)
    if rotation:
        shape.rotation = rotation % 360.0
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(fill)
    if edge is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = rgb(edge)
        shape.line.width = Pt(edge_width)
        if dash:
            shape.line.dash_style = 4  # MSO_LINE_DASH_STYLE.DASH
    shape.name = name
    if description:
        shape._element.nvSpPr.cNvPr.set("descr", description)
    tf = shape.text_frame
    tf.word_wrap = False
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
    for k, text in enumerate(lines):
        p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
        p.alignment = PP_ALIGN.LEFT if align == "left" else PP_ALIGN.RIGHT
        p.line_spacing = 1.0
        run = p.add_run()
        run.text = text
        run.font.size = Pt(font_size)
        run.font.bold = bold
        run.font.color.rgb = rgb(colour)
    return UnitShape(shape, centre, r, rotation)


def _no_style(shape) -> None:
    """Drop python-pptx's theme style (accent fill, shadow, white text) from an autoshape."""
    style = shape._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}style")
    if style is not None:
        shape._element.remove(style)


def _site(u: UnitShape, towards: tuple[float, float]) -> tuple[int, tuple[float, float]]:
    """The connection site of ``u`` that faces ``towards``, and where it is (points)."""
    phi = math.degrees(math.atan2(towards[1] - u.centre[1], towards[0] - u.centre[0]))
    k = round((phi - u.rotation) / 45.0) % _SITES
    ang = math.radians(u.rotation + 45.0 * k)
    return k, (u.centre[0] + u.radius * math.cos(ang), u.centre[1] + u.radius * math.sin(ang))


def connect(shapes, a: UnitShape, b: UnitShape, *, colour: str, width: float, dash: bool = False, name: str = ""):
    """A straight connector from ``a`` to ``b``, attached to the sites that face each other."""
    ka, pa = _site(a, b.centre)
    kb, pb = _site(b, a.centre)
    c = shapes.add_connector(
        MSO_CONNECTOR.STRAIGHT, Emu(_emu(pa[0])), Emu(_emu(pa[1])), Emu(_emu(pb[0])), Emu(_emu(pb[1]))
    )
    c._connect_begin_to(a.shape, _FIRST_SITE + ka)
    c._connect_end_to(b.shape, _FIRST_SITE + kb)
    _style_line(c, colour, width, dash)
    c.name = name
    return c


def line(shapes, p0, p1, *, colour: str, width: float, dash: bool = False, name: str = ""):
    """A plain line from ``p0`` to ``p1`` (points)."""
    c = shapes.add_connector(
        MSO_CONNECTOR.STRAIGHT, Emu(_emu(p0[0])), Emu(_emu(p0[1])), Emu(_emu(p1[0])), Emu(_emu(p1[1]))
    )
    _style_line(c, colour, width, dash)
    c.name = name
    return c


def _style_line(c, colour: str, width: float, dash: bool) -> None:
    _no_style(c)
    c.line.color.rgb = rgb(colour)
    c.line.width = Pt(width)
    if dash:
        c.line.dash_style = 4


def text_box(
    shapes,
    left: float,
    top: float,
    width: float,
    height: float,
    lines,
    *,
    size: float = 10.0,
    bold: bool = False,
    colour: str = "#222222",
    align: str = "left",
    anchor: str = "top",
    wrap: bool = True,
    name: str = "",
):
    """A text box (points); ``lines`` a string or a list of paragraphs (each a string or ``(text, bold)``)."""
    tb = shapes.add_textbox(Emu(_emu(left)), Emu(_emu(top)), Emu(_emu(width)), Emu(_emu(height)))
    tf = tb.text_frame
    tf.word_wrap = wrap
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    tf.margin_left = tf.margin_right = Pt(2)
    tf.margin_top = tf.margin_bottom = Pt(1)
    paragraphs = [lines] if isinstance(lines, str) else list(lines)
    for k, item in enumerate(paragraphs):
        text, strong = (item, bold) if isinstance(item, str) else item
        p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
        p.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[align]
        run = p.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = strong
        run.font.color.rgb = rgb(colour)
    if name:
        tb.name = name
    return tb


def group_of(slide_shapes, build, name: str):
    """A group shape holding what ``build(shapes)`` adds, so a diagram moves as one.

    The shapes are made on the slide (fast) and then moved into the group,
    whose frame is set once to the shapes' bounding box.
    """
    tree = slide_shapes._spTree
    before = len(tree)
    build(slide_shapes)
    made = list(tree)[before:]
    group = slide_shapes.add_group_shape()
    group.name = name
    g = group._element
    for el in made:
        g.append(el)
    xs0, ys0, xs1, ys1 = [], [], [], []
    for el in made:
        xfrm = el.find(f".//{{{_A}}}xfrm")
        if xfrm is None:
            continue
        off, ext = xfrm.find(f"{{{_A}}}off"), xfrm.find(f"{{{_A}}}ext")
        x, y, cx, cy = (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
        xs0.append(x), ys0.append(y), xs1.append(x + cx), ys1.append(y + cy)
    if xs0:
        x0, y0, x1, y1 = min(xs0), min(ys0), max(xs1), max(ys1)
        xfrm = g.grpSpPr.get_or_add_xfrm()
        xfrm.off.x, xfrm.off.y = x0, y0
        xfrm.ext.cx, xfrm.ext.cy = x1 - x0, y1 - y0
        ch_off = xfrm.find(f"{{{_A}}}chOff")
        ch_ext = xfrm.find(f"{{{_A}}}chExt")
        if ch_off is None:
            ch_off = parse_xml(f'<a:chOff {_NS} x="0" y="0"/>')
            xfrm.append(ch_off)
        if ch_ext is None:
            ch_ext = parse_xml(f'<a:chExt {_NS} cx="0" cy="0"/>')
            xfrm.append(ch_ext)
        ch_off.set("x", str(x0))
        ch_off.set("y", str(y0))
        ch_ext.set("cx", str(x1 - x0))
        ch_ext.set("cy", str(y1 - y0))
    return group
