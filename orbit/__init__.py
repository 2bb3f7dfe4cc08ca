"""Orbit: customer-centric organisation design.

Load an organisation, measure how far every unit sits from the customer, lay
it out on concentric rings or as a classic tree, and export the diagrams.

>>> import orbit
>>> org = orbit.load(b"units: [{id: desk, serves: [customer]}, {id: back, serves: [desk]}]",
...                  name="tiny.yaml")
>>> orbit.analyse(org).units[["id", "hops"]].values.tolist()
[['desk', 1], ['back', 2]]
"""

from .analysis import Analysis, Comparison, analyse, compare, relation_edges
from .errors import OrgError
from .formats import dumps, load, save
from .model import CUSTOMER, Journey, Organisation, build_organisation

__version__ = "0.1.0"

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
]
