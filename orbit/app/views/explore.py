"""The Explore tab: both diagrams side by side, unit search, a journey, the selected unit's detail."""

from __future__ import annotations

import streamlit as st

from ...i18n import Translator
from .. import display, loading, state
from . import Page, widgets

ss = st.session_state


def show(page: Page) -> None:
    tr, design, org, a, progress = page.tr, page.design, page.org, page.a, page.progress
    view_org, view_a, view_key = org, a, design.key
    big = len(org) >= loading.BIG_ORG
    if big:
        depth = st.select_slider(
            tr("sidebar.aggregate"),
            options=[0, 2, 3, 4, 5, 6],
            value=0,
            format_func=lambda d: tr("sidebar.aggregate.off") if d == 0 else str(d),
            key="agg_depth",
            help=tr("sidebar.aggregate.help"),
        )
        if depth:
            folded = loading.aggregated(org, depth, ss.expand)
            if folded is not None:
                view_org = folded
                view_key = f"{design.key}|depth{depth}|{'|'.join(sorted(ss.expand))}"
                view_a = loading.analysis_of(view_key, view_org, ss.max_hops, ss.via)
        st.caption(tr("sidebar.big", units=tr.number(len(org))))

    ids, labels = display.unit_options(view_a)
    if ss.selected not in labels:
        ss.selected = None
    ss.search = ss.selected
    journeys = [j.name for j in view_org.journeys]
    if ss.journey not in journeys:
        ss.journey = None
    ss.journey_explore = ss.journey or ""

    c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
    c1.selectbox(
        tr("explore.search"),
        ids,
        index=None,
        format_func=labels.get,
        placeholder=tr("explore.search.placeholder"),
        key="search",
        on_change=state.on_search,
        help=tr("explore.search.help"),
    )
    c2.selectbox(
        tr("explore.journey"),
        ["", *journeys],
        format_func=lambda j: j or tr("explore.journey.none"),
        key="journey_explore",
        on_change=state.sync_choice,
        args=("journey", "journey_explore"),
        help=tr("explore.journey.help"),
        disabled=not journeys,
    )
    c3.button(tr("explore.clear"), on_click=state.clear_selection, disabled=ss.selected is None, width="stretch")

    journey_steps = journey_departments = None
    if ss.journey:
        row = view_a.journeys.loc[view_a.journeys["name"] == ss.journey].iloc[0]
        journey_steps, journey_departments = list(row["steps"]), list(row["departments"])

    colours = loading.colours_for(view_a)
    customer = display.customer_label(view_org, tr)
    text = tr.figure_text()
    with progress.stage("layout", widgets.heavy(view_org, "layout", view_key, ss.via)):
        pos = loading.orbit_positions(view_key, view_org, ss.via)
        hpos = loading.hierarchy_positions(view_key, view_org)
    common = dict(selected=ss.selected, journey=journey_steps, customer_label=customer, text=text, height=680)
    with progress.stage(
        "drawing", widgets.heavy(view_org, "draw", view_key, view_a.max_hops, ss.via, ss.selected, ss.journey, tr.lang)
    ):
        orbit_fig = loading.figure("orbit", view_key, view_a, pos, colours, **common)
        tree_fig = loading.figure(
            "hierarchy", view_key, view_a, hpos, colours, journey_departments=journey_departments, **common
        )

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('explore.orbit')}**")
        st.plotly_chart(
            orbit_fig,
            key="orbit_chart",
            on_select=lambda: state.on_clicked("orbit_chart"),
            selection_mode="points",
            config=widgets.CHART_CONFIG,
            width="stretch",
        )
    with right:
        st.markdown(f"**{tr('explore.tree')}**")
        st.plotly_chart(
            tree_fig,
            key="tree_chart",
            on_select=lambda: state.on_clicked("tree_chart"),
            selection_mode="points",
            config=widgets.CHART_CONFIG,
            width="stretch",
        )
    if ss.selected:
        detail_panel(tr, view_a, ss.selected, customer, view_org)
    else:
        with st.container(border=True):
            st.markdown(f"**{tr('explore.how.title')}**")
            st.markdown(tr("explore.how", customer=display.md_escape(customer), n=view_a.max_hops))


def detail_panel(tr: Translator, a, unit_id: str, customer: str, org) -> None:
    info = display.unit_detail(a, unit_id, tr, customer)
    icons = {
        "error": ":material/flag:",
        "warning": ":material/wrong_location:",
        "ok": ":material/check_circle:",
        "info": ":material/handshake:",
    }
    show = {"error": st.error, "warning": st.warning, "ok": st.success, "info": st.info}
    with st.container(border=True, key="detail_panel"):
        head, facts, path = st.columns([1.3, 1, 1.3])
        with head:
            st.caption(tr("detail.title"))
            st.subheader(display.md_escape(info["name"]), anchor=False)
            for kind, note in info["notes"]:
                show[kind](note, icon=icons[kind])
        facts.markdown("\n".join(f"- **{label}**: {display.md_escape(value)}" for label, value in info["facts"]))
        with path:
            if info["path"]:
                st.markdown(f"**{tr('detail.path')}**")
                st.markdown("  \n".join(f"{k}. {display.md_escape(p)}" for k, p in enumerate(info["path"])))
            members = org.unit(unit_id).get("units") if "units" in org.units.columns else None
            label = f"{display.md_escape(info['name'])} ({members})"
            if (
                members
                and members > 1
                and unit_id not in ss.expand
                and st.button(label, key="drill", icon=":material/unfold_more:")
            ):
                ss.expand = [*ss.expand, unit_id]
                st.rerun()
            st.button(tr("explore.clear"), on_click=state.clear_selection, key="clear_detail", icon=":material/close:")
