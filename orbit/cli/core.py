"""What every ``orbit`` command shares.

- Exit codes (:data:`EXIT_OK`, :data:`EXIT_FLAGGED`, :data:`EXIT_BAD_INPUT`,
  :data:`EXIT_INTERRUPTED`) and :class:`OneLineParser`, which reports usage
  errors as one ``error:`` line.
- Argument types (:func:`whole_number`, :func:`dpi`) and options shared by
  several commands (:func:`input_options`, :func:`analysis_options`,
  :func:`language_option`).
- :func:`load_input`: the one place a FILE argument becomes an
  :class:`~orbit.model.Organisation` (grouping person-level rows with
  ``--group-by``); a FILE may also be ``library:NAME`` or
  ``library:NAME@N``, a design in the library named by ``--db``
  (:func:`database_option`, :func:`open_library`); :func:`max_hops_of`.
- :class:`Progress` on stderr, :func:`text_table`, :func:`fmt_num`,
  :func:`out` for stdout and :func:`write_output`, which writes a file
  atomically or fails with one line.

Bad input raises :class:`~orbit.errors.OrgError`; :func:`orbit.cli.main`
prints it as ``error: FILE:LINE: message`` and exits 2.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..analysis import VIA
from ..errors import OrgError, escape_controls
from ..formats import atomic_write, load
from ..i18n import LANGS, number

EXIT_OK, EXIT_FLAGGED, EXIT_BAD_INPUT = 0, 1, 2
"""Success; success with findings (``--strict``, ``check`` errors); bad input or a failure."""
EXIT_INTERRUPTED = 130
"""Ctrl-C, as shells report it."""


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports usage errors in the same one-line form as bad input (and exits 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


# ------------------------------------------------------------- argument types
def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``minimum``, with a one-line error otherwise."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be ≥ {minimum}, not {value}")
        return value

    return parse


max_hops = whole_number(0)
"""The type of ``--max-hops`` and the check thresholds: a whole number ≥ 0."""


def dpi(text: str) -> float:
    """An argparse type: pixels per inch between 10 and 1200."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, not {text!r}") from None
    if not 10 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"must be between 10 and 1200, not {text}")
    return value


def language_option(p: argparse.ArgumentParser, help: str) -> None:
    """``--lang en|de``, English by default (:data:`orbit.i18n.LANGS`)."""
    p.add_argument("--lang", choices=LANGS, default=LANGS[0], help=help)


# -------------------------------------------------------------- option groups
DATABASE_HELP = (
    "the design library for library:NAME references: a SQLite file or postgresql://USER@HOST/DB "
    "(default: $ORBIT_DATABASE_URL, else orbit.db in your data folder)"
)


def database_option(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--db URL``: the design library (``orbit --db URL …``, ``orbit library --db URL …`` or on a command).

    The top-level option sets the default; the same option on a command
    (``top=False``) leaves it alone unless given, so either place works.
    """
    p.add_argument(
        "--db",
        metavar="URL",
        default=None if top else argparse.SUPPRESS,
        help=DATABASE_HELP,
    )


def input_options(p: argparse.ArgumentParser) -> None:
    """Options of every command that reads a FILE: ``--db``, column mapping, fixes, encoding, person-level grouping."""
    database_option(p)
    r = p.add_argument_group("reading real exports")
    r.add_argument(
        "--map",
        metavar="FIELD=COLUMN[,...]",
        help="which column holds which field (id, name, kind, parent, headcount, serves, orbit, email), "
        "e.g. --map id=agency_name,parent=parent_agency_name",
    )
    r.add_argument(
        "--fix",
        metavar="FIXES",
        help="repair the export: duplicates (merge rows repeating an id), self-reports and unknown-parents "
        "(make such units top units); comma-separated, or all",
    )
    r.add_argument(
        "--encoding", metavar="NAME", help="the file's encoding (e.g. mac_roman, cp1252) instead of detecting it"
    )
    r.add_argument("--label", metavar="COLUMN", help="the column whose values name the units (people)")
    g = p.add_argument_group("person-level HR exports")
    g.add_argument(
        "--group-by",
        metavar="COLUMN",
        help="one row per person in: make one unit per value of COLUMN (e.g. department_name)",
    )
    g.add_argument(
        "--customer-facing",
        metavar="COLUMN~PATTERN|VALUES",
        action="append",
        default=[],
        help="rows whose COLUMN matches PATTERN (case-insensitive regular expression) meet the customer; "
        "repeatable. With --group-by also comma-separated values of its COLUMN",
    )


def analysis_options(p: argparse.ArgumentParser) -> None:
    """:func:`input_options`, then ``--max-hops`` and ``--via``."""
    input_options(p)
    p.add_argument(
        "--max-hops",
        type=max_hops,
        default=None,
        metavar="N",
        help="flag units more than N hops from the customer (default: the file's checks.max_hops, else 3)",
    )
    p.add_argument(
        "--via",
        choices=VIA,
        default="both",
        help="relations between units that count for hops (default both; touchpoints always count)",
    )


# ---------------------------------------------------------------- input
class Progress:
    """Stage-by-stage progress on stderr, shown only to a person at a terminal for big inputs."""

    def __init__(self, path: str, *, min_bytes: int = 8 << 20):
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        self.size = size
        self.on = sys.stderr.isatty() and size >= min_bytes
        self._t = time.perf_counter()

    @contextlib.contextmanager
    def stage(self, text: str):
        if not self.on:
            yield
            return
        start = time.perf_counter()
        sys.stderr.write(f"\r\x1b[K{text} …")
        sys.stderr.flush()
        yield
        sys.stderr.write(f"\r\x1b[K{text}: {time.perf_counter() - start:.1f} s\n")
        sys.stderr.flush()


def open_library(args):
    """The design library ``--db`` names (else ``$ORBIT_DATABASE_URL``, else the default file), as admin.

    The command line acts as an admin on the database it is given: whoever
    holds its credentials can read it anyway. Saves name the OS user. One
    library per command run (it is kept on ``args``).

    Raises
    ------
    DatabaseUnavailable
        When the database cannot be reached (naming it, the password masked).
    """
    lib = getattr(args, "_library", None)
    if lib is None:
        from ..library import Library

        lib = Library(getattr(args, "db", None)).as_admin()
        with contextlib.suppress(AttributeError, TypeError):
            args._library = lib
    return lib


def load_input(path: str, args, progress: Progress | None = None):
    """Load FILE as ``--map``, ``--fix``, ``--encoding`` and ``--label`` say, add the ``--customer-facing``
    touchpoints and group person-level rows into units when ``--group-by`` is given.

    Every command that reads a design goes through here, so an option that
    changes how a file is read (:func:`input_options`) works everywhere.
    ``library:NAME`` (the newest version) and ``library:NAME@N`` (version N)
    read a design from the library (:func:`open_library`).
    What was done is told on stderr, one ``note:`` line each; so is the way
    to add touchpoints when an analysed design has none.

    Raises
    ------
    OrgError
        With the loader's one-line message, or when ``--customer-facing`` values are given without ``--group-by``;
        for a library reference, the library's one-line error (unknown design or version, no database).
    """
    from ..library.names import is_reference
    from ..touchpoints import add_touchpoints, is_rule, parse_rule, touchpoint_hint

    progress = progress or Progress(path)
    notes: list[str] = []
    if is_reference(path):
        with progress.stage(f"reading {path}"):
            org = open_library(args).load_reference(path)
    else:
        with progress.stage(f"reading {path} ({progress.size / 2**20:,.0f} MiB)"):
            org = load(
                path,
                map=getattr(args, "map", None),
                fix=getattr(args, "fix", None),
                encoding=getattr(args, "encoding", None),
                label=getattr(args, "label", None),
                notes=notes,
            )
    column = getattr(args, "group_by", None)
    given = getattr(args, "customer_facing", None) or []
    given = [given] if isinstance(given, str) else given
    rules = [parse_rule(v, path) for v in given if is_rule(v)]
    facing = [v for text in given if not is_rule(text) for v in text.split(",") if v.strip()]
    if facing and not column:
        raise OrgError(path, None, "--customer-facing VALUES needs --group-by COLUMN (or give a rule: COLUMN~PATTERN)")
    if rules:
        org, rule_notes = add_touchpoints(org, rules)
        notes.extend(rule_notes)
    if column:
        from ..hr import group_people

        with progress.stage(f"grouping {len(org):,} people by {column}"):
            org, group_notes = group_people(
                org, column, customer_facing=facing, lang=getattr(args, "lang", None) or "en"
            )
        notes.extend(group_notes)
    if hasattr(args, "max_hops"):  # an analysis follows
        hint = touchpoint_hint(org)
        if hint:
            notes.append(hint)
    for note in notes:
        print(f"note: {escape_controls(path)}: {escape_controls(note)}", file=sys.stderr)
    return org


def max_hops_of(org, args) -> int:
    """``--max-hops``, else the file's ``checks.max_hops``, else 3."""
    if args.max_hops is not None:
        return args.max_hops
    from ..checks import thresholds

    return thresholds(org)["max_hops"]


# ---------------------------------------------------------------- output
def fmt_num(x) -> str:
    """A number for a text table: thousands separators, two decimals when it has any, ``–`` for none.

    >>> fmt_num(1234), fmt_num(2.5), fmt_num(None)
    ('1,234', '2.50', '–')
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return number(x, "en", 2 if isinstance(x, float) and not x.is_integer() else 0)


def text_table(rows: list[list], header: list[str], align: str | None = None) -> str:
    """Rows as aligned text columns; ``align`` has ``l`` or ``r`` per column.

    >>> print(text_table([["a", 1], ["bb", 22]], ["id", "n"], "lr"))
    id   n
    --  --
    a    1
    bb  22
    """
    cells = [[str(h) for h in header]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    align = align or "l" * len(header)
    lines = []
    for k, r in enumerate(cells):
        parts = [c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(r, widths, align, strict=True)]
        lines.append("  ".join(parts).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def out(text: str = "") -> None:
    """One line on stdout."""
    sys.stdout.write(text + "\n")


def output_format(path: str, formats: Sequence[str]) -> str:
    """The output's format from its extension, one of ``formats`` (``("png", "svg", "pdf")``).

    Raises
    ------
    OrgError
        Naming the output file when the extension is not one of them.

    >>> output_format("board.PPTX", ("pptx", "pdf"))
    'pptx'
    """
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in formats:
        shown = f"'.{ext}'" if ext else "no extension"
        choices = ", ".join(f".{f}" for f in formats[:-1]) + f" or .{formats[-1]}"
        raise OrgError(path, None, f"cannot write {shown}: use {choices}")
    return ext


def write_output(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: the file is whole or untouched.

    Raises
    ------
    OrgError
        Naming ``path`` when it cannot be written.
    """
    try:
        atomic_write(path, data)
    except OSError as err:
        raise OrgError(path, None, f"cannot write: {err.strerror or err}") from None
