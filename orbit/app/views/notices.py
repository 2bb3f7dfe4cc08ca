"""Above the tabs: notices about the library (a link to a design that is gone, someone else's save,
a merge), and for a fixed version the read-only banner with "copy as new design"."""

from __future__ import annotations

import streamlit as st

from ...errors import OrgError
from ...i18n import Translator
from .. import designs, display, loading, state
from . import Page

ss = st.session_state

ICONS = {"warning": ":material/link_off:", "info": ":material/sync:"}


def show(page: Page) -> None:
    """The library's notices for the open design, then the banner of a fixed version."""
    tr, design = page.tr, page.design
    for kind, key, values in state.notes_now():
        shown = {k: display.md_escape(str(v)) for k, v in values.items()}
        (st.warning if kind == "warning" else st.info)(tr(key, **shown), icon=ICONS.get(kind))
    if design.pinned or design.by_link:
        tz = designs.zone(st.context.timezone)
        with st.container(border=True, key="fixed_version"):
            values = {
                "n": design.version,
                "name": display.md_escape(design.shown_name),
                "when": designs.when(design.saved_at, tr, tz),
                "author": display.md_escape(design.author),
                "latest": design.latest,
                "owner": display.md_escape(design.owner or "–"),
            }
            st.markdown(":material/lock: " + tr("access.link.banner" if design.by_link else "lib.readonly", **values))
            fixed_version_actions(tr, design, key="banner")
    elif not design.may_edit:
        st.caption(":material/visibility: " + display.md_escape(readonly_reason(tr, design)))


def readonly_reason(tr: Translator, design: loading.Design) -> str:
    """Why the user cannot change the design on screen, and what they can do instead."""
    if design.by_link:
        return tr("access.link.readonly", owner=design.owner or "–")
    if design.pinned:
        return tr("edit.readonly")
    return tr("access.viewer.readonly", name=design.shown_name, owner=design.owner)


def fixed_version_actions(tr: Translator, design: loading.Design, *, key: str) -> None:
    """The ways on from what cannot be edited: copy it as a new design; for a fixed version, open the newest."""
    copy_col, latest_col, _ = st.columns([1, 1, 2])
    copy_col.button(
        tr("lib.readonly.copy"),
        key=f"copy_fixed_{key}",
        on_click=on_copy_open,
        args=(design.id, tr.lang),
        icon=":material/file_copy:",
        type="primary",
        width="stretch",
    )
    if design.pinned:
        latest_col.button(
            tr("lib.readonly.latest"),
            key=f"open_latest_{key}",
            on_click=state.open_design,
            args=(designs.design_id(design.name),),
            icon=":material/update:",
            width="stretch",
        )


def on_copy_open(design_id: str, lang: str) -> None:
    """Copy what the design ``design_id`` of the session shows as a new design of the user's own, and open it."""
    design = ss.designs.get(design_id)
    if design is not None:
        _copy(design, Translator(lang))


def on_copy(name: str, version: int, lang: str) -> None:
    """Copy a fixed version as a new design (named "NAME (copy)", or with a number) and open it."""
    _copy(designs.design_at(name, version), Translator(lang))


def _copy(design: loading.Design, tr: Translator) -> None:
    try:
        new = designs.copy_as_new(design, "", tr)
    except OrgError as err:
        ss.lib_result = ("error", tr("lib.failed", message=err.message))
        return
    state.open_design(designs.design_id(new))
    ss.lib_result = ("ok", tr("lib.done.saved_as", name=designs.shown(new)))
