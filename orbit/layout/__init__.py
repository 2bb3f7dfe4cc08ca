"""Layouts: positions as data, drawing elsewhere.

Every layout is a pure function of the organisation that returns
``{id: (x, y)}`` and draws nothing, like the networkx layouts; the result
can be passed to networkx as ``pos``.

- :func:`orbit_layout`: the customer at the centre, units on rings by their
  distance to the customer (with ring radii and label hints attached).
- :func:`hierarchy_layout`: the classic top-down org chart as a tidy tree.
- :func:`ring_geometry`: the rings every renderer of the orbit view draws
  (radii, spacing, the zone beyond N); :mod:`orbit.layout.rings` also makes
  room for labels (:func:`fitted_orbit_layout`).
- :mod:`orbit.layout.chart`: the org chart's boxes and reporting lines as
  data (:func:`reporting_lines`, :func:`chart_layout`).
- :func:`count_crossings`: how many edges cross in a straight-line drawing.
"""

from .crossings import count_crossings
from .radial import OrbitLayout, orbit_layout, visible_labels
from .rings import RingGeometry, fitted_orbit_layout, ring_geometry
from .tree import HierarchyLayout, hierarchy_layout

__all__ = [
    "HierarchyLayout",
    "OrbitLayout",
    "RingGeometry",
    "count_crossings",
    "fitted_orbit_layout",
    "hierarchy_layout",
    "orbit_layout",
    "ring_geometry",
    "visible_labels",
]
