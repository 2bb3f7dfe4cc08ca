"""Widgets and helpers every view uses: chart settings, metric cards, the open design with its progress."""

from __future__ import annotations

import streamlit as st

from ...i18n import Translator
from .. import client, diagrams, display, loading

ss = st.session_state

CHART_CONFIG = {"displaylogo": False, "scrollZoom": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
"""plotly's toolbar in every chart."""


def chart_config(zoom: bool = False) -> dict:
    """plotly's settings for a diagram; ``zoom``: the mouse wheel zooms (the org chart, a map to pan and zoom)."""
    return {**CHART_CONFIG, "scrollZoom": bool(zoom), "doubleClick": "reset"}


def diagram_options(
    tr: Translator, org, height: int, col_px: int, *, journey=None, departments=None, note=None, highlight=()
) -> tuple[dict, dict]:
    """The options of a view's orbit view and org chart (:mod:`orbit.app.diagrams`), for a column ``col_px`` wide."""
    customer = display.customer_label(org, tr)
    text = tr.figure_text()
    orbit = dict(
        customer_label=customer,
        text=text,
        height=height,
        legend=False,
        plot_px=min(col_px, height - 16),
        journey=journey,
        journey_note=note,
        highlight=list(highlight),
    )
    tree = dict(
        customer_label=customer,
        text=text,
        height=height,
        plot_px=col_px,
        journey=journey,
        journey_departments=departments,
    )
    return orbit, tree


def picked() -> str | None:
    """The unit (or ``customer``) a click in a diagram picked, from the page script's trigger."""
    pick = None
    for key in ("orbit_client", "compare_client", "present_client"):
        result = ss.get(key)
        pick = pick or (result.get("pick") if result else None)
    unit = pick.get("id") if isinstance(pick, dict) else None
    return unit if isinstance(unit, str) and unit else None


def page_script(charts: list, *, on_pick=None, keys: bool = False, on_key=None, groups=None, key: str = "orbit_client"):
    """Mount the page script for ``charts`` (``(box, kind, analysis, positions, figure, options)``) with the
    selection's overlays; remember the window's size and rerun the whole app when the diagrams should resize."""
    overlays = diagrams.overlays(ss.get("selected"), charts)
    boxes = [c[0] for c in charts]
    flags = {c[0]: c[4].flags for c in charts if getattr(c[4], "flags", None)}  # big designs: N's flags, apart
    result = client.page(
        charts=boxes,
        groups=groups if groups is not None else [boxes],
        overlays=overlays,
        flags=flags,
        keys=keys,
        intro_seen=True,
        on_pick=on_pick,
        on_key=on_key,
        key=key,
        known_viewport=ss.get("viewport"),
        known_intro=ss.get("intro_seen"),
    )
    seen = result.get("intro_seen") if result else None
    if seen is not None:
        ss.intro_seen = bool(seen)
    viewport = result.get("viewport") if result else None
    if viewport and display.diagram_size(viewport) != display.diagram_size(ss.get("viewport")):
        ss.viewport = dict(viewport)
        st.rerun(scope="app")  # the diagrams are sized to the window
    elif viewport:
        ss.viewport = dict(viewport)
    return result


def loaded(design: loading.Design, tr: Translator, progress: loading.Progress):
    """The design's organisation; a big file shows its reading the first time."""
    with progress.stage(
        "reading",
        f"load|{design.key}" if design.looks_big else None,
        name=display.md_escape(design.filename),
        size=loading.size_text(len(design.data), tr),
    ):
        return loading.organisation(design)


def prepared(design: loading.Design, tr: Translator, progress: loading.Progress):
    """The design's organisation and analysis; a big design shows each step the first time it runs."""
    org = loaded(design, tr, progress)
    key = f"analysis|{design.key}|{ss.max_hops}|{ss.via}"
    with progress.stage(
        "analysing", key if design.looks_big or len(org) >= loading.BIG_ROWS else None, units=tr.number(len(org))
    ):
        a = loading.analysis_of(design.key, org, ss.max_hops, ss.via)
    return org, a


def analysis_for(design: loading.Design, tr: Translator, progress: loading.Progress):
    return prepared(design, tr, progress)[1]


def heavy(org, *parts) -> str | None:
    """A progress key for a step on a big organisation (None for a small one: no progress shown)."""
    return "|".join(map(str, parts)) if len(org) >= loading.BIG_ROWS else None


def metric_cards(tr: Translator, a, compare_with=None, per_row: int = 4) -> None:
    values = display.metric_values(a, tr)
    before = {k: raw for k, _, _, raw, _ in display.metric_values(compare_with, tr)} if compare_with is not None else {}
    for start in range(0, len(values), per_row):
        cols = st.columns(per_row)
        for col, (key, label, shown, raw, help_text) in zip(cols, values[start : start + per_row], strict=False):
            delta, colour = display.metric_delta(key, before.get(key), raw, tr) if before else (None, "off")
            col.metric(label, shown, delta=delta, delta_color=colour, help=help_text, border=True)


def comparison(da: loading.Design, db: loading.Design, tr: Translator, progress: loading.Progress):
    """The comparison of two designs at the session's N and relations (a big pair shows its progress)."""
    org_a, org_b = loaded(da, tr, progress), loaded(db, tr, progress)
    bigger = org_a if len(org_a) >= len(org_b) else org_b
    with progress.stage("comparing", heavy(bigger, "compare", da.key, db.key, ss.max_hops, ss.via)):
        return loading.comparison_of(da.key, org_a, db.key, org_b, ss.max_hops, ss.via)


def changes_table(c, tr: Translator, *, height: int = 360, key: str | None = None) -> bool:
    """What a comparison changes, unit by unit (a count, then the table); False when nothing changed."""
    if not len(c.added) + len(c.removed) + len(c.moved) + len(c.reparented):
        return False
    counts = {"added": len(c.added), "removed": len(c.removed), "moved": len(c.moved), "reparented": len(c.reparented)}
    st.caption(tr("compare.diff.summary", **counts))
    st.dataframe(display.diff_table(c, tr), hide_index=True, width="stretch", height=height, key=key)
    return True
