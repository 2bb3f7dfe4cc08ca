"""The ``orbit`` command line.

``orbit COMMAND ...``: every command exits 2 on bad input with one line
``error: FILE:LINE: message`` on stderr, and never shows a traceback.

Layout of this package:

- :mod:`orbit.cli.core`: what every command shares: exit codes, the
  one-line-error parser, argument types and option groups, :func:`load_input`
  (the one place a FILE argument becomes an organisation), progress on
  stderr, text tables and number formatting, atomic output.
- One module per command group, each with ``add_parser(subparsers)`` that
  adds its commands and sets their handlers: :mod:`~orbit.cli.analyse`
  (``analyse``, ``validate``), :mod:`~orbit.cli.convert`,
  :mod:`~orbit.cli.compare`, :mod:`~orbit.cli.check`,
  :mod:`~orbit.cli.render` (``render``, ``layout``), :mod:`~orbit.cli.deck`
  (``deck``, the board pack), :mod:`~orbit.cli.library` (``library``: the
  design library's versions, names and members).

A new command is one new module with ``add_parser`` and one entry in
:data:`COMMAND_MODULES`. Command modules import heavy libraries (matplotlib)
inside their handlers, so that a command loads only what it needs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import OrgError, escape_controls
from . import analyse, check, compare, convert, deck, library, render
from .core import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, OneLineParser, database_option

__all__ = ["COMMAND_MODULES", "build_parser", "main", "run"]

COMMAND_MODULES = (analyse, convert, compare, check, render, deck, library)
"""The command groups, in the order ``orbit --help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The ``orbit`` argument parser with every command of :data:`COMMAND_MODULES`."""
    parser = OneLineParser(
        prog="orbit",
        description="Customer-centric organisation design: how far is every unit from the customer?",
    )
    parser.add_argument("--version", action="version", version=f"orbit {__version__}")
    database_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    sub.required = True
    for module in COMMAND_MODULES:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``orbit`` with ``argv`` (default: the process's arguments) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return args.handler(args)
    except OrgError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:
        print("error: out of memory: the file is too large for this machine", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as err:  # a bug of ours: still one line, never a traceback
        print(
            f"error: internal error ({type(err).__name__}: {escape_controls(err)}); please report it", file=sys.stderr
        )
        return EXIT_BAD_INPUT


def run() -> None:
    """Console-script entry point (``orbit = "orbit.cli:run"``).

    The garbage collector is told (``gc.freeze``) that what exists before the
    command runs (the modules) and what is left when it has run lives until
    the process ends: no collection walks the former again, and the
    interpreter's collections at exit skip the latter, which took 0.15 s
    after drawing 10,000 units (a tenth of the whole command).
    """
    import gc

    gc.freeze()
    code = main()
    gc.freeze()
    sys.exit(code)
