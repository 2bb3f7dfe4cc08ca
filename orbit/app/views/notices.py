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
    if design.pinned:
        tz = designs.zone(st.context.timezone)
        with st.container(border=True, key="fixed_version"):
            st.markdown(
                ":material/lock: "
                + tr(
                    "lib.readonly",
                    n=design.version,
                    name=display.md_escape(design.name),
                    when=designs.when(design.saved_at, tr, tz),
                    author=display.md_escape(design.author),
                    latest=design.latest,
                )
            )
            fixed_version_actions(tr, design, key="banner")


def fixed_version_actions(tr: Translator, design: loading.Design, *, key: str) -> None:
    """The two ways on from a fixed version: copy it as a new design, or open the newest version."""
    copy_col, latest_col, _ = st.columns([1, 1, 2])
    copy_col.button(
        tr("lib.readonly.copy"),
        key=f"copy_fixed_{key}",
        on_click=on_copy,
        args=(design.name, design.version, tr.lang),
        icon=":material/file_copy:",
        type="primary",
        width="stretch",
    )
    latest_col.button(
        tr("lib.readonly.latest"),
        key=f"open_latest_{key}",
        on_click=state.open_design,
        args=(designs.design_id(design.name),),
        icon=":material/update:",
        width="stretch",
    )


def on_copy(name: str, version: int, lang: str) -> None:
    """Copy a fixed version as a new design (named "NAME (copy)", or with a number) and open it."""
    tr = Translator(lang)
    try:
        lib = designs.library()
        new = lib.unique_name(tr("lib.copy_name", name=name))
        lib.copy(name, new, version=version, message=tr("lib.msg.copied", name=name, n=version))
    except OrgError as err:
        ss.lib_result = ("error", tr("lib.failed", message=err.message))
        return
    state.open_design(designs.design_id(new))
    ss.lib_result = ("ok", tr("lib.done.saved_as", name=new))
