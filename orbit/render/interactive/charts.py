"""The small charts of the app's Analysis tab: headcount per ring, managers per span of control."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ...analysis import SPAN_ARCHETYPES, Analysis
from .. import style as S
from .common import FONT, PATH_COLOUR, escape, figure_of, with_defaults

__all__ = ["ring_headcount_figure", "span_figure"]


def ring_headcount_figure(
    analysis: Analysis,
    *,
    text: Mapping | None = None,
    headcount_label: str = "Headcount",
    height: int = 300,
) -> go.Figure:
    """Headcount per ring as bars; rings beyond N and the unconnected ring in red."""
    tx = with_defaults(text)
    rings = analysis.summary["rings"]
    keys = [k for k in rings if k != "unconnected"]
    keys = sorted(keys, key=int) + (["unconnected"] if "unconnected" in rings else [])
    values = [rings[k] for k in keys]
    labels = [tx["unconnected"] if k == "unconnected" else tx["ring"].format(k=k) for k in keys]
    far = [k == "unconnected" or int(k) > analysis.max_hops for k in keys]
    colours = [S.FLAGGED_STYLE.edge if f else PATH_COLOUR for f in far]
    bar = dict(
        type="bar",
        x=[escape(x) for x in labels],
        y=values,
        marker=dict(color=colours),
        text=[f"{v:,.0f}" for v in values],
        textposition="outside",
        hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
        cliponaxis=False,
    )
    return figure_of([bar], _small_layout(height, escape(headcount_label)))


def span_figure(
    spans: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    managers_label: str = "Managers",
    height: int = 300,
) -> go.Figure:
    """Managers per span-of-control archetype (McKinsey 2017), with spans below 3 on the left.

    ``spans`` is :meth:`Analysis.spans`; ``labels`` maps ``below`` and the
    archetype names to display text.
    """
    labels = dict(labels or {})
    cats = ["below", *[name for name, _, _ in SPAN_ARCHETYPES]]
    arche = spans["archetype"].fillna("below") if len(spans) else pd.Series([], dtype=object)
    counts = arche.value_counts().reindex(cats, fill_value=0)
    names = [labels.get(c, c) for c in cats]
    colours = ["#BBBBBB", "#88CCEE", "#44AA99", "#117733", "#DDCC77", "#CC6677"]
    bar = dict(
        type="bar",
        x=[escape(x).replace(" (", "<br>(") for x in names],
        y=counts.to_numpy().tolist(),
        marker=dict(color=colours),
        text=[str(int(v)) for v in counts.to_numpy()],
        textposition="outside",
        hovertemplate="%{x}: %{y}<extra></extra>",
        cliponaxis=False,
    )
    return figure_of([bar], _small_layout(height, escape(managers_label)))


def _small_layout(height: int, ytitle: str) -> dict:
    return dict(
        height=height,
        margin=dict(l=8, r=8, t=24, b=8),
        paper_bgcolor="white",
        plot_bgcolor="white",
        font=dict(family=FONT, color=S.INK, size=12),
        showlegend=False,
        bargap=0.3,
        yaxis=dict(title=dict(text=ytitle), gridcolor="#EEEEEE", zeroline=False, rangemode="tozero"),
        xaxis=dict(tickangle=0),
    )
