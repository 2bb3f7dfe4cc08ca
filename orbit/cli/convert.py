"""``orbit convert IN OUT``: between YAML, JSON, CSV, XLSX and GraphML, written atomically."""

from __future__ import annotations

import sys

from ..errors import escape_controls
from ..formats import dumps, format_of
from .core import EXIT_OK, input_options, load_input, write_output


def add_parser(subparsers) -> None:
    """Add ``convert``."""
    p = subparsers.add_parser("convert", help="convert between YAML, JSON, CSV, XLSX and GraphML")
    p.add_argument("input", metavar="IN")
    p.add_argument("output", metavar="OUT")
    input_options(p)
    p.set_defaults(handler=cmd_convert)


def cmd_convert(args) -> int:
    """Read IN, write OUT in the format of its extension; what OUT's format cannot hold is warned about."""
    fmt = format_of(args.output)  # before any work: a typo costs nothing
    org = load_input(args.input, args)
    data, warnings = dumps(org, fmt)
    for w in warnings:
        print(f"warning: {escape_controls(args.output)}: {escape_controls(w)}", file=sys.stderr)
    write_output(args.output, data)
    return EXIT_OK
