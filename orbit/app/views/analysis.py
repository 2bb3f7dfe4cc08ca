"""The Analysis tab: key figures, design checks, rings and spans, flagged units, journeys, explanations."""

from __future__ import annotations

import streamlit as st

from ...render import interactive
from .. import diagrams, display, loading, state
from . import Page, widgets

ss = st.session_state


def show(page: Page) -> None:
    tr, design, org, a, progress = page.tr, page.design, page.org, page.a, page.progress
    st.subheader(tr("analysis.title"), anchor=False)
    widgets.metric_cards(tr, a)

    with progress.stage("checks", widgets.heavy(org, "checks", design.key, a.max_hops, a.via, tr.lang)):
        checks = display.checks_of(design.key, org, a, tr)
    _design_checks(tr, checks)

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('analysis.rings')}**")
        st.plotly_chart(
            interactive.ring_headcount_figure(a, text=tr.figure_text(), headcount_label=tr("metric.headcount")),
            config=widgets.CHART_CONFIG,
            width="stretch",
            key="rings_chart",
        )
    with right:
        st.markdown(f"**{tr('analysis.spans')}**")
        spans = a.spans()
        if len(spans):
            st.plotly_chart(
                interactive.span_figure(spans, labels=display.span_labels(tr), managers_label=tr("analysis.managers")),
                config=widgets.CHART_CONFIG,
                width="stretch",
                key="spans_chart",
            )
        st.caption(tr("analysis.spans.caption") if len(spans) else tr("analysis.spans.none"))

    st.markdown(f"**{tr('analysis.flagged')}**")
    flagged = display.flagged_table(a, tr)
    if len(flagged):
        st.caption(tr("analysis.flagged.caption"))
        st.dataframe(flagged, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(flagged)))
    else:
        st.success(tr("analysis.flagged.none", n=a.max_hops))

    st.markdown(f"**{tr('analysis.journeys')}**")
    if len(a.journeys):
        st.caption(tr("analysis.journeys.caption"))
        st.dataframe(display.journey_table(a, tr), hide_index=True, width="stretch")
        names = list(a.journeys["name"])
        ss.journey_analysis = ss.journey if ss.journey in names else names[0]
        st.selectbox(
            tr("analysis.journey.pick"),
            names,
            key="journey_analysis",
            on_change=state.sync_choice,
            args=("journey", "journey_analysis"),
            help=tr("explore.journey.help"),
        )
        row = a.journeys.loc[a.journeys["name"] == ss.journey_analysis].iloc[0]
        colours = loading.colours_for(a)
        text = tr.figure_text()
        customer = display.customer_label(org, tr)
        with progress.stage("layout", widgets.heavy(org, "layout", design.key, ss.via)):
            pos = diagrams.orbit_positions(design.key, org, a)
            hpos = diagrams.chart_positions(design.key, org)
        left, right = st.columns(2)
        common = dict(journey=list(row["steps"]), customer_label=customer, text=text, height=520, flags_on_page=False)
        left.plotly_chart(
            diagrams.orbit_chart(design.key, a, pos, colours, **common),
            config=widgets.CHART_CONFIG,
            width="stretch",
            key="journey_orbit",
        )
        right.plotly_chart(
            diagrams.org_chart(design.key, a, hpos, colours, journey_departments=list(row["departments"]), **common),
            config=widgets.CHART_CONFIG,
            width="stretch",
            key="journey_tree",
        )
    else:
        st.caption(tr("explore.no_journeys"))

    with st.expander(tr("analysis.explain")):
        for key in (
            "explain.hops",
            "explain.share",
            "explain.layers",
            "explain.spans",
            "explain.journeys",
            "explain.orbit",
        ):
            st.markdown(tr(key))


def _design_checks(tr, checks: list[dict]) -> None:
    """The design checks in an expander: each rule with its findings, explanation and source."""
    errors = sum(len(g["messages"]) for g in checks if g["severity"] == "error")
    warnings = sum(len(g["messages"]) for g in checks if g["severity"] == "warning")
    with st.expander(
        tr("analysis.checks.summary", errors=errors, warnings=warnings),
        icon=":material/rule:",
        expanded=errors > 0,
    ):
        if not checks:
            st.success(tr("analysis.checks.none"), icon=":material/check_circle:")
        icons = {"error": ":material/block:", "warning": ":material/warning:", "info": ":material/info:"}
        for g in checks:
            st.markdown(f"{icons.get(g['severity'], '')} **{display.md_escape(g['title'])}** ({len(g['messages'])})")
            shown = g["messages"][:5]
            lines = [f"- {display.md_escape(m)}" for m in shown]
            if len(g["messages"]) > len(shown):
                lines.append("- " + tr("analysis.checks.more", count=len(g["messages"]) - len(shown)))
            st.markdown("\n".join(lines))
            if g["explanation"]:
                st.caption(
                    display.md_escape(g["explanation"])
                    + (f" ({tr('check.source')}: {display.md_escape(g['source'])})" if g["source"] else "")
                )
