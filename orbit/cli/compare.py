"""``orbit compare A B``: two designs (today against a proposal), metric by metric, and what changes."""

from __future__ import annotations

import json

from ..analysis import compare
from .core import EXIT_OK, analysis_options, fmt_num, load_input, max_hops_of, out, text_table

METRICS = (
    "units",
    "headcount",
    "layers",
    "max_span",
    "mean_span",
    "mean_hops",
    "share_within_max_hops",
    "flagged",
    "unreachable",
    "misplaced",
)
"""The summary metrics of the table, in order."""


def add_parser(subparsers) -> None:
    """Add ``compare``."""
    p = subparsers.add_parser("compare", help="compare two designs (today vs. proposed)")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    analysis_options(p)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_compare)


def cmd_compare(args) -> int:
    """The metrics of A and B with the change, then the units added, removed, moved or reparented."""
    a, b = load_input(args.a, args), load_input(args.b, args)
    c = compare(a, b, max_hops=max_hops_of(a, args), via=args.via)
    show_comparison(c, (args.a, args.b), args.format)
    return EXIT_OK


def show_comparison(c, files: tuple[str, str], fmt: str) -> None:
    """Print a comparison as ``orbit compare`` does: JSON (``fmt="json"``) or the metric table and the changes.

    ``files`` name A and B as given (file paths or ``library:NAME@N``); the
    table's columns are headed by the designs' names, else by these.
    """
    if fmt == "json":
        out(json.dumps(c.to_dict(files), ensure_ascii=False, indent=2))
        return
    sa, sb = c.a.summary, c.b.summary
    rows = []
    for k in METRICS:
        va, vb = sa[k], sb[k]
        delta = "" if va is None or vb is None else vb - va
        if k == "share_within_max_hops":
            fa = "–" if va is None else f"{va:.1%}"
            fb = "–" if vb is None else f"{vb:.1%}"
            fd = "" if delta == "" else f"{delta * 100:+.1f} pp"
        else:
            fa, fb = fmt_num(va), fmt_num(vb)
            fd = (
                ""
                if delta == ""
                else (
                    f"{delta:+,.2f}"
                    if isinstance(delta, float) and not float(delta).is_integer()
                    else f"{int(delta):+,}"
                )
            )
        rows.append([k, fa, fb, fd])
    name_a = c.a.org.name or files[0]
    name_b = c.b.org.name or files[1]
    out(text_table(rows, ["metric", name_a, name_b, "change"], "lrrr"))
    out()
    diff = c.diff_table()
    if diff.empty:
        out("No unit was added, removed, moved or reparented.")
    else:
        counts = diff["change"].value_counts()
        out(", ".join(f"{counts.get(k, 0)} {k}" for k in ("added", "removed", "moved", "reparented")))
        rows = [
            [ch, uid, "–" if f is None else f, "–" if t is None else t]
            for ch, uid, f, t in diff.itertuples(index=False, name=None)
        ]
        out(text_table(rows, ["change", "id", "from", "to"]))
