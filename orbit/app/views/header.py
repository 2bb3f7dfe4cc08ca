"""Above the tabs: a one-line headline, N and the relations that count, presenter mode, the folded introduction.

Everything here is short so that both diagrams fit on a projector's first
screen (1280 × 720): the long introduction and the classic/orbit story live
in an expander; a browser's first visit gets one line more telling where to
click (the page remembers the visit, :mod:`orbit.app.client`).
"""

from __future__ import annotations

import streamlit as st

from ...analysis import VIA
from .. import display, loading, state
from . import Page, presenter, widgets

ss = st.session_state


def controls(tr) -> None:
    """N and the relations that count: they change every tab, so they sit above the tabs."""
    ss.n_slider = ss.max_hops  # N lives on when the slider is not drawn (presenter mode)
    st.slider(
        tr("sidebar.max_hops"),
        min_value=state.MAX_HOPS_RANGE[0],
        max_value=state.MAX_HOPS_RANGE[1],
        key="n_slider",
        on_change=state.sync_choice,
        args=("max_hops", "n_slider"),
        help=tr("sidebar.max_hops.help"),
    )


def relations(tr) -> None:
    """The relations radio, keyed by language so that a switch of language never shows it blank."""
    key = f"via_{tr.lang}"
    ss[key] = ss.via
    st.radio(
        tr("sidebar.via"),
        list(VIA),
        format_func=lambda v: tr(f"head.via.{v}"),
        key=key,
        on_change=state.sync_choice,
        args=("via", key),
        help=tr("sidebar.via.help"),
        horizontal=True,
    )


def show(page: Page) -> None:
    tr, design, a = page.tr, page.design, page.a
    head, n_col, via_col, more = st.columns([2.3, 1.6, 3.3, 1.6], vertical_alignment="bottom")
    with head:
        title = display.html_text(design.title or design.filename)
        st.markdown(
            "<div style='white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:1.15rem;"
            f"font-weight:600' title='{title}'>{tr('head.title')} · {title}</div>",
            unsafe_allow_html=True,
        )
        first = not ss.get("intro_seen", True)
        st.caption(tr("head.first") if first else tr("head.line", n=a.max_hops))
    with n_col:
        controls(tr)
    with via_col:
        relations(tr)
    with more:
        st.button(
            tr("head.presenter"),
            key="present_open",
            icon=":material/slideshow:",
            on_click=presenter.open_presenter,
            help=tr("head.presenter.help"),
            width="stretch",
        )
        with st.popover(tr("head.about"), icon=":material/info:", width="stretch"):
            about(page)
    notes(page)


def about(page: Page) -> None:
    """The introduction, the story of a classic/orbit pair and the design's description."""
    tr, design, org, a, progress = page.tr, page.design, page.org, page.a, page.progress
    st.markdown(tr("app.intro", n=a.max_hops))
    other = state.counterpart(design.id, ss.designs)
    if other:
        first, second = (design, ss.designs[other]) if state.is_classic(design.id) else (ss.designs[other], design)
        st.markdown(f"**{tr('app.story.title')}**")
        st.markdown(
            display.story(
                widgets.analysis_for(first, tr, progress),
                widgets.analysis_for(second, tr, progress),
                tr,
                (first.title, second.title),
            )
        )
    if org.description:
        st.markdown(f"**{tr('app.description')}: {display.md_escape(design.title)}**")
        st.markdown(display.md_escape(org.description))


def notes(page: Page) -> None:
    """What the user must know about the open design: a suggested grouping, the grouping's notes, broken links."""
    tr, design, org = page.tr, page.design, page.org
    if loading.grouping_offer(design, org)[1]:
        st.info(tr("group.suggest", name=display.md_escape(design.filename)), icon=":material/group_work:")
    if design.notes:  # how a grouping of people into units decided ties and empty cells
        lines = "\n".join(f"- {display.md_escape(note)}" for note in design.notes)
        st.info(tr("group.notes") + "\n\n" + lines, icon=":material/group_work:")
    for kind, note in ss.notes:
        if kind == "missing":
            st.warning(display.md_escape(note) + ": " + tr("sidebar.kept_open"), icon=":material/link_off:")
        else:
            st.error(display.md_escape(note), icon=":material/error:")
