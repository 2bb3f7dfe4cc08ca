"""Orbit: customer-centric organisation design.

Load an organisation, measure how far every unit sits from the customer, lay
it out on concentric rings or as a classic tree, and export the diagrams.

>>> import orbit
>>> org = orbit.load(b"units: [{id: desk, serves: [customer]}, {id: back, serves: [desk]}]",
...                  name="tiny.yaml")
>>> orbit.analyse(org).units[["id", "hops"]].values.tolist()
[['desk', 1], ['back', 2]]
"""

from ._lazy import lazy_getattr
from .analysis import Analysis, Comparison, analyse, compare, relation_edges
from .errors import OrgError
from .formats import dumps, load, save
from .model import CUSTOMER, Journey, Organisation, build_organisation

__version__ = "0.1.0"

# Layouts and renderers load on first use, so `orbit analyse` does not pay for matplotlib.
_LAZY = {
    "OrbitLayout": "orbit.layout",
    "count_crossings": "orbit.layout",
    "hierarchy_layout": "orbit.layout",
    "orbit_layout": "orbit.layout",
    "visible_labels": "orbit.layout",
    "draw_orbit": "orbit.render",
    "draw_hierarchy": "orbit.render",
    "figure_orbit": "orbit.render",
    "figure_hierarchy": "orbit.render",
    "figure_both": "orbit.render",
    "figure_compare": "orbit.render",
    "figure_bytes": "orbit.render",
    "run_checks": "orbit.checks",
    "group_people": "orbit.hr",
    "aggregate": "orbit.aggregate",
}


__getattr__ = lazy_getattr(__name__, globals(), _LAZY)

__all__ = [
    "CUSTOMER",
    "Analysis",
    "Comparison",
    "Journey",
    "OrgError",
    "Organisation",
    "analyse",
    "build_organisation",
    "compare",
    "dumps",
    "load",
    "relation_edges",
    "save",
    *_LAZY,
]
