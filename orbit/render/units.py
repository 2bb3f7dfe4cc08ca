"""What every drawing needs per unit, as arrays: the same for matplotlib and plotly.

:class:`UnitArrays` holds, in the organisation's order, each unit's id,
display name, kind, headcount, department, flags, hops and layer, with the
department colours; :meth:`UnitArrays.fill` gives the face colours (the
department's, tinted by kind), :meth:`~UnitArrays.markers` and
:meth:`~UnitArrays.symbols` the matplotlib markers and plotly symbols.
:func:`department_colours_of` colours one or more designs alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from ..analysis import Analysis, relation_edges
from ..model import CUSTOMER
from . import style as S
from .text_fit import ContextualNames

__all__ = [
    "UnitArrays",
    "department_colours_of",
    "department_headcounts",
    "heaviest_departments",
    "marker_area_floor",
    "marker_order",
    "positions_of",
]


@dataclass
class UnitArrays:
    """What every drawing needs per unit, as arrays in the organisation's order (:meth:`of` an analysis)."""

    ids: np.ndarray
    names: np.ndarray
    kinds: np.ndarray
    headcount: np.ndarray  # float, missing = 1
    department: np.ndarray
    flagged: np.ndarray
    misplaced: np.ndarray
    reachable: np.ndarray
    hops: np.ndarray  # -1 where unreachable
    ring: np.ndarray
    level: np.ndarray
    colours: dict

    @classmethod
    def of(cls, a: Analysis, colours: Mapping | None = None) -> UnitArrays:
        t = a.units
        ids = t["id"].to_numpy(dtype=object)
        names = np.array([n if isinstance(n, str) and n.strip() else i for n, i in zip(t["name"], ids)], dtype=object)
        dept = t["department"].to_numpy(dtype=object)
        if colours is None:
            colours = department_colours_of(a)
        return cls(
            ids=ids,
            names=names,
            kinds=t["kind"].to_numpy(dtype=object),
            headcount=a.weights,
            department=dept,
            flagged=np.asarray(a.flagged, dtype=bool),
            misplaced=np.asarray(a.misplaced, dtype=bool),
            reachable=np.asarray(a.reachable, dtype=bool),
            hops=np.asarray(a.hops),
            ring=np.asarray(a.ring),
            level=np.asarray(a.level),
            colours=dict(colours),
        )

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def short_names(self) -> ContextualNames:
        """Each unit's name without its department's words (:class:`~orbit.render.text_fit.ContextualNames`)."""
        return ContextualNames(self.ids, self.names, self.department)

    @cached_property
    def index(self) -> pd.Index:
        """The ids as an index: unit codes by id."""
        return pd.Index(self.ids)

    @cached_property
    def name_of(self) -> dict:
        """``{id: display name}``."""
        return dict(zip(self.ids, self.names, strict=True))

    def fill(self) -> np.ndarray:
        """Face colours: department colour, lightened for some kinds."""
        out = np.empty(len(self), dtype=object)
        cache: dict = {}
        for i, (d, k) in enumerate(zip(self.department, self.kinds, strict=True)):
            key = (d, k)
            if key not in cache:
                base = self.colours.get(d, S.OTHER_COLOUR)
                t = S.kind_style(k).tint
                cache[key] = S.tint(base, t) if t else base
            out[i] = cache[key]
        return out

    def symbols(self) -> np.ndarray:
        """Plotly symbol per unit (the kind's; flagged units get theirs from the trace)."""
        return np.array([S.kind_style(k).symbol for k in self.kinds], dtype=object)

    def relations(self, org) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every relation (reporting lines, services, touchpoints) as ``(kind, source code, target code)``.

        The customer's code is ``len(self)`` (one past the last unit); a
        relation to a unit not in this drawing has code -1.
        """
        edges = relation_edges(org, "both")
        src = self.index.get_indexer(edges["source"].to_numpy(dtype=object))
        tgt_ids = edges["target"].to_numpy(dtype=object)
        tgt = np.where(tgt_ids == CUSTOMER, len(self), self.index.get_indexer(tgt_ids))
        return edges["relation"].to_numpy(dtype=object), src, tgt

    def markers(self) -> np.ndarray:
        """Matplotlib marker per unit: the flagged marker wins over the kind's."""
        out = np.array([S.kind_style(k).marker for k in self.kinds], dtype=object)
        out[self.flagged] = S.FLAGGED_STYLE.marker
        return out

    def weights(self) -> np.ndarray:
        """Label font weight per unit (bold for leadership, departments …)."""
        return np.array([S.kind_style(k).weight for k in self.kinds], dtype=object)

    def department_names(self) -> dict:
        """``{department id: display name}``."""
        return {d: self.name_of.get(d, d) for d in pd.unique(self.department)}


def department_headcounts(*designs: UnitArrays) -> pd.DataFrame:
    """Headcount per department (rows) in each design (columns, 0 where a design lacks it)."""
    per_design = [pd.Series(u.headcount).groupby(pd.Series(u.department, dtype=object)).sum() for u in designs]
    return pd.concat(per_design, axis=1).fillna(0.0) if per_design else pd.DataFrame()


def heaviest_departments(table: pd.DataFrame) -> pd.Index:
    """The departments of a :func:`department_headcounts` table, the heaviest (in any design) first."""
    return table.max(axis=1).sort_values(ascending=False).index if len(table) else pd.Index([])


def department_colours_of(*analyses: Analysis) -> dict:
    """``{department id: colour}`` for one or more designs, heaviest departments first.

    Give two analyses to colour a comparison alike.
    """
    weights: dict = {}
    for a in analyses:
        hc = pd.Series(a.weights).groupby(a.units["department"].to_numpy(dtype=object)).sum()
        for d, v in hc.items():
            weights[d] = weights.get(d, 0.0) + float(v)
    return S.department_colours(weights, weights=weights)


def positions_of(pos: Mapping, ids: np.ndarray) -> np.ndarray:
    """The positions of ``ids`` as an ``(n, 2)`` array; a KeyError names a unit without one."""
    try:
        return np.array([pos[i] for i in ids], dtype=float).reshape(-1, 2)
    except KeyError as err:
        raise KeyError(f"pos has no position for unit {err.args[0]!r}") from None


def marker_order(markers: np.ndarray) -> list:
    """The distinct markers in drawing order: the flagged marker last, on top."""
    found = list(dict.fromkeys(markers.tolist()))
    return sorted(found, key=lambda m: (m == S.FLAGGED_STYLE.marker, m))


def marker_area_floor(hi: float) -> float:
    """The smallest marker area (square points) of a drawing whose largest marker has area ``hi``.

    >>> marker_area_floor(576.0), marker_area_floor(9.0)
    (12.0, 4.0)
    """
    return float(np.clip(hi / 30.0, min(hi, 4.0), 12.0))
