"""The design library as the app sees it: who acts, the designs on offer, their documents, saving.

Everything the app keeps lives in the library (:mod:`orbit.library`), so
that a reload, another laptop or another app process (a replica behind a
load balancer) finds it; a browser session keeps only what it has open.

- **Who acts**: :func:`current_user` (``None`` in the shared workspace that
  runs without sign-in) and :func:`library`, the one door to the database:
  every library call of the app goes through it, so sign-in only has to
  change :func:`current_user` (``lib.signed_in(email)``).
- **Which database**: the URL rules of :func:`orbit.library.resolve_url`
  (``$ORBIT_DATABASE_URL``, else ``orbit.db`` in the user's data folder); one
  connection pool per database and process. The bundled samples are saved
  into a database once, on its first use (:func:`seed_samples`).
- **Designs**: a :class:`Design` is one design the session can open: the
  newest version of a library design, or a fixed version (read-only).
  :func:`designs_on_offer` asks the library afresh on every run (one query),
  so a design saved elsewhere is there at the next interaction. Documents
  and everything computed from them are cached by content (the version's
  SHA-256), never by name.

Nothing here draws a widget.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from ..formats import EXTENSIONS, load
from ..i18n import Translator
from ..library import PREFIX, Reference
from ..model import Organisation

ROOT = Path(__file__).resolve().parents[2]
"""The repository (where the samples are)."""
SAMPLE_DIR = ROOT / "sample_orgs"
"""The bundled example designs."""
DEFAULT_SAMPLES = ("maschinenbau-classic", "maschinenbau-orbit")
"""The first screen: a classic design and the orbit design of the same company (sample file stems)."""
SAMPLE_PAIRS = (("-classic", "-orbit"),)
"""File-stem endings of a classic design and its orbit counterpart."""
SAMPLE_MARKER = "orbit app: bundled samples"
"""Marks a database into which the samples were saved (once; deleted samples do not come back)."""
SAMPLE_AUTHOR = "Orbit"
"""Who the bundled samples' first versions name."""
ANONYMOUS = "anonymous"
"""Who the app's saves name without sign-in."""

BIG_ROWS = 20_000
"""From this many units on, loading and analysis show their progress."""


# ---------------------------------------------------------------- who acts, which database
def current_user() -> str | None:
    """The signed-in user's e-mail, or ``None`` in the shared workspace (no sign-in configured).

    Every library call of the app goes through :func:`library`, which acts
    for this user; sign-in plugs in here. In the shared workspace versions
    are saved by ``anonymous``: the server cannot tell who sits at a browser.
    """
    return None


def database_url() -> str:
    """The database the app uses (``$ORBIT_DATABASE_URL``, else the default SQLite file), as a URL string."""
    from ..library import resolve_url

    return resolve_url(os.environ.get("ORBIT_DATABASE_URL") or None).render_as_string(hide_password=False)


@st.cache_resource(show_spinner=False)
def _open(url: str):
    from ..library import Library

    lib = Library(url)
    seed_samples(lib.as_user(SAMPLE_AUTHOR))
    return lib


def library():
    """The design library, acting for :func:`current_user` (the shared workspace without sign-in).

    Raises
    ------
    DatabaseUnavailable
        When the database cannot be reached (the message names it, password masked).
    """
    lib = _open(database_url())
    user = current_user()
    return lib.as_user(ANONYMOUS) if user is None else lib.signed_in(user)


def database_name() -> str:
    """How messages name the database (a file, or the URL with its password masked)."""
    from ..library.engine import describe, resolve_url

    return describe(resolve_url(database_url()))


# ---------------------------------------------------------------- samples
@cache
def sample_files() -> dict[str, Path]:
    """The bundled samples by file stem, the default pair first."""
    files = sorted(p for p in SAMPLE_DIR.glob("*") if p.suffix.lower() in EXTENSIONS and p.is_file())
    order = {name: i for i, name in enumerate(DEFAULT_SAMPLES)}
    files.sort(key=lambda p: (order.get(p.stem, len(order)), p.stem))
    return {p.stem: p for p in files}


@cache
def sample_organisations() -> dict[str, Organisation]:
    """The bundled samples, parsed once per process, by file stem (a broken one is left out)."""
    out = {}
    for stem, path in sample_files().items():
        try:
            out[stem] = load(path)
        except Exception:  # a broken sample must not stop the app
            continue
    return out


def sample_names() -> dict[str, str]:
    """The name each bundled sample gets in the library (its organisation's name), by file stem."""
    return {stem: org.name or stem for stem, org in sample_organisations().items()}


def seed_samples(lib) -> list[str]:
    """Save the bundled samples into ``lib`` once per database (a sample users deleted stays deleted)."""
    names = sample_names()
    orgs = {names[stem]: org for stem, org in sample_organisations().items()}
    return lib.seed(orgs, marker=SAMPLE_MARKER, message="bundled sample")


def design_id(name: str, version: int | None = None) -> str:
    """The session's id of a design: ``library:NAME`` (its newest version) or ``library:NAME@N``.

    >>> design_id("Option A"), design_id("Option A", 3)
    ('library:Option A', 'library:Option A@3')
    """
    return str(Reference(name, version))


def default_ids() -> tuple[str, str]:
    """The ids of the default pair of samples (the first screen)."""
    names = sample_names()
    return tuple(design_id(names.get(stem, stem)) for stem in DEFAULT_SAMPLES)


def sample_stem(design_id_: str) -> str | None:
    """The sample file a design id names (``library:`` + a sample's name), or ``None``."""
    for stem, name in sample_names().items():
        if design_id(name) == design_id_:
            return stem
    return None


def counterpart_of(design_id_: str, ids: Iterable[str]) -> str | None:
    """The other half of a classic/orbit pair of samples, if it is among ``ids``."""
    stem = sample_stem(design_id_)
    if stem is None:
        return None
    ids = set(ids)
    names = sample_names()
    for a, b in SAMPLE_PAIRS:
        for mine, other in ((a, b), (b, a)):
            if stem.endswith(mine):
                partner = names.get(stem[: -len(mine)] + other)
                if partner is not None and design_id(partner) in ids:
                    return design_id(partner)
    return None


def is_classic(design_id_: str) -> bool:
    """Whether a design is the classic half of a pair of samples."""
    stem = sample_stem(design_id_)
    return stem is not None and any(stem.endswith(a) for a, _ in SAMPLE_PAIRS)


# ---------------------------------------------------------------- designs
@dataclass(frozen=True)
class Design:
    """One design the session can open: a library design's newest version, or a fixed version (read-only).

    ``id`` is ``library:NAME`` (the newest version, which edits add to) or
    ``library:NAME@N`` (version N, pinned: read-only). ``key`` identifies
    the content (the version's SHA-256) and keys every cache, so two
    replicas, two names or a rename never mix contents up.
    """

    id: str
    name: str
    version: int
    latest: int
    digest: str
    units: int
    saved_at: dt.datetime
    author: str
    message: str = ""
    pinned: bool = False
    origin: str = "library"
    base: str | None = None
    notes: tuple[str, ...] = ()
    """What the user should know about how the design was made (the grouping's ties and empty cells)."""

    @property
    def title(self) -> str:
        """How headings and file names call it: the name, and for a fixed version ``· v3``."""
        return f"{self.name} · v{self.version}" if self.pinned else self.name

    @property
    def filename(self) -> str:
        """What messages about reading it name: the design's name (the document itself is JSON)."""
        return self.name

    @property
    def key(self) -> str:
        return self.digest[:24]

    @property
    def reference(self) -> Reference:
        """``library:NAME@N``: exactly this version."""
        return Reference(self.name, self.version)

    @property
    def read_only(self) -> bool:
        """A fixed version: it is shown, compared and exported, never edited."""
        return self.pinned

    @property
    def looks_big(self) -> bool:
        """Whether loading it is worth a progress display."""
        return self.units >= BIG_ROWS

    @property
    def data(self) -> bytes:
        """The stored document (canonical JSON), fetched once per content."""
        return _document(self.digest, self.name, self.version)


@st.cache_resource(max_entries=32, show_spinner=False)
def _document(digest: str, _name: str, _version: int) -> bytes:
    return library().document(_name, _version)


def designs_on_offer(pinned: Iterable[tuple[str, int]] = (), notes: Mapping[str, tuple] | None = None) -> dict:
    """The designs the library holds now, by id, then the fixed versions the session opened.

    One query for the list (and one per fixed version): what another
    session or app process saved since the last run is there. A fixed
    version whose design is gone (deleted, renamed) is left out.
    """
    lib = library()
    notes = notes or {}
    out: dict[str, Design] = {}
    for r in lib.list().itertuples(index=False):
        name = r.reference.removeprefix(PREFIX)
        did = design_id(name)
        out[did] = Design(
            did,
            name,
            int(r.versions),
            int(r.versions),
            r.digest,
            int(r.units),
            r.updated.to_pydatetime(),
            r.author,
            notes=tuple(notes.get(did, ())),
        )
    for name, number in pinned:
        latest = out.get(design_id(name))
        if latest is None or number > latest.latest:
            continue
        v = lib.version(name, number)
        did = design_id(name, number)
        out[did] = Design(
            did,
            name,
            number,
            latest.latest,
            v.digest,
            v.units,
            v.saved_at,
            v.author,
            v.message,
            pinned=True,
            base=latest.id,
        )
    return out


def deleted_designs() -> list[tuple[str, dt.datetime, int]]:
    """The deleted designs: ``(name, deleted at, versions)``, most recently deleted first."""
    frame = library().list(deleted=True)
    rows = [(r.reference.removeprefix(PREFIX), r.deleted.to_pydatetime(), int(r.versions)) for r in frame.itertuples()]
    return sorted(rows, key=lambda r: r[1], reverse=True)


# ---------------------------------------------------------------- saving
def upload_name(filename: str) -> str:
    """The name an uploaded file's design gets: the file's name without its extension.

    >>> upload_name("Reorg 2027.xlsx"), upload_name("people.csv")
    ('Reorg 2027', 'people')
    """
    stem = Path(filename).stem.strip()
    return stem or filename.strip() or "upload"


def save_new(org: Organisation, name: str, message: str) -> str:
    """Save ``org`` as a new design named ``name``, or ``name (2)`` … when taken; returns the name it got."""
    return library().save_as_new(org, name, message=message)


def save_version(name: str, org: Organisation, message: str, parent: int | None) -> int:
    """Save ``org`` as the next version of ``name`` (made from version ``parent``); returns its number."""
    return library().save(org, name, message=message, parent=parent)


def load_version(name: str, version: int | None = None) -> Organisation:
    """A version of a design, from the library (the newest when ``version`` is None)."""
    return library().load(name, version)


def version_info(name: str, version: int | None = None):
    """A version's details (number, digest, author, message …), newest when ``version`` is None."""
    return library().version(name, version)


def history(name: str):
    """The versions of a design, newest first (:meth:`orbit.library.Library.history`)."""
    return library().history(name)


# ---------------------------------------------------------------- times
def zone(name: str | None) -> dt.tzinfo:
    """The browser's time zone by name (``st.context.timezone``), else UTC.

    >>> zone("Europe/Berlin").key, zone("Mars/Olympus"), zone(None)
    ('Europe/Berlin', datetime.timezone.utc, datetime.timezone.utc)
    """
    if not name:
        return dt.UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def when(stamp: dt.datetime, tr: Translator, tz: dt.tzinfo = dt.UTC, now: dt.datetime | None = None) -> str:
    """A save time for people: ``today 14:02``, ``yesterday 09:15``, ``12 May 2026, 14:02`` (in ``tz``).

    >>> t = dt.datetime(2026, 5, 12, 12, 2, tzinfo=dt.UTC)
    >>> when(t, Translator("en"), zone("Europe/Berlin"), now=t)
    'today 14:02'
    >>> when(t, Translator("de"), now=t + dt.timedelta(days=1))
    'gestern 12:02'
    >>> when(t, Translator("de"), now=t + dt.timedelta(days=9)), when(t, Translator("en"), now=t + dt.timedelta(days=9))
    ('12. Mai 2026, 12:02', '12 May 2026, 12:02')
    """
    local = stamp.astimezone(tz)
    today = (now or dt.datetime.now(dt.UTC)).astimezone(tz).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return tr("lib.time.today", time=clock)
    if local.date() == today - dt.timedelta(days=1):
        return tr("lib.time.yesterday", time=clock)
    return tr("lib.time.date", day=local.day, month=tr(f"lib.month.{local.month}"), year=local.year, time=clock)


def picker_caption(d: Design, tr: Translator, tz: dt.tzinfo = dt.UTC) -> str:
    """The line under a design's name in the picker: units, versions and the last save.

    >>> d = Design("library:A", "A", 3, 3, "0" * 64, 1200, dt.datetime(2026, 5, 12, 12, 2, tzinfo=dt.UTC), "ana")
    >>> picker_caption(d, Translator("en"))[:40]
    '1,200 units · version 3 · saved 12 May 2'
    """
    units = tr("lib.units", n=tr.number(d.units))
    saved = tr("lib.saved", when=when(d.saved_at, tr, tz), author=d.author)
    if d.pinned:
        return " · ".join((units, tr("lib.version.fixed", n=d.version, latest=d.latest), saved))
    return " · ".join((units, tr("lib.version", n=d.version), saved))


def picker_label(d: Design, tr: Translator) -> str:
    """How pickers name a design: its full name; a fixed version says so.

    >>> d = Design("library:A@2", "A", 2, 3, "0" * 64, 5, dt.datetime(2026, 5, 12, tzinfo=dt.UTC), "ana", pinned=True)
    >>> picker_label(d, Translator("en"))
    'A · version 2 (read-only)'
    """
    if d.pinned:
        return tr("lib.label.fixed", name=d.name, n=d.version)
    return d.name


def design_at(name: str, version: int) -> Design:
    """Version ``version`` of design ``name`` as a :class:`Design` (fixed), e.g. what an edit started from."""
    v = version_info(name, version)
    did = design_id(name, version)
    return Design(did, name, version, version, v.digest, v.units, v.saved_at, v.author, v.message, pinned=True)
