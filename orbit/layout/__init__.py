"""Layouts: positions as data, drawing elsewhere.

Every layout is a pure function of the organisation that returns
``{id: (x, y)}`` and draws nothing, like the networkx layouts; the result
can be passed to networkx as ``pos``.

- :func:`orbit_layout`: the customer at the centre, units on rings by their
  distance to the customer (with ring radii and label hints attached).
- :func:`hierarchy_layout`: the classic top-down org chart as a tidy tree.
- :func:`count_crossings`: how many edges cross in a straight-line drawing.
"""

from .crossings import count_crossings
from .radial import OrbitLayout, orbit_layout, visible_labels
from .tree import HierarchyLayout, hierarchy_layout

__all__ = ["HierarchyLayout", "OrbitLayout", "count_crossings", "hierarchy_layout", "orbit_layout", "visible_labels"]
