"""``orbit render`` (the diagrams to PNG, SVG or PDF) and ``orbit layout`` (positions as JSON).

The renderer (matplotlib) is imported inside the handlers, so the other
commands never load it.
"""

from __future__ import annotations

import json
import sys

from ..analysis import analyse
from ..errors import OrgError
from .core import (
    EXIT_OK,
    Progress,
    analysis_options,
    dpi,
    language_option,
    load_input,
    max_hops_of,
    output_format,
    whole_number,
    write_output,
)

VIEWS = ("orbit", "hierarchy", "both")
"""What ``orbit render --view`` draws."""


def add_parser(subparsers) -> None:
    """Add ``render`` and ``layout``."""
    p = subparsers.add_parser(
        "render",
        help="draw the orbit view and/or the org chart to PNG, SVG or PDF",
        description="Draw a design to an image. The figure grows with the organisation; SVG keeps text as text.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.png, OUT.svg or OUT.pdf")
    p.add_argument("--view", choices=VIEWS, default="orbit", help="which diagram (default orbit)")
    analysis_options(p)
    p.add_argument("--dpi", type=dpi, default=200.0, help="pixels per inch of PNG output (default 200)")
    p.add_argument(
        "--labels",
        choices=("auto", "all", "none"),
        default="auto",
        help="unit labels: auto thins crowded rings to the largest units (default auto)",
    )
    p.add_argument(
        "--no-compact",
        dest="compact",
        action="store_false",
        help="org chart: keep every manager's reports in one row instead of stacking them",
    )
    p.add_argument(
        "--depth",
        type=whole_number(1),
        default=None,
        metavar="N",
        help="draw departments down to reporting level N; deeper units are folded into them (for big orgs)",
    )
    p.add_argument(
        "--expand",
        default="",
        metavar="IDS",
        help="with --depth: comma-separated unit ids to open one level further",
    )
    p.add_argument("--highlight", metavar="ID", help="ring this unit and draw its path to the customer")
    p.add_argument("--journey", metavar="NAME", help="draw this journey's steps as a numbered path")
    language_option(p, "language of the image's texts and numbers (de: Deutsch; default en)")
    p.set_defaults(handler=cmd_render)

    p = subparsers.add_parser(
        "layout",
        help="print the positions of a layout as JSON",
        description='Print {"view": ..., "positions": {id: [x, y]}}; the orbit view includes "customer".',
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--view", choices=("orbit", "hierarchy"), default="orbit")
    analysis_options(p)
    p.add_argument("--format", choices=("json",), default="json")
    p.add_argument("--no-compact", dest="compact", action="store_false", help="hierarchy: no stacked reports")
    p.set_defaults(handler=cmd_layout)


def cmd_render(args) -> int:
    """``orbit render FILE -o OUT``: draw to PNG, SVG or PDF, written atomically."""
    from ..render import FORMATS

    fmt = output_format(args.output, FORMATS)  # before any work: a typo costs nothing
    from ..render import figure_both, figure_bytes, figure_hierarchy, figure_orbit

    progress = Progress(args.file)
    org = load_input(args.file, args, progress)
    expand = [x.strip() for x in args.expand.split(",") if x.strip()]
    if expand and args.depth is None:
        raise OrgError(args.file, None, "--expand needs --depth N")
    max_hops = max_hops_of(org, args)
    with progress.stage(f"analysing {len(org):,} units"):
        a = analyse(org, max_hops=max_hops, via=args.via)
    full = None
    if args.depth is not None:
        # the metrics are the whole organisation's; the folded departments are only drawn, flagged as their people are
        from ..aggregate import aggregate, folded_analysis

        with progress.stage(f"folding {len(org):,} units to depth {args.depth}"):
            full, org = a, aggregate(org, args.depth, expand)
            a = folded_analysis(org, full)
    marks = _marks(args, org)
    with progress.stage(f"drawing {len(org):,} units"):
        if args.view == "orbit":
            fig = figure_orbit(org, a, labels=args.labels, full=full, lang=args.lang, **marks)
        elif args.view == "hierarchy":
            fig = figure_hierarchy(org, a, labels=args.labels, compact=args.compact, full=full, lang=args.lang, **marks)
        else:
            fig = figure_both(org, a, labels=args.labels, compact=args.compact, full=full, lang=args.lang, **marks)
    with progress.stage(f"writing {args.output}"):
        write_output(args.output, figure_bytes(fig, fmt, dpi=args.dpi))
    return EXIT_OK


def _marks(args, org) -> dict:
    """``highlight`` and ``journey`` for the figure from ``--highlight`` and ``--journey``, checked against ``org``."""
    out = {}
    if args.highlight is not None:
        if args.highlight not in org.ids:
            if args.depth is not None:
                raise OrgError(args.file, None, f"unit {args.highlight!r} is folded away at --depth {args.depth}")
            raise OrgError(args.file, None, f"unknown unit {args.highlight!r} for --highlight")
        out["highlight"] = args.highlight
    if args.journey is not None:
        steps = next((j.steps for j in org.journeys if j.name == args.journey), None)
        if steps is None:
            known = ", ".join(repr(j.name) for j in org.journeys) or "none"
            raise OrgError(args.file, None, f"unknown journey {args.journey!r} (journeys: {known})")
        out["journey"] = list(steps)
    return out


def cmd_layout(args) -> int:
    """``orbit layout FILE --view V --format json``: positions as JSON on stdout."""
    from ..layout import hierarchy_layout, orbit_layout

    org = load_input(args.file, args)
    if args.view == "orbit":
        a = analyse(org, max_hops=max_hops_of(org, args), via=args.via)
        pos = orbit_layout(org, analysis=a)
    else:
        pos = hierarchy_layout(org, compact=args.compact)
    doc = {
        "view": args.view,
        "positions": {str(k): [round(float(x), 6), round(float(y), 6)] for k, (x, y) in pos.items()},
    }
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=None if len(pos) > 2000 else 1) + "\n")
    return EXIT_OK
