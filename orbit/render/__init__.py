"""Static rendering: the orbit view, the org chart, comparisons, and bytes for export.

Positions come from :mod:`orbit.layout`; colours, relation styles and fonts
from :mod:`orbit.render.style` (also used by the app's plotly figures).

Each ``draw_*`` function draws into a matplotlib Axes (``ax=None`` means the
current one) and returns it; each ``figure_*`` function makes a
:class:`matplotlib.figure.Figure` sized to the organisation without touching
pyplot; :func:`figure_bytes` turns a figure into PNG, SVG or PDF bytes.
"""

from .static import (
    FORMATS,
    department_colours_of,
    draw_hierarchy,
    draw_orbit,
    figure_both,
    figure_bytes,
    figure_compare,
    figure_hierarchy,
    figure_orbit,
    hierarchy_positions,
)

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
]
