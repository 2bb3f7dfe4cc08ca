"""The Export tab: images of each view, the comparison page, the design and the analysis as files."""

from __future__ import annotations

import streamlit as st

from ... import analysis
from .. import display, downloads, loading, state
from . import Page, widgets

ss = st.session_state


def show(page: Page) -> None:
    tr, design, org, a, progress = page.tr, page.design, page.org, page.a, page.progress
    st.subheader(tr("export.title"), anchor=False)
    st.caption(tr("export.intro"))
    stem = downloads.safe_filename(design.title)
    colours = loading.colours_for(a)
    with progress.stage("layout", widgets.heavy(org, "layout", design.key, ss.via)):
        hpos = loading.hierarchy_positions(design.key, org)
    for view in downloads.EXPORT_VIEWS:
        cols = st.columns([2, 1, 1, 1])
        cols[0].markdown(f"**{tr(f'export.{view}')}**")
        for col, fmt in zip(cols[1:], ("png", "svg", "pdf"), strict=True):
            col.download_button(
                fmt.upper(),
                lambda v=view, f=fmt, lang=tr.lang: downloads.image_bytes(
                    v, f, a, colours=colours, hpos=hpos, lang=lang
                ),
                file_name=f"{stem}-{view}.{fmt}",
                mime=downloads.MIME[fmt],
                key=f"dl_{view}_{fmt}",
                on_click="ignore",
                width="stretch",
            )
    ids = list(ss.designs)
    a_id, b_id = (
        (ss.cmp_a, ss.cmp_b)
        if ss.get("compare_for") == ss.current
        else state.compare_defaults(ss.current, ids, {i: d.base for i, d in ss.designs.items()})
    )
    if a_id != b_id and a_id in ss.designs and b_id in ss.designs:
        da, db = ss.designs[a_id], ss.designs[b_id]
        cols = st.columns([2, 1, 1, 1])
        cols[0].markdown(f"**{tr('export.compare', a=display.md_escape(da.title), b=display.md_escape(db.title))}**")
        cols[0].caption(tr("export.compare.hint"))

        orgs = (loading.organisation(da), loading.organisation(db))
        settings = (ss.max_hops, ss.via)  # the download runs outside the script: no session state there

        def comparison_pdf(orgs=orgs, settings=settings, lang=tr.lang):
            return downloads.comparison_pdf(analysis.compare(*orgs, *settings), lang)

        cols[3].download_button(
            "PDF",
            comparison_pdf,
            file_name=f"{downloads.safe_filename(da.title)}-vs-{downloads.safe_filename(db.title)}.pdf",
            mime=downloads.MIME["pdf"],
            key="dl_export_compare",
            on_click="ignore",
            width="stretch",
        )
    st.divider()
    st.markdown(f"**{tr('export.data')}**")
    cols = st.columns(5)
    cols[0].download_button(
        tr("export.analysis_csv"),
        lambda: downloads.analysis_csv(a),
        file_name=f"{stem}-analysis.csv",
        mime=downloads.MIME["csv"],
        key="dl_analysis_csv",
        on_click="ignore",
        width="stretch",
    )
    cols[1].download_button(
        tr("export.analysis_json"),
        lambda: downloads.analysis_json(a),
        file_name=f"{stem}-analysis.json",
        mime=downloads.MIME["json"],
        key="dl_analysis_json",
        on_click="ignore",
        width="stretch",
    )
    for col, fmt in zip(cols[2:], ("yaml", "csv", "xlsx"), strict=True):
        col.download_button(
            tr("export.design", fmt=fmt.upper()),
            lambda f=fmt: downloads.design_bytes(org, f)[0],
            file_name=f"{stem}.{fmt}",
            mime=downloads.MIME[fmt],
            key=f"dl_design_{fmt}",
            on_click="ignore",
            width="stretch",
        )
