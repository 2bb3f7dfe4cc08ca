"""Drawing: the orbit view, the org chart and comparisons, as matplotlib figures (exports) and plotly figures (app).

One module per drawing, on shared pieces:

- :mod:`~orbit.render.orbit_view`, :mod:`~orbit.render.org_chart`,
  :mod:`~orbit.render.both_views`, :mod:`~orbit.render.comparison`: the
  matplotlib drawings (``draw_*`` into an Axes, ``figure_*`` sized to the
  organisation);
- :mod:`~orbit.render.interactive`: the app's plotly figures;
- :mod:`~orbit.render.units` (per-unit arrays), :mod:`~orbit.render.style`
  (colours, kinds, marks), :mod:`~orbit.render.text_fit` (widths, wrapping,
  hyphenation), :mod:`~orbit.render.labels` (label placement),
  :mod:`~orbit.render.legends`, :mod:`~orbit.render.page` (title and
  footnote), :mod:`~orbit.render.output` (figure to bytes).

Positions and ring geometry come from :mod:`orbit.layout`, texts from
:mod:`orbit.i18n`. Each ``draw_*`` function draws into a matplotlib Axes
(``ax=None`` means the current one) and returns it; each ``figure_*``
function makes a :class:`matplotlib.figure.Figure` sized to the organisation
without touching pyplot; :func:`figure_bytes` turns a figure into PNG, SVG or
PDF bytes. :func:`orbit_image_layout` and :func:`hierarchy_positions` are the
layouts the exported images draw (ring radii and room for labels; box sizes,
lists and rows), for another renderer to draw the same geometry.
"""

from .both_views import figure_both
from .comparison import figure_compare
from .orbit_view import draw_orbit, figure_orbit, orbit_image_layout
from .org_chart import draw_hierarchy, figure_hierarchy, hierarchy_positions
from .output import FORMATS, figure_bytes
from .units import department_colours_of

__all__ = [
    "FORMATS",
    "department_colours_of",
    "draw_hierarchy",
    "draw_orbit",
    "figure_both",
    "figure_bytes",
    "figure_compare",
    "figure_hierarchy",
    "figure_orbit",
    "hierarchy_positions",
    "orbit_image_layout",
]
