"""The sidebar: language, the design picker, uploads (with grouping of person-level files), N and relations."""

from __future__ import annotations

import streamlit as st

from ...analysis import VIA
from ...errors import OrgError
from ...i18n import LANGUAGES, Translator
from .. import display, loading, state
from . import importing as importing_view

ss = st.session_state


def take_uploads(tr: Translator, progress: loading.Progress) -> None:
    """Parse new uploads once each; a good file opens, a bad one leaves the open design as it is.

    Runs in the script before the design picker is drawn (not as the
    uploader's callback), so a big file can show its progress and a good one
    opens in the same run.
    """
    for f in ss.get("uploader") or []:
        if f.file_id in ss.uploads_seen:
            continue
        data = f.getvalue()
        big = len(data) <= loading.MAX_UPLOAD_BYTES and loading.looks_big(data, f.name)
        key = f"load|{loading.content_key(data, f.name)}" if big else None
        with progress.stage("reading", key, name=display.md_escape(f.name), size=loading.size_text(len(data), tr)):
            try:
                design = loading.ingest_upload(f.name, data)
            except loading.UploadRejected as err:
                progress.fail()
                ss.uploads_seen[f.file_id] = ("error", f.name, (err.key, err.values))
            except OrgError as err:
                progress.fail()
                ss.uploads_seen[f.file_id] = ("error", f.name, ("sidebar.bad_file", {"message": str(err)}))
                if importing_view.needs(err, None, f.name):
                    importing_view.start(f.name, data)  # the import step may repair it
            else:
                state.add_design(design)
                ss.uploads_seen[f.file_id] = ("ok", f.name, design.id)
                if importing_view.needs(design, loading.organisation(design), f.name):
                    importing_view.start(f.name, data)


def show(tr: Translator, progress: loading.Progress) -> None:
    """The sidebar, after taking in new uploads (a good one opens in this run)."""
    take_uploads(tr, progress)
    with st.sidebar:
        st.title(":material/radar: Orbit", anchor=False)
        st.caption(tr("app.tagline"))
        st.segmented_control(
            display.language_label(tr),
            list(LANGUAGES),
            format_func=LANGUAGES.get,
            key="lang",
            required=True,
        )

        st.subheader(tr("sidebar.designs"))
        if ss.get("open_next") in ss.designs:
            ss.current = ss.pop("open_next")
        if ss.current not in ss.designs:
            ss.current = next(iter(ss.designs))
        st.selectbox(
            tr("sidebar.design"),
            list(ss.designs),
            format_func={i: display.design_label(d, tr) for i, d in ss.designs.items()}.__getitem__,
            key="current",
            help=tr("sidebar.design.help"),
        )
        st.file_uploader(
            tr("sidebar.upload"),
            type=list(loading.UPLOAD_TYPES),
            accept_multiple_files=True,
            key="uploader",
            help=tr("sidebar.upload.help", mb=loading.MAX_UPLOAD_MB),
            max_upload_size=loading.MAX_UPLOAD_MB,
        )
        for f in ss.get("uploader") or []:
            status, name, detail = ss.uploads_seen.get(f.file_id, (None, None, None))
            if status == "ok" and detail in ss.designs:
                org = loading.organisation(ss.designs[detail])
                st.caption(
                    ":material/check_circle: "
                    + display.md_escape(tr("sidebar.loaded", name=name, units=tr.number(len(org))))
                )
            elif status == "error" and _imported(name):
                st.caption(":material/move_to_inbox: " + display.md_escape(tr("sidebar.imported", name=name)))
            elif status == "error":
                key, values = detail
                st.error(
                    display.md_escape(tr(key, **values)) + "\n\n" + tr("sidebar.kept_open"), icon=":material/error:"
                )
        group_by_picker(tr)

        st.subheader(tr("sidebar.distance"))
        st.slider(
            tr("sidebar.max_hops"),
            min_value=state.MAX_HOPS_RANGE[0],
            max_value=state.MAX_HOPS_RANGE[1],
            key="max_hops",
            help=tr("sidebar.max_hops.help"),
        )
        st.radio(
            tr("sidebar.via"),
            list(VIA),
            format_func=lambda v: tr(f"via.{v}"),
            key="via",
            help=tr("sidebar.via.help"),
        )
        st.divider()
        st.caption(":material/link: " + tr("sidebar.share"))


def _imported(name: str) -> bool:
    """Whether the import step has the upload ``name`` (waiting, or made into a design)."""
    job = ss.get("pending_import")
    if job and job.get("name") == name:
        return True
    return any(d.startswith((f"import:{name}", f"group:import:{name}:")) for d in ss.designs)


def group_by_picker(tr: Translator) -> None:
    """For person-level uploads: group people into units by a column (orbit.hr)."""
    design = ss.designs[ss.current]
    org = loading.organisation(design)
    columns, suggested = loading.grouping_offer(design, org)
    if not columns:
        return
    with st.expander(tr("sidebar.group_by"), expanded=suggested):
        column = st.selectbox(tr("sidebar.group_by"), columns, key="group_col", help=tr("sidebar.group_by.help"))
        facing = st.multiselect(tr("sidebar.group_by.facing"), loading.group_values(org, column), key="group_facing")
        if st.button(tr("sidebar.group_by.go"), key="group_go", icon=":material/group_work:"):
            try:
                state.add_design(loading.grouped_design(design, org, column, facing))
            except OrgError as err:
                st.error(display.md_escape(str(err)))
            else:
                importing_view.close()
                st.rerun()
