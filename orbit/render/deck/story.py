"""The board pack's story: one description of its slides, drawn by the PowerPoint writer and the PDF pages alike.

:func:`build_story` decides everything both outputs show: the slides in
order, their titles, the headline, the tables (header, rows, which cells
read as better or worse), the legends, where on the page each diagram and
table goes (inches), and how each design is drawn: unit by unit, folded
into departments, or (past :data:`ORBIT_NATIVE_MAX` units, or an org chart
that does not fit a slide even at its top level) as a picture. The writers
only turn that description into shapes (:mod:`orbit.render.deck.pptx_writer`)
or matplotlib pages (:mod:`orbit.render.deck_pages`).

Nothing here imports python-pptx or draws; text is measured with the
renderer's font metrics (:mod:`orbit.render.text_fit`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ... import i18n as T
from ...aggregate import aggregate
from ...analysis import Analysis, analyse, compare
from ...checks import format_message, run_checks
from ...errors import OrgError
from ...layout.chart import box_widths, chart_inches, chart_layout
from ...model import Organisation
from .. import style as S
from ..comparison import _COMPARE_ROWS, _column_names, compare_rows
from ..orbit_view import OrbitDrawing, orbit_image_layout
from ..page import display_name, summary_text
from ..text_fit import text_width, wrap_label
from ..units import UnitArrays, department_colours_of, department_headcounts, heaviest_departments
from .frames import Frame, Page, default_page

__all__ = [
    "CHART_MIN_SCALE",
    "CHART_NATIVE_MAX",
    "ORBIT_NATIVE_MAX",
    "Design",
    "Diagram",
    "Legend",
    "Slide",
    "Story",
    "Table",
    "build_story",
    "chart_font",
    "row_lines",
    "table_font",
    "title_size",
]

ORBIT_NATIVE_MAX = 400
"""The most units an orbit view shows as shapes; a larger design is folded into departments first."""

CHART_NATIVE_MAX = 150
"""The most boxes an org chart slide tries; a larger chart is folded into departments first."""

CHART_MIN_SCALE = 0.72
"""The smallest org chart boxes, as a share of the exported chart's 86 × 36 pt: 62 × 26 pt, names at 8 pt."""

MIN_PT = 8.0
"""No unit name, table cell or legend entry is smaller."""

_CHART_LABEL_PT = S.FONT["label"] * 1.08  # the exported chart's box labels


@dataclass
class Design:
    """One design as the deck draws it: the whole organisation and the versions drawn."""

    name: str
    org: Organisation
    analysis: Analysis
    orbit_org: Organisation
    orbit_analysis: Analysis
    orbit_depth: int | None  # folded to this reporting level, or None
    orbit_picture: bool
    chart_org: Organisation
    chart_analysis: Analysis
    chart_depth: int | None
    chart_picture: bool
    chart_pos: object = None  # the HierarchyLayout drawn
    chart_scale: float = 1.0  # slide points per natural chart point
    orbit_pos: object = None  # the OrbitLayout drawn (B keeps A's angular order)


@dataclass
class Diagram:
    """A diagram on a slide: which design, which view, where, and what is drawn on top."""

    view: str  # "orbit" or "chart"
    design: int  # index into Story.designs
    frame: Frame
    caption: str = ""
    emphasis: tuple = ()  # unit ids ringed (moved units)
    journey: tuple = ()  # the steps of the journey drawn
    labels: str = "auto"


@dataclass
class Table:
    """A table: header, rows of text, and a tone per cell (``good``, ``bad``, ``error``, ``warning``, ``info``)."""

    header: list
    rows: list
    frame: Frame
    align: str  # "l" or "r" per column
    widths: list  # relative column widths
    tones: list = field(default_factory=list)
    note: str = ""


@dataclass
class Legend:
    """A legend: department colours with their headcounts, then the key's marks (``code``, label)."""

    frame: Frame
    title: str
    departments: list  # (colour, label)
    key_title: str
    key: list  # (code, label): touchpoint, serves, reports_to, customer, flagged, beyond, emphasis, journey


@dataclass
class Slide:
    """One slide (one PDF page)."""

    kind: str  # title, orbit, pair, chart, changes, journeys, checks
    title: str
    subtitle: str = ""
    diagrams: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    legends: list = field(default_factory=list)
    note: str = ""  # the footnote


@dataclass
class Story:
    """The whole deck: page, language, the designs and the slides in order."""

    page: Page
    lang: str
    designs: list
    colours: dict
    slides: list
    per_head: float  # marker area per head at the single orbit view's size (square points)
    max_hops: int
    via: str

    @property
    def titles(self) -> list[str]:
        return [s.title for s in self.slides]


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


def chart_font(scale: float) -> tuple[float, int]:
    """Box label size (points) and lines per box of org chart boxes drawn at ``scale`` of their natural size."""
    fs = float(np.clip(_CHART_LABEL_PT * scale, MIN_PT, 12.0))
    lines = int(np.clip((36.0 * scale - 4.0) // (fs * 1.15), 1, 3))
    return fs, lines


def _chart_layout(org: Organisation, frame: Frame):
    """The org chart layout for ``frame`` and its scale (slide points per natural point)."""
    margin = (16.0 - frame.width, 9.0 - frame.height)  # chart_layout aims at a 16 × 9 in page

    def fits_at(scale: float):
        fs, lines = chart_font(scale)

        def fits(name: str, kind, points: float) -> bool:
            return _fits(name, S.kind_style(kind).weight, round(points * scale - 7.0, 1), fs, lines)

        return fits

    scale = 1.0
    for _ in range(2):
        pos = chart_layout(org, True, widths=box_widths(org, fits_at(scale)), margin=margin)
        w, h = chart_inches(pos)
        scale = round(float(min(frame.width / w, frame.height / h, 1.6)), 2)
    return pos, scale


@lru_cache(maxsize=1 << 15)
def _fits(name: str, weight: str, room: float, fs: float, lines: int) -> bool:
    return not wrap_label(name, fs, room, weight=weight, max_lines=lines)[1]


def _fold_for_chart(org: Organisation, a: Analysis, depth: int | None, frame: Frame) -> int | None:
    """The reporting level the org chart folds to so that its boxes fit ``frame`` at :data:`CHART_MIN_SCALE`."""
    layers = int(a.summary["layers"])
    top = layers if depth is None else min(depth, layers)
    for d in range(top, 0, -1):
        if int((a.level <= d).sum()) > CHART_NATIVE_MAX:
            continue
        small = org if d >= layers else aggregate(org, d)
        _, scale = _chart_layout(small, frame)
        if scale >= CHART_MIN_SCALE:
            return None if d >= layers else d
    return 1 if layers > 1 else None


def _folded(org: Organisation, a: Analysis, depth: int | None) -> tuple[Organisation, Analysis]:
    if depth is None:
        return org, a
    small = aggregate(org, depth)
    return small, analyse(small, a.max_hops, a.via)


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

    chart_frame = page.content
    orbit_depths = [_fold_for_orbit(o, a, depth) for o, a in zip(orgs, analyses, strict=True)]
    chart_depths = [_fold_for_chart(o, a, depth, chart_frame) for o, a in zip(orgs, analyses, strict=True)]
    if len(orgs) == 2:  # the pair is drawn alike: the same level for both
        orbit_depths = [_shallower(orbit_depths)] * 2
        chart_depths = [_shallower(chart_depths)] * 2
    designs = []
    for k, (o, a) in enumerate(zip(orgs, analyses, strict=True)):
        oo, oa = _folded(o, a, orbit_depths[k])
        co, ca = _folded(o, a, chart_depths[k])
        pos, scale = _chart_layout(co, chart_frame)
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
    side = page.orbit_side
    ref = None
    per_head = []
    for dsg in designs:
        dsg.orbit_pos = orbit_image_layout(dsg.orbit_org, dsg.orbit_analysis, size=side, reference=ref)
        ref = dsg.orbit_pos
        u = UnitArrays.of(dsg.orbit_analysis, colours)
        per_head.append(OrbitDrawing.of(u, dsg.orbit_analysis, side * 72.0, 1.0, "auto").per_head)
    story = Story(page, lang, designs, colours, [], min(per_head), max_hops, via)
    story.slides = _slides(story, journey, today)
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


def _slides(story: Story, journey: str | None, today: _dt.date) -> list:
    lang, page = story.lang, story.page
    A = story.designs[0]
    B = story.designs[1] if len(story.designs) > 1 else None
    out = [_title_slide(story, today)]
    out.append(_orbit_slide(story, 0))
    if B is not None:
        out.append(_orbit_slide(story, 1))
        out.append(_pair_slide(story))
    out.append(_chart_slide(story, 0))
    if B is not None:
        out.append(_chart_slide(story, 1))
        out.append(_changes_slide(story))
    if any(d.org.journeys for d in story.designs):
        out.append(_journeys_slide(story, journey))
    out.append(_checks_slide(story))
    del lang, page, A
    return out


# ---------------------------------------------------------------- slide by slide
def _share(a: Analysis):
    return a.summary.get("share_within_max_hops")


def headline(story: Story) -> str:
    """The one sentence of the title slide: the share of headcount within N hops, before and after."""
    lang, n = story.lang, story.max_hops
    A = story.designs[0]
    if len(story.designs) == 1:
        share = _share(A.analysis)
        if not share or not A.analysis.reachable.any():
            return T.text(lang, "deck.headline.none", a=A.name)
        return T.text(lang, "deck.headline.one", a=A.name, share=T.percent(share, lang), n=n)
    B = story.designs[1]
    sa, sb = _share(A.analysis) or 0.0, _share(B.analysis) or 0.0
    pa, pb = T.percent(sa, lang), T.percent(sb, lang)
    key = "deck.headline.same" if pa == pb else ("deck.headline.up" if sb > sa else "deck.headline.down")
    return T.text(lang, key, b=B.name, share=pb, before=pa, n=n)


def date_text(day: _dt.date, lang: str) -> str:
    """``1 December 2026`` / ``1. Dezember 2026``."""
    return T.text(lang, "deck.date", day=day.day, month=T.text(lang, f"deck.month.{day.month}"), year=day.year)


def _title_slide(story: Story, today: _dt.date) -> Slide:
    lang = story.lang
    names = [d.name for d in story.designs]
    if len(names) == 2:
        title = T.text(lang, "deck.title.pair", a=names[0], b=names[1])
    else:
        title = T.text(lang, "deck.title.one", a=names[0])
    settings = T.text(lang, "deck.settings", via=T.via_text(story.via, lang), n=story.max_hops)
    return Slide("title", title, f"{headline(story)}\n{date_text(today, lang)} · {settings}")


def _fold_note(story: Story, d: Design, view: str) -> str:
    lang = story.lang
    depth = d.orbit_depth if view == "orbit" else d.chart_depth
    shown = d.orbit_org if view == "orbit" else d.chart_org
    picture = d.orbit_picture if view == "orbit" else d.chart_picture
    parts = []
    if depth is not None:
        parts.append(
            T.text(
                lang,
                "deck.folded",
                units=T.number(len(d.org), lang),
                shown=T.number(len(shown), lang),
                depth=depth,
            )
        )
    if picture:
        parts.append(T.text(lang, "deck.picture", shown=T.number(len(shown), lang)))
    return " · ".join(parts)


def _legend(story: Story, frame: Frame, designs: list[int], extra: tuple = (), limit: int = 12) -> Legend:
    lang = story.lang
    units = [UnitArrays.of(story.designs[k].orbit_analysis, story.colours) for k in designs]
    table = department_headcounts(*units)
    order = heaviest_departments(table)
    names: dict = {}
    for u in units:
        names.update({k: v for k, v in u.department_names().items() if k not in names})
    rows = []

    def counts(dep) -> str:
        return " → ".join(T.number(int(table.at[dep, c]), lang) for c in table.columns)

    room = max(int((frame.height * 72.0 - 60.0) / 13.0) - 8, 3)
    limit = min(limit, room)
    for dep in order[:limit]:
        rows.append((story.colours.get(dep, S.OTHER_COLOUR), f"{names.get(dep, dep)} ({counts(dep)})"))
    if len(order) > limit:
        rest = table.loc[order[limit:]].sum()
        more = T.text(lang, "deck.legend.more", count=len(order) - limit)
        rows.append((S.OTHER_COLOUR, f"{more} ({' → '.join(T.number(int(v), lang) for v in rest)})"))
    n = story.max_hops
    key = [
        ("touchpoint", T.text(lang, "relation.touchpoint")),
        ("serves", T.text(lang, "relation.serves")),
        ("reports_to", T.text(lang, "relation.reports_to")),
        ("customer", T.text(lang, "image.legend.customer")),
        ("flagged", T.text(lang, "image.legend.flagged", n=n)),
    ]
    if any(story.designs[k].orbit_analysis.flagged.any() for k in designs):
        key.append(("beyond", T.text(lang, "image.legend.beyond", n=n)))
    key.extend(extra)
    return Legend(
        frame, T.text(lang, "image.legend.departments_headcount"), rows, T.text(lang, "image.legend.key"), key
    )


def _orbit_slide(story: Story, k: int) -> Slide:
    lang, page = story.lang, story.page
    d = story.designs[k]
    c = page.content
    side = page.orbit_side
    diagram = Diagram("orbit", k, Frame(c.left, c.top, side, side))
    legend = _legend(story, Frame(c.left + side + 0.3, c.top, c.width - side - 0.3, c.height), [k])
    return Slide(
        "orbit",
        T.text(lang, "deck.slide.orbit", name=d.name),
        summary_text(d.analysis, lang),
        diagrams=[diagram],
        legends=[legend],
        note=_fold_note(story, d, "orbit"),
    )


def _pair_slide(story: Story) -> Slide:
    lang, c = story.lang, story.page.content
    A, B = story.designs
    table_w = min(4.4, c.width * 0.34)
    side = min(c.height - 0.35, (c.width - table_w - 0.5) / 2)
    y = c.top + 0.35
    captions = _column_names(A.name, B.name, 40, lang)[:2]
    diagrams = [
        Diagram("orbit", 0, Frame(c.left, y, side, side), captions[0]),
        Diagram("orbit", 1, Frame(c.left + side + 0.2, y, side, side), captions[1]),
    ]
    rows = compare_rows(A.analysis, B.analysis, lang)
    tones = []
    for (key, _, _, better), _row in zip(_COMPARE_ROWS, rows, strict=True):
        va, vb = A.analysis.summary.get(key), B.analysis.summary.get(key)
        tone = None
        if better and va is not None and vb is not None and va != vb:
            tone = "good" if (vb - va) * better > 0 else "bad"
        tones.append([None, None, None, tone])
    x = c.left + 2 * side + 0.5
    table = Table(
        ["", *_column_names(A.name, B.name, 18, lang)],
        rows,
        Frame(x, y, c.right - x, c.height - 0.35),
        "lrrr",
        [0.43, 0.2, 0.2, 0.17],
        tones,
    )
    subtitle = T.text(lang, "image.compare.subtitle", via=T.via_text(story.via, lang), n=story.max_hops)
    return Slide("pair", T.text(lang, "deck.slide.pair"), subtitle, diagrams=diagrams, tables=[table])


def _chart_slide(story: Story, k: int) -> Slide:
    lang = story.lang
    d = story.designs[k]
    return Slide(
        "chart",
        T.text(lang, "deck.slide.chart", name=d.name),
        summary_text(d.analysis, lang),
        diagrams=[Diagram("chart", k, story.page.content)],
        note=" · ".join(
            p
            for p in (
                _fold_note(story, d, "chart"),
                T.text(lang, "image.chart.hops"),
                T.text(lang, "image.legend.flagged", n=story.max_hops),
            )
            if p
        ),
    )


def _rows_that_fit(frame: Frame, reserve: int = 1) -> int:
    """How many table rows of about 0.3 in fit ``frame`` (header and ``reserve`` lines kept)."""
    return max(int(frame.height / 0.31) - 1 - reserve, 3)


def _changes_slide(story: Story) -> Slide:
    lang, c = story.lang, story.page.content
    A, B = story.designs
    cmp = compare(A.org, B.org, story.max_hops, story.via)
    side = min(c.height, c.width * 0.46)
    table_frame = Frame(c.left, c.top, c.width - side - 0.35, c.height)
    names = {**_names(A.org), **_names(B.org)}
    ring = {**_rings(A.analysis), **{}}
    ring_b = _rings(B.analysis)
    parent_a = dict(zip(A.org.units["id"], A.org.units["parent"], strict=True))
    parent_b = dict(zip(B.org.units["id"], B.org.units["parent"], strict=True))
    weight = {**_weights(A.analysis), **_weights(B.analysis)}
    changes: dict = {}
    for uid in cmp.added:
        changes.setdefault(uid, []).append("added")
    for uid in cmp.removed:
        changes.setdefault(uid, []).append("removed")
    for m in cmp.moved:
        changes.setdefault(m["id"], []).append("moved")
    for r in cmp.reparented:
        changes.setdefault(r["id"], []).append("reparented")

    def where(uid, rings, parents) -> str:
        if uid not in rings:
            return "–"
        r = rings[uid]
        at = T.text(lang, "deck.changes.unconnected") if r is None else T.text(lang, "deck.changes.ring", ring=r)
        p = parents.get(uid)
        boss = T.text(lang, "deck.changes.top") if p is None or p != p else names.get(p, p)
        return f"{at} · {boss}"

    order = sorted(changes, key=lambda uid: (-weight.get(uid, 1.0), str(names.get(uid, uid))))
    limit = _rows_that_fit(table_frame)
    rows = [
        [
            str(names.get(uid, uid)),
            ", ".join(T.text(lang, f"deck.changes.{what}") for what in changes[uid]),
            where(uid, ring, parent_a),
            where(uid, ring_b, parent_b),
        ]
        for uid in order[:limit]
    ]
    note = T.text(
        lang,
        "deck.changes.summary",
        added=T.number(len(cmp.added), lang),
        removed=T.number(len(cmp.removed), lang),
        moved=T.number(len(cmp.moved), lang),
        reparented=T.number(len(cmp.reparented), lang),
    )
    more = T.text(lang, "deck.more_rows", count=T.number(len(order) - limit, lang)) if len(order) > limit else ""
    header = [T.text(lang, f"deck.changes.{k}") for k in ("unit", "change", "before", "after")]
    table = Table(header, rows, table_frame, "llll", [0.3, 0.2, 0.25, 0.25], note=more)
    if not changes:
        table = Table([""], [[T.text(lang, "deck.changes.none")]], table_frame, "l", [1.0])
    moved = tuple(uid for uid in order if uid in ring_b and ("moved" in changes[uid] or "added" in changes[uid]))
    diagram = Diagram("orbit", 1, Frame(c.right - side, c.top, side, side), B.name, emphasis=moved)
    return Slide("changes", T.text(lang, "deck.slide.changes"), note, diagrams=[diagram], tables=[table])


def _names(org: Organisation) -> dict:
    t = org.units
    return {i: (n if isinstance(n, str) and n.strip() else i) for i, n in zip(t["id"], t["name"], strict=True)}


def _rings(a: Analysis) -> dict:
    ids = a.org.units["id"].to_numpy(dtype=object)
    return {i: (int(r) if ok else None) for i, r, ok in zip(ids, a.ring, a.reachable, strict=True)}


def _weights(a: Analysis) -> dict:
    return dict(zip(a.org.units["id"].to_numpy(dtype=object), a.weights.tolist(), strict=True))


def _journeys_slide(story: Story, chosen: str | None) -> Slide:
    lang, c = story.lang, story.page.content
    pair = len(story.designs) == 2
    table_w = c.width * (0.46 if pair else 0.5)
    tframe = Frame(c.left, c.top, table_w, c.height)
    tables = [_journey_rows(d.analysis) for d in story.designs]
    names = list(dict.fromkeys(n for t in tables for n in t))
    header = [T.text(lang, f"deck.journeys.{k}") for k in ("journey", "handoffs", "crossings", "detours")]
    rows, tones = [], []
    for name in names[: _rows_that_fit(tframe, 2)]:
        row, tone = [name], [None]
        for key in ("handoffs", "boundary_crossings", "detour_hops"):
            vals = [t.get(name, {}).get(key, "missing") for t in tables]
            row.append(" → ".join(_journey_value(v, lang) for v in vals))
            good = None
            if pair and all(isinstance(v, int) for v in vals) and vals[0] != vals[1]:
                good = "good" if vals[1] < vals[0] else "bad"
            tone.append(good)
        rows.append(row)
        tones.append(tone)
    table = Table(header, rows, tframe, "lrrr", [0.4, 0.2, 0.2, 0.2], tones, note=T.text(lang, "deck.journeys.help"))
    diagrams = []
    x0 = c.left + table_w + 0.3
    room = c.right - x0
    count = len(story.designs)
    side = min(c.height - 0.35, (room - 0.2 * (count - 1)) / count)
    for k, d in enumerate(story.designs):
        steps = next((tuple(j.steps) for j in d.orbit_org.journeys if j.name == chosen), ())
        caption = d.name if steps else f"{d.name}: {T.text(lang, 'deck.journeys.missing')}"
        frame = Frame(x0 + k * (side + 0.2), c.top + 0.35, side, side)
        diagrams.append(Diagram("orbit", k, frame, caption, journey=steps))
    subtitle = T.text(lang, "deck.journeys.shown", name=chosen) if chosen else ""
    return Slide("journeys", T.text(lang, "deck.slide.journeys"), subtitle, diagrams=diagrams, tables=[table])


def _journey_rows(a: Analysis) -> dict:
    out = {}
    for r in a.journeys.itertuples(index=False):
        detour = None if r.detour_hops is None or r.detour_hops != r.detour_hops else int(r.detour_hops)
        out[r.name] = {
            "handoffs": int(r.handoffs),
            "boundary_crossings": int(r.boundary_crossings),
            "detour_hops": detour,
        }
    return out


def _journey_value(v, lang: str) -> str:
    if v == "missing":
        return "–"
    return "–" if v is None else T.number(v, lang)


def _named(values: dict, names: dict) -> dict:
    """A finding's values with unit ids replaced by names."""
    out = {}
    for k, v in values.items():
        if isinstance(v, str) and v in names:
            out[k] = names[v]
        elif isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
            out[k] = [names.get(x, x) for x in v]
        else:
            out[k] = v
    return out


def _check_counts(findings, lang: str) -> str:
    n = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    return T.text(lang, "deck.checks.counts", errors=n["error"], warnings=n["warning"], infos=n["info"])


def _checks_slide(story: Story) -> Slide:
    lang, c = story.lang, story.page.content
    d = story.designs[-1]
    findings = run_checks(d.org, d.analysis, lang=lang)
    names = _names(d.org)
    frame = c
    limit = _rows_that_fit(frame, 2)
    rows, tones = [], []
    for f in findings[:limit]:
        message = format_message(f.key, _named(f.detail, names), lang) if f.key else f.message
        rows.append([T.text(lang, f"deck.checks.{f.severity}"), T.text(lang, f"check.{f.rule}.title"), message])
        tones.append([f.severity, None, None])
    counts = _check_counts(findings, lang)
    if len(story.designs) == 2:
        before = run_checks(story.designs[0].org, story.designs[0].analysis, lang=lang)
        counts = T.text(lang, "deck.checks.before", counts=counts, before=_check_counts(before, lang))
    header = [T.text(lang, f"deck.checks.{k}") for k in ("severity", "check", "finding")]
    more = T.text(lang, "deck.more_findings", count=len(findings) - limit) if len(findings) > limit else ""
    table = Table(header, rows, frame, "lll", [0.11, 0.22, 0.67], tones, note=more)
    if not findings:
        table = Table([""], [[T.text(lang, "deck.checks.none")]], frame, "l", [1.0])
    return Slide("checks", T.text(lang, "deck.slide.checks", name=d.name), counts, tables=[table])


# ---------------------------------------------------------------- text sizes both outputs use
def table_font(table: Table) -> float:
    """The table's font size (points): as large as its rows allow in its frame, 8 to 12 pt.

    Long cells wrap; a row's height is estimated from its widest cell.
    """
    for size in (11.0, 10.0, 9.0, MIN_PT):
        if not _words_fit(table, size):
            continue
        height = sum(row_lines(row, table, size) * size * 1.25 + 6.0 for row in [table.header, *table.rows])
        if height + (size * 2.6 if table.note else 0.0) <= table.frame.height * 72.0:
            return size
    return MIN_PT


def row_lines(row, table: Table, size: float) -> int:
    """How many lines the widest cell of ``row`` takes at ``size`` points (cells wrap)."""
    width = table.frame.width * 72.0
    lines = 1
    for text, share in zip(row, table.widths, strict=False):
        room = max(share * width - 8.0, 10.0)
        lines = max(lines, -(-int(text_width(str(text), size)) // int(room)))
    return lines


def _words_fit(table: Table, size: float) -> bool:
    """Whether every word of every cell fits its column at ``size`` points (no word broken in two)."""
    width = table.frame.width * 72.0
    for row in [table.header, *table.rows]:
        for text, share in zip(row, table.widths, strict=False):
            room = share * width - 8.0
            if any(text_width(word, size, "bold") > room for word in str(text).split()):
                return False
    return True


def title_size(text: str, width_pt: float, kind: str) -> float:
    """A slide title's size: 40 pt on the title slide, 28 pt on the others, smaller until its longest line fits."""
    size = 40.0 if kind == "title" else 28.0
    while size > 16 and max(text_width(line, size, "bold") for line in text.split("\n")) > width_pt:
        size -= 1
    return size
