"""Above the tabs: the introduction, the story of a classic/orbit pair, notes about the open design."""

from __future__ import annotations

import streamlit as st

from .. import display, loading, state
from . import Page, widgets

ss = st.session_state


def show(page: Page) -> None:
    tr, design, org, a, progress = page.tr, page.design, page.org, page.a, page.progress
    other = state.counterpart(design.id, ss.designs)
    intro, story = st.columns([3, 2]) if other else (st.container(), None)
    intro.markdown(tr("app.intro", n=a.max_hops))
    if other:
        first, second = (design, ss.designs[other]) if state.is_classic(design.id) else (ss.designs[other], design)
        with story.container(border=True):
            st.markdown(f"**{tr('app.story.title')}**")
            st.markdown(
                display.story(
                    widgets.analysis_for(first, tr, progress),
                    widgets.analysis_for(second, tr, progress),
                    tr,
                    (first.title, second.title),
                )
            )
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
    if org.description:
        with st.expander(f"{tr('app.description')}: {display.md_escape(design.title)}", icon=":material/info:"):
            st.markdown(display.md_escape(org.description))
