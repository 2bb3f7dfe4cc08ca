"""Presenter mode: full-screen diagrams for the projector, stepped with the keyboard.

The steps tell the workshop's story: **today** (the design open, or the
classic half of a pair), **the proposal**, **what moved** (both orbit views,
the moved units ringed in orange) and **the journeys** (before and after,
hand-offs counted on the diagrams). Without a second design the steps are
today and its journeys. Arrow keys, Page Up/Down, space, Home and End step
(:mod:`orbit.app.client` sends the keys); Escape ends. The sidebar, the
toolbar and the tabs are hidden and the type is large.
"""

from __future__ import annotations

import streamlit as st

from ...i18n import Translator
from .. import diagrams, display, loading, state
from . import Page, widgets
from .explore import journey_of

ss = st.session_state

STEPS = ("today", "proposal", "moved", "journeys")
"""The presentation's steps, in order (a design without a partner shows today and journeys)."""

_STYLE = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"] {display: none;}
[data-testid="stMainBlockContainer"] {padding: 0.6rem 1.2rem 0 1.2rem; max-width: 100%;}
.st-key-present_head h1 {font-size: 2.1rem; margin: 0; padding: 0;}
.st-key-present_head p {font-size: 1.3rem;}
</style>
"""


def open_presenter() -> None:
    """The header's button: start at the first step."""
    ss.presenting = True
    ss.present_step = 0


def steps_for(has_pair: bool) -> list[str]:
    """The steps shown: all four with a second design, else today and the journeys.

    >>> steps_for(False)
    ['today', 'journeys']
    """
    return list(STEPS) if has_pair else ["today", "journeys"]


def step_to(where: str, count: int) -> None:
    """Move to the next, previous, first or last step, or end the presentation (``exit``)."""
    if where == "exit":
        ss.presenting = False
        return
    k = int(ss.get("present_step", 0))
    k = {"next": k + 1, "prev": k - 1, "first": 0, "last": count - 1}.get(where, k)
    ss.present_step = min(max(k, 0), count - 1)


def _on_key(count: int) -> None:
    result = ss.get("present_client")
    key = result.get("key") if result else None
    if isinstance(key, dict) and key.get("key"):
        step_to(key["key"], count)


def pair_of(page: Page):
    """Today and the proposal: the open design's counterpart or original, when there is one."""
    ids = list(ss.designs)
    bases = {i: d.base for i, d in ss.designs.items()}
    a_id, b_id = state.compare_defaults(ss.current, ids, bases)
    if a_id == b_id:
        return page.design, None
    return ss.designs[a_id], ss.designs[b_id]


def show(page: Page) -> None:
    tr, progress = page.tr, page.progress
    st.html(_STYLE)
    da, db = pair_of(page)
    steps = steps_for(db is not None)
    k = min(int(ss.get("present_step", 0)), len(steps) - 1)
    step = steps[k]
    org_a, a = widgets.prepared(da, tr, progress)
    org_b, b = widgets.prepared(db, tr, progress) if db is not None else (None, None)
    height, col_px = display.diagram_size(ss.get("viewport"), columns=2, presenter=True)
    height -= 90  # the step's title and sentence
    with st.container(key="present_head"):
        head, nav = st.columns([4, 3], vertical_alignment="center")
        head.title(tr(f"present.step.{step}"), anchor=False)
        c1, c2, c3 = nav.columns(3)
        c1.button(
            tr("present.prev"),
            key="present_prev",
            on_click=step_to,
            args=("prev", len(steps)),
            disabled=k == 0,
            width="stretch",
            icon=":material/arrow_back:",
        )
        c2.button(
            tr("present.next"),
            key="present_next",
            on_click=step_to,
            args=("next", len(steps)),
            disabled=k == len(steps) - 1,
            width="stretch",
            icon=":material/arrow_forward:",
        )
        c3.button(
            tr("present.exit"),
            key="present_exit",
            on_click=step_to,
            args=("exit", len(steps)),
            width="stretch",
            icon=":material/close:",
        )
        sentence = _sentence(tr, step, da, a, db, b)
        st.markdown(
            sentence + f" &nbsp; <span style='color:#888;font-size:0.9rem'>"
            f"{tr('present.of', k=k + 1, n=len(steps))} · {tr('present.keys')}</span>",
            unsafe_allow_html=True,
        )
    colours = loading.colours_for(a, b) if b is not None else loading.colours_for(a)
    charts = []
    if step in ("today", "proposal"):
        d, org, x = (da, org_a, a) if step == "today" else (db, org_b, b)
        charts = _pair_of_views(tr, d, org, x, colours, height, col_px)
    elif step == "moved":
        c = loading.comparison_of(da.key, org_a, db.key, org_b, ss.max_hops, ss.via)
        moved = [m["id"] for m in c.moved]
        charts = _orbits(
            tr,
            (da, org_a, a, ()),
            (db, org_b, b, moved),
            colours=colours,
            height=height,
            col_px=col_px,
            journey=None,
        )
    else:
        journeys = [j.name for j in org_a.journeys]
        if db is not None:
            journeys = [j for j in journeys if j in {x.name for x in org_b.journeys}]
        if not journeys:
            st.info(tr("present.no_journey"))
        else:
            name = ss.journey if ss.journey in journeys else journeys[0]
            sides = [(da, org_a, a, ())] + ([(db, org_b, b, ())] if db is not None else [])
            charts = _orbits(tr, *sides, colours=colours, height=height, col_px=col_px, journey=name)
    display.department_key(b if step == "proposal" and b is not None else a, colours, tr)
    widgets.page_script(charts, keys=True, on_key=lambda: _on_key(len(steps)), key="present_client")


def _sentence(tr: Translator, step: str, da, a, db, b) -> str:
    def line(d, x):
        s = x.summary
        return tr(
            "present.today",
            name=display.md_escape(d.title),
            share=tr.percent(s["share_within_max_hops"]),
            n=x.max_hops,
            hops=tr.number(s["mean_hops"], 1),
        )

    if step == "today":
        return line(da, a)
    if step == "proposal" and b is not None:
        return display.headline(a, b, tr, db.title)
    if step == "moved" and b is not None:
        c = loading.comparison_of(da.key, a.org, db.key, b.org, ss.max_hops, ss.via)
        return tr("present.moved", count=tr.number(len(c.moved)))
    return line(db, b) if b is not None else line(da, a)


def _pair_of_views(tr, d, org, x, colours, height, col_px) -> list:
    pos = diagrams.orbit_positions(d.key, org, x)
    hpos = diagrams.chart_positions(d.key, org)
    o_opts, t_opts = widgets.diagram_options(tr, org, height, col_px)
    ofig = diagrams.orbit_chart(d.key, x, pos, colours, **o_opts)
    tfig = diagrams.org_chart(d.key, x, hpos, colours, **t_opts)
    left, right = st.columns(2)
    for col, box, fig, chart in ((left, "pbox_orbit", ofig, "p_orbit"), (right, "pbox_tree", tfig, "p_tree")):
        with col, st.container(key=box):
            st.plotly_chart(fig, key=chart, config=widgets.chart_config(chart == "p_tree"), width="stretch")
    return [("pbox_orbit", "orbit", x, pos, ofig, o_opts), ("pbox_tree", "hierarchy", x, hpos, tfig, t_opts)]


def _orbits(tr, *sides, colours, height, col_px, journey) -> list:
    """Orbit views side by side (the second keeps the first's angular order), moved units or a journey on them."""
    cols = st.columns(len(sides))
    out = []
    ref = ref_key = None
    for i, ((d, org, x, moved), col) in enumerate(zip(sides, cols, strict=True)):
        pos = diagrams.orbit_positions(d.key, org, x, reference=ref, reference_key=ref_key)
        key = d.key if ref is None else f"{d.key}|ref{ref_key}"
        ref, ref_key = (pos, d.key) if ref is None else (ref, ref_key)
        steps = note = None
        if journey:
            steps, _, note = journey_of(x, journey, tr)
        opts, _ = widgets.diagram_options(tr, org, height, col_px, journey=steps, note=note, highlight=moved)
        fig = diagrams.orbit_chart(key, x, pos, colours, **opts)
        box = f"pbox_side{i}"
        with col:
            st.markdown(f"**{display.md_escape(d.title)}**")
            with st.container(key=box):
                st.plotly_chart(fig, key=f"p_side{i}", config=widgets.chart_config(), width="stretch")
        out.append((box, "orbit", x, pos, fig, opts))
    return out
