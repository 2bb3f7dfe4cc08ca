"""The Edit tab: the unit table, undo and start over, the effect of the edits, downloads of the edited design."""

from __future__ import annotations

import streamlit as st

from .. import display, downloads, editing, loading, state
from . import Page, widgets

ss = st.session_state


def edit_session(design: loading.Design) -> editing.EditSession:
    base_id = design.base if design.origin == "edit" and design.base in ss.designs else design.id
    if base_id not in ss.edits:
        base = ss.designs[base_id]
        ss.edits = {**ss.edits, base_id: editing.EditSession.start(base_id, loading.organisation(base))}
    return ss.edits[base_id]


def publish_edit(session: editing.EditSession) -> None:
    base = ss.designs[session.base_id]
    state.add_design(editing.edited_design(base, session.organisation()))


def on_edit(session_id: str) -> None:
    session = ss.edits[session_id]
    if session.apply(ss.get(session.editor_key)) == "design":
        publish_edit(session)


def on_undo(session_id: str) -> None:
    session = ss.edits[session_id]
    if session.undo_last():
        publish_edit(session)


def on_reset(session_id: str) -> None:
    session = ss.edits[session_id]
    session.reset()
    publish_edit(session)


def show(page: Page) -> None:
    tr, design, progress = page.tr, page.design, page.progress
    session = edit_session(design)
    st.subheader(tr("edit.title"), anchor=False)
    st.markdown(tr("edit.intro"))
    if session.editor_key not in ss:
        session.restart_editor()  # the editor was out of view: start it from what was typed
    table_col, side = st.columns([5, 2])
    with table_col:
        if session.error is not None:
            st.error(
                display.md_escape(editing.edit_error_text(session.error, tr)) + "\n\n" + tr("edit.invalid.kept"),
                icon=":material/block:",
            )
        ids = session.working["id"].dropna().astype(str).tolist()
        attrs = editing.editable_attributes(session.editor_base)
        shown = ["id", "name", "kind", "parent", "headcount", "serves", "orbit", *attrs]
        st.data_editor(
            session.editor_base,
            key=session.editor_key,
            num_rows="dynamic",
            hide_index=True,
            column_order=shown,
            width="stretch",
            height=560,
            on_change=on_edit,
            args=(session.base_id,),
            column_config={
                "id": st.column_config.TextColumn(tr("edit.head.id"), help=tr("edit.col.id.help"), required=True),
                "name": st.column_config.TextColumn(tr("edit.head.name")),
                "kind": st.column_config.TextColumn(tr("edit.head.kind"), help=tr("edit.col.kind.help")),
                "parent": st.column_config.SelectboxColumn(
                    tr("edit.head.parent"), options=ids, help=tr("edit.col.parent.help")
                ),
                "headcount": st.column_config.NumberColumn(
                    tr("edit.head.headcount"), min_value=0, step=1, format="%d", help=tr("edit.col.headcount.help")
                ),
                "serves": st.column_config.TextColumn(tr("edit.head.serves"), help=tr("edit.col.serves.help")),
                "orbit": st.column_config.NumberColumn(
                    tr("edit.head.orbit"), min_value=1, step=1, format="%d", help=tr("edit.col.orbit.help")
                ),
            },
        )
        news = session.apply(ss.get(session.editor_key))  # scripted sessions change the state without the callback
        if news:
            if news == "design":
                publish_edit(session)
            st.rerun()
    with side:
        if session.error is None:
            st.success(tr("edit.valid"), icon=":material/check_circle:")
        b1, b2 = st.columns(2)
        b1.button(
            tr("edit.undo"),
            on_click=on_undo,
            args=(session.base_id,),
            help=tr("edit.undo.help"),
            disabled=not session.undo and session.error is None,
            width="stretch",
            key="undo",
        )
        b2.button(
            tr("edit.reset"),
            on_click=on_reset,
            args=(session.base_id,),
            help=tr("edit.reset.help"),
            disabled=not session.changed and session.error is None,
            width="stretch",
            key="reset",
        )
        base = ss.designs[session.base_id]
        edited_id = f"edit:{session.base_id}"
        shown_design = ss.designs.get(edited_id, base)
        before = widgets.analysis_for(base, tr, progress)
        edited_org, after = widgets.prepared(shown_design, tr, progress)
        st.markdown(f"**{tr('edit.effect')}**")
        old = {k: r for k, _, _, r, _ in display.metric_values(before, tr)}
        cards = [c for c in display.metric_values(after, tr) if c[0] in ("units", "mean_hops", "share", "flagged")]
        for row in (cards[:2], cards[2:]):
            for col, (key, label, shown, raw, help_text) in zip(st.columns(2), row, strict=False):
                delta, colour = display.metric_delta(key, old[key], raw, tr)
                col.metric(label, shown, delta=delta, delta_color=colour, help=help_text, border=True)
        with progress.stage("layout", widgets.heavy(edited_org, "layout-orbit", shown_design.key, ss.via)):
            pos = loading.orbit_positions(shown_design.key, edited_org, ss.via)
        with progress.stage(
            "drawing", widgets.heavy(edited_org, "draw-edit", shown_design.key, ss.max_hops, ss.via, tr.lang)
        ):
            fig = loading.figure(
                "orbit",
                shown_design.key,
                after,
                pos,
                loading.colours_for(after),
                customer_label=display.customer_label(edited_org, tr),
                text=tr.figure_text(),
                height=360,
                legend=False,
                labels=6,
                plot_px=250,  # the narrow right-hand column
            )
        st.plotly_chart(fig, config=widgets.CHART_CONFIG, width="stretch", key="edit_chart")
        st.markdown(f"**{tr('edit.download')}**")
        stem = downloads.safe_filename(base.title) + ("-edited" if shown_design is not base else "")
        for col, fmt in zip(st.columns(3), ("yaml", "csv", "xlsx"), strict=True):
            col.download_button(
                fmt.upper(),
                lambda f=fmt, o=edited_org: downloads.design_bytes(o, f)[0],
                file_name=f"{stem}.{fmt}",
                mime=downloads.MIME[fmt],
                key=f"dl_edit_{fmt}",
                on_click="ignore",
                width="stretch",
            )
        st.caption(tr("edit.formats"))
