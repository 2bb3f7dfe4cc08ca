"""The Export tab: images (with the selected unit and journey), the board pack, the design and the analysis."""

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
    marks = {"highlight": ss.get("selected"), "journey": ss.get("journey")}
    for view in downloads.EXPORT_VIEWS:
        cols = st.columns([2, 1, 1, 1])
        cols[0].markdown(f"**{tr(f'export.{view}')}**")
        for col, fmt in zip(cols[1:], ("png", "svg", "pdf"), strict=True):
            col.download_button(
                fmt.upper(),
                lambda v=view, f=fmt, lang=tr.lang: downloads.image_bytes(
                    v, f, a, colours=colours, hpos=hpos, lang=lang, **marks
                ),
                file_name=f"{stem}-{view}.{fmt}",
                mime=downloads.MIME[fmt],
                key=f"dl_{view}_{fmt}",
                on_click="ignore",
                width="stretch",
            )
    if marks["highlight"] or marks["journey"]:
        st.caption(tr("deck.app.marks"))
    settings = (ss.max_hops, ss.via)  # the download runs outside the script: no session state there
    _deck_row(tr, "one", tr("deck.app.one"), (org,), (design.key,), stem, settings)
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
        pair_stem = f"{downloads.safe_filename(da.title)}-vs-{downloads.safe_filename(db.title)}"
        _deck_row(tr, "pair", tr("deck.app.pair"), orgs, (da.key, db.key), pair_stem, settings)
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


def _deck_row(tr, kind: str, label: str, orgs: tuple, keys: tuple, stem: str, settings: tuple) -> None:
    """The board pack of ``orgs`` (one design, or the pair) as PowerPoint and PDF, built only when asked.

    A deck takes seconds to build, so a button builds it (with a spinner)
    and only then offers the download; the bytes are kept for the same
    designs, settings, language and journey, and dropped when any changes.
    """
    cols = st.columns([2, 1, 1, 1])
    cols[0].markdown(f"**{label}**")
    cols[0].caption(tr("deck.app.hint"))
    journey = ss.get("journey")
    built = ss.setdefault("decks_built", {})
    for col, fmt in zip(cols[1:3], ("pptx", "pdf"), strict=True):
        slot = f"{kind}-{fmt}"
        stamp = (keys, settings, tr.lang, journey)
        ready = built.get(slot)
        if ready is not None and ready[0] != stamp:
            ready = built.pop(slot)  # another design, setting, language or journey: build again
            ready = None
        if ready is None and col.button(
            tr("deck.app.build", fmt=fmt.upper()), key=f"deck_build_{slot}", width="stretch"
        ):
            with st.spinner(tr("deck.app.building")):
                data = downloads.deck_bytes(
                    orgs[0],
                    orgs[1] if len(orgs) > 1 else None,
                    fmt,
                    max_hops=settings[0],
                    via=settings[1],
                    lang=tr.lang,
                    journey=journey,
                )
            built[slot] = ready = (stamp, data)
        if ready is not None:
            col.download_button(
                fmt.upper(),
                ready[1],
                file_name=f"{stem}-deck.{fmt}",
                mime=downloads.MIME[fmt],
                key=f"dl_deck_{slot}",
                on_click="ignore",
                width="stretch",
                type="primary",
            )
