"""PowerPoint building blocks: a diagram's shapes written as DrawingML and added to the slide as one group.

A diagram has hundreds of shapes; python-pptx's per-shape objects cost
about a millisecond each (and, without its "turbo" mode, a search of the
whole slide for a free shape id). :class:`ShapeGroup` writes each shape's
DrawingML as text instead, hands out the shape ids itself, and parses the
whole group once when it is added (:meth:`ShapeGroup.add_to`). The result
is the same file python-pptx would write: ordinary shapes, connectors and
text boxes in one ``p:grpSp``, which python-pptx, PowerPoint, Keynote and
LibreOffice read as usual.

A unit is one shape: its marker (circle, square, diamond, pentagon or
hexagon) is the shape's geometry, its label the shape's own text, placed
beside the marker by the geometry's text rectangle and turned with the
shape (radial labels in the orbit view), so moving the unit moves its
name and editing the text edits the label. Every unit shape has eight
connection sites round its marker (from index 4 on: LibreOffice reads
sites 0–3 as a box's four and keeps the stored ends of the others);
:meth:`ShapeGroup.connector` attaches a connector to the site facing the
other end, so PowerPoint and Keynote keep relations attached when a unit
is moved.

Positions are in points from the slide's top left (EMU in the file:
12,700 per point). Texts are written in the deck's theme fonts (no font
name is set) with the deck's language, so spelling checks use it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

__all__ = ["EMU_PT", "ShapeGroup", "UnitShape", "language_tag", "paragraph_xml", "rgb_hex", "runs_xml"]

EMU_PT = 12700
_NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
_SITES = 8
_FIRST_SITE = 4
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}


def _emu(points: float) -> int:
    return round(points * EMU_PT)


def _xfrm(left: float, top: float, width: float, height: float, attrs: str = "") -> str:
    """A shape's frame (``a:xfrm``) from its box in points; ``attrs`` such as a rotation or a flip."""
    return (
        f'<a:xfrm{attrs}><a:off x="{_emu(left)}" y="{_emu(top)}"/>'
        f'<a:ext cx="{_emu(width)}" cy="{_emu(height)}"/></a:xfrm>'
    )


def rgb_hex(colour: str) -> str:
    """``#rrggbb`` (or ``#rrggbbaa``) as DrawingML's ``RRGGBB``."""
    return colour.lstrip("#").upper()[:6]


def language_tag(lang: str) -> str:
    """The language of the deck's texts as PowerPoint names it."""
    return {"de": "de-DE"}.get(lang, "en-GB")


def _fill(colour: str | None) -> str:
    return "<a:noFill/>" if colour is None else f'<a:solidFill><a:srgbClr val="{rgb_hex(colour)}"/></a:solidFill>'


def _line(colour: str | None, width: float = 0.75, dash: bool = False) -> str:
    if colour is None:
        return "<a:ln><a:noFill/></a:ln>"
    dashed = '<a:prstDash val="dash"/>' if dash else ""
    return f'<a:ln w="{_emu(width)}">{_fill(colour)}{dashed}</a:ln>'


def paragraph_xml(
    text: str,
    *,
    size: float,
    lang: str,
    bold: bool = False,
    colour: str = "#222222",
    align: str = "left",
    spacing: float | None = None,
) -> str:
    """One paragraph of one run (``a:p``)."""
    spc = f'<a:lnSpc><a:spcPct val="{round(spacing * 100000)}"/></a:lnSpc>' if spacing else ""
    run = (
        f'<a:r><a:rPr lang="{language_tag(lang)}" sz="{round(size * 100)}" b="{int(bool(bold))}" dirty="0">'
        f"{_fill(colour)}</a:rPr><a:t>{escape(text)}</a:t></a:r>"
        if text
        else ""
    )
    end = f'<a:endParaRPr lang="{language_tag(lang)}" sz="{round(size * 100)}" dirty="0"/>'
    return f'<a:p><a:pPr algn="{_ALIGN[align]}">{spc}</a:pPr>{run}{end}</a:p>'


def runs_xml(runs, *, size: float, lang: str, align: str = "left") -> str:
    """One paragraph of several runs (``a:p``), each ``(text, bold, colour)`` or ``(text, bold, colour, size)``."""
    tag = language_tag(lang)
    body = ""
    for run in runs:
        text, bold, colour = run[:3]
        sz = run[3] if len(run) > 3 else size
        body += (
            f'<a:r><a:rPr lang="{tag}" sz="{round(sz * 100)}" b="{int(bool(bold))}" dirty="0">{_fill(colour)}</a:rPr>'
            f"<a:t>{escape(text)}</a:t></a:r>"
        )
    end = f'<a:endParaRPr lang="{tag}" sz="{round(size * 100)}" dirty="0"/>'
    return f'<a:p><a:pPr algn="{_ALIGN[align]}"/>{body}{end}</a:p>'


@dataclass
class UnitShape:
    """A unit's shape id and where its marker is (slide points), for connectors."""

    id: int
    name: str
    centre: tuple[float, float]
    radius: float
    rotation: float  # degrees, clockwise

    def site(self, towards: tuple[float, float]) -> tuple[int, tuple[float, float]]:
        """The connection site that faces ``towards``, and where it is (points)."""
        phi = math.degrees(math.atan2(towards[1] - self.centre[1], towards[0] - self.centre[0]))
        k = round((phi - self.rotation) / 45.0) % _SITES
        ang = math.radians(self.rotation + 45.0 * k)
        return _FIRST_SITE + k, (
            self.centre[0] + self.radius * math.cos(ang),
            self.centre[1] + self.radius * math.sin(ang),
        )


@dataclass
class ShapeGroup:
    """The shapes of one group (a diagram, a legend), drawn in layers, added to a slide at once.

    ``layers`` orders what is drawn: a shape added to an earlier layer lies
    below one of a later layer, whatever the order they were added in (a
    connector is made after the units it joins, but drawn below them).
    """

    name: str
    lang: str
    first_id: int
    layers: tuple = ("below", "lines", "shapes", "above", "top")
    _parts: dict = field(default_factory=dict)
    _next: int = 0
    _box: list = field(default_factory=lambda: [math.inf, math.inf, -math.inf, -math.inf])

    def __post_init__(self):
        self._parts = {layer: [] for layer in self.layers}
        self._next = self.first_id + 1  # the group's own id is first_id

    @classmethod
    def on(cls, slide, name: str, lang: str, **kwargs) -> ShapeGroup:
        """A group to be added to ``slide`` (its ids follow the slide's highest)."""
        return cls(name, lang, slide.shapes._spTree.max_shape_id + 1, **kwargs)

    # ------------------------------------------------------------ bookkeeping
    def _id(self) -> int:
        self._next += 1
        return self._next - 1

    def _extend(self, x0: float, y0: float, x1: float, y1: float) -> None:
        b = self._box
        b[0], b[1], b[2], b[3] = min(b[0], x0), min(b[1], y0), max(b[2], x1), max(b[3], y1)

    def _extend_turned(self, cx: float, cy: float, w: float, h: float, rotation: float) -> None:
        """The bounding box of a ``w`` × ``h`` frame centred at ``cx, cy`` and turned ``rotation`` degrees."""
        c, s = abs(math.cos(math.radians(rotation))), abs(math.sin(math.radians(rotation)))
        hw, hh = (w * c + h * s) / 2, (w * s + h * c) / 2
        self._extend(cx - hw, cy - hh, cx + hw, cy + hh)

    @property
    def empty(self) -> bool:
        return not any(self._parts.values())

    # ------------------------------------------------------------ shapes
    def unit(
        self,
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
        layer: str = "shapes",
    ) -> UnitShape:
        """One unit as one shape: the marker at ``centre`` (points), its label beside it as the shape's text.

        ``label_span`` is where the label's lines run along the shape's own
        x axis, in points from the marker's centre (negative: the other
        side); ``rotation`` turns shape and label clockwise about the marker
        (radial labels); ``align`` ``center`` centres the label on the marker
        (the customer's name on its disc). Without ``label`` the shape is the
        marker alone.
        """
        r = max(float(radius), 1.0)
        lines = [x for x in (label or []) if x]
        h = len(lines) * font_size * 1.2 if lines else 0.0
        x0, x1 = label_span if lines else (0.0, 0.0)
        xmin, xmax = min(-r, x0), max(r, x1)
        half_h = max(r, h / 2)
        w_pt, h_pt = xmax - xmin, 2 * half_h
        rho = math.radians(rotation)
        mid = (xmin + xmax) / 2  # the frame's centre on the shape's x axis
        bx, by = centre[0] + mid * math.cos(rho), centre[1] + mid * math.sin(rho)
        W, H = _emu(w_pt), _emu(h_pt)
        cx, cy, re = _emu(-xmin), _emu(half_h), _emu(r)

        def gx(name: str, value: float) -> str:  # LibreOffice reads "*/ w a b", not "val a"
            return f'<a:gd name="{name}" fmla="*/ w {round(value)} {max(W, 1)}"/>'

        def gy(name: str, value: float) -> str:
            return f'<a:gd name="{name}" fmla="*/ h {round(value)} {max(H, 1)}"/>'

        guides = "".join(
            gx(f"s{k}x", cx + re * math.cos(math.radians(45 * k)))
            + gy(f"s{k}y", cy + re * math.sin(math.radians(45 * k)))
            for k in range(_SITES)
        )
        if lines:
            tl, tr = _emu(x0 - xmin), _emu(x1 - xmin)
            tt, tb = _emu(half_h - h / 2), _emu(half_h + h / 2)
        else:
            tl, tr, tt, tb = cx - re, cx + re, cy - re, cy + re
        guides += gx("tl", tl) + gx("tr", tr) + gy("tt", tt) + gy("tb", tb)
        sites = "".join(f'<a:cxn ang="{45 * k * 60000}"><a:pos x="s{k}x" y="s{k}y"/></a:cxn>' for k in range(_SITES))
        geometry = (
            f"<a:custGeom><a:avLst/><a:gdLst>{guides}</a:gdLst><a:ahLst/><a:cxnLst>{sites}</a:cxnLst>"
            f'<a:rect l="tl" t="tt" r="tr" b="tb"/><a:pathLst><a:path w="{W}" h="{H}">'
            f"{_marker_path(marker, cx, cy, re)}</a:path></a:pathLst></a:custGeom>"
        )
        paragraphs = "".join(
            paragraph_xml(t, size=font_size, lang=self.lang, bold=bold, colour=colour, align=align, spacing=1.0)
            for t in lines
        ) or paragraph_xml("", size=font_size, lang=self.lang)
        uid = self._id()
        rot = f' rot="{round((rotation % 360.0) * 60000)}"' if rotation % 360.0 else ""
        descr = f" descr={quoteattr(description)}" if description else ""
        self._parts[layer].append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{uid}" name={quoteattr(name)}{descr}/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr><a:xfrm{rot}><a:off x="{_emu(bx - w_pt / 2)}" y="{_emu(by - h_pt / 2)}"/>'
            f'<a:ext cx="{W}" cy="{H}"/></a:xfrm>{geometry}{_fill(fill)}{_line(edge, edge_width, dash)}</p:spPr>'
            f'<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" rtlCol="0">'
            f"<a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>"
        )
        self._extend_turned(bx, by, w_pt, h_pt, rotation)
        return UnitShape(uid, name, centre, r, rotation)

    def shape(
        self,
        preset: str,
        left: float,
        top: float,
        width: float,
        height: float,
        *,
        fill: str | None = None,
        edge: str | None = None,
        edge_width: float = 0.75,
        dash: bool = False,
        name: str = "",
        description: str = "",
        adjust: float | None = None,
        paragraphs: str = "",
        inset: float = 0.0,
        layer: str = "shapes",
    ) -> int:
        """A preset shape (``ellipse``, ``donut``, ``rect``, ``roundRect``, ``diamond``…) with optional text.

        ``adjust`` is the preset's first adjustment (a share: the donut's
        ring width, the rounded rectangle's corner) and ``paragraphs`` its
        text (:func:`paragraph_xml`), centred. Returns the shape's id.
        """
        uid = self._id()
        av = f'<a:gd name="adj" fmla="val {round(adjust * 100000)}"/>' if adjust is not None else ""
        descr = f" descr={quoteattr(description)}" if description else ""
        ins = _emu(inset)
        self._parts[layer].append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{uid}" name={quoteattr(name)}{descr}/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f"<p:spPr>{_xfrm(left, top, width, height)}"
            f'<a:prstGeom prst="{preset}"><a:avLst>{av}</a:avLst></a:prstGeom>'
            f"{_fill(fill)}{_line(edge, edge_width, dash)}</p:spPr>"
            f'<p:txBody><a:bodyPr wrap="none" lIns="{ins}" tIns="{ins}" rIns="{ins}" bIns="{ins}" anchor="ctr" '
            f'rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
            f"{paragraphs or paragraph_xml('', size=8.0, lang=self.lang)}</p:txBody></p:sp>"
        )
        self._extend(left, top, left + width, top + height)
        return uid

    def text(
        self,
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
        fill: str | None = None,
        name: str = "",
        layer: str = "top",
        paragraphs: str = "",
    ) -> int:
        """A text box (points); ``lines`` a string or a list of paragraphs (each a string or ``(text, bold)``).

        ``paragraphs`` (DrawingML text, e.g. :func:`runs_xml`) replaces ``lines`` when given.
        """
        uid = self._id()
        items = [lines] if isinstance(lines, str) else list(lines)
        paragraphs = paragraphs or "".join(
            paragraph_xml(t, size=size, lang=self.lang, bold=b, colour=colour, align=align)
            for t, b in ((x, bold) if isinstance(x, str) else x for x in items)
        )
        self._parts[layer].append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{uid}" name={quoteattr(name or f"Text {uid}")}/>'
            f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f"<p:spPr>{_xfrm(left, top, width, height)}"
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_fill(fill)}</p:spPr>'
            f'<p:txBody><a:bodyPr wrap="{"square" if wrap else "none"}" lIns="25400" tIns="12700" rIns="25400" '
            f'bIns="12700" anchor="{_ANCHOR[anchor]}" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
            f"{paragraphs}</p:txBody></p:sp>"
        )
        self._extend(left, top, left + width, top + height)
        return uid

    def connector(
        self,
        begin: tuple[float, float],
        end: tuple[float, float],
        *,
        colour: str,
        width: float,
        dash: bool = False,
        name: str = "",
        start: tuple[int, int] | None = None,
        finish: tuple[int, int] | None = None,
        bend: tuple | None = None,
        layer: str = "lines",
    ) -> int:
        """A line from ``begin`` to ``end`` (points), attached at ``start``/``finish`` (shape id, site) if given.

        ``bend`` ``(way, preset, adjustments)`` makes it a bent connector:
        ``way`` ``"down"`` leaves ``begin`` downwards (the frame turned a
        quarter: ``bentConnector2`` down then across, ``bentConnector3``
        down, across, down, ``bentConnector4`` down, across, down, across),
        ``"across"`` leaves it sideways (``bentConnector2`` across then
        down, ``bentConnector3`` across, down, across). The adjustments are
        where the bends are, as shares of the way from ``begin`` to ``end``.
        """
        uid = self._id()
        (bx, by), (ex, ey) = begin, end
        links = ""
        if start is not None:
            links += f'<a:stCxn id="{start[0]}" idx="{start[1]}"/>'
        if finish is not None:
            links += f'<a:endCxn id="{finish[0]}" idx="{finish[1]}"/>'
        if bend is None or bend[0] == "across":
            flip = (' flipH="1"' if bx > ex else "") + (' flipV="1"' if by > ey else "")
            x0, y0, w, h = min(bx, ex), min(by, ey), abs(ex - bx), abs(ey - by)
        else:  # the frame turned a quarter clockwise: its x axis runs down the drop
            w, h = abs(ey - by), abs(ex - bx)
            x0, y0 = (bx + ex) / 2 - w / 2, (by + ey) / 2 - h / 2
            flip = ' rot="5400000"' + (' flipV="1"' if ex > bx else "")
        if bend is None:
            geometry = '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        else:
            _, preset, adjust = bend
            av = "".join(f'<a:gd name="adj{j + 1}" fmla="val {round(v * 100000)}"/>' for j, v in enumerate(adjust))
            geometry = f'<a:prstGeom prst="{preset}"><a:avLst>{av}</a:avLst></a:prstGeom>'
        self._parts[layer].append(
            f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{uid}" name={quoteattr(name or f"Connector {uid}")}/>'
            f"<p:cNvCxnSpPr>{links}</p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr>"
            f"<p:spPr>{_xfrm(x0, y0, w, h, flip)}{geometry}{_line(colour, width, dash)}</p:spPr></p:cxnSp>"
        )
        self._extend(min(bx, ex), min(by, ey), max(bx, ex), max(by, ey))
        return uid

    def join(self, a: UnitShape, b: UnitShape, **kwargs) -> int:
        """A straight connector from unit ``a`` to unit ``b``, attached to the sites that face each other."""
        ka, pa = a.site(b.centre)
        kb, pb = b.site(a.centre)
        return self.connector(pa, pb, start=(a.id, ka), finish=(b.id, kb), **kwargs)

    # ------------------------------------------------------------ the group
    def child(self, name: str) -> ShapeGroup:
        """A group inside this one (a unit with its extras): fill it, then :meth:`adopt` it."""
        return ShapeGroup(name, self.lang, self._id(), layers=self.layers)

    def adopt(self, child: ShapeGroup, layer: str = "shapes") -> None:
        """Take ``child`` (made by :meth:`child`, now filled) in as one shape of ``layer``."""
        self._next = max(self._next, child._next)
        self._parts[layer].append(child.xml())
        if not child.empty:
            self._extend(*child._box)

    def xml(self) -> str:
        """The group as one ``p:grpSp`` element (text)."""
        x0, y0, x1, y1 = (_emu(v) if math.isfinite(v) else 0 for v in self._box)
        frame = f'<a:off x="{x0}" y="{y0}"/><a:ext cx="{x1 - x0}" cy="{y1 - y0}"/>'
        child = f'<a:chOff x="{x0}" y="{y0}"/><a:chExt cx="{x1 - x0}" cy="{y1 - y0}"/>'
        body = "".join(part for layer in self.layers for part in self._parts[layer])
        return (
            f'<p:grpSp {_NS}><p:nvGrpSpPr><p:cNvPr id="{self.first_id}" name={quoteattr(self.name)}/>'
            f"<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>{frame}{child}</a:xfrm></p:grpSpPr>"
            f"{body}</p:grpSp>"
        )

    def add_to(self, slide, *, group: bool = True, below: bool = False):
        """Add the shapes to ``slide``: as one group (returned), or each on its own (``group=False``).

        ``below`` puts them behind what the slide already shows (a title
        slide's band behind its placeholders).
        """
        from pptx.oxml import parse_xml

        tree = slide.shapes._spTree
        element = parse_xml(self.xml())
        made = [element] if group else [el for el in element if not el.tag.endswith(("}nvGrpSpPr", "}grpSpPr"))]
        for k, el in enumerate(made):
            if below:
                tree.insert(2 + k, el)  # after the tree's own nvGrpSpPr and grpSpPr
            else:
                tree.append(el)
        slide.shapes.turbo_add_enabled = True  # python-pptx counts on from the ids used here
        return next(sh for sh in slide.shapes if sh.shape_id == self.first_id) if group else None


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
