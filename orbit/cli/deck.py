"""``orbit deck A [B] -o OUT.pptx|OUT.pdf``: the board pack, an editable PowerPoint deck (or the same pages as a PDF).

python-pptx and matplotlib are imported inside the handler, so the other
commands never load them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import OrgError
from .core import (
    EXIT_OK,
    Progress,
    analysis_options,
    language_option,
    load_input,
    max_hops_of,
    output_format,
    whole_number,
    write_output,
)

DECK_FORMATS = ("pptx", "pdf")
"""What ``orbit deck -o`` writes, by extension."""

HELP = """\
The board pack: the customer-distance story of one design, or of today's design A
against a proposal B, as slides: a title with the headline, the orbit views (with B in
A's angular order and colours), both side by side with the metric deltas, the org
charts, what changes, the customer journeys and the design checks. Without B the
comparison slides are left out.

Diagrams are native, editable shapes: one shape per unit with its name as text,
rings as circles, reporting lines and service relations as connectors attached to
the units, grouped per diagram. An orbit view shows up to 400 units as shapes and an
org chart as many boxes as fit a slide with names at 8 pt; a larger design is folded
into departments (the deepest reporting level that fits, or --depth), and only a
design still too big at its top level is shown as a picture.

OUT.pdf gives the same pages drawn by the matplotlib renderer (no office suite needed).
--template T.pptx uses that deck's slide size, theme and layouts (a title layout and a
"Title Only" layout, found by their placeholders); its own slides are not copied."""


def add_parser(subparsers) -> None:
    """Add ``deck``."""
    p = subparsers.add_parser(
        "deck",
        help="the board pack: an editable PowerPoint deck (or PDF) of one design or today against a proposal",
        description=HELP,
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    p.add_argument("a", metavar="A", help="the design (today's, when B is given)")
    p.add_argument("b", metavar="B", nargs="?", help="the proposal to compare with A")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.pptx or OUT.pdf")
    analysis_options(p)
    language_option(p, "language of every text and number of the deck (de: Deutsch; default en)")
    p.add_argument("--template", metavar="T.pptx", help="a PowerPoint deck whose slide size, theme and layouts to use")
    p.add_argument(
        "--depth",
        type=whole_number(1),
        default=None,
        metavar="K",
        help="fold the diagrams into departments down to reporting level K (default: as deep as fits a slide)",
    )
    p.add_argument("--journey", metavar="NAME", help="the journey drawn on the journeys slide (default: the first)")
    p.set_defaults(handler=cmd_deck)


def cmd_deck(args) -> int:
    """Build the story once, then write it as PowerPoint or PDF, atomically."""
    fmt = output_format(args.output, DECK_FORMATS)  # before any work: a typo costs nothing
    if args.template is not None and not Path(args.template).is_file():
        raise OrgError(args.template, None, "template not found")
    from ..render.deck import build_story, deck_pdf, deck_pptx
    from ..render.deck.template import template_page

    progress = Progress(args.a)
    org_a = load_input(args.a, args, progress)
    org_b = load_input(args.b, args, progress) if args.b else None
    page = template_page(args.template)
    with progress.stage("telling the story"):
        story = build_story(
            org_a,
            org_b,
            max_hops=max_hops_of(org_a, args),
            via=args.via,
            lang=args.lang,
            depth=args.depth,
            journey=args.journey,
            page=page,
        )
    with progress.stage(f"drawing {len(story.slides)} slides"):
        data = deck_pptx(story, args.template) if fmt == "pptx" else deck_pdf(story)
    write_output(args.output, data)
    return EXIT_OK
