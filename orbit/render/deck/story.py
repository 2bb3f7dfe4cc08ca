"""The board pack's story: one description of its slides, drawn by the PowerPoint writer and the PDF pages alike.

:func:`build_story` decides everything both outputs show: the slides in
order (:mod:`orbit.render.deck.slides`), their titles, the headline, the
tables (laid out once: size, column widths, rows), the legends, where on
the page each diagram and table goes (inches), how each design is drawn
(unit by unit, folded into departments, or, past :data:`ORBIT_NATIVE_MAX`
units or for an org chart that does not fit a slide even at its top
level, as a picture) and, for the orbit views, the whole drawing fitted to
its frame (:mod:`orbit.render.deck.orbit_fit`). The writers only turn that
description into shapes (:mod:`orbit.render.deck.pptx_writer`) or
matplotlib pages (:mod:`orbit.render.deck_pages`).

Nothing here imports python-pptx or draws; text is measured with the
renderer's font metrics (:mod:`orbit.render.text_fit`).
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

import numpy as np

from ... import i18n as T
from ...aggregate import aggregate, folded_analysis
from ...analysis import Analysis, analyse
from ...errors import OrgError
from ...layout.chart import box_widths, chart_inches, chart_layout
from ...model import Organisation
from .. import style as S
from ..orbit_view import orbit_image_layout
from ..page import display_name
from ..text_fit import wrap_label
from ..units import department_colours_of
from . import slides as _slides
from .frames import Frame, Page, default_page
from .orbit_fit import OrbitView, fit_orbits
from .parts import MIN_PT, Design, Diagram, KeyFigure, Legend, Slide, Story, Table, title_size

__all__ = [
    "CHART_MIN_SCALE",
    "CHART_NATIVE_MAX",
    "MIN_PT",
    "ORBIT_NATIVE_MAX",
    "Design",
    "Diagram",
    "KeyFigure",
    "Legend",
    "Slide",
    "Story",
    "Table",
    "build_story",
    "chart_font",
    "title_size",
]

ORBIT_NATIVE_MAX = 400
"""The most units an orbit view shows as shapes; a larger design is folded into departments first."""

CHART_NATIVE_MAX = 150
"""The most boxes an org chart slide tries; a larger chart is folded into departments first."""

CHART_MIN_SCALE = 0.72
"""The smallest org chart boxes, as a share of the exported chart's 86 × 36 pt: 62 × 26 pt, names at 8 pt."""

_CHART_LABEL_PT = S.FONT["label"] * 1.08  # the exported chart's box labels


# ---------------------------------------------------------------- folding
def _fold_for_orbit(org: Organisation, a: Analysis, depth: int | None) -> int | None:
    """The reporting level the orbit view folds to (None: every unit), at most ``depth``."""
    layers = int(a.summary["layers"])
    if depth is not None and depth < layers:
        start = depth
    elif len(org) <= ORBIT_NATIVE_MAX:
        return None
    else:
        start = layers - 1
    for d in range(start, 0, -1):
        if int((a.level <= d).sum()) <= ORBIT_NATIVE_MAX:
            return d
    return 1


def _chart_layout(org: Organisation, frame: Frame, floor: float = 0.0):
    """The org chart layout for ``frame`` and its scale (slide points per natural point).

    The boxes are measured for the scale the first layout gives, and laid
    out again. Names never shrink below 8 pt, so a smaller scale only makes
    boxes wider: when the first layout's scale is below ``floor``, the
    second would be too, and the first is returned.
    """
    margin = (16.0 - frame.width, 9.0 - frame.height)  # chart_layout aims at a 16 × 9 in page

    def fits_at(scale: float):
        fs, lines = chart_font(scale)

        def fits(name: str, kind, points: float) -> bool:
            return _fits(name, S.kind_style(kind).weight, round(points * scale - 7.0, 1), fs, lines)

        return fits

    scale = 1.0
    for attempt in range(2):
        pos = chart_layout(org, True, widths=box_widths(org, fits_at(scale)), margin=margin)
        w, h = chart_inches(pos)
        scale = round(float(min(frame.width / w, frame.height / h, 1.6)), 2)
        if attempt == 0 and scale < floor:
            break
    return pos, scale


@lru_cache(maxsize=1 << 15)
def _fits(name: str, weight: str, room: float, fs: float, lines: int) -> bool:
    return not wrap_label(name, fs, room, weight=weight, max_lines=lines)[1]


class _Charts:
    """Org chart layouts of one design folded to each reporting level, each made once."""

    def __init__(self, org: Organisation, a: Analysis, frame: Frame):
        self.org, self.a, self.frame = org, a, frame
        self.layers = int(a.summary["layers"])
        self._made: dict = {}

    def folded(self, depth: int | None) -> Organisation:
        return self.org if depth is None or depth >= self.layers else aggregate(self.org, depth)

    def layout(self, depth: int | None):
        """``(org, layout, scale)`` of the chart folded to ``depth`` (None: every unit)."""
        key = None if depth is None or depth >= self.layers else depth
        if key not in self._made:
            small = self.folded(key)
            self._made[key] = (small, *_chart_layout(small, self.frame))
        return self._made[key]

    def fits(self, depth: int) -> bool:
        if int((self.a.level <= depth).sum()) > CHART_NATIVE_MAX:
            return False
        key = None if depth >= self.layers else depth
        if key not in self._made:
            small = self.folded(key)
            pos, scale = _chart_layout(small, self.frame, floor=CHART_MIN_SCALE)
            if scale < CHART_MIN_SCALE:
                return False  # not kept: a chart drawn at this level is laid out in full
            self._made[key] = (small, pos, scale)
        return self._made[key][2] >= CHART_MIN_SCALE

    def fold(self, depth: int | None) -> int | None:
        """The deepest reporting level, at most ``depth``, whose boxes fit the frame at :data:`CHART_MIN_SCALE`.

        Deeper levels have more boxes, so the levels are searched by halving.
        """
        top = self.layers if depth is None else min(depth, self.layers)
        if self.fits(top):
            return None if top >= self.layers else top
        lo, hi = 1, top - 1  # the answer is in lo..hi, or 1 when nothing fits
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.fits(mid):
                lo = mid
            else:
                hi = mid - 1
        return lo if self.layers > 1 else None


def _folded(org: Organisation, a: Analysis, depth: int | None) -> tuple[Organisation, Analysis]:
    if depth is None:
        return org, a
    small = aggregate(org, depth)
    return small, folded_analysis(small, a)


# ---------------------------------------------------------------- the story
def build_story(
    org_a: Organisation,
    org_b: Organisation | None = None,
    *,
    max_hops: int = 3,
    via: str = "both",
    lang: str = "en",
    depth: int | None = None,
    journey: str | None = None,
    page: Page | None = None,
    today: _dt.date | None = None,
) -> Story:
    """The slides of the board pack for one design, or for today's design ``org_a`` and a proposal ``org_b``.

    Parameters
    ----------
    depth : int, optional
        Fold the diagrams into departments down to this reporting level;
        by default each diagram is drawn unit by unit when it fits a slide,
        else folded to the deepest level that does.
    journey : str, optional
        The journey drawn on the journeys slide (default: the first one).
    page : Page, optional
        The slide size and where the content starts (a template's); 16:9 by default.

    Raises
    ------
    OrgError
        Naming the journey when neither design has one of that name.
    """
    lang = T.lang_of(lang)
    page = page or default_page()
    today = today or _dt.date.today()
    orgs = [org_a] if org_b is None else [org_a, org_b]
    analyses = [analyse(o, max_hops, via) for o in orgs]
    journey = _chosen_journey(orgs, journey)
    colours = department_colours_of(*analyses)

    charts = [_Charts(o, a, page.content) for o, a in zip(orgs, analyses, strict=True)]
    orbit_depths = [_fold_for_orbit(o, a, depth) for o, a in zip(orgs, analyses, strict=True)]
    chart_depths = []
    for c in charts:  # the pair is drawn at the shallower level: B need not try deeper than A's
        limit = min([d for d in (depth, *chart_depths) if d is not None], default=None)
        chart_depths.append(c.fold(limit))
    if len(orgs) == 2:  # the pair is drawn alike: the same level for both
        orbit_depths = [_shallower(orbit_depths)] * 2
        chart_depths = [_shallower(chart_depths)] * 2
    designs = []
    for k, (o, a) in enumerate(zip(orgs, analyses, strict=True)):
        oo, oa = _folded(o, a, orbit_depths[k])
        co, pos, scale = charts[k].layout(chart_depths[k])
        ca = a if co is o else folded_analysis(co, a)
        designs.append(
            Design(
                name=display_name(o) or T.text(lang, "image.compare.first" if k == 0 else "image.compare.second"),
                org=o,
                analysis=a,
                orbit_org=oo,
                orbit_analysis=oa,
                orbit_depth=orbit_depths[k],
                orbit_picture=len(oo) > ORBIT_NATIVE_MAX,
                chart_org=co,
                chart_analysis=ca,
                chart_depth=chart_depths[k],
                chart_picture=scale < CHART_MIN_SCALE or len(co) > CHART_NATIVE_MAX,
                chart_pos=pos,
                chart_scale=scale,
            )
        )
    ref = None
    for dsg in designs:
        dsg.orbit_pos = orbit_image_layout(dsg.orbit_org, dsg.orbit_analysis, size=page.orbit_side, reference=ref)
        ref = dsg.orbit_pos
    story = Story(page, lang, designs, colours, [], max_hops, via)
    story.slides = _slide_list(story, journey, today)
    _fit_orbit_views(story)
    return story


def _shallower(depths: list) -> int | None:
    given = [d for d in depths if d is not None]
    return min(given) if given else None


def _chosen_journey(orgs: list, name: str | None) -> str | None:
    names = list(dict.fromkeys(j.name for o in orgs for j in o.journeys))
    if name is None:
        return names[0] if names else None
    if name not in names:
        known = ", ".join(repr(n) for n in names) if names else "none"
        raise OrgError(orgs[0].source, None, f"unknown journey {name!r} (journeys: {known})")
    return name


def _slide_list(story: Story, journey: str | None, today: _dt.date) -> list:
    pair = len(story.designs) == 2
    out = [_slides.title_slide(story, today), _slides.orbit_slide(story, 0)]
    if pair:
        out += [_slides.orbit_slide(story, 1), _slides.pair_slide(story)]
    out.append(_slides.chart_slide(story, 0))
    if pair:
        out += [_slides.chart_slide(story, 1), _slides.changes_slide(story)]
    if any(d.org.journeys for d in story.designs):
        out.append(_slides.journeys_slide(story, journey))
    out.append(_slides.checks_slide(story))
    return out


def _fit_orbit_views(story: Story) -> None:
    """Fit every orbit view to its frame; views with the same ``scale`` key are drawn at one scale."""
    groups: dict = {}
    for s in story.slides:
        for d in s.diagrams:
            if d.view == "orbit":
                groups.setdefault(d.scale or id(d), []).append(d)
    for diagrams in groups.values():
        views = []
        for d in diagrams:
            dsg = story.designs[d.design]
            views.append(
                OrbitView(dsg.orbit_org, dsg.orbit_analysis, dsg.orbit_pos, d.frame, d.journey, d.emphasis, d.labels)
            )
        for d, g in zip(diagrams, fit_orbits(views, story.colours, story.lang), strict=True):
            d.geometry = g


def chart_font(scale: float) -> tuple[float, int]:
    """Box label size (points) and lines per box of org chart boxes drawn at ``scale`` of their natural size."""
    fs = float(np.clip(_CHART_LABEL_PT * scale, MIN_PT, 12.0))
    lines = int(np.clip((36.0 * scale - 4.0) // (fs * 1.15), 1, 3))
    return fs, lines
