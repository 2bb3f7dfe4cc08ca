"""What every ``orbit`` command shares.

- Exit codes (:data:`EXIT_OK`, :data:`EXIT_FLAGGED`, :data:`EXIT_BAD_INPUT`,
  :data:`EXIT_INTERRUPTED`) and :class:`OneLineParser`, which reports usage
  errors as one ``error:`` line.
- Argument types (:func:`whole_number`, :func:`dpi`) and options shared by
  several commands (:func:`input_options`, :func:`analysis_options`,
  :func:`language_option`).
- :func:`load_input`: the one place a FILE argument becomes an
  :class:`~orbit.model.Organisation` (grouping person-level rows with
  ``--group-by``); :func:`max_hops_of`.
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
from collections.abc import Callable

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
def input_options(p: argparse.ArgumentParser) -> None:
    """Options of every command that reads a FILE: how person-level exports become units."""
    g = p.add_argument_group("person-level HR exports")
    g.add_argument(
        "--group-by",
        metavar="COLUMN",
        help="one row per person in: make one unit per value of COLUMN (e.g. department_name)",
    )
    g.add_argument(
        "--customer-facing",
        metavar="VALUES",
        default="",
        help="with --group-by: comma-separated values of COLUMN whose units meet the customer",
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


def load_input(path: str, args, progress: Progress | None = None):
    """Load FILE, grouping person-level rows into units when ``--group-by`` is given.

    Every command that reads a design goes through here, so an option that
    changes how a file is read (:func:`input_options`) works everywhere.

    Raises
    ------
    OrgError
        With the loader's one-line message, or when ``--customer-facing`` is given without ``--group-by``.
    """
    progress = progress or Progress(path)
    with progress.stage(f"reading {path} ({progress.size / 2**20:,.0f} MiB)"):
        org = load(path)
    column = getattr(args, "group_by", None)
    facing = [v for v in (getattr(args, "customer_facing", "") or "").split(",") if v.strip()]
    if facing and not column:
        raise OrgError(path, None, "--customer-facing needs --group-by COLUMN")
    if column:
        from ..hr import group_people

        with progress.stage(f"grouping {len(org):,} people by {column}"):
            org, notes = group_people(org, column, customer_facing=facing)
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
