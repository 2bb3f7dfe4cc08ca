"""The Compare tab: two designs' key figures, both orbit views alike, what changes, the one-page PDF."""

from __future__ import annotations

import streamlit as st

from .. import display, downloads, loading, state
from . import Page, widgets

ss = st.session_state


def show(page: Page) -> None:
    tr, progress = page.tr, page.progress
    ids = list(ss.designs)
    bases = {i: d.base for i, d in ss.designs.items()}
    if ss.get("compare_for") != ss.current or ss.get("cmp_a") not in ids or ss.get("cmp_b") not in ids:
        ss.cmp_a, ss.cmp_b = state.compare_defaults(ss.current, ids, bases)
        ss.compare_for = ss.current
    st.subheader(tr("compare.title"), anchor=False)
    st.caption(tr("compare.intro"))
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
    st.markdown(
        f"**{tr('compare.metrics')}**: {display.md_escape(db.title)} ({tr('compare.b')}) "
        f"{tr('compare.against')} {display.md_escape(da.title)} ({tr('compare.a')})"
    )
    widgets.metric_cards(tr, c.b, compare_with=c.a)

    colours = loading.colours_for(c.a, c.b)
    with progress.stage("layout", widgets.heavy(bigger, "layout-compare", da.key, db.key, ss.via)):
        pos_a = loading.orbit_positions(da.key, org_a, ss.via)
        pos_b = loading.orbit_positions(db.key, org_b, ss.via, reference=pos_a, reference_key=da.key)
    text = tr.figure_text()
    figs = [
        loading.figure(
            "orbit",
            key,
            a,
            pos,
            colours,
            customer_label=display.customer_label(a.org, tr),
            text=text,
            height=560,
            selected=ss.selected,
            legend_columns=2,
        )
        for a, pos, key in ((c.a, pos_a, da.key), (c.b, pos_b, f"{db.key}|ref{da.key}"))
    ]
    loading.equal_plot_areas(figs, columns=2)
    left, right = st.columns(2)
    for col, d, fig, chart in ((left, da, figs[0], "cmp_chart_a"), (right, db, figs[1], "cmp_chart_b")):
        with col:
            role = tr("compare.a") if d is da else tr("compare.b")
            st.markdown(f"**{role}: {display.md_escape(d.title)}**")
            st.plotly_chart(
                fig,
                config=widgets.CHART_CONFIG,
                width="stretch",
                key=chart,
                on_select=lambda k=chart: state.on_clicked(k),
                selection_mode="points",
            )

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
