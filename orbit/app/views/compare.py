"""The Compare tab as a story: a headline, key figures, both orbit views alike, what moved, journeys before and after.

Both designs are coloured by department id with one key below both
diagrams (:func:`orbit.app.loading.colours_for` of both analyses); the
proposal keeps today's angular order, rings the units that moved in orange,
and a click on a unit in either design selects it in both (the selection is
an overlay, :mod:`orbit.app.client`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ...model import CUSTOMER
from .. import diagrams, display, downloads, loading, state
from . import Page, widgets
from .explore import journey_of

ss = st.session_state

BOXES = ("cmp_box_a", "cmp_box_b")


def journey_table(c, tr) -> pd.DataFrame:
    """Journeys of both designs (matched by name): hand-offs, crossings and detours, before → after (change)."""
    ja = c.a.journeys.set_index("name") if len(c.a.journeys) else pd.DataFrame()
    jb = c.b.journeys.set_index("name") if len(c.b.journeys) else pd.DataFrame()
    names = [n for n in ja.index if n in jb.index] if len(ja) and len(jb) else []
    rows = []
    for name in names:
        row = {tr("story.col.journey"): name}
        for col, key in (
            ("handoffs", "story.col.handoffs"),
            ("boundary_crossings", "story.col.crossings"),
            ("detour_hops", "story.col.detours"),
        ):
            va, vb = ja.at[name, col], jb.at[name, col]
            va = 0 if va is None or va != va else int(va)
            vb = 0 if vb is None or vb != vb else int(vb)
            row[tr(key)] = tr("story.cell", a=va, b=vb, delta=tr.signed(vb - va))
        rows.append(row)
    return pd.DataFrame(rows)


def on_pick() -> None:
    picked = widgets.picked()
    if picked:
        ss.selected = picked


def show(page: Page) -> None:
    tr, progress = page.tr, page.progress
    ids = list(ss.designs)
    bases = {i: d.base for i, d in ss.designs.items()}
    if ss.get("compare_for") != ss.current or ss.get("cmp_a") not in ids or ss.get("cmp_b") not in ids:
        ss.cmp_a, ss.cmp_b = state.compare_defaults(ss.current, ids, bases)
        ss.compare_for = ss.current
    c1, c2 = st.columns(2)
    label = {i: display.design_label(d, tr) for i, d in ss.designs.items()}.__getitem__
    c1.selectbox(tr("compare.a"), ids, format_func=label, key="cmp_a")
    c2.selectbox(tr("compare.b"), ids, format_func=label, key="cmp_b")
    if ss.cmp_a == ss.cmp_b:
        st.info(tr("compare.same"))
        return
    da, db = ss.designs[ss.cmp_a], ss.designs[ss.cmp_b]
    org_a, org_b = widgets.loaded(da, tr, progress), widgets.loaded(db, tr, progress)
    bigger = org_a if len(org_a) >= len(org_b) else org_b
    with progress.stage("comparing", widgets.heavy(bigger, "compare", da.key, db.key, ss.max_hops, ss.via)):
        c = loading.comparison_of(da.key, org_a, db.key, org_b, ss.max_hops, ss.via)
    st.subheader(display.headline(c.a, c.b, tr, db.title), anchor=False)
    widgets.metric_cards(tr, c.b, compare_with=c.a, per_row=4)

    colours = loading.colours_for(c.a, c.b)
    with progress.stage("layout", widgets.heavy(bigger, "layout-compare", da.key, db.key, ss.via)):
        pos_a = diagrams.orbit_positions(da.key, org_a, c.a)
        pos_b = diagrams.orbit_positions(db.key, org_b, c.b, reference=pos_a, reference_key=da.key)
    moved = [m["id"] for m in c.moved]
    height, col_px = display.diagram_size(ss.get("viewport"), columns=2, above=120)
    height = min(height, col_px + 16)  # square orbit views: no white above and below
    common = [j for j in c.a.journeys["name"] if j in set(c.b.journeys["name"])] if len(c.a.journeys) else []
    if ss.get("cmp_journey") not in ["", *common]:
        ss.cmp_journey = ""
    st.selectbox(
        tr("explore.journey"),
        ["", *common],
        format_func=lambda j: j or tr("explore.journey.none"),
        key="cmp_journey",
        help=tr("explore.journey.help"),
        disabled=not common,
    )
    charts = []
    left, right = st.columns(2)
    for col, d, x, pos, key, box, highlight in (
        (left, da, c.a, pos_a, da.key, BOXES[0], ()),
        (right, db, c.b, pos_b, f"{db.key}|ref{da.key}", BOXES[1], moved),
    ):
        steps = note = None
        if ss.cmp_journey:
            steps, _, note = journey_of(x, ss.cmp_journey, tr)
        opts, _ = widgets.diagram_options(tr, x.org, height, col_px, highlight=highlight, journey=steps, note=note)
        fig = diagrams.orbit_chart(key, x, pos, colours, **opts)
        with col:
            role = tr("compare.a") if d is da else tr("compare.b")
            st.markdown(f"**{role}: {display.md_escape(d.title)}**")
            with st.container(key=box):
                st.plotly_chart(fig, config=widgets.chart_config(), width="stretch", key=f"cmp_chart_{box[-1]}")
        charts.append((box, "orbit", x, pos, fig, opts))
    display.department_key(
        [c.b, c.a],
        colours,
        tr,
        extra=[
            ("<span style='color:#EE7733;font-size:1.1em'>◯</span>", tr("story.key.moved")),
            ("<span style='color:#882255;font-size:1.1em'>◆</span>", tr("story.key.flagged", n=c.a.max_hops)),
        ],
        limit=30,
    )
    selection(tr, c, charts)

    if moved:
        st.caption(tr("story.moved", count=tr.number(len(moved))))
    st.markdown(f"**{tr('story.journeys')}**")
    table = journey_table(c, tr)
    if len(table):
        st.dataframe(table, hide_index=True, width="stretch")
    else:
        st.caption(tr("story.journeys.none"))
    st.markdown(f"**{tr('compare.diff')}**")
    if len(c.added) + len(c.removed) + len(c.moved) + len(c.reparented):
        st.caption(
            tr(
                "compare.diff.summary",
                added=len(c.added),
                removed=len(c.removed),
                moved=len(c.moved),
                reparented=len(c.reparented),
            )
        )
        st.dataframe(display.diff_table(c, tr), hide_index=True, width="stretch", height=360)
    else:
        st.success(tr("compare.diff.none"))
    st.download_button(
        tr("compare.pdf"),
        lambda lang=tr.lang: downloads.comparison_pdf(c, lang),
        file_name=f"{downloads.safe_filename(da.title)}-vs-{downloads.safe_filename(db.title)}.pdf",
        mime=downloads.MIME["pdf"],
        key="dl_compare_pdf",
        on_click="ignore",
    )


@st.fragment
def selection(tr, c, charts) -> None:
    """A unit selected in either design, shown in both (a unit only one design has: said so)."""
    widgets.page_script(charts, on_pick=on_pick, groups=[[b for b, *_ in charts]], key="compare_client")
    unit = ss.get("selected")
    if unit and unit != CUSTOMER:
        missing = [x for x in (c.a, c.b) if unit not in set(x.units["id"])]
        names = dict(zip(c.a.units["id"], c.a.units["name"], strict=True)) | dict(
            zip(c.b.units["id"], c.b.units["name"], strict=True)
        )
        name = names.get(unit) if isinstance(names.get(unit), str) else unit
        if missing:
            st.caption(tr("story.missing", name=display.md_escape(name)))
    else:
        st.caption(":material/touch_app: " + tr("story.click"))
    state.show_in_url()
