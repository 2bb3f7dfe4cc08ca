"""``orbit library [--db URL] COMMAND``: the design library from the command line.

Designs and their versions (``save``, ``list``, ``history``, ``show``,
``diff``), names (``copy``, ``rename``, ``delete``, ``restore``) and who may
open them (``share``, ``unshare``, ``members``, ``link``, ``revoke-link``).

The command line acts as an admin on the database it is given (whoever holds
the database's credentials can read it anyway): it sees and manages every
design, and its saves name the OS user. The database is ``--db URL`` (before
or after the command), else ``$ORBIT_DATABASE_URL``, else ``orbit.db`` in the
user's data folder. Every error is one line (exit 2): an unknown design or
version, a name that is taken, a database that cannot be reached (named with
its password masked).

JSON output keeps exactly these keys: ``list`` gives ``[{"name",
"versions", "updated", "units"}]``, ``history`` ``[{"version", "saved_at",
"author", "message", "units"}]`` (newest first), ``diff`` the JSON of
``orbit compare``; times are ISO 8601 in UTC. Tables show local times.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from ..errors import OrgError
from .core import (
    EXIT_OK,
    analysis_options,
    database_option,
    input_options,
    load_input,
    max_hops_of,
    open_library,
    out,
    text_table,
    whole_number,
    write_output,
)

FORMATS = ("table", "json")
"""Output formats of the commands that list things."""
ROLES = ("viewer", "editor")
"""Roles ``share`` gives."""


def add_parser(subparsers) -> None:
    """Add ``library`` and its commands."""
    top = subparsers.add_parser(
        "library",
        help="the design library: saved designs, their versions, names and members",
        description=(
            "Keep designs with every version in a database (SQLite or PostgreSQL). "
            "Every other command reads library:NAME or library:NAME@N wherever it reads a FILE."
        ),
    )
    database_option(top)
    sub = top.add_subparsers(dest="library_command", metavar="COMMAND", parser_class=type(top))
    sub.required = True

    def command(name: str, help: str, handler, *, reads_files: bool = False):
        p = sub.add_parser(name, help=help, description=help[:1].upper() + help[1:] + ".")
        if not reads_files:  # input_options adds --db to those that do
            database_option(p)
        p.set_defaults(handler=handler)
        return p

    p = command("save", "save a file as the next version of a design (created if new)", cmd_save, reads_files=True)
    p.add_argument("file", metavar="FILE", help="any format orbit reads (or library:NAME@N)")
    p.add_argument("--name", required=True, metavar="NAME", help="the design's name (case is ignored when matching)")
    p.add_argument("--message", "-m", default="", metavar="TEXT", help="what changed")
    input_options(p)

    p = command("list", "the designs, by name, with their number of versions and last save", cmd_list)
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--deleted", action="store_true", help="the deleted designs instead (orbit library restore NAME)")

    p = command("history", "the versions of a design, newest first", cmd_history)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--format", choices=FORMATS, default="table")

    p = command("show", "a design (its newest version, or --version N) as YAML, or to any format with -o", cmd_show)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--version", type=whole_number(1), metavar="N", help="this version (default: the newest)")
    p.add_argument("-o", "--output", metavar="FILE", help="write FILE (format by extension), atomically")

    p = command("diff", "compare two versions of a design, exactly as orbit compare does", cmd_diff, reads_files=True)
    p.add_argument("name", metavar="NAME")
    p.add_argument("v1", type=whole_number(1), metavar="V1")
    p.add_argument("v2", type=whole_number(1), metavar="V2")
    analysis_options(p)
    p.add_argument("--format", choices=FORMATS, default="table")

    p = command("copy", "copy a design (its newest version, or --version N) to a new design", cmd_copy)
    p.add_argument("name", metavar="NAME")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--version", type=whole_number(1), metavar="N", help="copy this version (default: the newest)")

    p = command("rename", "give a design another name (its versions stay)", cmd_rename)
    p.add_argument("name", metavar="NAME")
    p.add_argument("new", metavar="NEW")

    p = command("delete", "hide a design (nothing is dropped; restore brings it back)", cmd_delete)
    p.add_argument("name", metavar="NAME")

    p = command(
        "restore",
        "bring back a deleted design; with --version N, save version N again as the newest",
        cmd_restore,
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--version", type=whole_number(1), metavar="N", help="save this old version again as the newest")

    p = command(
        "share",
        "let a person (name@example.com) or a whole e-mail domain (@example.com) open a design",
        cmd_share,
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("who", metavar="EMAIL", help="an e-mail address, or @DOMAIN for everyone signed in from it")
    p.add_argument("--role", choices=ROLES, required=True, help="viewer: open, export, compare; editor: also edit")

    p = command("unshare", "take a person's or a domain's access to a design away", cmd_unshare)
    p.add_argument("name", metavar="NAME")
    p.add_argument("who", metavar="EMAIL", help="the e-mail address or @DOMAIN it was shared with")

    p = command("members", "who may open a design: its owner, people, domains and links", cmd_members)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--format", choices=FORMATS, default="table")

    p = command("link", "make a read-only link to a design and print its token (shown only this once)", cmd_link)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--version", type=whole_number(1), metavar="N", help="the link always opens version N")

    p = command("revoke-link", "revoke a design's read-only links (all, or one by its token or id)", cmd_revoke_link)
    p.add_argument("name", metavar="NAME")
    p.add_argument("link", nargs="?", default="all", metavar="LINK", help="a token, an id such as 3fa9c2d1, or all")


# ---------------------------------------------------------------- helpers
def design_name(text: str) -> tuple[str, int | None]:
    """A NAME argument: a plain name, or ``library:NAME`` / ``library:NAME@N`` as elsewhere.

    >>> design_name("Option A"), design_name("library:Option A@3")
    (('Option A', None), ('Option A', 3))
    """
    from ..library.names import is_reference, parse_reference

    if is_reference(text):
        try:
            ref = parse_reference(text)
        except ValueError as err:
            raise OrgError(text, None, str(err)) from None
        return ref.name, ref.version
    return text, None


def iso(stamp) -> str | None:
    """A time as ISO 8601 in UTC, to the second (JSON output).

    >>> iso(dt.datetime(2026, 5, 12, 14, 2, 3, 500, tzinfo=dt.UTC))
    '2026-05-12T14:02:03+00:00'
    """
    if stamp is None or stamp != stamp:  # None or NaT
        return None
    stamp = stamp.to_pydatetime() if hasattr(stamp, "to_pydatetime") else stamp
    return stamp.astimezone(dt.UTC).isoformat(timespec="seconds")


def local(stamp) -> str:
    """A time in this machine's time zone, to the minute (tables).

    >>> local(None)
    '–'
    """
    if stamp is None or stamp != stamp:
        return "–"
    stamp = stamp.to_pydatetime() if hasattr(stamp, "to_pydatetime") else stamp
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M")


def one_line(text: str, width: int = 60) -> str:
    """A message for a table cell: one line, at most ``width`` characters."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_json(doc) -> None:
    out(json.dumps(doc, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------- versions
def cmd_save(args) -> int:
    """``save FILE --name NAME``: the file as the design's next version → ``saved NAME version N``."""
    lib = open_library(args)
    org = load_input(args.file, args)
    number = lib.save(org, args.name, message=args.message)
    out(f"saved {lib.info(args.name).handle} version {number}")
    return EXIT_OK


def cmd_list(args) -> int:
    """``list``: every design with its versions, last save and units (JSON: name, versions, updated, units)."""
    frame = open_library(args).list(deleted=args.deleted)
    if args.format == "json":
        rows = []
        for r in frame.itertuples(index=False):
            row = {"name": r.reference.removeprefix("library:"), "versions": int(r.versions)}
            row |= {"updated": iso(r.updated), "units": int(r.units)}
            if args.deleted:
                row["deleted"] = iso(r.deleted)
            rows.append(row)
        print_json(rows)
        return EXIT_OK
    if frame.empty:
        out("No deleted designs." if args.deleted else "The library is empty: orbit library save FILE --name NAME")
        return EXIT_OK
    header = ["name", "versions", "units", "updated", "by"] + (["deleted"] if args.deleted else [])
    rows = []
    for r in frame.itertuples(index=False):
        row = [r.reference.removeprefix("library:"), r.versions, f"{r.units:,}", local(r.updated), r.author]
        rows.append(row + ([local(r.deleted)] if args.deleted else []))
    out(text_table(rows, header, "lrrll" + ("l" if args.deleted else "")))
    return EXIT_OK


def cmd_history(args) -> int:
    """``history NAME``: its versions, newest first (JSON: version, saved_at, author, message, units)."""
    name, _ = design_name(args.name)
    frame = open_library(args).history(name)
    if args.format == "json":
        print_json(
            [
                {
                    "version": int(r.version),
                    "saved_at": iso(r.saved_at),
                    "author": r.author,
                    "message": r.message,
                    "units": int(r.units),
                }
                for r in frame.itertuples(index=False)
            ]
        )
        return EXIT_OK
    rows = [
        [r.version, local(r.saved_at), r.author, f"{r.units:,}", one_line(r.message)]
        for r in frame.itertuples(index=False)
    ]
    out(text_table(rows, ["version", "saved", "author", "units", "message"], "rllrl"))
    return EXIT_OK


def cmd_show(args) -> int:
    """``show NAME``: the design as YAML on stdout, or with ``-o FILE`` to FILE's format, written atomically."""
    from ..formats import dumps, format_of

    name, version = design_name(args.name)
    version = args.version if args.version is not None else version
    fmt = format_of(args.output) if args.output else "yaml"  # before any work: a typo costs nothing
    org = open_library(args).load(name, version)
    data, warnings = dumps(org, fmt)
    for w in warnings:
        print(f"warning: {args.output or 'stdout'}: {w}", file=sys.stderr)
    if args.output:
        write_output(args.output, data)
    else:
        sys.stdout.write(data.decode("utf-8"))
    return EXIT_OK


def cmd_diff(args) -> int:
    """``diff NAME V1 V2``: exactly ``orbit compare library:NAME@V1 library:NAME@V2``."""
    from ..analysis import compare
    from ..library import Reference
    from .compare import show_comparison

    name, _ = design_name(args.name)
    lib = open_library(args)
    a, b = lib.load(name, args.v1), lib.load(name, args.v2)
    c = compare(a, b, max_hops=max_hops_of(a, args), via=args.via)
    show_comparison(c, (str(Reference(name, args.v1)), str(Reference(name, args.v2))), args.format)
    return EXIT_OK


# ---------------------------------------------------------------- names
def cmd_copy(args) -> int:
    """``copy NAME NEW``: a new design whose version 1 is NAME's newest version (or ``--version N``)."""
    name, version = design_name(args.name)
    version = args.version if args.version is not None else version
    lib = open_library(args)
    lib.copy(name, args.new, version=version)
    made = lib.version(args.new, 1)
    source = made.parent.version if made.parent is not None else version
    out(f"copied {name} version {source} to {made.design}")
    return EXIT_OK


def cmd_rename(args) -> int:
    """``rename NAME NEW``."""
    lib = open_library(args)
    lib.rename(args.name, args.new)
    out(f"renamed {args.name} to {lib.info(args.new).handle}")
    return EXIT_OK


def cmd_delete(args) -> int:
    """``delete NAME``: hidden, every version kept."""
    lib = open_library(args)
    lib.delete(args.name)
    out(f"deleted {args.name} (orbit library restore {quoted(args.name)} brings it back)")
    return EXIT_OK


def cmd_restore(args) -> int:
    """``restore NAME``: bring back a deleted design; ``--version N``: version N again as the newest."""
    lib = open_library(args)
    if args.version is None:
        lib.restore(args.name)
        out(f"restored {lib.info(args.name).handle}")
        return EXIT_OK
    number = lib.restore_version(args.name, args.version)
    out(f"restored version {args.version} of {lib.info(args.name).handle} as version {number}")
    return EXIT_OK


def quoted(name: str) -> str:
    """A name as a shell user types it back (quoted when it holds spaces or quotes).

    >>> quoted("Today"), quoted("Option A")
    ('Today', "'Option A'")
    """
    import shlex

    return shlex.quote(name)


# ---------------------------------------------------------------- members
def is_domain(who: str) -> bool:
    """``@example.com`` (or a bare ``example.com``) names a domain; ``ana@example.com`` a person.

    >>> is_domain("@example.com"), is_domain("example.com"), is_domain("ana@example.com")
    (True, True, False)
    """
    return who.strip().startswith("@") or "@" not in who


def cmd_share(args) -> int:
    """``share NAME EMAIL --role R`` (or ``@DOMAIN``): the person or domain may open it as R."""
    lib = open_library(args)
    if is_domain(args.who):
        lib.share_domain(args.name, args.who.strip().lstrip("@"), args.role)
        whom = "everyone @" + args.who.strip().lstrip("@").lower()
    else:
        lib.share(args.name, args.who, args.role)
        whom = args.who.strip().lower()
    out(f"shared {lib.info(args.name).handle} with {whom} as {args.role}")
    return EXIT_OK


def cmd_unshare(args) -> int:
    """``unshare NAME EMAIL`` (or ``@DOMAIN``)."""
    lib = open_library(args)
    who = args.who.strip()
    lib.unshare(args.name, who.lstrip("@") if is_domain(who) else who)
    out(f"{lib.info(args.name).handle} is no longer shared with {who.lower()}")
    return EXIT_OK


def cmd_members(args) -> int:
    """``members NAME``: the owner, then people, domains and links (JSON: who, kind, role, since, by, version)."""
    frame = open_library(args).members(args.name)
    rows = [
        {
            "who": r.who,
            "kind": r.kind,
            "role": r.role,
            "since": iso(r.since),
            "by": r.by,
            "version": None if r.version is None or r.version != r.version else int(r.version),
        }
        for r in frame.astype(object).where(frame.notna(), None).itertuples(index=False)
    ]
    if args.format == "json":
        print_json(rows)
        return EXIT_OK
    table = [
        [
            r["who"],
            r["kind"],
            r["role"],
            local(frame.since.iloc[i]),
            r["by"] or "–",
            "newest" if r["kind"] == "link" and r["version"] is None else (r["version"] or ""),
        ]
        for i, r in enumerate(rows)
    ]
    out(text_table(table, ["who", "kind", "role", "since", "by", "version"]))
    return EXIT_OK


def cmd_link(args) -> int:
    """``link NAME``: a new read-only link; its token on stdout (only this once), its id on stderr."""
    from ..library.access import link_id, token_hash

    lib = open_library(args)
    token = lib.create_link(args.name, version=args.version)
    opens = f"version {args.version}" if args.version else "its newest version"
    print(
        f"note: read-only link 'link {link_id(token_hash(token))}' to {lib.info(args.name).handle} ({opens}); "
        "the token is shown only this once: orbit library revoke-link NAME ID revokes it",
        file=sys.stderr,
    )
    out(token)
    return EXIT_OK


def cmd_revoke_link(args) -> int:
    """``revoke-link NAME [LINK]``: every link (default), or the one with this token or id."""
    lib = open_library(args)
    count = lib.revoke_link(args.name, args.link)
    out(f"revoked {count} link{'' if count == 1 else 's'} of {lib.info(args.name).handle}")
    return EXIT_OK
