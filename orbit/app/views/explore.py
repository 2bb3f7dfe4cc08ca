"""The Explore tab: both diagrams side by side, a journey, and below them the unit search and the selection's detail.

The diagrams are drawn once per design, N, relations, language, size and
journey (:mod:`orbit.app.diagrams`); selecting a unit (a click in either
diagram, or the search) reruns only :func:`selection_panel`, a fragment
that sends the selection's overlay to the page (:mod:`orbit.app.client`)
and shows the detail: at 20,000 units it answers in well under a second.
Designs of :data:`orbit.app.diagrams.FOLD_FROM` units or more open folded
into departments, with drill-down and a way to open everything.
"""

from __future__ import annotations

import streamlit as st

from ...i18n import Translator
from ...model import CUSTOMER
from .. import diagrams, display, loading, state
from . import Page, widgets

ss = st.session_state

BOXES = ("box_orbit", "box_tree")
"""The containers of the two diagrams (the page finds the charts by them)."""


def folding(page: Page):
    """The organisation the diagrams show: folded into departments when it is too big to read, else as it is."""
    tr, design, org, a = page.tr, page.design, page.org, page.a
    if len(org) < loading.BIG_ORG:
        return org, a, design.key
    default = diagrams.default_depth(org)
    if ss.get("agg_for") != design.key:
        ss.agg_for, ss.agg_depth, ss.expand = design.key, default, []
    depth = ss.agg_depth
    view_org, view_a, view_key = org, a, design.key
    if depth:
        folded = loading.aggregated(org, depth, ss.expand)
        if folded is not None:
            view_org = folded
            view_key = f"{design.key}|depth{depth}|{'|'.join(sorted(ss.expand))}"
            view_a = loading.folded_analysis_of(view_key, view_org, a)
    left, right = st.columns([4, 1], vertical_alignment="center")
    if depth:
        left.info(
            tr("fold.note", units=tr.number(len(org)), shown=tr.number(len(view_org)), depth=depth),
            icon=":material/unfold_less:",
        )
        right.button(tr("fold.all"), key="fold_all", on_click=_set_depth, args=(0,), width="stretch")
    else:
        left.caption(tr("sidebar.big", units=tr.number(len(org))))
        right.button(tr("fold.back"), key="fold_back", on_click=_set_depth, args=(max(default, 2),), width="stretch")
    return view_org, view_a, view_key


def _set_depth(depth: int) -> None:
    ss.agg_depth = depth
    ss.expand = []


def journey_picker(tr: Translator, view_org, view_a):
    """The journey picker (beside the orbit view's title); returns the journey's steps, departments and note."""
    journeys = [j.name for j in view_org.journeys]
    if ss.journey not in journeys:
        ss.journey = None
    ss.journey_explore = ss.journey or ""
    st.selectbox(
        tr("explore.journey"),
        ["", *journeys],
        format_func=lambda j: j or tr("explore.journey.none"),
        key="journey_explore",
        on_change=state.sync_choice,
        args=("journey", "journey_explore"),
        help=tr("explore.journey.help"),
        disabled=not journeys,
        label_visibility="collapsed",
    )
    if not ss.journey:
        return None, None, None
    return journey_of(view_a, ss.journey, tr)


def journey_of(a, name: str, tr: Translator):
    """A journey's steps, the departments it crosses and its note (hand-offs, crossings, detours)."""
    row = a.journeys.loc[a.journeys["name"] == name].iloc[0]
    detour = row["detour_hops"]
    note = tr(
        "explore.journey.note",
        name=name,
        steps=len(row["steps"]),
        handoffs=int(row["handoffs"]),
        crossings=int(row["boundary_crossings"]),
        detours=0 if detour is None or detour != detour else int(detour),
    )
    return list(row["steps"]), list(row["departments"]), note


def show(page: Page) -> None:
    tr, progress = page.tr, page.progress
    view_org, view_a, view_key = folding(page)
    t1, t2, t3 = st.columns([1.25, 0.75, 2], vertical_alignment="center")
    t1.markdown(f"**{tr('explore.orbit.short')}**")
    with t2:
        steps, departments, note = journey_picker(tr, view_org, view_a)
    t3.markdown(
        f"**{tr('explore.tree.short')}** &nbsp; <span style='color:#888;font-size:0.85rem'>{tr('explore.hint')}</span>",
        unsafe_allow_html=True,
    )
    height, col_px = display.diagram_size(ss.get("viewport"), columns=2)
    colours = loading.colours_for(view_a)
    customer = display.customer_label(view_org, tr)
    with progress.stage("layout", widgets.heavy(view_org, "layout", view_key, ss.via)):
        pos = diagrams.orbit_positions(view_key, view_org, view_a)
        hpos = diagrams.chart_positions(view_key, view_org)
    orbit_opts, tree_opts = widgets.diagram_options(
        tr, view_org, height, col_px, journey=steps, departments=departments, note=note
    )
    drawn_n = diagrams.figure_n(view_a, orbit_opts)  # a big design's figures are the same for every N
    with progress.stage("drawing", widgets.heavy(view_org, "draw", view_key, drawn_n, ss.via, ss.journey, tr.lang)):
        orbit_fig = diagrams.orbit_chart(view_key, view_a, pos, colours, **orbit_opts)
        tree_fig = diagrams.org_chart(view_key, view_a, hpos, colours, **tree_opts)
    left, right = st.columns(2)
    for col, box, fig, chart in ((left, BOXES[0], orbit_fig, "orbit_chart"), (right, BOXES[1], tree_fig, "tree_chart")):
        with col, st.container(key=box):
            st.plotly_chart(fig, key=chart, config=widgets.chart_config(chart == "tree_chart"), width="stretch")
    display.department_key(view_a, colours, tr)
    charts = [
        (BOXES[0], "orbit", view_a, pos, orbit_fig, orbit_opts),
        (BOXES[1], "hierarchy", view_a, hpos, tree_fig, tree_opts),
    ]
    selection_panel(tr, view_a, view_org, customer, charts)


def on_pick() -> None:
    """A click in a diagram (from the page script): select the unit, or the customer."""
    picked = widgets.picked()
    if picked:
        ss.selected = picked


@st.fragment
def selection_panel(tr: Translator, a, org, customer: str, charts: list) -> None:
    """The unit search, the selection's overlay on both diagrams and its detail; reruns alone on a selection."""
    ids, labels = display.unit_options(a)
    if ss.selected not in labels and ss.selected != CUSTOMER:
        ss.selected = None
    ss.search = ss.selected if ss.selected in labels else None
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    with c1:
        search_box(tr, ids, labels)
    c2.button(tr("explore.clear"), on_click=state.clear_selection, disabled=ss.selected is None, width="stretch")
    widgets.page_script(charts, on_pick=on_pick)
    if ss.selected == CUSTOMER:
        touchpoints_panel(tr, a, customer)
    elif ss.selected:
        detail_panel(tr, a, ss.selected, customer, org)
    else:
        with st.container(border=True):
            st.markdown(f"**{tr('explore.how.title')}**")
            st.markdown(tr("explore.how", customer=display.md_escape(customer), n=a.max_hops))
    state.show_in_url()


SEARCH_LIST_UP_TO = 2000
"""Up to this many units the search is a list to pick from; beyond, a text box with the best matches
(a list of 20,000 names would be sent to the browser on every selection)."""


def search_box(tr: Translator, ids: list, labels: dict) -> None:
    """Find a unit by name: a list to type into, or for big designs a text box and its best matches."""
    if len(ids) <= SEARCH_LIST_UP_TO:
        st.selectbox(
            tr("explore.search"),
            ids,
            index=None,
            format_func=labels.get,
            placeholder=tr("explore.search.placeholder"),
            key="search",
            on_change=state.on_search,
            help=tr("explore.search.help"),
        )
        return
    st.text_input(
        tr("explore.search"),
        key="search_text",
        placeholder=tr("explore.search.placeholder"),
        help=tr("explore.search.help"),
        on_change=_on_search_text,
        args=(labels,),
    )
    hits = display.search_units(labels, ss.get("search_text") or "", limit=6)
    if len(hits) > 1 and ss.get("search_text"):
        st.pills(
            tr("explore.search"),
            hits,
            format_func=labels.get,
            key="search_hits",
            on_change=_on_search_hit,
            label_visibility="collapsed",
        )


def _on_search_text(labels: dict) -> None:
    hits = display.search_units(labels, ss.get("search_text") or "", limit=1)
    if hits:
        ss.selected = hits[0]


def _on_search_hit() -> None:
    if ss.get("search_hits"):
        ss.selected = ss.search_hits


def touchpoints_panel(tr: Translator, a, customer: str) -> None:
    """The customer clicked: the units that meet the customer directly."""
    table = display.touchpoints_table(a, tr)
    with st.container(border=True, key="detail_panel"):
        st.caption(tr("touch.title"))
        st.subheader(display.md_escape(customer), anchor=False)
        if len(table):
            st.caption(tr("touch.caption", count=tr.number(len(table)), headcount=tr.number(table.iloc[:, 1].sum())))
            st.dataframe(table, hide_index=True, width="stretch", height=min(360, 38 + 35 * len(table)))
        else:
            st.info(tr("touch.none"))
        st.button(tr("explore.clear"), on_click=state.clear_selection, key="clear_detail", icon=":material/close:")


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
            if (
                members
                and members > 1
                and unit_id not in ss.expand
                and st.button(
                    tr("fold.open", name=display.md_escape(info["name"]), units=tr.number(members)),
                    key="drill",
                    icon=":material/unfold_more:",
                )
            ):
                ss.expand = [*ss.expand, unit_id]
                st.rerun(scope="app")  # the diagrams change: not only this panel
            st.button(tr("explore.clear"), on_click=state.clear_selection, key="clear_detail", icon=":material/close:")
