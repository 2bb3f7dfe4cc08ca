"""Session and URL state: defaults, the views, the session's start, shared links, selection callbacks.

The designs live in the library (:mod:`orbit.app.designs`); a browser
session keeps only its own view of them in ``st.session_state``: which
design is open (``current``: ``library:NAME``, or ``library:NAME@N`` for a
fixed version), N, relations, the selection, the journey, the fixed
versions it opened and one editing session (undo stack) per design.
:func:`refresh_designs` asks the library afresh on every run, so what
another session or app process saved is there at the next interaction.
:func:`url_params` and :func:`read_url` put the view into the address bar
and read it back, so a link opens what is on screen
(``?design=library:NAME&version=N``).
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
from ..library import PREFIX, parse_reference
from ..model import CUSTOMER
from . import designs, loading

ss = st.session_state

DEFAULT_MAX_HOPS = 3
"""N of a new session: units more than 3 hops from the customer are flagged."""
MAX_HOPS_RANGE = (1, 10)
"""The N slider's range (links with another N are ignored)."""
DEFAULT_VIA = "both"
"""Relations that count for hops in a new session."""
DEFAULT_LANG = "en"
"""The language of a new session."""
VIEWS = ("explore", "analysis", "edit", "history", "compare", "export")
"""The app's tabs, in order; their ids appear in shared links."""


NAME_MAX = 220
"""Longest design reference a link may carry (a name has at most 200 characters)."""
LINK_MAX = 200
"""Longest read-only link token a URL may carry (Orbit's tokens have 43 characters)."""


def url_params(state: Mapping) -> dict[str, str]:
    """Query parameters for a view; defaults are left out to keep links short.

    ``design`` is ``library:NAME``; a fixed version adds ``version``.

    >>> url_params({"design": "library:Option A", "version": 3, "n": 3, "via": "both", "lang": "de"})
    {'design': 'library:Option A', 'version': '3', 'lang': 'de'}
    """
    out = {}
    if state.get("design"):
        out["design"] = str(state["design"])
    if state.get("version"):
        out["version"] = str(int(state["version"]))
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
    if state.get("link"):
        out = {"link": str(state["link"]), **{k: v for k, v in out.items() if k not in ("design", "version")}}
    return out


def read_url(params: Mapping) -> dict:
    """The view named by query parameters; invalid values are dropped.

    >>> read_url({"n": "5", "via": "serves", "lang": "de", "unit": "hotline", "design": "x", "view": "compare"})
    {'design': 'x', 'n': 5, 'via': 'serves', 'unit': 'hotline', 'lang': 'de', 'view': 'compare'}
    >>> read_url({"journey": "Reklamation"})
    {'journey': 'Reklamation'}
    >>> read_url({"n": "99", "via": "x", "lang": "fr", "version": "0"})
    {}
    >>> read_url({"design": "library:Option A", "version": "4"})
    {'design': 'library:Option A', 'version': 4}
    """

    def get(k):
        v = params.get(k)
        if isinstance(v, (list, tuple)):
            v = v[-1] if v else None
        return v if isinstance(v, str) and v.strip() else None

    out: dict = {}
    if get("design"):
        out["design"] = get("design")[:NAME_MAX]
    version = get("version")
    if version and version.isascii() and version.isdigit() and int(version) >= 1:
        out["version"] = int(version)
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
    if get("link") and len(get("link")) <= LINK_MAX:
        out["link"] = get("link").strip()
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
    """The other half of a classic/orbit pair of samples, if it is available.

    >>> from orbit.app.designs import default_ids
    >>> classic, orbit = default_ids()
    >>> counterpart(classic, [classic, orbit]) == orbit, counterpart("library:x", ["library:x"])
    (True, None)
    """
    return designs.counterpart_of(design_id, ids)


def is_classic(design_id: str) -> bool:
    """Whether ``design_id`` is the classic half of a pair of samples (shown first in a comparison)."""
    return designs.is_classic(design_id)


def compare_defaults(current: str, ids: list[str], bases: Mapping[str, str | None]) -> tuple[str, str]:
    """Sensible "today" and "proposed" designs for the Compare tab.

    A fixed version is compared with the newest version of its design; a
    classic/orbit sample with its counterpart (classic first); anything else
    with the next design.

    >>> compare_defaults("library:x@2", ["library:x", "library:x@2"], {"library:x@2": "library:x"})
    ('library:x@2', 'library:x')
    >>> compare_defaults("library:x", ["library:x", "library:y"], {})
    ('library:x', 'library:y')
    """
    base = bases.get(current)
    if base and base in ids:
        return current, base
    other = counterpart(current, ids)
    if other:
        return (current, other) if is_classic(current) else (other, current)
    rest = [i for i in ids if i != current]
    return current, (rest[0] if rest else current)


# ----------------------------------------------------------- the session
def start_session(progress: loading.Progress) -> None:
    """Every run: on the first, the view named in the URL and the command-line files; then the library's designs.

    When the library cannot be reached, ``ss.library_error`` says why and
    ``ss.designs`` is empty (:func:`ready` is False).
    """
    first = "designs" not in ss
    if first:
        url = read_url(st.query_params.to_dict())
        ss.lang = url.get("lang", DEFAULT_LANG)
        ss.max_hops = url.get("n", DEFAULT_MAX_HOPS)
        ss.via = url.get("via", DEFAULT_VIA)
        ss.selected = url.get("unit")
        ss.view = url.get("view", VIEWS[0])
        ss.journey = url.get("journey")
        ss.uploads_seen = {}
        ss.edits = {}
        ss.expand = []
        ss.notes = []
        ss.lib_notes = []
        ss.pinned = []
        ss.design_notes = {}
        ss.current = None
    try:
        if first:
            ss.current = _first_design(url, progress)
        refresh_designs()
    except OrgError as err:  # the library cannot be reached: the sidebar says so, nothing else is drawn
        ss.library_error = str(err)
        ss.designs = {}
        return
    ss.library_error = None


def ready() -> bool:
    """Whether a design is open (the library answered and holds at least one)."""
    return bool(ss.get("designs")) and ss.get("current") in ss.designs


def _first_design(url: Mapping, progress: loading.Progress) -> str | None:
    """The design the session opens: a file given on the command line, else the link's, else the default."""
    tr = Translator(ss.lang)
    current = None
    for path in loading.command_line_files(sys.argv[1:]):
        try:
            current = _command_line_design(path, tr, progress)
        except OrgError as err:
            ss.notes.append(("error", str(err)))
    token = url.get("link")
    if token:
        opened = designs.open_link(designs.library(), token)
        if opened is not None:
            ss.links = [opened.token]
            return opened.id
        current = current or default_design(designs.designs_on_offer())
        note(current, "warning", "access.link.none", default=_shown(current))
        return current
    wanted = url.get("design")
    if wanted:
        found = find_design(wanted, url.get("version"))
        if found is None:
            current = current or default_design(designs.designs_on_offer())
            key = "access.missing" if designs.signed_in() else "lib.missing"
            note(current, "warning", key, name=wanted.removeprefix(PREFIX), default=_shown(current))
        else:
            current = found
    return current


def _shown(design_id: str | None) -> str:
    """How notices name a design of the library's offer (its own name, without the owner)."""
    if design_id is None:
        return "–"
    d = designs.designs_on_offer().get(design_id)
    return d.shown_name if d is not None else design_id.removeprefix(PREFIX)


def note(design_id: str | None, kind: str, key: str, **values) -> None:
    """A notice about the library shown above the tabs while ``design_id`` stays open (``kind``: warning, info)."""
    ss.lib_notes = [*ss.get("lib_notes", []), (design_id, kind, key, values)]


def notes_now() -> list[tuple[str, str, dict]]:
    """The library notices for the open design: ``(kind, text key, values)``; older ones are dropped."""
    ss.lib_notes = [n for n in ss.get("lib_notes", []) if n[0] == ss.get("current")]
    return [(kind, key, values) for _, kind, key, values in ss.lib_notes]


def _command_line_design(path: str, tr: Translator, progress: loading.Progress) -> str:
    """The design of a file named on the command line: saved into the library once per content."""
    data = b""
    with contextlib.suppress(OSError):
        data = Path(path).read_bytes()
    key = f"load|{loading.content_key(data, path)}" if loading.looks_big(data, path) else None
    size = loading.size_text(len(data), tr)
    from .display import md_escape

    with progress.stage("reading", key, name=md_escape(Path(path).name), size=size):
        try:
            org = loading.read_file(path)
        except OrgError:
            progress.fail()
            raise
    user = designs.current_user()
    name = _imported(designs.database_url(), user, str(Path(path).resolve()), loading.content_key(data, path), org, tr)
    return designs.design_id(name)


@st.cache_resource(show_spinner=False)
def _imported(url: str, user: str | None, path: str, key: str, _org, _tr: Translator) -> str:
    """Save a command-line file into the library once per process and content; the name it has there.

    A design whose newest version holds exactly this content is reused,
    so restarting the app on the same file adds nothing.
    """
    from ..library.document import Stored

    digest = Stored.of(_org).digest
    for d in designs.designs_on_offer().values():
        if d.digest == digest:
            return d.name
    message = _tr("lib.msg.file", file=Path(path).name)
    return designs.save_new(_org, designs.upload_name(Path(path).name), message)


def find_design(text: str, version: int | None = None) -> str | None:
    """The id of the design a link names (``library:NAME``, ``library:NAME@N``, or a sample's old id), if any.

    A version, even the newest, opens read-only and stays that version when
    others save; one that does not exist opens the newest (with a note). A
    design the user may not see is not found, exactly like one that does
    not exist (the library decides: :func:`orbit.app.designs.handle_of`).
    """
    text = text.strip()
    offer = designs.designs_on_offer()
    by_key = {_key(d.name): d for d in offer.values() if not d.pinned and not d.by_link}
    name = text.removeprefix(PREFIX)
    found = by_key.get(_key(name))
    if found is None and text.startswith(PREFIX):
        with contextlib.suppress(ValueError):
            ref = parse_reference(text)
            name, version = ref.name, version or ref.version
            found = by_key.get(_key(name))
    if found is None:  # a link from before the library: a sample's file stem
        stem_name = designs.sample_names().get(name)
        found = by_key.get(_key(designs.own(stem_name))) if stem_name else None
    if found is None:  # a name without its owner, as links from before sign-in have them
        handle = designs.handle_of(name)
        found = by_key.get(_key(handle)) if handle else None
    if found is None:
        return None
    if version is None:
        return found.id
    if version > found.latest:
        note(found.id, "warning", "lib.missing.version", name=found.shown_name, n=version, latest=found.latest)
        return found.id
    return pin(found.name, version)


def _key(name: str) -> str:
    from ..library import name_key

    return name_key(name)


def pin(name: str, version: int) -> str:
    """Keep version ``version`` of ``name`` on offer in this session (read-only); returns its id."""
    if (name, version) not in ss.pinned:
        ss.pinned = [*ss.pinned, (name, version)]
    return designs.design_id(name, version)


def refresh_designs() -> None:
    """Ask the library what it holds now; an open design that is gone gives way to the default (with a note)."""
    names_before = ss.get("shown_names", {})
    ss.designs = designs.designs_on_offer(ss.pinned, ss.design_notes, ss.get("links", ()))
    ss.shown_names = {i: d.shown_name for i, d in ss.designs.items()}
    ss.pinned = [(d.name, d.version) for d in ss.designs.values() if d.pinned]
    ss.links = [d.token for d in ss.designs.values() if d.by_link]
    if ss.current in ss.designs:
        return
    gone = ss.current
    ss.current = default_design(ss.designs)
    if gone is not None and ss.current is not None:
        name = ss.designs[ss.current].shown_name
        if gone.startswith(designs.LINK_PREFIX):
            note(ss.current, "warning", "access.link.gone", default=name)
        else:
            gone_name = names_before.get(gone) or gone.removeprefix(PREFIX)
            note(ss.current, "warning", "lib.gone", name=gone_name, default=name)


def default_design(offer: Mapping) -> str | None:
    """The first screen's design if the library holds it, else the first design, else None."""
    for did in designs.default_ids():
        if did in offer:
            return did
    return next(iter(offer), None)


def show_in_url() -> None:
    """Put the view on screen into the address bar (only when it changed)."""
    design = ss.designs.get(ss.current) if ss.get("designs") else None
    params = url_params(
        {
            "design": designs.design_id(design.name) if design else None,
            "version": design.version if design is not None and design.pinned else None,
            "link": design.token if design is not None else None,
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


def open_design(design_id: str) -> None:
    """Open a design (call before the picker is drawn, or from a callback)."""
    ss.current = design_id


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
