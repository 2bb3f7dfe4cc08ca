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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from ..errors import OrgError
from ..formats import EXTENSIONS, load
from ..i18n import Translator
from ..library import PREFIX, Reference
from ..model import Organisation
from . import auth

ROOT = Path(__file__).resolve().parents[2]
"""The repository (where the samples are)."""
SAMPLE_DIR = ROOT / "sample_orgs"
"""The bundled example designs."""
DEFAULT_SAMPLES = ("maschinenbau-classic", "maschinenbau-orbit")
"""The first screen: a classic design and the orbit design of the same company (sample file stems)."""
SAMPLE_PAIRS = (("-classic", "-orbit"),)
"""File-stem endings of a classic design and its orbit counterpart."""
SAMPLE_MARKER = "orbit app: bundled samples"
SAMPLE_MESSAGE = "bundled sample"
"""The message of a sample's first version, stored once for everyone (shown in each user's language)."""
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
    for this user (:mod:`orbit.app.auth`). In the shared workspace versions
    are saved by ``anonymous``: the server cannot tell who sits at a browser.
    """
    return auth.email()


def signed_in() -> bool:
    """Whether the app runs with sign-in (and so every call checks the user's role)."""
    return current_user() is not None


def database_url() -> str:
    """The database the app uses (``$ORBIT_DATABASE_URL``, else the default SQLite file), as a URL string."""
    from ..library import resolve_url

    return resolve_url(os.environ.get("ORBIT_DATABASE_URL") or None).render_as_string(hide_password=False)


@st.cache_resource(show_spinner=False)
def _open(url: str, shared: bool):
    from ..library import Library

    lib = Library(url)
    if shared:  # the shared workspace gets the samples once; with sign-in each user gets their own copies
        seed_samples(lib.as_user(SAMPLE_AUTHOR))
    return lib


class SignInRequired(OrgError):
    """The app asked the library for something while sign-in is required and nobody usable is signed in."""

    def __init__(self):
        super().__init__("sign-in", None, "sign in first: this server shows designs only to signed-in users")


def library():
    """The design library, acting for :func:`current_user` (the shared workspace without sign-in).

    With sign-in, ``lib.signed_in(email)``: every call checks the user's
    role in the library itself (admins, listed in ``$ORBIT_ADMINS``, see
    everything). The first call for a user saves the bundled samples as
    their own designs, once.

    Raises
    ------
    DatabaseUnavailable
        When the database cannot be reached (the message names it, password masked).
    SignInRequired
        When sign-in is required and nobody (with a usable e-mail) is signed in.
    """
    if auth.required():
        user = current_user()
        if user is None:
            raise SignInRequired()
        lib = _open(database_url(), False).signed_in(user)
        _seed_once(database_url(), user, lib)
        return lib
    return _open(database_url(), True).as_user(ANONYMOUS)


_SEEDED: set[tuple[str, str]] = set()


def _seed_once(url: str, user: str, lib) -> None:
    """Save the samples as ``user``'s own designs, once per user and database (the library keeps the marker)."""
    if (url, user) not in _SEEDED:
        seed_samples(lib)
        _SEEDED.add((url, user))


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
    return lib.seed(orgs, marker=SAMPLE_MARKER, message=SAMPLE_MESSAGE)


def design_id(name: str, version: int | None = None) -> str:
    """The session's id of a design: ``library:NAME`` (its newest version) or ``library:NAME@N``.

    >>> design_id("Option A"), design_id("Option A", 3)
    ('library:Option A', 'library:Option A@3')
    """
    return str(Reference(name, version))


def own(name: str) -> str:
    """How the library names the user's own design ``name``: ``OWNER/NAME`` when signed in, else ``NAME``.

    Signed-in users' references always name the owner, so that a link passed
    on opens the same design for everyone allowed to see it.
    """
    from ..library.names import qualified

    user = current_user()
    return qualified(user, name) if user else name


def default_ids() -> tuple[str, str]:
    """The ids of the default pair of samples (the first screen): the user's own copies."""
    names = sample_names()
    return tuple(design_id(own(names.get(stem, stem))) for stem in DEFAULT_SAMPLES)


def sample_stem(design_id_: str) -> str | None:
    """The sample file a design id names (``library:`` + a sample's name, the user's own copy), or ``None``."""
    for stem, name in sample_names().items():
        if design_id(own(name)) == design_id_:
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
                if partner is not None and design_id(own(partner)) in ids:
                    return design_id(own(partner))
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
    label: str = ""
    """The design's own name, without its owner (``name`` is how the library finds it: ``OWNER/NAME``)."""
    owner: str = ""
    """Who owns it (an e-mail with sign-in)."""
    role: str = "owner"
    """The user's role on it: ``owner``, ``editor`` or ``viewer`` (everyone is ``owner`` without sign-in)."""
    token: str | None = field(default=None, repr=False)
    """For a design opened by a read-only link: the link's token (the only permission there is)."""

    @property
    def shown_name(self) -> str:
        """The name people read: the design's own name, without its owner."""
        return self.label or self.name

    @property
    def title(self) -> str:
        """How headings and file names call it: the name, and for a fixed version ``· v3``."""
        return f"{self.shown_name} · v{self.version}" if self.pinned else self.shown_name

    @property
    def by_link(self) -> bool:
        """Opened by a read-only link (not a member: no history, no other versions)."""
        return self.token is not None

    @property
    def may_edit(self) -> bool:
        """Whether the user may save versions of it: its newest version, and the owner or editor role."""
        return not self.pinned and not self.by_link and self.role in ("owner", "editor")

    @property
    def may_share(self) -> bool:
        """Whether the user may share it, unshare it and make or revoke links (its owner, or an admin)."""
        return not self.by_link and self.role == "owner"

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
        """A fixed version, a viewer's design, a link: it is shown, compared and exported, never edited."""
        return not self.may_edit

    @property
    def looks_big(self) -> bool:
        """Whether loading it is worth a progress display."""
        return self.units >= BIG_ROWS

    @property
    def data(self) -> bytes:
        """The stored document (canonical JSON), fetched once per content (a link's through its token)."""
        if self.token is not None:
            return _link_document(self.digest, self.token)
        return _document(self.digest, self.name, self.version)


@st.cache_resource(max_entries=32, show_spinner=False)
def _document(digest: str, _name: str, _version: int) -> bytes:
    return library().document(_name, _version)


@st.cache_resource(max_entries=32, show_spinner=False)
def _link_document(digest: str, _token: str) -> bytes:
    return library().open_link(_token).document.encode("utf-8")


def designs_on_offer(
    pinned: Iterable[tuple[str, int]] = (), notes: Mapping[str, tuple] | None = None, links: Iterable[str] = ()
) -> dict:
    """The designs the library holds now for the user, by id, then the fixed versions and links the session opened.

    One query for the list (and one per fixed version and link): what
    another session or app process saved, shared or revoked since the last
    run holds at once. A fixed version whose design is gone (deleted,
    renamed, no longer shared) and a link that opens nothing any more are
    left out.
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
            label=r.name,
            owner=r.owner,
            role=r.role or "viewer",
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
            label=latest.label,
            owner=latest.owner,
            role=latest.role,
        )
    for token in links:
        opened = open_link(lib, token)
        if opened is not None:
            out[opened.id] = opened
    return out


LINK_PREFIX = "link:"
"""Session ids of designs opened by a read-only link: ``link:`` and the link's public id (never its token)."""


def link_design_id(token: str) -> str:
    """The session's id of the design a link opens: its public id, so the token is never an id or a key.

    >>> link_design_id("abc").startswith("link:")
    True
    """
    from ..library.access import link_id, token_hash

    return LINK_PREFIX + link_id(token_hash(token.strip()))


def open_link(lib, token: str) -> Design | None:
    """The design a read-only link opens now (its newest version, or the version it fixes), or ``None``.

    ``None`` alike for a revoked link, a deleted design and a made-up token.
    """
    from ..library import UnknownLink
    from ..library.names import split_owner

    try:
        opened = lib.open_link(token)
    except UnknownLink:
        return None
    v = opened.version
    owner, label = split_owner(opened.reference.name)
    return Design(
        link_design_id(token),
        opened.reference.name,
        v.number,
        v.number,
        v.digest,
        v.units,
        v.saved_at,
        v.author,
        v.message,
        origin="link",
        label=label,
        owner=owner or "",
        role="viewer",
        token=token.strip(),
    )


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
    """Save ``org`` as a new design named ``name``, or ``name (2)`` … when taken.

    Returns how the library finds it (:func:`own`: ``OWNER/NAME`` when signed in).
    """
    return own(library().save_as_new(org, name, message=message))


def save_version(name: str, org: Organisation, message: str, parent: int | None) -> int:
    """Save ``org`` as the next version of ``name`` (made from version ``parent``); returns its number."""
    return library().save(org, name, message=message, parent=parent)


def shown(name: str) -> str:
    """A library name as people read it: without its owner.

    >>> shown("ana@example.com/Option A"), shown("Sales/Service")
    ('Option A', 'Sales/Service')
    """
    from ..library.names import split_owner

    return split_owner(name)[1]


def handle_of(name: str) -> str | None:
    """How the library names the design ``name`` for the user (``OWNER/NAME``), or ``None``.

    ``None`` alike for a design that does not exist, one the user may not
    see, a deleted one and an ambiguous name: the library answers all of
    them the same way.
    """
    from ..library import AmbiguousName, InvalidName, UnknownDesign

    try:
        return library().info(name).handle
    except (UnknownDesign, AmbiguousName, InvalidName):
        return None


def copy_as_new(d: Design, wanted: str, tr: Translator) -> str:
    """Copy the version ``d`` shows into a new design of the user's own (named ``wanted``, else "NAME (copy)").

    A viewer may copy what they may open; a design opened by a link is
    copied from what the link opens. Returns how the library finds the copy.
    """
    message = tr("lib.msg.copied", name=d.shown_name, n=d.version)
    if d.by_link:
        from ..library.document import parse

        org = parse(d.data.decode("utf-8"), str(d.reference))
        return save_new(org, wanted or tr("lib.copy_name", name=d.shown_name), message)
    lib = library()
    new = wanted or lib.unique_name(tr("lib.copy_name", name=d.shown_name))
    lib.copy(d.name, new, version=d.version, message=message)
    return lib.info(new).handle


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
    if d.by_link:
        return " · ".join((units, tr("access.link.caption", owner=d.owner or "–"), saved))
    shared = ()
    user = current_user()
    if user is not None and d.owner != user:
        shared = (tr(f"access.shared.{d.role}", owner=d.owner),)
    if d.pinned:
        return " · ".join((units, tr("lib.version.fixed", n=d.version, latest=d.latest), saved, *shared))
    return " · ".join((units, tr("lib.version", n=d.version), saved, *shared))


def picker_label(d: Design, tr: Translator) -> str:
    """How pickers name a design: its full name; a fixed version says so.

    >>> d = Design("library:A@2", "A", 2, 3, "0" * 64, 5, dt.datetime(2026, 5, 12, tzinfo=dt.UTC), "ana", pinned=True)
    >>> picker_label(d, Translator("en"))
    'A · version 2 (read-only)'
    """
    if d.pinned:
        return tr("lib.label.fixed", name=d.shown_name, n=d.version)
    if d.by_link:
        return tr("access.link.label", name=d.shown_name)
    return d.shown_name


def design_at(name: str, version: int) -> Design:
    """Version ``version`` of design ``name`` as a :class:`Design` (fixed), e.g. what an edit started from."""
    v = version_info(name, version)
    did = design_id(name, version)
    return Design(
        did, name, version, version, v.digest, v.units, v.saved_at, v.author, v.message, pinned=True, label=shown(name)
    )
