"""Session and URL state: defaults, the views, the session's start, shared links, selection callbacks.

The session keeps its designs, the open one, N, relations, the selection,
the journey and the editing sessions in ``st.session_state``;
:func:`url_params` and :func:`read_url` put the view into the address bar
and read it back, so a link opens what is on screen.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import streamlit as st

from ..analysis import VIA
from ..errors import OrgError
from ..i18n import LANGUAGES, Translator
from ..model import CUSTOMER
from . import loading
from .display import md_escape

ss = st.session_state

DEFAULT_MAX_HOPS = 3
"""N of a new session: units more than 3 hops from the customer are flagged."""
MAX_HOPS_RANGE = (1, 10)
"""The N slider's range (links with another N are ignored)."""
DEFAULT_VIA = "both"
"""Relations that count for hops in a new session."""
DEFAULT_LANG = "en"
"""The language of a new session."""
VIEWS = ("explore", "analysis", "edit", "compare", "export")
"""The app's tabs, in order; their ids appear in shared links."""


def url_params(state: Mapping) -> dict[str, str]:
    """Query parameters for a view; defaults are left out to keep links short.

    >>> url_params({"design": "bank-orbit", "n": 3, "via": "both", "unit": None, "lang": "de", "view": "explore"})
    {'design': 'bank-orbit', 'lang': 'de'}
    """
    out = {}
    if state.get("design"):
        out["design"] = str(state["design"])
    if state.get("n") is not None and int(state["n"]) != DEFAULT_MAX_HOPS:
        out["n"] = str(int(state["n"]))
    if state.get("via") and state["via"] != DEFAULT_VIA:
        out["via"] = str(state["via"])
    if state.get("unit"):
        out["unit"] = str(state["unit"])
    if state.get("lang") and state["lang"] != DEFAULT_LANG:
        out["lang"] = str(state["lang"])
    if state.get("view") and state["view"] != VIEWS[0]:
        out["view"] = str(state["view"])
    if state.get("journey"):
        out["journey"] = str(state["journey"])
    return out


def read_url(params: Mapping) -> dict:
    """The view named by query parameters; invalid values are dropped.

    >>> read_url({"n": "5", "via": "serves", "lang": "de", "unit": "hotline", "design": "x", "view": "compare"})
    {'design': 'x', 'n': 5, 'via': 'serves', 'unit': 'hotline', 'lang': 'de', 'view': 'compare'}
    >>> read_url({"journey": "Reklamation"})
    {'journey': 'Reklamation'}
    >>> read_url({"n": "99", "via": "x", "lang": "fr"})
    {}
    """

    def get(k):
        v = params.get(k)
        if isinstance(v, (list, tuple)):
            v = v[-1] if v else None
        return v if isinstance(v, str) and v.strip() else None

    out: dict = {}
    if get("design"):
        out["design"] = get("design")[:200]
    n = get("n")
    if n and n.isdigit() and MAX_HOPS_RANGE[0] <= int(n) <= MAX_HOPS_RANGE[1]:
        out["n"] = int(n)
    if get("via") in VIA:
        out["via"] = get("via")
    if get("unit"):
        out["unit"] = get("unit")[:200]
    if get("lang") in LANGUAGES:
        out["lang"] = get("lang")
    if get("view") in VIEWS:
        out["view"] = get("view")
    if get("journey"):
        out["journey"] = get("journey")[:200]
    return out


def clicked_unit(event) -> str | None:
    """The unit id in a plotly selection event (the first point with a unit id).

    >>> clicked_unit({"selection": {"points": [{"customdata": ["sales"]}]}})
    'sales'
    >>> clicked_unit({"selection": {"points": [{"customdata": "customer"}]}}) is None
    True
    """
    if not event:
        return None
    selection = event.get("selection") if isinstance(event, Mapping) else getattr(event, "selection", None)
    if not selection:
        return None
    points = selection.get("points") if isinstance(selection, Mapping) else getattr(selection, "points", None)
    for point in points or ():
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if isinstance(data, str) and data and data != CUSTOMER:
            return data
    return None


def counterpart(design_id: str, ids: Iterable[str]) -> str | None:
    """The other half of a classic/orbit pair, if it is available.

    >>> counterpart("bank-classic", ["bank-orbit", "x"]), counterpart("x", ["x"])
    ('bank-orbit', None)
    """
    ids = set(ids)
    for a, b in (("-classic", "-orbit"), ("-orbit", "-classic")):
        if design_id.endswith(a):
            other = design_id[: -len(a)] + b
            if other in ids:
                return other
    return None


def compare_defaults(current: str, ids: list[str], bases: Mapping[str, str | None]) -> tuple[str, str]:
    """Sensible "today" and "proposed" designs for the Compare tab.

    An edited design is compared with its original; a classic/orbit sample
    with its counterpart (classic first); anything else with the next design.

    >>> compare_defaults("bank-orbit", ["bank-classic", "bank-orbit"], {})
    ('bank-classic', 'bank-orbit')
    >>> compare_defaults("edit:x", ["x", "edit:x"], {"edit:x": "x"})
    ('x', 'edit:x')
    """
    base = bases.get(current)
    if base and base in ids:
        return base, current
    other = counterpart(current, ids)
    if other:
        return (current, other) if current.endswith("-classic") else (other, current)
    rest = [i for i in ids if i != current]
    return current, (rest[0] if rest else current)


# ----------------------------------------------------------- the session
def start_session(progress: loading.Progress) -> None:
    """First run of a browser session: samples, command-line files and the view named in the URL."""
    if "designs" in ss:
        return
    url = read_url(st.query_params.to_dict())
    ss.lang = url.get("lang", DEFAULT_LANG)
    tr = Translator(ss.lang)
    designs = loading.sample_designs()
    notes = []
    current = loading.DEFAULT_PAIR[0] if loading.DEFAULT_PAIR[0] in designs else next(iter(designs), None)
    for path in loading.command_line_files(sys.argv[1:]):
        data = b""
        with contextlib.suppress(OSError):
            data = Path(path).read_bytes()
        key = f"load|{loading.content_key(data, path)}" if loading.looks_big(data, path) else None
        size = loading.size_text(len(data), tr)
        with progress.stage("reading", key, name=md_escape(Path(path).name), size=size):
            try:
                d = loading.file_design(path)
            except OrgError as err:
                progress.fail()
                notes.append(("error", str(err)))
                continue
        designs[d.id] = d
        current = current if current in designs and current.startswith("file:") else d.id
    if url.get("design") in designs:
        current = url["design"]
    elif url.get("design"):
        notes.append(("missing", url["design"]))
    ss.designs = designs
    ss.current = current
    ss.max_hops = url.get("n", DEFAULT_MAX_HOPS)
    ss.via = url.get("via", DEFAULT_VIA)
    ss.selected = url.get("unit")
    ss.view = url.get("view", VIEWS[0])
    ss.journey = url.get("journey")
    ss.uploads_seen = {}
    ss.edits = {}
    ss.expand = []
    ss.notes = notes


def show_in_url() -> None:
    """Put the view on screen into the address bar (only when it changed)."""
    params = url_params(
        {
            "design": ss.current,
            "n": ss.max_hops,
            "via": ss.via,
            "unit": ss.selected,
            "lang": ss.lang,
            "view": ss.view,
            "journey": ss.journey,
        }
    )
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def add_design(design: loading.Design, *, select: bool = True) -> None:
    """Register a design; it becomes the open one on the next run (before the picker is drawn)."""
    ss.designs = {**ss.designs, design.id: design}
    if select:
        ss.open_next = design.id


# ------------------------------------------------------------ callbacks
def on_clicked(chart_key: str) -> None:
    """A chart's selection event: select the clicked unit."""
    unit = clicked_unit(ss.get(chart_key))
    if unit:
        ss.selected = unit


def on_search() -> None:
    """The unit search: select the unit found."""
    if ss.get("search"):
        ss.selected = ss.search


def clear_selection() -> None:
    """No unit selected."""
    ss.selected = None


def sync_choice(shared: str, widget: str) -> None:
    """Copy a widget's value to the session value several widgets share (e.g. the journey)."""
    ss[shared] = ss[widget] or None
