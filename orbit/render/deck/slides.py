"""The board pack's slides, one function each: what a slide says and where on the page each part goes.

Every function takes the :class:`~orbit.render.deck.parts.Story` (its
designs already folded and laid out) and returns a
:class:`~orbit.render.deck.parts.Slide`. Frames are decided here from
what the parts need: a legend or a table is as wide as its longest entries
(within a share of the page), and the diagrams take the rest. Orbit views
are fitted to their frames afterwards (:mod:`orbit.render.deck.orbit_fit`).
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from ... import i18n as T
from ...analysis import compare
from ...checks import format_message, run_checks
from .. import style as S
from ..comparison import _COMPARE_ROWS, _column_names, compare_rows
from ..folded import flagged_label, folded_flags_line, hidden_boxes, hops_key_label
from ..page import summary_text
from ..text_fit import fit_line, text_width, wrap_label
from ..units import UnitArrays, department_headcounts, heaviest_departments
from .frames import Frame
from .parts import (
    CAPTION_PT,
    CELL_PAD,
    LEGEND_PT,
    TEXT_LIMIT,
    Diagram,
    KeyFigure,
    Legend,
    Slide,
    Story,
    Table,
    layout_table,
    legend_indent,
    legend_width,
)

__all__ = [
    "caption_height",
    "changes_slide",
    "chart_slide",
    "checks_slide",
    "date_text",
    "headline",
    "journeys_slide",
    "orbit_slide",
    "pair_slide",
    "title_slide",
]

_GAP = 0.25  # inches between the parts of a slide


# ---------------------------------------------------------------- the title
def _share(a):
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


_FIGURES = (  # summary key, text key, decimals, which way is better
    ("share_within_max_hops", "deck.figure.share", 0, 1),
    ("mean_hops", "deck.figure.mean_hops", 2, -1),
    ("flagged", "deck.figure.flagged", 0, -1),
    ("layers", "deck.figure.layers", 0, -1),
)


def title_slide(story: Story, today: _dt.date) -> Slide:
    """Names, the headline, the key figures before → after, the date and the settings."""
    lang = story.lang
    names = [d.name for d in story.designs]
    if len(names) == 2:
        title = T.text(lang, "deck.title.pair", a=names[0], b=names[1])
    else:
        title = T.text(lang, "deck.title.one", a=names[0])
    settings = T.text(lang, "deck.settings", via=T.via_text(story.via, lang), n=story.max_hops)
    figures = []
    for key, text_key, decimals, better in _FIGURES:
        values = [d.analysis.summary.get(key) for d in story.designs]
        if any(v is None for v in values):
            continue
        share = key == "share_within_max_hops"
        shown = [T.percent(v, lang) if share else T.number(v, lang, decimals) for v in values]
        tone = None
        if len(values) == 2 and shown[0] != shown[1]:
            tone = "good" if (values[1] - values[0]) * better > 0 else "bad"
        figures.append(KeyFigure(T.text(lang, text_key, n=story.max_hops), shown, tone))
    date = f"{date_text(today, lang)} · {settings}"
    sub = story.page.cover.subtitle
    lines = len(wrap_label(headline(story), HEADLINE_PT, sub.width * 72.0 - 15.0, max_lines=4, limit=TEXT_LIMIT)[0])
    used = (lines * HEADLINE_PT * 1.2 + 10.0 + DATE_PT * 1.2 * 2 + 15.0) / 72.0
    return Slide(
        "title",
        title,
        headline(story),
        figures=figures,
        figures_frame=story.page.cover.figure_band(used),
        names=names,
        date=date,
    )


HEADLINE_PT, DATE_PT = 20.0, 12.0
"""The title slide's headline and date line sizes."""


# ---------------------------------------------------------------- orbit views
def fold_note(story: Story, k: int, view: str) -> str:
    """ "141 units shown as 16 departments …" for a folded diagram, "drawn as a picture …" for a picture."""
    lang, d = story.lang, story.designs[k]
    depth = d.orbit_depth if view == "orbit" else d.chart_depth
    shown = d.orbit_org if view == "orbit" else d.chart_org
    picture = d.orbit_picture if view == "orbit" else d.chart_picture
    parts = []
    if depth is not None:
        parts.append(
            T.text(lang, "deck.folded", units=T.number(len(d.org), lang), shown=T.number(len(shown), lang), depth=depth)
        )
        if view == "orbit" and (flags := folded_flags_line(d.orbit_analysis, lang=lang)):
            parts.append(flags)  # the flagged people the folded boxes hold (the org chart's note has its key)
    if picture:
        parts.append(T.text(lang, "deck.picture", shown=T.number(len(shown), lang)))
    return " · ".join(parts)


def _legend_rows(story: Story, designs: list[int], limit: int, room: float) -> list:
    """Department colours with their headcounts (before → after), the heaviest first, each fitted to ``room`` points."""
    lang = story.lang
    units = [UnitArrays.of(story.designs[k].orbit_analysis, story.colours) for k in designs]
    table = department_headcounts(*units)
    order = heaviest_departments(table)
    names: dict = {}
    for u in units:
        names.update({k: v for k, v in u.department_names().items() if k not in names})

    def entry(name: str, values) -> str:
        counts = " (" + " → ".join(T.number(int(v), lang) for v in values) + ")"
        name = " ".join(str(name).split())  # one line: a name's tabs and line breaks as spaces
        return fit_line(name, LEGEND_PT, "normal", room - text_width(counts, LEGEND_PT)) + counts

    colour = story.colours.get
    if len(order) == limit + 1:  # the one row left shows the department itself, never "1 more departments"
        limit += 1
    rows = [(colour(dep, S.OTHER_COLOUR), entry(names.get(dep, dep), table.loc[dep])) for dep in order[:limit]]
    if len(order) > limit:
        more = T.text(lang, "deck.legend.more", count=len(order) - limit)
        rows.append((S.OTHER_COLOUR, entry(more, table.loc[order[limit:]].sum())))
    return rows


def _legend(story: Story, designs: list[int], height: float, width: float) -> Legend:
    """The legend of ``designs``' orbit views: as many departments as fit ``height`` inches, entries ``width`` wide.

    Its frame is left for the caller to set.
    """
    lang, n = story.lang, story.max_hops
    key = [
        ("touchpoint", T.text(lang, "relation.touchpoint")),
        ("serves", T.text(lang, "relation.serves")),
        ("reports_to", T.text(lang, "relation.reports_to")),
        ("customer", T.text(lang, "image.legend.customer")),
        ("flagged", T.text(lang, "image.legend.flagged", n=n)),
    ]
    if any(hidden_boxes(story.designs[k].orbit_analysis).size for k in designs):
        key.append(("note", T.text(lang, "deck.legend.flagged_folded")))
    if any(story.designs[k].orbit_analysis.flagged.any() for k in designs):
        key.append(("beyond", T.text(lang, "image.legend.beyond", n=n)))
    step = LEGEND_PT * 1.55 / 72.0
    room = int(height / step) - len(key) - 3
    if room < 4:  # too little height for both: the departments alone
        key, room = [], int(height / step) - 1
    text_room = width * 72.0 - legend_indent()
    departments = _legend_rows(story, designs, max(min(room, 14), 2), text_room)
    key = [(code, fit_line(label, LEGEND_PT, "normal", text_room)) for code, label in key]
    title = T.text(lang, "image.legend.departments_headcount")
    return Legend(Frame(0, 0, 0, 0), title, departments, T.text(lang, "image.legend.key"), key)


def orbit_slide(story: Story, k: int) -> Slide:
    """One design's orbit view, as large as the slide allows, with its legend in a column on the right."""
    lang, c = story.lang, story.page.content
    d = story.designs[k]
    widest = _legend(story, [k], c.height, c.width)  # entries at their full length
    texts = [widest.title, widest.key_title, *(t for _, t in widest.departments), *(t for _, t in widest.key)]
    width = min(legend_width(texts) / 72.0, c.width * 0.3)
    legend = _legend(story, [k], c.height, width)
    legend.frame = Frame(c.right - width, c.top, width, c.height)
    diagram = Diagram("orbit", k, Frame(c.left, c.top, c.width - width - _GAP, c.height), scale="single")
    return Slide(
        "orbit",
        T.text(lang, "deck.slide.orbit", name=d.name),
        summary_text(d.analysis, lang),
        diagrams=[diagram],
        legends=[legend],
        note=fold_note(story, k, "orbit"),
    )


def caption_height(text: str, width: float) -> float:
    """Inches a diagram's caption takes above it (at most two lines)."""
    lines = len(wrap_label(text, CAPTION_PT, width * 72.0, weight="bold", max_lines=2, limit=TEXT_LIMIT)[0])
    return (max(lines, 1) * CAPTION_PT * 1.25 + 6.0) / 72.0


def _side_by_side(story: Story, frame: Frame, captions: list[str], scale: str, **extra) -> list[Diagram]:
    """Orbit views of both designs next to each other in ``frame``, each under its caption."""
    count = len(captions)
    width = (frame.width - _GAP * (count - 1)) / count
    cap = max(caption_height(t, width) for t in captions)
    out = []
    for k, caption in enumerate(captions):
        box = Frame(frame.left + k * (width + _GAP), frame.top + cap, width, frame.height - cap)
        out.append(Diagram("orbit", k, box, caption, scale=scale, **{key: v[k] for key, v in extra.items()}))
    return out


def pair_slide(story: Story) -> Slide:
    """Both orbit views side by side under their full names, the metrics with their changes on the right."""
    lang, c = story.lang, story.page.content
    A, B = story.designs
    rows = compare_rows(A.analysis, B.analysis, lang)
    tones = []
    for key, _, _, better in _COMPARE_ROWS:
        va, vb = A.analysis.summary.get(key), B.analysis.summary.get(key)
        tone = None
        if better and va is not None and vb is not None and va != vb:
            tone = "good" if (vb - va) * better > 0 else "bad"
        tones.append([None, None, None, tone])
    table = Table(["", *_column_names(A.name, B.name, 18, lang)], rows, Frame(0, 0, 0, 0), "lrrr", tones, lang=lang)
    # a third of the width, or what the table needs at 8 pt with no word broken (a 4:3 slide)
    width = min(_natural_width(table, 10.0), max(c.width * 0.3, _natural_width(table, 8.0)))
    cap = caption_height(A.name, (c.width - width - 2 * _GAP) / 2)
    table.frame = Frame(c.right - width, c.top + cap, width, c.height - cap)
    layout_table(table)
    views = Frame(c.left, c.top, c.width - width - _GAP, c.height)
    subtitle = T.text(lang, "image.compare.subtitle", via=T.via_text(story.via, lang), n=story.max_hops)
    below = table.frame.top + table.used_height / 72.0 + _GAP
    legends = []
    if c.bottom - below >= 1.2:  # the room under the table: which colour is which department, before → after
        legend = _legend(story, [0, 1], c.bottom - below, width)
        legend.frame = Frame(table.frame.left, below, width, c.bottom - below)
        legends.append(legend)
    return Slide(
        "pair",
        T.text(lang, "deck.slide.pair"),
        subtitle,
        diagrams=_side_by_side(story, views, [A.name, B.name], "pair"),
        tables=[table],
        legends=legends,
    )


def _natural_width(table: Table, size: float) -> float:
    """Inches the table needs at ``size``: headers broken between words, figures whole, first column on two lines."""
    widths = [0.0] * len(table.align)
    for r, row in enumerate([table.header, *table.rows]):
        for j, text in enumerate(row):
            weight = "bold" if r == 0 or table.tone(r - 1, j) else "normal"
            if r == 0:
                w = max((text_width(word, size, weight) for word in str(text).split()), default=0.0)
            elif j == 0 and len(table.align) > 1:
                longest = max((text_width(word, size, weight) for word in str(text).split()), default=0.0)
                w = max(text_width(str(text), size, weight) / 2 + 2 * size, longest)
            else:
                w = text_width(str(text), size, weight)
            widths[j] = max(widths[j], w + 2 * CELL_PAD + 2)
    return sum(widths) / 72.0


# ---------------------------------------------------------------- org charts
def chart_slide(story: Story, k: int) -> Slide:
    """One design's org chart over the whole content area."""
    lang = story.lang
    d = story.designs[k]
    note = [fold_note(story, k, "chart"), " ".join(hops_key_label(d.chart_analysis, lang).split())]
    note.append(" ".join(flagged_label(d.chart_analysis, lang).split()))
    return Slide(
        "chart",
        T.text(lang, "deck.slide.chart", name=d.name),
        summary_text(d.analysis, lang),
        diagrams=[Diagram("chart", k, story.page.content)],
        note=" · ".join(p for p in note if p),
    )


# ---------------------------------------------------------------- what changes
def _names(org) -> dict:
    t = org.units
    return {i: (n if isinstance(n, str) and n.strip() else i) for i, n in zip(t["id"], t["name"], strict=True)}


def _rings(a) -> dict:
    ids = a.org.units["id"].to_numpy(dtype=object)
    return {i: (int(r) if ok else None) for i, r, ok in zip(ids, a.ring, a.reachable, strict=True)}


def _weights(a) -> dict:
    return dict(zip(a.org.units["id"].to_numpy(dtype=object), a.weights.tolist(), strict=True))


def changes_slide(story: Story) -> Slide:
    """The diff as a table (largest units first), and B's orbit view with the moved and new units ringed."""
    lang, c = story.lang, story.page.content
    A, B = story.designs
    cmp = compare(A.org, B.org, story.max_hops, story.via)
    names = {**_names(A.org), **_names(B.org)}
    ring_a, ring_b = _rings(A.analysis), _rings(B.analysis)
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
    rows = [
        [
            str(names.get(uid, uid)),
            ", ".join(T.text(lang, f"deck.changes.{what}") for what in changes[uid]),
            where(uid, ring_a, parent_a),
            where(uid, ring_b, parent_b),
        ]
        for uid in order
    ]
    summary = T.text(
        lang,
        "deck.changes.summary",
        added=T.number(len(cmp.added), lang),
        removed=T.number(len(cmp.removed), lang),
        moved=T.number(len(cmp.moved), lang),
        reparented=T.number(len(cmp.reparented), lang),
    )
    width = c.width * 0.55
    frame = Frame(c.left, c.top, width, c.height)
    header = [T.text(lang, f"deck.changes.{k}") for k in ("unit", "change", "before", "after")]
    if changes:
        table = Table(header, rows, frame, "llll", more="deck.more_rows", lang=lang)
    else:
        table = Table([""], [[T.text(lang, "deck.changes.none")]], frame, "l", lang=lang)
    layout_table(table)
    moved = tuple(uid for uid in order if uid in ring_b and ("moved" in changes[uid] or "added" in changes[uid]))
    view = Frame(c.left + width + _GAP, c.top, c.width - width - _GAP, c.height)
    caption = T.text(lang, "deck.changes.view", name=B.name)
    diagram = _side_by_side(story, view, [caption], "changes")[0]
    diagram.design, diagram.emphasis, diagram.labels = 1, moved, "marked"
    return Slide("changes", T.text(lang, "deck.slide.changes"), summary, diagrams=[diagram], tables=[table])


# ---------------------------------------------------------------- journeys
def _journey_rows(a) -> dict:
    out = {}
    for r in a.journeys.itertuples(index=False):
        detour = None if pd.isna(r.detour_hops) else int(r.detour_hops)  # <NA>: a step without a path
        out[r.name] = {
            "handoffs": int(r.handoffs),
            "boundary_crossings": int(r.boundary_crossings),
            "detour_hops": detour,
        }
    return out


def _journey_value(v, lang: str) -> str:
    return "–" if v is None or v == "missing" else T.number(v, lang)


def journeys_slide(story: Story, chosen: str | None) -> Slide:
    """Hand-offs, boundary crossings and detours of every journey (before → after), the chosen one drawn."""
    lang, c = story.lang, story.page.content
    pair = len(story.designs) == 2
    tables = [_journey_rows(d.analysis) for d in story.designs]
    names = list(dict.fromkeys(n for t in tables for n in t))
    header = [T.text(lang, f"deck.journeys.{k}") for k in ("journey", "handoffs", "crossings", "detours")]
    rows, tones = [], []
    for name in names:
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
    help_text = T.text(lang, "deck.journeys.help")
    table = Table(header, rows, Frame(0, 0, 0, 0), "lrrr", tones, note=help_text, more="deck.more_journeys", lang=lang)
    captions, steps = [], []
    for d in story.designs:
        found = next((tuple(j.steps) for j in d.orbit_org.journeys if j.name == chosen), ())
        captions.append(d.name if found else f"{d.name}: {T.text(lang, 'deck.journeys.missing')}")
        steps.append(found)
    # the table beside the views, or above them when that leaves the views more room
    count = len(story.designs)
    width = min(max(_natural_width(table, 10.0), 3.0), c.width * (0.4 if pair else 0.45))
    table.frame = Frame(c.left, c.top, c.width, c.height)
    above = layout_table(table).used_height / 72.0 + _GAP
    beside = min((c.width - width - _GAP - _GAP * (count - 1)) / count, c.height - 0.5)
    on_top = min((c.width - _GAP * (count - 1)) / count, c.height - above - 0.5)
    if on_top > beside:
        table.frame = Frame(c.left, c.top, c.width, above - _GAP)
        views = Frame(c.left, c.top + above, c.width, c.height - above)
    else:
        table.frame = Frame(c.left, c.top, width, c.height)
        views = Frame(c.left + width + _GAP, c.top, c.width - width - _GAP, c.height)
    layout_table(table)
    diagrams = _side_by_side(story, views, captions, "journeys", journey=steps)
    subtitle = T.text(lang, "deck.journeys.shown", name=chosen) if chosen else ""
    return Slide("journeys", T.text(lang, "deck.slide.journeys"), subtitle, diagrams=diagrams, tables=[table])


# ---------------------------------------------------------------- design checks
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


def check_counts(findings, lang: str) -> str:
    """``0 errors · 10 warnings · 0 notes``."""
    n = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    return T.text(lang, "deck.checks.counts", errors=n["error"], warnings=n["warning"], infos=n["info"])


def _findings_table(story: Story, k: int, findings, frame: Frame, caption: str) -> Table:
    lang = story.lang
    d = story.designs[k]
    names = _names(d.org)
    if not findings:
        return layout_table(Table([""], [[T.text(lang, "deck.checks.none")]], frame, "l", caption=caption, lang=lang))
    rows, tones = [], []
    for f in findings:
        message = format_message(f.key, _named(f.detail, names), lang) if f.key else f.message
        rows.append([T.text(lang, f"deck.checks.{f.severity}"), T.text(lang, f"check.{f.rule}.title"), message])
        tones.append([f.severity, None, None])
    header = [T.text(lang, f"deck.checks.{k}") for k in ("severity", "check", "finding")]
    table = Table(
        header, rows, frame, "lll", tones, caption=caption, more="deck.more_findings", readable=9.0, lang=lang
    )
    return layout_table(table)


def checks_slide(story: Story) -> Slide:
    """The findings by severity, with names: of B next to A's when there are two designs."""
    lang, c = story.lang, story.page.content
    found = [run_checks(d.org, d.analysis, lang=lang) for d in story.designs]
    if len(story.designs) == 1:
        table = _findings_table(story, 0, found[0], c, "")
        d = story.designs[0]
        return Slide(
            "checks", T.text(lang, "deck.slide.checks", name=d.name), check_counts(found[0], lang), tables=[table]
        )
    width = (c.width - _GAP) / 2
    tables = []
    for k, d in enumerate(story.designs):
        frame = Frame(c.left + k * (width + _GAP), c.top, width, c.height)
        caption = T.text(lang, "deck.checks.caption", name=d.name, counts=check_counts(found[k], lang))
        tables.append(_findings_table(story, k, found[k], frame, caption))
    n = [{s: T.number(sum(f.severity == s for f in fs), lang) for s in ("error", "warning", "info")} for fs in found]
    subtitle = T.text(lang, "deck.checks.counts", **{k: f"{n[0][s]} → {n[1][s]}" for k, s in _SEVERITY_KEYS.items()})
    return Slide("checks", T.text(lang, "deck.slide.checks.pair"), subtitle, tables=tables)


_SEVERITY_KEYS = {"errors": "error", "warnings": "warning", "infos": "info"}
