"""The diagrams of the app, fast: figures cached by what shapes them, sent without copies, overlays apart.

A diagram depends on the design, N, the relations, the language, its size
and the journey; the selected unit only adds an overlay
(:mod:`orbit.render.interactive.overlay`), which the page puts on the chart
(:mod:`orbit.app.client`). So :func:`orbit_chart` and :func:`org_chart`
return the same cached figure whatever is selected, and a selection sends
only its overlay (:func:`overlays`). Figures are kept as plain dicts with
their number arrays already encoded for plotly.js (base64), and handed to
``st.plotly_chart`` as a :class:`SentFigure`, whose ``to_dict`` returns that
dict as it is: no deep copy and no validation on each run. The slow parts
that do not depend on N are cached on their own (layouts, reporting lines,
hover texts per N).

Where a diagram stops being readable (:data:`FOLD_FROM` units) the app
opens folded into departments (:func:`default_depth`); the folding itself is
:func:`orbit.app.loading.aggregated`, the one place the app folds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from _plotly_utils.utils import convert_to_base64

from ..analysis import Analysis
from ..layout import orbit_layout
from ..layout.chart import reporting_lines
from ..model import Organisation
from ..render import hierarchy_positions as render_hierarchy_positions
from ..render import interactive
from ..render.interactive.common import FLAGS_APART_FROM
from ..render.interactive.flags import flag_overlay, unit_order
from ..render.interactive.org_chart import BOXES_UP_TO
from ..render.interactive.overlay import hierarchy_overlay, orbit_overlay

pio.json.config.default_engine = "orjson"  # 5–10× faster than the json module for big figures

FOLD_FROM = 5_000
"""From this many units the Explore tab opens folded into departments (the user can open everything)."""

PANEL = (1.15, 1.0)
"""The shape (width, height) of the org chart's panel, for the layout that fills it best."""


class SentFigure(go.Figure):
    """A figure whose dict is already made: ``st.plotly_chart`` sends it without copying or validating it.

    ``flags`` is, for a figure drawn with ``flags_apart``, its N's
    :func:`~orbit.render.interactive.flags.flag_overlay` (the page draws it).
    """

    def __init__(self, fig: dict, flags: dict | None = None):
        super().__init__(_validate=False)
        self._sent = fig
        self._flags = flags

    @property
    def flags(self) -> dict | None:
        return self._flags

    def to_dict(self) -> dict:  # what st.plotly_chart calls
        return {"data": list(self._sent["data"]), "layout": dict(self._sent["layout"])}

    def to_plotly_json(self) -> dict:
        return self.to_dict()


def _encoded(fig: go.Figure, ids=None) -> dict:
    """A figure as a plain dict, number arrays in plotly.js's base64 form and text arrays as lists.

    With the analysis's ``ids``, a ``flags_apart`` figure also keeps its
    :func:`~orbit.render.interactive.flags.unit_order` (as ``order``, not sent).
    """
    d = {"data": [dict(t) for t in fig._data], "layout": dict(fig._layout)}
    order = unit_order(d, ids) if ids is not None else None
    for t in d["data"]:
        for k, v in list(t.items()):
            if isinstance(v, np.ndarray) and v.dtype == object:
                t[k] = v.tolist()
    convert_to_base64(d)
    if order is not None:
        d["order"] = order
    return d


# ------------------------------------------------------------- layouts
@st.cache_data(max_entries=64, show_spinner=False)
def _orbit_pos(key: str, via: str, ref_key: str | None, _org: Organisation, _a: Analysis, _reference):
    return orbit_layout(_org, analysis=_a, reference=_reference)  # rings do not depend on N


def orbit_positions(key: str, org: Organisation, a: Analysis, *, reference=None, reference_key: str | None = None):
    """The orbit layout of a design (the rings do not depend on N), optionally in a reference's angular order."""
    return _orbit_pos(key, a.via, reference_key if reference is not None else None, org, a, reference)


@st.cache_data(max_entries=64, show_spinner=False)
def _chart_pos(key: str, _org: Organisation):
    return render_hierarchy_positions(_org, page=PANEL)


def chart_positions(key: str, org: Organisation):
    """The org chart's box layout (the exports' compact layout, shaped for the app's panel)."""
    return _chart_pos(key, org)


@st.cache_data(max_entries=64, show_spinner=False)
def _lines(key: str, boxes: bool, _org: Organisation, _pos) -> np.ndarray:
    return reporting_lines(_org, _pos, centres=not boxes)


@st.cache_data(max_entries=64, show_spinner=False)
def _hover(key: str, max_hops: int, via: str, text: tuple, customer: str, _a: Analysis) -> np.ndarray:
    # max_hops < 0: the texts of a flags-apart figure, the same for every N
    return interactive.hover_texts(_a, text=dict(text), customer_label=customer, flags=max_hops >= 0)


# ------------------------------------------------------------- figures
def _opts_key(opts: Mapping) -> tuple:
    out = []
    for k, v in sorted(opts.items()):
        if isinstance(v, Mapping):
            v = tuple(sorted(v.items()))
        elif isinstance(v, list | np.ndarray):
            v = tuple(v)
        out.append((k, v))
    return tuple(out)


# max_hops < 0 in these keys: a flags-apart figure (the same for every N; N's flags are sent apart)
@st.cache_data(max_entries=48, show_spinner=False)
def _orbit_dict(key: str, max_hops: int, via: str, params: tuple, _a, _pos, _colours, _hover) -> dict:
    opts = dict(params)
    opts["text"] = dict(opts.get("text") or ())
    apart = max_hops < 0
    fig = interactive.orbit_figure(_a, _pos, colours=_colours, hover=_hover, flags_apart=apart, **opts)
    return _encoded(fig, _a.org.ids if apart else None)


@st.cache_data(max_entries=48, show_spinner=False)
def _chart_dict(key: str, max_hops: int, via: str, params: tuple, _a, _pos, _colours, _hover, _lines) -> dict:
    opts = dict(params)
    opts["text"] = dict(opts.get("text") or ())
    apart = max_hops < 0
    fig = interactive.hierarchy_figure(
        _a, _pos, colours=_colours, hover=_hover, lines=_lines, flags_apart=apart, **opts
    )
    return _encoded(fig, _a.org.ids if apart else None)


def flags_apart(a: Analysis, opts: Mapping, *, legend_default: bool, on_page: bool = True) -> bool:
    """Whether a diagram of ``a`` is drawn without its flags, which the page then draws apart.

    From :data:`~orbit.render.interactive.common.FLAGS_APART_FROM` units, when
    the diagram has no legend (whose flagged entry names N), is not folded (a
    folded box's flag and hover tell of its people) and its view mounts the
    page script with the figure's flags (``on_page``, :func:`orbit.app.views.widgets.page_script`).
    """
    return on_page and len(a.org) >= FLAGS_APART_FROM and not opts.get("legend", legend_default) and a.folding is None


def figure_n(a: Analysis, opts: Mapping, *, legend_default: bool = True, on_page: bool = True) -> int:
    """The N a diagram's figure depends on: ``a.max_hops``, or -1 when its flags are drawn apart."""
    return -1 if flags_apart(a, opts, legend_default=legend_default, on_page=on_page) else a.max_hops


@st.cache_data(max_entries=64, show_spinner=False)
def _flags(key: str, max_hops: int, via: str, height, legend: bool, plot_px, text: tuple, _a, _order, _pos):
    # _pos only for an orbit view (its zone beyond N); the frame is the figure's, for the zone's place
    return flag_overlay(_a, _order, pos=_pos, height=height, legend=legend, plot_px=plot_px, text=dict(text))


def _prepared(opts: Mapping, colours: Mapping) -> tuple[tuple, tuple]:
    opts = {k: list(v) if isinstance(v, tuple | np.ndarray) else v for k, v in opts.items() if v is not None}
    colour_key = tuple(sorted(colours.items()))
    return _opts_key({**opts, "colour_key": hash(colour_key)}), _opts_key(opts)


def orbit_chart(key: str, a: Analysis, pos, colours: Mapping, *, flags_on_page: bool = True, **opts) -> SentFigure:
    """The orbit view (:func:`orbit.render.interactive.orbit_figure` with ``opts``), cached; no selection in it.

    ``pos`` is :func:`orbit_positions` of the same ``key``. A big design's
    figure is the same for every N (:func:`flags_apart`); its N's flags come
    with it apart, for the page script to draw: a view that does not mount it
    passes ``flags_on_page=False`` and gets the flags in the figure.
    """
    n_key = figure_n(a, opts, legend_default=True, on_page=flags_on_page)
    text = tuple(sorted((opts.get("text") or {}).items()))
    hover = _hover(key.split("|ref")[0], n_key, a.via, text, str(opts.get("customer_label")), a)
    cache_key, params = _prepared(opts, colours)
    fig = _orbit_dict(f"{key}|{cache_key}", n_key, a.via, params, a, pos, dict(colours), hover)
    if n_key >= 0:
        return SentFigure(fig)
    frame = (opts.get("height", 640), bool(opts.get("legend", True)), opts.get("plot_px"))
    return SentFigure(fig, _flags(f"{key}|{cache_key}", a.max_hops, a.via, *frame, text, a, fig["order"], pos))


def org_chart(key: str, a: Analysis, pos, colours: Mapping, *, flags_on_page: bool = True, **opts) -> SentFigure:
    """The org chart (:func:`orbit.render.interactive.hierarchy_figure` with ``opts``), cached; no selection in it.

    ``pos`` is :func:`chart_positions` of the same ``key``; flags as for :func:`orbit_chart`.
    """
    n_key = figure_n(a, opts, legend_default=False, on_page=flags_on_page)  # FLAGS_APART_FROM > BOXES_UP_TO
    text = tuple(sorted((opts.get("text") or {}).items()))
    hover = _hover(key, n_key, a.via, text, str(opts.get("customer_label")), a)
    lines = _lines(key, len(a.org) <= BOXES_UP_TO, a.org, pos)
    cache_key, params = _prepared(opts, colours)
    fig = _chart_dict(f"{key}|{cache_key}", n_key, a.via, params, a, pos, dict(colours), hover, lines)
    if n_key >= 0:
        return SentFigure(fig)
    return SentFigure(fig, _flags(f"{key}|{cache_key}", a.max_hops, a.via, 0, False, None, text, a, fig["order"], None))


def marker_sizes(fig: SentFigure) -> np.ndarray | None:
    """The marker diameters an orbit figure drew (for its overlay's ring), in the analysis's order."""
    return fig._sent["layout"].get("meta", {}).get("orbit_marker_px")


def overlays(
    selected: str | None,
    charts: Sequence[tuple[str, str, Analysis, object, SentFigure, Mapping]],
) -> dict[str, dict]:
    """The overlay of each chart for the selected unit: ``{box: {shapes, annotations, sig}}``.

    ``charts`` are ``(box, kind, analysis, positions, figure, options)``
    with the options the figure was made with (height, legend, plot size,
    customer label). A unit a design does not have gives that chart none.
    """
    out = {}
    for box, kind, a, pos, fig, opts in charts:
        if kind == "orbit":
            sizes = marker_sizes(fig)
            ids = a.units["id"].tolist()
            size_arr = np.array([sizes.get(i, 14.0) for i in ids]) if sizes else None
            ov = orbit_overlay(
                a,
                pos,
                selected,
                customer_label=opts.get("customer_label"),
                height=opts.get("height", 640),
                legend=opts.get("legend", True),
                plot_px=opts.get("plot_px"),
                marker_px=size_arr,
            )
        else:
            ov = hierarchy_overlay(
                a,
                pos,
                selected,
                customer_label=opts.get("customer_label"),
                plot_px=opts.get("plot_px", 560.0),
                height=opts.get("height", 640),
            )
        out[box] = {**_encoded_overlay(ov), "sig": f"{selected or ''}"}
    return out


def _encoded_overlay(ov: Mapping) -> dict:
    return {"shapes": list(ov.get("shapes", [])), "annotations": list(ov.get("annotations", []))}


# ------------------------------------------------------------- folding
def default_depth(org: Organisation) -> int:
    """How deep a design opens: everything below :data:`FOLD_FROM` units, else departments (two levels)."""
    return 0 if len(org) < FOLD_FROM else 2
