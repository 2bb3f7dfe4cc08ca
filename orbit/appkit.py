"""What the app needs besides widgets: cached loaders, session helpers, URL state, downloads.

``app.py`` only builds widgets; everything it computes comes from here, and
most of it is plain functions that tests call without a running app:

- **Designs**: a :class:`Design` is a file's bytes with a content key; the
  bundled samples, uploads (:func:`ingest_upload`, with the size limit) and
  edited versions all take this one form.
- **Cached computations** (``st.cache_data``): loading, analysis, layouts and
  the plotly figures are keyed by the design's content key and the
  parameters, never by the big objects themselves (those are passed as
  ``_``-prefixed arguments that streamlit does not hash). The cache holds
  only results that depend on content, so sessions never see each other's
  state.
- **Editing** (:class:`EditSession`): the unit table, the editor's pending
  changes, validation through the loader, and the undo stack.
- **Sharing** (:func:`url_params`, :func:`read_url`): the view as query
  parameters.
- **Tables and texts** for the analysis and comparison panels, and the
  **downloads** made by the matplotlib renderer.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from .analysis import VIA, Analysis, Comparison, analyse, compare
from .errors import OrgError
from .formats import EXTENSIONS, dumps, load
from .i18n import LANGUAGES, Translator
from .model import CUSTOMER, UNIT_FIELDS, Organisation

# ----------------------------------------------------------------- settings
ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_orgs"
"""The bundled example designs."""

DEFAULT_PAIR = ("maschinenbau-classic", "maschinenbau-orbit")
"""The first screen: a classic design and the orbit design of the same company."""

MAX_UPLOAD_MB = 20
"""Largest upload, in MB (1 MB = 2**20 bytes, as streamlit counts)."""
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 2**20
UPLOAD_TYPES = tuple(sorted({ext.lstrip(".") for ext in EXTENSIONS}))
"""File types the uploader accepts."""

DEFAULT_MAX_HOPS = 3
MAX_HOPS_RANGE = (1, 10)
DEFAULT_VIA = "both"
DEFAULT_LANG = "en"
VIEWS = ("explore", "analysis", "edit", "compare", "export")
"""The app's tabs, in order; their ids appear in shared links."""

UNDO_LIMIT = 40
"""Edits kept for Undo."""
BIG_ORG = 1500
"""From this many units on, the diagrams use WebGL and thin their labels."""
BIG_ROWS = 20_000
BIG_BYTES = 5 * 2**20
"""From this many units (or file bytes) on, loading and analysis show their progress (:class:`Progress`)."""


# ------------------------------------------------------------------ designs
@dataclass(frozen=True)
class Design:
    """One design the session can show: a file's bytes and where they came from.

    ``id`` is stable within the session: a sample's file stem
    (``maschinenbau-classic``), ``upload:<file name>`` or ``edit:<id of the
    original>``. ``key`` identifies the content and keys every cache.
    """

    id: str
    filename: str
    data: bytes = field(repr=False)
    origin: str  # sample | upload | edit | file
    title: str = ""
    base: str | None = None
    notes: tuple[str, ...] = ()
    """What the user should know about how the design was made (the grouping's ties and empty cells)."""

    @cached_property
    def key(self) -> str:
        return content_key(self.data, self.filename)

    @property
    def looks_big(self) -> bool:
        """Whether loading it is worth a progress display (judged from the bytes, before parsing)."""
        return looks_big(self.data, self.filename)


def content_key(data: bytes, filename: str) -> str:
    """A short hash of a file's content and format (the extension matters for parsing).

    >>> content_key(b"a", "x.csv") == content_key(b"a", "y.csv")
    True
    >>> content_key(b"a", "x.csv") == content_key(b"a", "x.yaml")
    False
    """
    ext = Path(filename).suffix.lower()
    return hashlib.sha256(ext.encode() + b"\0" + bytes(data)).hexdigest()[:24]


def sample_designs(folder: Path = SAMPLE_DIR) -> dict[str, Design]:
    """The bundled samples by id, the default pair first."""
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in EXTENSIONS and p.is_file())
    order = {name: i for i, name in enumerate(DEFAULT_PAIR)}
    files.sort(key=lambda p: (order.get(p.stem, len(order)), p.stem))
    out = {}
    for p in files:
        data = p.read_bytes()
        out[p.stem] = Design(
            p.stem, p.name, data, "sample", title=design_title(content_key(data, p.name), data, p.name)
        )
    return out


def file_design(path: str | Path) -> Design:
    """A design from a path given on the command line (``make run SAMPLE=...``).

    Raises
    ------
    OrgError
        If the file cannot be read or parsed.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise OrgError(str(path), None, f"cannot read: {err.strerror or err}") from None
    title = design_title(content_key(data, path.name), data, path.name, strict=True)
    return Design(f"file:{path.name}", path.name, data, "file", title=title)


def command_line_files(argv: Iterable[str]) -> list[str]:
    """The arguments that name design files (known extensions only).

    Streamlit passes what follows ``--`` to the script; under pytest the
    arguments are pytest's own, which this leaves out.

    >>> command_line_files(["-q", "tests/test_app.py", "org.yaml", "b.CSV"])
    ['org.yaml', 'b.CSV']
    """
    return [a for a in argv if not a.startswith("-") and Path(a).suffix.lower() in EXTENSIONS]


def estimated_rows(data: bytes, filename: str) -> int:
    """A quick guess at the number of units in a file, without parsing it.

    >>> estimated_rows(b"id,name\\na,A\\nb,B\\n", "x.csv"), estimated_rows(b"units: [{id: a}, {id: b}]", "x.yaml")
    (2, 2)
    """
    fmt = EXTENSIONS.get(Path(filename).suffix.lower())
    data = bytes(data)
    if fmt == "csv":
        return max(data.count(b"\n") - (1 if data.endswith(b"\n") else 0), 0)
    if fmt == "yaml":
        return data.count(b"id:")
    if fmt == "json":
        return data.count(b'"id"')
    if fmt == "graphml":
        return data.count(b"<node")
    return max(len(data) - 8_000, 0) // 24  # xlsx: compressed, about 8 KB of package and 24 bytes a row


def looks_big(data: bytes, filename: str) -> bool:
    """At least :data:`BIG_BYTES` or about :data:`BIG_ROWS` units: loading shows its progress.

    >>> looks_big(b"id\\n" + b"u\\n" * 30_000, "x.csv"), looks_big(b"id\\nu\\n", "x.csv")
    (True, False)
    """
    return len(data) >= BIG_BYTES or estimated_rows(data, filename) >= BIG_ROWS


def size_text(size: int, tr: Translator) -> str:
    """A file size for people: ``"12.3 MB"``, ``"850 KB"``.

    >>> size_text(12_900_000, Translator("de")), size_text(870_000, Translator("en"))
    ('12,3 MB', '850 KB')
    """
    if size >= 2**20:
        return f"{tr.number(size / 2**20, 1)} MB"
    return f"{tr.number(max(size / 2**10, 1))} KB"


class UploadRejected(ValueError):
    """An upload refused before parsing; ``key`` and ``values`` name the translated message."""

    def __init__(self, key: str, **values):
        self.key = key
        self.values = values
        super().__init__(f"{key}: {values}")


def ingest_upload(filename: str, data: bytes) -> Design:
    """Check and parse an uploaded file; return it as a design.

    Raises
    ------
    UploadRejected
        If the file is larger than :data:`MAX_UPLOAD_MB` (``sidebar.too_big``).
    OrgError
        With the loader's one-line message if the file cannot be parsed.

    Examples
    --------
    >>> d = ingest_upload("tiny.yaml", b"name: Tiny\\nunits: [{id: a, serves: [customer]}]")
    >>> d.id, d.title
    ('upload:tiny.yaml', 'Tiny')
    """
    data = bytes(data)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected("sidebar.too_big", name=filename, size=f"{len(data) / 2**20:.1f}", mb=MAX_UPLOAD_MB)
    title = design_title(content_key(data, filename), data, filename, strict=True)
    return Design(f"upload:{filename}", filename, data, "upload", title=title)


def edited_design(base: Design, org: Organisation) -> Design:
    """The edited version of ``base`` as a design.

    Stored as JSON: it keeps everything the editor can change (as YAML would)
    and is written and read back ten times faster, which an edit of a design
    with thousands of units feels.
    """
    data, _ = dumps(org, "json")
    stem = Path(base.filename).stem
    return Design(f"edit:{base.id}", f"{stem}-edited.json", data, "edit", title=base.title, base=base.id)


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


# ------------------------------------------------------------- cached steps
@st.cache_data(max_entries=256, show_spinner=False)
def design_title(key: str, _data: bytes, filename: str, strict: bool = False) -> str:
    """The organisation's name (or the file name); ``strict`` raises the loader's error."""
    try:
        org = load_design(key, _data, filename)  # parsed once: the app opens the design next
    except OrgError:
        if strict:
            raise
        return filename
    return org.name or Path(filename).stem


@st.cache_data(max_entries=64, show_spinner=False)
def load_design(key: str, _data: bytes, filename: str) -> Organisation:
    """Parse a design (cached by content)."""
    return load(_data, name=filename)


def organisation(design: Design) -> Organisation:
    """The design's organisation, from the cache."""
    return load_design(design.key, design.data, design.filename)


@st.cache_data(max_entries=128, show_spinner=False)
def _analysis(key: str, max_hops: int, via: str, _org: Organisation) -> Analysis:
    a = analyse(_org, max_hops, via)
    a.units  # noqa: B018 - computed before caching, so every rerun gets it for free
    a.journeys  # noqa: B018
    return a


def analysis_of(key: str, org: Organisation, max_hops: int, via: str) -> Analysis:
    """The analysis of a design, cached by content key, N and relations."""
    return _analysis(key, int(max_hops), via, org)


@st.cache_data(max_entries=64, show_spinner=False)
def _orbit_positions(key: str, via: str, ref_key: str | None, _org: Organisation, _reference) -> dict:
    from .layout import orbit_layout

    return orbit_layout(_org, analysis=analyse(_org, DEFAULT_MAX_HOPS, via), reference=_reference)


def orbit_positions(key: str, org: Organisation, via: str, *, reference=None, reference_key: str | None = None):
    """Orbit layout (rings do not depend on N), optionally keeping a reference's angular order."""
    return _orbit_positions(key, via, reference_key if reference is not None else None, org, reference)


@st.cache_data(max_entries=64, show_spinner=False)
def _hierarchy_positions(key: str, _org: Organisation) -> dict:
    try:  # the renderer's choice of lists and rows, so the app's org chart is the exported one
        from .render.static import hierarchy_positions as renderer_positions
    except ImportError:
        from .layout import hierarchy_layout

        return hierarchy_layout(_org)
    return renderer_positions(_org)


def hierarchy_positions(key: str, org: Organisation) -> dict:
    """Org-chart layout, cached by content key."""
    return _hierarchy_positions(key, org)


def colours_for(*analyses: Analysis) -> dict:
    """Department colours shared by the given analyses (pass both designs when comparing).

    The same rule as the matplotlib renderer's, so exported images match the app.
    """
    from .render.static import department_colours_of

    return department_colours_of(*analyses)


@st.cache_data(max_entries=32, show_spinner=False)
def _tree_lines(key: str, _org: Organisation, _pos) -> np.ndarray:
    from .render import interactive

    return interactive.reporting_lines(_org, _pos)


@st.cache_data(max_entries=32, show_spinner=False)
def _hover(key: str, text: tuple, customer: str | None, _a: Analysis) -> np.ndarray:
    from .render import interactive

    return interactive.hover_texts(_a, text=dict(text), customer_label=customer)


@st.cache_data(max_entries=48, show_spinner=False)
def _figure_dict(kind: str, key: str, layout_key: str, params: tuple, _a: Analysis, _pos, _colours, _hover) -> dict:
    from .render import interactive

    opts = dict(params)
    opts["text"] = dict(opts.get("text") or ())
    if opts.get("journey") is not None:
        opts["journey"] = list(opts["journey"])
    if opts.get("journey_departments") is not None:
        opts["journey_departments"] = list(opts["journey_departments"])
    if kind == "orbit":
        return interactive.orbit_figure(_a, _pos, colours=_colours, hover=_hover, **opts).to_dict()
    lines = _tree_lines(layout_key, _a.org, _pos)
    return interactive.hierarchy_figure(_a, _pos, colours=_colours, hover=_hover, lines=lines, **opts).to_dict()


def equal_plot_areas(figs: list, columns: int) -> None:
    """Make orbit views shown side by side equally large: a figure whose legend has
    fewer rows (in ``columns`` columns) gets that much less height."""
    from .render import interactive

    rows = [interactive.legend_rows(f, columns) for f in figs]
    for f, r in zip(figs, rows, strict=True):
        f.layout.height = f.layout.height - (max(rows) - r) * interactive.LEGEND_ROW_PX


def figure(kind: str, key: str, a: Analysis, pos, colours: Mapping, **opts):
    """An interactive figure (``"orbit"`` or ``"hierarchy"``), cached by everything that shapes it.

    ``key`` identifies the design and layout (add the reference's key when
    there is one). Hover texts are shared between the two diagrams. Returns a
    plotly Figure built without re-validation.
    """
    import plotly.graph_objects as go

    params = []
    for k, v in sorted(opts.items()):
        if isinstance(v, Mapping):
            v = tuple(sorted(v.items()))
        elif isinstance(v, list):
            v = tuple(v)
        params.append((k, v))
    text = tuple(sorted((opts.get("text") or {}).items()))
    analysis_key = f"{key.split('|ref')[0]}|{a.max_hops}|{a.via}"
    hover = _hover(analysis_key, text, opts.get("customer_label"), a)
    colour_key = tuple(sorted(colours.items()))
    d = _figure_dict(
        kind, f"{key}|{a.max_hops}|{a.via}|{hash(colour_key)}", key, tuple(params), a, pos, dict(colours), hover
    )
    return go.Figure(d, _validate=False)


# -------------------------------------------------------------- selection
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


def unit_options(a: Analysis) -> tuple[list[str], dict[str, str]]:
    """Unit ids sorted by name, and ``{id: "name (id)"}`` for a search box."""
    t = a.units
    names = [n if isinstance(n, str) and n.strip() else i for n, i in zip(t["name"], t["id"], strict=True)]
    labels = {i: (n if n == i else f"{n} ({i})") for i, n in zip(t["id"], names, strict=True)}
    order = sorted(labels, key=lambda i: labels[i].casefold())
    return order, labels


# ------------------------------------------------------------------- texts
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def md_escape(text) -> str:
    """User text made literal for ``st.markdown`` (no links, emphasis, HTML or math).

    >>> print(md_escape("R&D <b>*x*</b> [a](y)"))
    R&D &lt;b&gt;\\*x\\*&lt;\\/b&gt; \\[a\\]\\(y\\)
    """
    text = "" if text is None else str(text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("/", "\\/")
    return text.replace("\n", " ")


def design_label(d: Design, tr: Translator) -> str:
    """How a design is named in pickers: its title, with where it came from."""
    title = d.title or d.filename
    if d.origin == "edit":
        return tr("edit.label", name=title)
    origin = tr(f"sidebar.origin.{d.origin}")
    return f"{title} · {origin}: {d.filename}" if d.origin != "sample" else f"{title} ({d.filename})"


def customer_label(org: Organisation, tr: Translator) -> str:
    return tr.customer(org.customer)


def metric_values(a: Analysis, tr: Translator) -> list[tuple[str, str, str, float | None, str]]:
    """The metric cards: ``(key, label, shown value, raw value, help)``; lower is better except for share."""
    s = a.summary
    n = a.max_hops
    mean = s["mean_hops"]
    share = s["share_within_max_hops"]
    return [
        ("units", tr("metric.units"), tr.number(s["units"]), s["units"], tr("metric.units.help")),
        ("headcount", tr("metric.headcount"), tr.number(s["headcount"]), s["headcount"], tr("metric.headcount.help")),
        ("layers", tr("metric.layers"), tr.number(s["layers"]), s["layers"], tr("metric.layers.help")),
        (
            "mean_hops",
            tr("metric.mean_hops"),
            tr.number(mean, 2) if mean is not None else "–",
            mean,
            tr("metric.mean_hops.help"),
        ),
        (
            "share",
            tr("metric.share", n=n),
            tr.percent(share),
            share,
            tr("metric.share.help", n=n),
        ),
        ("flagged", tr("metric.flagged"), tr.number(s["flagged"]), s["flagged"], tr("metric.flagged.help", n=n)),
        (
            "unreachable",
            tr("metric.unreachable"),
            tr.number(s["unreachable"]),
            s["unreachable"],
            tr("metric.unreachable.help"),
        ),
    ]


HIGHER_IS_BETTER = {"share"}
NEUTRAL = {"units", "headcount"}


def metric_delta(key: str, a, b, tr: Translator) -> tuple[str | None, str]:
    """Delta text for a metric card of design b against a, and its colour mode for ``st.metric``."""
    if a is None or b is None:
        return None, "off"
    d = b - a
    if abs(d) < 1e-12:
        return None, "off"
    if key == "share":
        text = f"{d * 100:+.0f} {tr('delta.pp')}"
    elif key == "mean_hops":
        text = f"{d:+.2f}"
        if tr.lang == "de":
            text = text.replace(".", ",")
    else:
        text = f"{d:+,.0f}"
        if tr.lang == "de":
            text = text.replace(",", ".")
    if key in NEUTRAL:
        return text, "off"
    return text, "normal" if key in HIGHER_IS_BETTER else "inverse"


def story(classic: Analysis, orbit: Analysis, tr: Translator, names: tuple[str, str]) -> str:
    """The one-paragraph story of a classic/orbit pair for the first screen."""
    a, b = classic.summary, orbit.summary
    return tr(
        "app.story",
        a=md_escape(names[0]),
        b=md_escape(names[1]),
        n=classic.max_hops,
        share_a=tr.percent(a["share_within_max_hops"]),
        share_b=tr.percent(b["share_within_max_hops"]),
        hops_a=tr.number(a["mean_hops"], 1),
        hops_b=tr.number(b["mean_hops"], 1),
        layers_a=a["layers"],
        layers_b=b["layers"],
    )


def unit_detail(a: Analysis, unit_id: str, tr: Translator, customer: str) -> dict:
    """Everything the detail panel shows about one unit, as display texts."""
    t = a.units
    hit = np.flatnonzero(t["id"].to_numpy(dtype=object) == unit_id)
    if hit.size == 0:
        raise KeyError(unit_id)
    r = t.iloc[int(hit[0])]
    names = dict(zip(t["id"], t["name"], strict=True))

    def name(uid):
        if uid == CUSTOMER:
            return customer
        n = names.get(uid)
        return n if isinstance(n, str) and n.strip() else uid

    org = a.org
    serves = org.serves.loc[org.serves["source"] == unit_id, "target"].tolist()
    reachable = not pd.isna(r["hops"])
    hops = None if not reachable else int(r["hops"])
    facts = [
        (tr("detail.kind"), r["kind"] if isinstance(r["kind"], str) else tr("detail.none")),
        (tr("detail.headcount"), tr.number(r["headcount"]) if not pd.isna(r["headcount"]) else tr("detail.none")),
        (tr("detail.hops"), str(hops) if reachable else tr("detail.unconnected")),
        (tr("detail.ring"), str(int(r["ring"])) if reachable else tr("detail.unconnected")),
        (tr("detail.level"), str(int(r["level"]))),
        (tr("detail.department"), name(r["department"])),
        (tr("detail.parent"), name(r["parent"]) if isinstance(r["parent"], str) else tr("detail.none")),
        (tr("detail.reports"), str(int(r["reports"]))),
        (tr("detail.serves"), ", ".join(name(s) for s in serves) if serves else tr("detail.none")),
    ]
    notes = []
    if bool(r["flagged"]):
        if reachable:
            notes.append(("error", tr("detail.flag.far", hops=hops, n=a.max_hops)))
        else:
            notes.append(("error", tr("detail.flag.none", via=tr(f"via.{a.via}"))))
    else:
        notes.append(("ok", tr("detail.ok", n=a.max_hops)))
    if CUSTOMER in serves:
        notes.append(("info", tr("detail.touchpoint")))
    if bool(r["misplaced"]):
        notes.append(
            (
                "warning",
                tr("detail.misplaced", orbit=int(r["orbit"]), hops=hops if reachable else tr("detail.unconnected")),
            )
        )
    path = [name(p) for p in r["path"]]
    return {"id": unit_id, "name": name(unit_id), "facts": facts, "notes": notes, "path": path}


def flagged_table(a: Analysis, tr: Translator) -> pd.DataFrame:
    """The flagged units, furthest and largest first, with the reason."""
    t = a.units
    names = dict(zip(t["id"], t["name"], strict=True))
    f = t.loc[t["flagged"] | t["misplaced"]].copy()
    far = f["hops"].fillna(10**9).astype("int64")
    f = f.assign(_far=far, _hc=f["headcount"].fillna(1)).sort_values(["_far", "_hc"], ascending=[False, False])

    def reason(row) -> str:
        parts = []
        if row["flagged"]:
            parts.append(tr("reason.none") if pd.isna(row["hops"]) else tr("reason.far", hops=int(row["hops"])))
        if row["misplaced"]:
            parts.append(tr("reason.misplaced", orbit=int(row["orbit"])))
        return "; ".join(parts)

    return pd.DataFrame(
        {
            tr("col.unit"): f["name"].where(f["name"].notna(), f["id"]).to_numpy(dtype=object),
            tr("col.id"): f["id"].to_numpy(dtype=object),
            tr("col.kind"): f["kind"].to_numpy(dtype=object),
            tr("col.department"): [names.get(d) or d for d in f["department"]],
            tr("col.headcount"): f["headcount"].array,
            tr("col.hops"): f["hops"].array,
            tr("col.reason"): [reason(r) for _, r in f.iterrows()],
        }
    )


def journey_table(a: Analysis, tr: Translator) -> pd.DataFrame:
    """One row per journey with hand-offs, boundary crossings, detours and departments by name."""
    j = a.journeys
    names = dict(zip(a.units["id"], a.units["name"], strict=True))
    return pd.DataFrame(
        {
            tr("col.journey"): j["name"].to_numpy(dtype=object),
            tr("col.steps"): [len(s) for s in j["steps"]],
            tr("col.handoffs"): j["handoffs"].to_numpy(),
            tr("col.crossings"): j["boundary_crossings"].to_numpy(),
            tr("col.detour"): pd.array(j["detour_hops"].tolist(), dtype="Int64"),
            tr("col.departments"): [" → ".join(names.get(d) or d for d in deps) for deps in j["departments"]],
        }
    )


def span_labels(tr: Translator) -> dict[str, str]:
    """Display names of the span archetypes (and of spans below 3)."""
    from .analysis import SPAN_ARCHETYPES

    out = {"below": tr("span.below")}
    out.update({name: tr(f"span.{name}") for name, _, _ in SPAN_ARCHETYPES})
    return out


def diff_table(c: Comparison, tr: Translator) -> pd.DataFrame:
    """The comparison's changes with unit names and translated change kinds ("–" where a row has no from/to)."""
    names = dict(zip(c.a.units["id"], c.a.units["name"], strict=True))
    names.update({k: v for k, v in zip(c.b.units["id"], c.b.units["name"], strict=True) if isinstance(v, str)})
    d = c.diff_table()

    def show(v, change):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return tr("ring.unconnected") if change == "moved" else "–"
        if change == "reparented":
            return names.get(v) or v
        return str(v)

    return pd.DataFrame(
        {
            tr("col.change"): [tr(f"change.{x}") for x in d["change"]],
            tr("col.unit"): [names.get(i) or i for i in d["id"]],
            tr("col.id"): d["id"].to_numpy(dtype=object),
            tr("col.from"): [
                "–" if ch in ("added", "removed") else show(v, ch) for v, ch in zip(d["from"], d["change"], strict=True)
            ],
            tr("col.to"): [
                "–" if ch in ("added", "removed") else show(v, ch) for v, ch in zip(d["to"], d["change"], strict=True)
            ],
        }
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _comparison(key_a: str, key_b: str, max_hops: int, via: str, _a: Organisation, _b: Organisation) -> Comparison:
    c = compare(_a, _b, max_hops, via)
    for x in (c.a, c.b):
        x.units  # noqa: B018
    return c


def comparison_of(key_a: str, a: Organisation, key_b: str, b: Organisation, max_hops: int, via: str) -> Comparison:
    """The comparison of two designs, cached by their content keys and the parameters."""
    return _comparison(key_a, key_b, int(max_hops), via, a, b)


# --------------------------------------------------------------- checks, hr
def design_checks(org: Organisation, a: Analysis, tr: Translator) -> list[dict] | None:
    """Findings of :mod:`orbit.checks` grouped by rule, worst first, or None without that module.

    Each group has ``rule``, ``severity``, ``title`` (translated), ``messages``,
    ``units``, ``explanation`` and ``source`` (the explanation and source once
    per rule rather than once per finding).
    """
    try:
        from .checks import run_checks
    except ImportError:
        return None
    try:
        findings = run_checks(org, a, via=a.via, max_hops=a.max_hops, lang=tr.lang)
    except OrgError as err:
        return [
            {
                "rule": "checks",
                "severity": "error",
                "title": tr("analysis.checks"),
                "messages": [str(err)],
                "units": [],
                "explanation": "",
                "source": "",
            }
        ]
    groups: dict[str, dict] = {}
    for f in findings:
        g = groups.setdefault(
            f.rule,
            {
                "rule": f.rule,
                "severity": f.severity,
                "title": tr(f"rule.{f.rule}") if f"rule.{f.rule}" in _RULE_KEYS else f.rule,
                "messages": [],
                "units": [],
                "explanation": f.explanation,
                "source": f.source,
            },
        )
        g["messages"].append(f.message)
        g["units"].extend(f.units)
    return list(groups.values())


@st.cache_data(max_entries=32, show_spinner=False)
def _checks(key: str, max_hops: int, via: str, lang: str, _org: Organisation, _a: Analysis) -> list[dict] | None:
    return design_checks(_org, _a, Translator(lang))


def checks_of(key: str, org: Organisation, a: Analysis, tr: Translator) -> list[dict] | None:
    """:func:`design_checks`, cached by the design's content key, N, relations and language."""
    return _checks(key, int(a.max_hops), a.via, tr.lang, org, a)


_RULE_KEYS = {
    "rule.far-from-customer",
    "rule.unconnected",
    "rule.misplaced",
    "rule.span",
    "rule.layers",
    "rule.gatekeeper",
    "rule.team-topologies",
    "rule.orphan",
}


def grouping_offer(design: Design, org: Organisation) -> tuple[list[str], bool]:
    """What the group-by picker offers for ``design``: the columns people could be grouped by
    (none for samples and already grouped designs), and whether to suggest grouping because
    nobody in the file serves the customer yet (a person-level export)."""
    if design.origin not in ("upload", "file") or design.id.startswith("group:"):
        return [], False
    columns = _grouping_columns(design.key, org)
    return columns, bool(columns) and not (org.serves["target"] == CUSTOMER).any()


@st.cache_data(max_entries=16, show_spinner=False)
def _grouping_columns(key: str, _org: Organisation) -> list[str]:
    return grouping_columns(_org)


def grouping_columns(org: Organisation) -> list[str]:
    """Columns a person-level export can be grouped by (empty when :mod:`orbit.hr` is missing)."""
    try:
        from .hr import person_level_columns
    except ImportError:
        return []
    return person_level_columns(org)


def group_values(org: Organisation, column: str) -> list[str]:
    """Distinct values of a grouping column, most frequent first."""
    values = org.units[column].dropna().astype(str).str.strip()
    return values[values != ""].value_counts().index.tolist()


def grouped_design(base: Design, org: Organisation, column: str, customer_facing: Iterable[str]) -> Design:
    """A person-level design grouped by a column into one unit per value.

    Raises
    ------
    OrgError
        For an unknown column or value.
    """
    from .hr import group_people

    grouped, notes = group_people(org, column, customer_facing=list(customer_facing))
    data, _ = dumps(grouped, "yaml")
    stem = Path(base.filename).stem
    return Design(
        f"group:{base.id}:{column}",
        f"{stem}-by-{column}.yaml",
        data,
        "upload",
        title=f"{base.title} / {column}",
        base=base.id,
        notes=tuple(notes),
    )


def aggregated(org: Organisation, depth: int, expand: Iterable[str] = ()) -> Organisation | None:
    """``org`` folded into departments down to ``depth`` (None without :mod:`orbit.aggregate`)."""
    try:
        from .aggregate import aggregate
    except ImportError:
        return None
    return aggregate(org, depth=depth, expand=tuple(expand))


# ------------------------------------------------------------------ editing
TEXT_COLUMNS = ("id", "name", "kind", "parent", "serves")
NUMBER_COLUMNS = ("headcount", "orbit")


def editor_table(org: Organisation) -> pd.DataFrame:
    """The unit table as the editor shows it: unit fields, ``serves`` as text, then attributes."""
    t = org.table().reset_index(drop=True)
    first = ["id", "name", "kind", "parent", "headcount", "serves", "orbit"]
    cols = first + [c for c in t.columns if c not in first]
    t = t[cols].copy()
    for c in TEXT_COLUMNS:
        t[c] = pd.Series([None if _blank(v) else str(v) for v in t[c]], dtype=object)
    for c in NUMBER_COLUMNS:
        t[c] = pd.array(t[c], dtype="Int64")
    return t


def editable_attributes(table: pd.DataFrame) -> list[str]:
    """Attribute columns holding plain values (text, numbers, booleans) that the editor can change."""
    out = []
    for c in table.columns:
        if c in UNIT_FIELDS or c == "serves":
            continue
        if all(v is None or isinstance(v, (str, int, float, bool, np.generic)) for v in table[c]):
            out.append(c)
    return out


def _blank(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    if v is pd.NA:
        return True
    return isinstance(v, str) and not v.strip()


def apply_editor_state(table: pd.DataFrame, state: Mapping | None) -> pd.DataFrame:
    """``table`` with a ``st.data_editor`` edit state applied (as the widget itself does).

    ``state`` has ``edited_rows`` (``{row: {column: value}}``), ``added_rows``
    (``[{column: value}]``) and ``deleted_rows`` (``[row]``); rows are
    positions in ``table``.

    >>> t = pd.DataFrame({"id": ["a", "b"], "headcount": pd.array([1, 2], dtype="Int64")})
    >>> s = {"edited_rows": {"0": {"headcount": 5}}, "added_rows": [{"id": "c"}], "deleted_rows": [1]}
    >>> apply_editor_state(t, s).values.tolist()
    [['a', 5], ['c', <NA>]]
    """
    out = table.copy().reset_index(drop=True)
    if not state:
        return out
    for c in out.columns:
        if c in NUMBER_COLUMNS:
            continue
        out[c] = out[c].astype(object)
    for row, changes in (state.get("edited_rows") or {}).items():
        i = int(row)
        if not 0 <= i < len(out):
            continue
        for col, value in (changes or {}).items():
            if col in out.columns:
                out.at[i, col] = _cell(col, value)
    added = [
        {c: _cell(c, v) for c, v in (row or {}).items() if c in out.columns} for row in state.get("added_rows") or []
    ]
    if added:
        extra = pd.DataFrame(added, columns=out.columns)
        for c in NUMBER_COLUMNS:
            if c in extra.columns:
                extra[c] = pd.array(extra[c].tolist(), dtype="Int64")
        out = pd.concat([out, extra.astype({c: object for c in extra.columns if c not in NUMBER_COLUMNS})])
        out = out.reset_index(drop=True)
    deleted = sorted({int(r) for r in state.get("deleted_rows") or [] if 0 <= int(r) < len(out)})
    if deleted:
        out = out.drop(index=deleted).reset_index(drop=True)
    return out


def _cell(col: str, value):
    if col in NUMBER_COLUMNS:
        if _blank(value):
            return pd.NA
        try:
            f = float(value)
        except (TypeError, ValueError):
            return value
        return int(f) if f.is_integer() else value
    if isinstance(value, str):
        return value if value.strip() else None
    return value


@dataclass
class EditSession:
    """The editor of one design: last valid table, what the editor shows, undo stack.

    ``working`` is what the user typed (kept even when invalid, so a rerun
    loses nothing); ``table`` is the last valid version, which the rest of
    the app shows. ``version`` changes whenever the editor must restart from
    ``working`` (after Undo, or when it comes back into view).
    """

    base_id: str
    like: Organisation = field(repr=False)
    original: pd.DataFrame = field(repr=False)
    table: pd.DataFrame = field(repr=False)
    working: pd.DataFrame = field(repr=False)
    editor_base: pd.DataFrame = field(repr=False)
    undo: list = field(default_factory=list, repr=False)
    error: OrgError | None = None
    version: int = 0
    state_seen: str = ""

    @classmethod
    def start(cls, base_id: str, org: Organisation) -> EditSession:
        t = editor_table(org)
        return cls(base_id, org, t, t, t.copy(), t.copy())

    @property
    def editor_key(self) -> str:
        return f"editor:{self.base_id}:{self.version}"

    @property
    def changed(self) -> bool:
        return not _same(self.table, self.original)

    def restart_editor(self) -> None:
        """Show ``working`` in a fresh editor (its pending state is already applied)."""
        self.editor_base = self.working.copy()
        self.version += 1
        self.state_seen = ""

    def apply(self, state: Mapping | None) -> str | None:
        """Apply the editor's state.

        Returns ``"design"`` when the valid design changed, ``"typed"`` when
        only what the editor shows changed (an invalid table is kept in
        ``working`` with the loader's error in ``error``; ``table`` stays the
        last valid one), and None when the state was already applied.
        """
        fingerprint = json.dumps(state or {}, sort_keys=True, default=str)
        if fingerprint == self.state_seen:
            return None
        self.state_seen = fingerprint
        working = apply_editor_state(self.editor_base, state)
        self.working = working
        try:
            Organisation.from_table(working, like=self.like, source="table")
        except OrgError as err:
            self.error = err
            return "typed"
        self.error = None
        if _same(working, self.table):
            return "typed"
        self.undo.append(self.table)
        del self.undo[:-UNDO_LIMIT]
        self.table = working
        return "design"

    def organisation(self) -> Organisation:
        """The last valid design."""
        return Organisation.from_table(self.table, like=self.like, source="table")

    def undo_last(self) -> bool:
        """Undo: first drop invalid typing, else go back one valid version; False when there is nothing to undo."""
        if self.error is not None:
            self.working = self.table.copy()
            self.error = None
            self.restart_editor()
            return True
        if not self.undo:
            return False
        self.table = self.undo.pop()
        self.working = self.table.copy()
        self.restart_editor()
        return True

    def reset(self) -> None:
        """Back to the original design, with the current version on the undo stack."""
        if self.changed:
            self.undo.append(self.table)
            del self.undo[:-UNDO_LIMIT]
        self.table = self.original.copy()
        self.working = self.original.copy()
        self.error = None
        self.restart_editor()


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if a.shape != b.shape or list(a.columns) != list(b.columns):
        return False
    left = a.astype(object).where(a.notna(), None)
    right = b.astype(object).where(b.notna(), None)
    return left.map(_norm).equals(right.map(_norm))


def _norm(v):
    if _blank(v):
        return None
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return int(v)
    if isinstance(v, np.generic):
        return v.item()
    return v


def edit_error_text(err: OrgError, tr: Translator) -> str:
    """The loader's message for an invalid edit, naming the table row."""
    where = f"{tr('edit.row')} {err.line}: " if err.line else ""
    return tr("edit.invalid", message=where + err.message)


# ----------------------------------------------------------------- progress
class Progress:
    """A status box listing the slow steps of a big design while they run; small designs never see one.

    ``slot`` is the container the box goes in (it is created at the first
    step that runs, so a run without one leaves no trace and nothing
    flickers). ``seen`` remembers the steps this session has run (keep it in
    the session state): a rerun that finds everything in the caches shows no
    box again. ``translator`` gives the session's :class:`Translator` when the
    box is drawn (the language may be set after the box's slot is made).

    >>> p = Progress(None, set(), lambda: Translator("en"))
    >>> with p.stage("analysing", None, units="12"):  # no key: not a big design, nothing shown
    ...     pass
    >>> p.shown
    False
    """

    def __init__(self, slot, seen: set, translator: Callable[[], Translator]):
        self.slot = slot
        self.seen = seen
        self._translator = translator
        self.box = None
        self.started = 0.0
        self.steps = 0
        self.failed = False
        self._stage_failed = False

    @property
    def shown(self) -> bool:
        return self.box is not None

    @contextmanager
    def stage(self, step: str, key: str | None, /, **values) -> Iterator[Progress]:
        """Run the ``with`` body as the step ``progress.<step>``, shown unless ``key`` is None or already seen.

        Values fill the step's text and must already be safe for markdown
        (escape file names with :func:`md_escape`). Inside the body,
        :meth:`fail` marks the step as failed without raising.
        """
        if not key or key in self.seen:
            yield self
            return
        tr = self._translator()
        if self.box is None:
            self.started = time.perf_counter()
            self.box = self.slot.status(tr("progress.title"), expanded=True)
        text = tr(f"progress.{step}", **values)
        self.box.update(label=text + " …", state="running", expanded=True)
        line = self.box.empty()
        line.markdown(":material/progress_activity: " + text + " …")
        self._stage_failed = False
        t = time.perf_counter()
        try:
            yield self
        except Exception:
            self._stage_failed = True
            raise
        finally:
            self.steps += 1
            if self._stage_failed:
                self.failed = True
                line.markdown(":material/error: " + text)
                self.box.update(label=tr("progress.failed"), state="error", expanded=True)
            else:
                self.seen.add(key)
                seconds = tr.number(time.perf_counter() - t, 1)
                line.markdown(f":material/check: {text} · {seconds} s")

    def fail(self) -> None:
        """Mark the running step as failed (its error is shown elsewhere)."""
        self._stage_failed = True

    def finish(self) -> None:
        """Collapse the box into one line saying how long it all took (or that something failed)."""
        if self.box is None:
            return
        tr = self._translator()
        if self.failed:
            self.box.update(label=tr("progress.failed"), state="error", expanded=False)
        else:
            seconds = tr.number(time.perf_counter() - self.started, 1)
            self.box.update(label=tr("progress.done", seconds=seconds), state="complete", expanded=False)


# -------------------------------------------------------------- URL state
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
    return out


def read_url(params: Mapping) -> dict:
    """The view named by query parameters; invalid values are dropped.

    >>> read_url({"n": "5", "via": "serves", "lang": "de", "unit": "hotline", "design": "x", "view": "compare"})
    {'design': 'x', 'n': 5, 'via': 'serves', 'unit': 'hotline', 'lang': 'de', 'view': 'compare'}
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
    return out


# ---------------------------------------------------------------- downloads
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "yaml": "application/yaml",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def static_views() -> tuple[str, ...]:
    """The views the matplotlib renderer can export (empty without it)."""
    try:
        from .render import static
    except ImportError:
        return ()
    names = {"orbit": "figure_orbit", "hierarchy": "figure_hierarchy", "both": "figure_both"}
    return tuple(v for v, fn in names.items() if hasattr(static, fn))


def image_bytes(
    view: str,
    fmt: str,
    a: Analysis,
    colours: Mapping | None = None,
    hpos=None,
    *,
    reference=None,
    pos=None,
    lang: str = "en",
) -> bytes:
    """One view as PNG, SVG or PDF, drawn by the matplotlib renderer with the app's colours.

    The renderer lays out the orbit view itself, so labels get the room it
    keeps for them beyond the outer ring; ``reference`` (another design's
    orbit positions) keeps that design's angular order, as in the comparison.
    ``pos`` is accepted for older callers and ignored. ``hpos`` is the org
    chart layout (the renderer's own :func:`hierarchy_positions` in the app).
    ``lang`` is the language of the image's texts (the app's ``tr.lang``).
    """
    from .render import static

    del pos  # the app's positions have no label room: the renderer lays out its own
    org = a.org
    if view == "orbit":
        fig = static.figure_orbit(org, a, reference=reference, colours=colours, lang=lang)
    elif view == "hierarchy":
        fig = static.figure_hierarchy(org, a, pos=hpos, colours=colours, lang=lang)
    elif view == "both":
        fig = static.figure_both(org, a, reference=reference, colours=colours, lang=lang)
    else:
        raise ValueError(f"unknown view {view!r}")
    return static.figure_bytes(fig, fmt)


def comparison_pdf(c: Comparison, lang: str = "en") -> bytes:
    """The one-page comparison: both orbit diagrams (same colours, same angular order) and the metrics table.

    ``lang`` is the language of the page's texts (the app's ``tr.lang``).
    """
    from .render import static

    fig = static.figure_compare(c.a.org, c.b.org, analyses=(c.a, c.b), lang=lang)
    return static.figure_bytes(fig, "pdf")


def design_bytes(org: Organisation, fmt: str) -> tuple[bytes, list[str]]:
    """The design as YAML, CSV, XLSX, JSON or GraphML, with the writer's warnings."""
    return dumps(org, fmt)


def analysis_csv(a: Analysis) -> bytes:
    """Per-unit analysis (hops, ring, flags, path) as CSV."""
    from .formats.table import csv_text

    t = a.units.copy()
    t["path"] = [" > ".join(p) for p in t["path"]]
    return csv_text(t).encode("utf-8")


def analysis_json(a: Analysis) -> bytes:
    """The analysis as the CLI's JSON document."""
    return json.dumps(a.to_dict(), ensure_ascii=False, indent=2, default=str).encode("utf-8")


def safe_filename(text: str) -> str:
    """A file-name stem from a design title.

    >>> safe_filename("Brenner GmbH (Orbit)")
    'brenner-gmbh-orbit'
    """
    out = re.sub(r"[^\w]+", "-", str(text).lower(), flags=re.UNICODE).strip("-")
    return out[:60] or "orbit"
