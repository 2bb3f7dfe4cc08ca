"""The floor for benchmarks/app.py: a minimal Streamlit app drawing the same points and segments with Scattergl.

Run as ``streamlit run benchmarks/floor_app.py -- FILE.csv``. It draws the
orbit layout's points and relations and the org chart's points and
reporting lines of FILE (computed once and cached), colours the units beyond
N hops, and highlights the unit typed into the text box with its path: what
Orbit's Explore tab does, with nothing else (no labels, hover texts, boxes,
legends, detail panel or caching of figures). Each interaction reruns the
whole script and sends both charts again, the plain Streamlit way.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import orbit  # noqa: E402
from orbit.layout import hierarchy_layout, orbit_layout  # noqa: E402
from orbit.layout.chart import reporting_lines  # noqa: E402

st.set_page_config(layout="wide")
PATH = next(a for a in sys.argv[1:] if a.endswith(".csv"))


@st.cache_resource
def prepared():
    org = orbit.load(PATH)
    a = orbit.analyse(org)
    ids = org.units["id"].to_numpy(dtype=object)
    index = {u: i for i, u in enumerate(ids)}
    pos = orbit_layout(org, analysis=a)
    xy = np.array([pos[i] for i in ids])
    edges = orbit.analysis.relation_edges(org, "both")
    src = np.array([index.get(s, -1) for s in edges["source"]])
    tgt = np.array([index.get(t, -1) for t in edges["target"]])
    ok = (src >= 0) & (tgt >= 0)
    seg = np.full((ok.sum() * 3, 2), np.nan)
    seg[0::3], seg[1::3] = xy[src[ok]], xy[tgt[ok]]
    hpos = hierarchy_layout(org)
    hxy = np.array([hpos[i] for i in ids])
    lines = reporting_lines(org, hpos, centres=True)
    hseg = np.full((len(lines) * 3, 2), np.nan)
    hseg[0::3], hseg[1::3] = lines[:, 0], lines[:, 1]
    hops = np.asarray(a.hops, dtype=float)
    return org, a, ids, index, xy, seg, hxy, hseg, hops


org, a, ids, index, xy, seg, hxy, hseg, hops = prepared()
n = st.slider("N", 1, 10, 3, key="n")
unit = st.text_input("unit", key="unit")
colour = np.where((hops > n) | (hops < 0), "#882255", "#4477AA")
path = [p for p in (a.path(unit) if unit in index else []) if p in index]


def chart(points, segments, key):
    traces = [
        go.Scattergl(x=segments[:, 0], y=segments[:, 1], mode="lines", line=dict(width=0.5, color="#BBBBBB")),
        go.Scattergl(x=points[:, 0], y=points[:, 1], mode="markers", marker=dict(size=5, color=colour)),
    ]
    if path:
        p = points[[index[u] for u in path]]
        traces.append(go.Scattergl(x=p[:, 0], y=p[:, 1], mode="lines+markers", line=dict(width=4, color="#222255")))
    fig = go.Figure(traces, layout=dict(height=600, showlegend=False, uirevision="x"))
    st.plotly_chart(fig, key=key)


left, right = st.columns(2)
with left:
    chart(xy, seg, "floor_orbit")
with right:
    chart(hxy, hseg, "floor_tree")
st.markdown(f"selected: {unit if path else '-'}")
