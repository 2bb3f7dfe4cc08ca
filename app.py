"""Orbit: the workshop app.

Run with ``make run`` (``streamlit run app.py``); design files named after
``--`` open as well (``streamlit run app.py -- my-org.csv``).

This file holds the page and the wiring: which view runs where. The views
(widgets) are in :mod:`orbit.app.views`, one module per tab; what they show
is computed in :mod:`orbit.app` (loading and caching, editing, downloads,
display texts) and drawn by :mod:`orbit.render.interactive`.
"""

from __future__ import annotations

import streamlit as st

from orbit.app import guard, loading, state
from orbit.app.views import (
    Page,
    analysis,
    compare,
    edit,
    explore,
    export,
    header,
    history,
    importing,
    notices,
    presenter,
    sidebar,
    signin,
    widgets,
)
from orbit.i18n import Translator

st.set_page_config(page_title="Orbit", page_icon=":material/radar:", layout="wide", initial_sidebar_state="auto")
ss = st.session_state

# which view each tab of orbit.app.state.VIEWS shows (no bare strings here: streamlit would print them)
TABS = {
    "explore": explore.show,
    "analysis": analysis.show,
    "edit": edit.show,
    "history": history.show,
    "compare": compare.show,
    "export": export.show,
}

# less white space above the content: both diagrams fit on a 1280 × 720 projector's first screen
PAGE_STYLE = (
    "<style>[data-testid='stMainBlockContainer']{padding:2.4rem 1.5rem 2rem 1.5rem}"
    " [data-testid='stMainBlockContainer'] [data-testid='stVerticalBlock']{gap:0.6rem}</style>"
)


def main() -> None:
    if not signin.admitted():  # with [auth] in the secrets: nothing of any design before this browser signed in
        return
    st.html(PAGE_STYLE)
    # slow steps of a big design are listed here while they run (nothing at all for small designs)
    progress = loading.Progress(st.container(), ss.setdefault("progress_seen", set()), lambda: Translator(ss.lang))
    state.start_session(progress)
    tr = Translator(ss.lang)
    with guard.guarded(tr, tr("app.part.sidebar")):  # a failed upload or edit: one line, the design stays
        sidebar.show(tr, progress)
    if importing.pending():  # an upload waits in the import step: the diagrams come when it is confirmed
        with guard.guarded(tr, tr("app.part.import")):
            importing.show(tr)
        progress.finish()
        return
    if not state.ready():  # the library is empty or cannot be reached: the sidebar says so
        progress.finish()
        return
    design = ss.designs[ss.current]
    ok, prepared = guard.attempt(tr, tr("app.part.design"), widgets.prepared, design, tr, progress)
    if not ok:
        progress.finish()
        return
    page = Page(tr, design, *prepared, progress)
    if ss.get("presenting"):
        with guard.guarded(tr, tr("app.part.design")):
            presenter.show(page)
        progress.finish()
        return
    with guard.guarded(tr, tr("app.part.design")):
        header.show(page)
        notices.show(page)

    labels = [tr(f"tab.{v}") for v in state.VIEWS]
    if ss.get("view_tab") not in labels:  # first run, a shared link, or the language changed
        ss.view_tab = labels[state.VIEWS.index(ss.view)] if ss.view in state.VIEWS else labels[0]
    tabs = st.tabs(labels, key="view_tab", on_change="rerun")
    for view, tab in zip(state.VIEWS, tabs, strict=True):
        if tab.open:
            ss.view = view
    for view, label, tab in zip(state.VIEWS, labels, tabs, strict=True):
        with tab, guard.guarded(tr, label):  # a tab that fails shows one line; the others still work
            if tab.open:
                TABS[view](page)

    state.show_in_url()
    progress.finish()


main()
