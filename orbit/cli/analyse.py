"""``orbit analyse`` (hops, flags and summary metrics) and ``orbit validate``."""

from __future__ import annotations

import json
import sys

import pandas as pd

from ..analysis import Analysis, analyse
from .core import (
    EXIT_FLAGGED,
    EXIT_OK,
    Progress,
    analysis_options,
    fmt_num,
    input_options,
    load_input,
    max_hops_of,
    out,
    text_table,
)


def add_parser(subparsers) -> None:
    """Add ``analyse`` (alias ``analyze``) and ``validate``."""
    p = subparsers.add_parser("analyse", aliases=["analyze"], help="hops to the customer, flags and summary metrics")
    p.add_argument("file", metavar="FILE")
    analysis_options(p)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--summary", action="store_true", help="only the summary and journeys")
    p.add_argument("--strict", action="store_true", help="exit 1 when any unit is flagged")
    p.set_defaults(handler=cmd_analyse)

    p = subparsers.add_parser("validate", help="check a file and count its units and relations")
    p.add_argument("file", metavar="FILE")
    input_options(p)
    p.set_defaults(handler=cmd_validate)


def cmd_analyse(args) -> int:
    """``orbit analyse FILE``: every unit's hops, ring and flags, then the summary (table, JSON or CSV)."""
    progress = Progress(args.file)
    org = load_input(args.file, args, progress)
    with progress.stage(f"analysing {len(org):,} units"):
        a = analyse(org, max_hops=max_hops_of(org, args), via=args.via)
    if args.format == "json":
        doc = a.to_dict(units=not args.summary)
        doc["organisation"] = org.name
        out(json.dumps(doc, ensure_ascii=False, indent=None if len(org) > 5000 else 2))
    elif args.format == "csv":
        if args.summary:
            frame = pd.DataFrame([{k: v for k, v in a.summary.items() if k != "rings"}])
        else:
            frame = a.units[
                ["id", "name", "kind", "parent", "headcount", "hops", "ring", "flagged", "misplaced"]
            ].copy()
            frame["path"] = a.units["path"].map("|".join)
        from ..formats.table import csv_text

        sys.stdout.write(csv_text(frame))
    else:
        if not args.summary:
            t = a.units.sort_values(["hops", "id"], na_position="last", kind="stable")
            rows = [
                [
                    "!" if r.flagged or r.misplaced else "",
                    fmt_num(None if pd.isna(r.hops) else r.hops),
                    fmt_num(None if pd.isna(r.ring) else r.ring),
                    r.id,
                    r.name or "",
                    r.kind or "",
                    fmt_num(None if pd.isna(r.headcount) else r.headcount),
                    flag_text(r),
                    " → ".join(r.path),
                ]
                for r in t.itertuples(index=False)
            ]
            out(text_table(rows, ["", "hops", "ring", "id", "name", "kind", "headcount", "flag", "path"], "lrrlllrll"))
            out()
        for line in summary_lines(a) + journey_lines(a):
            out(line)
    if args.strict and a.summary["flagged"]:
        return EXIT_FLAGGED
    return EXIT_OK


def cmd_validate(args) -> int:
    """``orbit validate FILE``: ``ok: N units, M relations``, or the one-line error."""
    org = load_input(args.file, args)
    out(f"ok: {len(org)} units, {org.relation_count} relations")
    return EXIT_OK


def summary_lines(a: Analysis) -> list[str]:
    """The summary block of ``orbit analyse``."""
    s = a.summary
    n = a.max_hops
    share = s["share_within_max_hops"]
    return [
        f"{a.org.name or a.org.source}: {s['units']:,} units, headcount {fmt_num(s['headcount'])}, "
        f"via {a.via}, N = {n}",
        f"  layers                 {s['layers']}",
        f"  span of control        max {s['max_span']}, mean {s['mean_span']}",
        f"  mean hops (headcount)  {fmt_num(s['mean_hops'])}",
        f"  headcount within {n:<5} {'–' if share is None else f'{share:.1%}'}",
        f"  flagged                {s['flagged']:,} (unreachable {s['unreachable']:,})",
        f"  misplaced              {s['misplaced']:,}",
        "  headcount per ring     " + ", ".join(f"{k}: {fmt_num(v)}" for k, v in s["rings"].items()),
    ]


def journey_lines(a: Analysis) -> list[str]:
    """The journeys table of ``orbit analyse`` (nothing when the design has none)."""
    j = a.journeys
    if j.empty:
        return []
    rows = [
        [
            r["name"],
            len(r["steps"]),
            r["handoffs"],
            r["boundary_crossings"],
            fmt_num(r["detour_hops"]) if r["detours"] else "0",
            " → ".join(r["steps"]),
        ]
        for r in j.to_dict(orient="records")
    ]
    return [
        "",
        "Journeys",
        text_table(rows, ["journey", "units", "hand-offs", "crossings", "detour hops", "steps"], "lrrrrl"),
    ]


def flag_text(row) -> str:
    """The flag column: ``no path``, ``far``, ``misplaced``."""
    marks = []
    if pd.isna(row.hops):
        marks.append("no path")
    elif row.flagged:
        marks.append("far")
    if row.misplaced:
        marks.append("misplaced")
    return ",".join(marks)
