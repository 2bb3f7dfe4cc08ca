"""The History tab: every version of the open design with time, author and message; view, compare, restore.

A version is looked at read-only in every tab (its own link), compared
with the newest version here (the key figures and what changed, as the
Compare tab computes them) or in the Compare tab, copied as a new design,
or restored: a restore saves it again as the newest version, so nothing is
ever overwritten.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ...errors import OrgError
from ...i18n import Translator
from ...library import name_key
from .. import designs, display, editing, loading, state
from . import Page, widgets

ss = st.session_state

TABLE_PX = 320
"""Height of the versions table."""


def show(page: Page) -> None:
    tr, design, progress = page.tr, page.design, page.progress
    tz = designs.zone(st.context.timezone)
    st.subheader(tr("history.title", name=display.md_escape(design.shown_name)), anchor=False)
    if design.by_link:  # a link opens one version and nothing else: not the history, not other versions
        st.info(tr("access.link.history"), icon=":material/lock:")
        return
    st.caption(tr("history.intro"))
    try:
        frame = designs.history(design.name)
    except OrgError as err:
        st.error(display.md_escape(str(err)))
        return
    done = ss.pop("history_result", None)
    if done:
        (st.success if done[0] == "ok" else st.error)(display.md_escape(done[1]))
    st.dataframe(
        versions_table(frame, tr, tz),
        hide_index=True,
        width="stretch",
        height=min(TABLE_PX, 38 + 35 * len(frame)),
        key="history_table",
        column_config={
            tr("history.col.version"): st.column_config.NumberColumn(width="small", format="%d"),
            tr("history.col.units"): st.column_config.NumberColumn(width="small"),
            tr("history.col.message"): st.column_config.TextColumn(width="large"),
        },
    )
    numbers = [int(v) for v in frame["version"]]
    info = {int(r.version): r for r in frame.itertuples(index=False)}
    latest = numbers[0]
    default = design.version if design.pinned else (numbers[1] if len(numbers) > 1 else latest)
    if ss.get("history_version") not in numbers:
        ss.history_version = default
    st.selectbox(
        tr("history.pick"),
        numbers,
        format_func=lambda n: version_label(info[n], tr, tz),
        key="history_version",
        help=tr("history.pick.help"),
    )
    chosen = ss.history_version
    buttons(tr, design, chosen, latest)
    if chosen == latest:
        st.info(tr("history.newest"), icon=":material/new_releases:")
        return
    against(tr, design.name, chosen, latest, progress)


def versions_table(frame: pd.DataFrame, tr: Translator, tz) -> pd.DataFrame:
    """The history as the tab shows it: version, saved (in the browser's time zone), by, what changed, units."""
    return pd.DataFrame(
        {
            tr("history.col.version"): frame["version"].astype(int),
            tr("history.col.saved"): [designs.when(t.to_pydatetime(), tr, tz) for t in frame["saved_at"]],
            tr("history.col.author"): frame["author"],
            tr("history.col.message"): [shown_message(m, tr) for m in frame["message"]],
            tr("history.col.units"): frame["units"].astype(int),
        }
    )


def shown_message(message: str | None, tr: Translator) -> str:
    """A version's message as the tab shows it: the samples' own in the user's language, none as "(no message)".

    Users' messages are kept as they were written (in the language of the
    one who saved them).
    """
    if message == designs.SAMPLE_MESSAGE:
        return tr("history.sample_message")
    return message or tr("history.empty_message")


def version_label(row, tr: Translator, tz) -> str:
    """``Version 3 · today 14:02 · ana: moved Lager under Vertrieb``."""
    when = designs.when(row.saved_at.to_pydatetime(), tr, tz)
    message = shown_message(row.message, tr)
    return tr("history.pick.label", n=int(row.version), when=when, author=row.author, message=message)


def buttons(tr: Translator, design: loading.Design, chosen: int, latest: int) -> None:
    row = st.container(horizontal=True, key="history_actions")
    view = restore = copy = compare = row
    view.button(
        tr("history.view"),
        key="history_view",
        on_click=on_view,
        args=(design.name, chosen, latest),
        icon=":material/visibility:",
        help=tr("history.view.help"),
    )
    restore.button(
        tr("history.restore"),
        key="history_restore",
        on_click=on_restore,
        args=(design.name, chosen, tr.lang),
        icon=":material/restore:",
        help=tr("history.restore.help") if may_restore(design) else tr("access.viewer.restore", owner=design.owner),
        disabled=chosen == latest or not may_restore(design),
        type="primary",
    )
    from .notices import on_copy

    copy.button(
        tr("lib.readonly.copy"),
        key="history_copy",
        on_click=on_copy,
        args=(design.name, chosen, tr.lang),
        icon=":material/file_copy:",
    )
    compare.button(
        tr("history.compare"),
        key="history_compare",
        on_click=on_compare,
        args=(design.name, chosen, tr.lang),
        icon=":material/compare_arrows:",
        disabled=chosen == latest,
    )


def may_restore(design: loading.Design) -> bool:
    """Restoring saves a version: the owner and editors may (the library checks it again)."""
    return design.role in ("owner", "editor") and not design.by_link


def against(tr: Translator, name: str, chosen: int, latest: int, progress) -> None:
    """Version ``chosen`` against the newest: the key figures with their change, and what changed unit by unit."""
    old, new = designs.design_at(name, chosen), designs.design_at(name, latest)
    st.markdown(f"**{tr('history.against', n=chosen, latest=latest)}**")
    if old.digest == new.digest:
        st.info(tr("history.same", n=chosen), icon=":material/check:")
        return
    c = widgets.comparison(old, new, tr, progress)
    widgets.metric_cards(tr, c.b, compare_with=c.a)
    if not widgets.changes_table(c, tr, height=300, key="history_diff"):
        st.caption(tr("compare.diff.none"))


# ---------------------------------------------------------------- actions
def on_view(name: str, version: int, latest: int) -> None:
    """Open a version read-only in every tab (the newest one: the design itself)."""
    state.open_design(designs.design_id(name) if version == latest else state.pin(name, version))


def on_restore(name: str, version: int, lang: str) -> None:
    """Save an old version again as the newest; this session's undo can take it back."""
    tr = Translator(lang)
    try:
        lib = designs.library()
        number = lib.restore_version(name, version, message=tr("lib.msg.restored", n=version))
        saved = lib.version(name, number)
        org = lib.load(name, number)
    except OrgError as err:
        ss.history_result = ("error", tr("lib.failed", message=err.message))
        return
    session = ss.edits.get(name_key(name))
    if session is not None:
        session.push(editing.editor_table(org), saved.message, org=org)
        session.saved(number, saved.digest)
        session.restart_editor()
    state.open_design(designs.design_id(name))
    ss.history_version = version
    ss.history_result = ("ok", tr("history.restored", n=version, m=number))


def on_compare(name: str, version: int, lang: str) -> None:
    """Compare the version with the newest one in the Compare tab (the version as today, the newest as proposed)."""
    tr = Translator(lang)
    old = state.pin(name, version)
    ss.cmp_a, ss.cmp_b = old, designs.design_id(name)
    ss.compare_for = ss.current
    ss.view = "compare"
    ss.view_tab = tr("tab.compare")
