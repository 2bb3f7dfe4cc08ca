"""Interactive plotly figures for the app: the orbit view, the org chart, small charts.

Like the matplotlib drawings these functions only consume positions
(:func:`orbit.layout.orbit_layout`, :func:`orbit.layout.hierarchy_layout`)
and an :class:`~orbit.analysis.Analysis`; they share the drawings' per-unit
arrays (:mod:`orbit.render.units`), ring geometry and reporting lines
(:mod:`orbit.layout`), text fitting and label placement
(:mod:`orbit.render.text_fit`, :mod:`orbit.render.labels`), palette, kind
markers and relation styles (:mod:`orbit.render.style`), so the app and the
exported images look alike. Nothing here imports streamlit.

- :mod:`~orbit.render.interactive.orbit_view`: :func:`orbit_figure`;
- :mod:`~orbit.render.interactive.org_chart`: :func:`hierarchy_figure`;
- :mod:`~orbit.render.interactive.charts`: :func:`ring_headcount_figure`, :func:`span_figure`;
- :mod:`~orbit.render.interactive.common`: what they share (hover texts,
  unit and relation traces, the selection and journey overlays).

Every unit marker carries its id in ``customdata``, so a click selection
(``st.plotly_chart(..., on_select="rerun")``) names the unit. All text that
comes from a file (names, kinds, the customer label, journey names) is
HTML-escaped, because plotly renders some tags in hover text, legends and
labels.

Large organisations (:data:`WEBGL_FROM` units and more) are drawn with WebGL
(``Scattergl``) and only the most important labels are shown.

Examples
--------
>>> import orbit
>>> from orbit.layout import orbit_layout
>>> org = orbit.load(b"units: [{id: desk, serves: [customer]}, {id: back, serves: [desk]}]", name="t.yaml")
>>> a = orbit.analyse(org)
>>> fig = orbit_figure(a, orbit_layout(org, analysis=a))
>>> sorted({c for t in fig.data if t.customdata is not None for c in t.customdata})
['back', 'customer', 'desk']
"""

from .charts import ring_headcount_figure, span_figure
from .common import DEFAULT_TEXT, JOURNEY_COLOUR, PATH_COLOUR, WEBGL_FROM, escape, hover_texts
from .orbit_view import LEGEND_ROW_PX, legend_rows, orbit_figure
from .org_chart import hierarchy_figure

__all__ = [
    "DEFAULT_TEXT",
    "JOURNEY_COLOUR",
    "LEGEND_ROW_PX",
    "PATH_COLOUR",
    "WEBGL_FROM",
    "escape",
    "hierarchy_figure",
    "hover_texts",
    "legend_rows",
    "orbit_figure",
    "ring_headcount_figure",
    "span_figure",
]
