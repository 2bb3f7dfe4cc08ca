"""Designs and everything computed from them, cached: uploads, analysis, layouts, figures, progress.

- **Designs** live in the design library (:mod:`orbit.app.designs`: a
  :class:`Design` is a library design's newest version or a fixed one);
  uploads and command-line files are read here (:func:`read_upload`, with
  the size limit; :func:`read_file`) and then saved there.
- **Cached computations** (``st.cache_data``): loading, analysis, layouts,
  the comparison and the plotly figures are keyed by the design's content
  key (the version's SHA-256) and the parameters, never by the big objects
  themselves (those are passed as ``_``-prefixed arguments that streamlit
  does not hash) and never by a design's name. The cache holds only results
  that depend on content, so sessions never see each other's state.
- **Progress** (:class:`Progress`): the slow steps of a big design, shown
  while they run.

Nothing here draws a widget except :class:`Progress`'s status box.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from ..aggregate import aggregate, folded_analysis
from ..analysis import Analysis, Comparison, analyse, compare
from ..errors import OrgError
from ..formats import EXTENSIONS
from ..hr import group_people, person_level_columns
from ..i18n import Translator
from ..model import CUSTOMER, Organisation
from ..render import department_colours_of, interactive
from ..render import hierarchy_positions as render_hierarchy_positions
from . import designs
from .designs import BIG_ROWS, ROOT, SAMPLE_DIR, Design  # noqa: F401 - where the samples are, as before

MAX_UPLOAD_MB = 20
"""Largest upload, in MB (1 MB = 2**20 bytes, as streamlit counts)."""
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 2**20
UPLOAD_TYPES = tuple(sorted({ext.lstrip(".") for ext in EXTENSIONS}))
"""File types the uploader accepts."""

BIG_ORG = 1500
"""From this many units on, the diagrams use WebGL and thin their labels."""
BIG_BYTES = 5 * 2**20
"""From this many file bytes (or :data:`BIG_ROWS` units) on, loading and analysis show their progress."""


def __getattr__(name: str):
    if name == "DEFAULT_PAIR":  # the ids of the first screen's designs: their names come from the sample files
        return designs.default_ids()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def content_key(data: bytes, filename: str) -> str:
    """A short hash of a file's content and format (the extension matters for parsing).

    >>> content_key(b"a", "x.csv") == content_key(b"a", "y.csv")
    True
    >>> content_key(b"a", "x.csv") == content_key(b"a", "x.yaml")
    False
    """
    ext = Path(filename).suffix.lower()
    return hashlib.sha256(ext.encode() + b"\0" + bytes(data)).hexdigest()[:24]


def read_file(path: str | Path) -> Organisation:
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
    return load_design(content_key(data, path.name), data, path.name)


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


def read_upload(filename: str, data: bytes) -> Organisation:
    """Check and parse an uploaded file.

    Raises
    ------
    UploadRejected
        If the file is larger than :data:`MAX_UPLOAD_MB` (``sidebar.too_big``).
    OrgError
        With the loader's one-line message if the file cannot be parsed.

    Examples
    --------
    >>> read_upload("tiny.yaml", b"name: Tiny\\nunits: [{id: a, serves: [customer]}]").name
    'Tiny'
    """
    data = bytes(data)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected("sidebar.too_big", name=filename, size=f"{len(data) / 2**20:.1f}", mb=MAX_UPLOAD_MB)
    return load_design(content_key(data, filename), data, filename)


@st.cache_data(max_entries=64, show_spinner=False)
def load_design(key: str, _data: bytes, filename: str) -> Organisation:
    """Parse a design (cached by content) in a worker process with a time and memory limit.

    An upload is untrusted: :func:`orbit.formats.isolated.load_isolated` stops a
    file that would pin a CPU core or take the server's memory, with a one-line
    :class:`~orbit.errors.OrgError` like any other refusal.
    """
    from ..formats.isolated import load_isolated

    return load_isolated(_data, filename)


@st.cache_data(max_entries=64, show_spinner=False)
def stored_design(key: str, _text: str, source: str) -> Organisation:
    """Read a library document (cached by content; :func:`orbit.library.document.parse`)."""
    from ..library.document import parse

    return parse(_text, source)


def organisation(design: Design) -> Organisation:
    """The design's organisation, from the cache (its ``source`` is ``library:NAME@N``)."""
    return stored_design(design.key, design.data.decode("utf-8"), str(design.reference))


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
def _folded_analysis(key: str, max_hops: int, via: str, _org: Organisation, _full: Analysis) -> Analysis:
    a = folded_analysis(_org, _full)
    a.units  # noqa: B018 - computed before caching, as in _analysis
    a.journeys  # noqa: B018
    return a


def folded_analysis_of(key: str, org: Organisation, full: Analysis) -> Analysis:
    """The analysis of ``org`` folded from ``full``'s design: boxes flagged as their people are
    (:func:`orbit.aggregate.folded_analysis`), cached by the folded design's key and ``full``'s N and relations."""
    return _folded_analysis(key, int(full.max_hops), full.via, org, full)


def orbit_positions(key: str, org: Organisation, via: str, *, reference=None, reference_key: str | None = None):
    """Orbit layout (rings do not depend on N), optionally keeping a reference's angular order.

    The same cached layout the diagrams draw (:func:`orbit.app.diagrams.orbit_positions`).
    """
    from . import diagrams

    a = analysis_of(key, org, 3, via)  # any N: the rings are the hops
    return diagrams.orbit_positions(key, org, a, reference=reference, reference_key=reference_key)


@st.cache_data(max_entries=64, show_spinner=False)
def _hierarchy_positions(key: str, _org: Organisation) -> dict:
    return render_hierarchy_positions(_org)  # the exported org chart's lists and rows


def hierarchy_positions(key: str, org: Organisation) -> dict:
    """Org-chart layout, cached by content key."""
    return _hierarchy_positions(key, org)


def colours_for(*analyses: Analysis) -> dict:
    """Department colours shared by the given analyses (pass both designs when comparing).

    The same rule as the matplotlib renderer's, so exported images match the app.
    """
    return department_colours_of(*analyses)


def equal_plot_areas(figs: list, columns: int) -> None:
    """Make orbit views shown side by side equally large: a figure whose legend has
    fewer rows (in ``columns`` columns) gets that much less height."""
    rows = [interactive.legend_rows(f, columns) for f in figs]
    for f, r in zip(figs, rows, strict=True):
        f.layout.height = f.layout.height - (max(rows) - r) * interactive.LEGEND_ROW_PX


@st.cache_data(max_entries=32, show_spinner=False)
def _comparison(key_a: str, key_b: str, max_hops: int, via: str, _a: Organisation, _b: Organisation) -> Comparison:
    c = compare(_a, _b, max_hops, via)
    for x in (c.a, c.b):
        x.units  # noqa: B018
    return c


def comparison_of(key_a: str, a: Organisation, key_b: str, b: Organisation, max_hops: int, via: str) -> Comparison:
    """The comparison of two designs, cached by their content keys and the parameters."""
    return _comparison(key_a, key_b, int(max_hops), via, a, b)


def grouping_offer(design: Design, org: Organisation) -> tuple[list[str], bool]:
    """What the group-by picker offers for ``design``: the columns people could be grouped by, and
    whether to suggest grouping. Only a design that nobody in it connects to the customer yet (a
    person-level export) is offered it; grouping makes touchpoints, so a grouped design is not."""
    if (org.serves["target"] == CUSTOMER).any():
        return [], False
    columns = _grouping_columns(design.key, org)
    return columns, bool(columns)


@st.cache_data(max_entries=16, show_spinner=False)
def _grouping_columns(key: str, _org: Organisation) -> list[str]:
    return grouping_columns(_org)


def grouping_columns(org: Organisation) -> list[str]:
    """Columns a person-level export can be grouped by (:func:`orbit.hr.person_level_columns`)."""
    return person_level_columns(org)


def group_values(org: Organisation, column: str) -> list[str]:
    """Distinct values of a grouping column, most frequent first."""
    values = org.units[column].dropna().astype(str).str.strip()
    return values[values != ""].value_counts().index.tolist()


def grouped(org: Organisation, column: str, customer_facing: Iterable[str]) -> tuple[Organisation, list[str]]:
    """A person-level design grouped by a column into one unit per value, with the grouping's notes.

    Raises
    ------
    OrgError
        For an unknown column or value.
    """
    return group_people(org, column, customer_facing=list(customer_facing))


def aggregated(org: Organisation, depth: int, expand: Iterable[str] = ()) -> Organisation:
    """``org`` folded into departments down to ``depth`` (:func:`orbit.aggregate.aggregate`)."""
    return aggregate(org, depth=depth, expand=tuple(expand))


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
