"""The ``orbit`` command line.

Every subcommand exits 2 on bad input with one line ``error: FILE:LINE:
message`` on stderr, and never shows a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence

import pandas as pd

from . import __version__
from .analysis import VIA, Analysis, analyse, compare
from .errors import OrgError, escape_controls
from .formats import atomic_write, dumps, format_of, load

EXIT_OK, EXIT_FLAGGED, EXIT_BAD_INPUT = 0, 1, 2

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str):
    def register(fn):
        COMMANDS[name] = fn
        return fn

    return register


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in the same one-line form."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


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


_max_hops = whole_number(0)


def _input_options(p: argparse.ArgumentParser) -> None:
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


def _analysis_options(p: argparse.ArgumentParser) -> None:
    _input_options(p)
    p.add_argument(
        "--max-hops",
        type=_max_hops,
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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="orbit",
        description="Customer-centric organisation design: how far is every unit from the customer?",
    )
    parser.add_argument("--version", action="version", version=f"orbit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("analyse", aliases=["analyze"], help="hops to the customer, flags and summary metrics")
    p.add_argument("file", metavar="FILE")
    _analysis_options(p)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--summary", action="store_true", help="only the summary and journeys")
    p.add_argument("--strict", action="store_true", help="exit 1 when any unit is flagged")

    p = sub.add_parser("validate", help="check a file and count its units and relations")
    p.add_argument("file", metavar="FILE")
    _input_options(p)

    p = sub.add_parser("convert", help="convert between YAML, JSON, CSV, XLSX and GraphML")
    p.add_argument("input", metavar="IN")
    p.add_argument("output", metavar="OUT")
    _input_options(p)

    p = sub.add_parser("compare", help="compare two designs (today vs. proposed)")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    _analysis_options(p)
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("check", help="design checks: far units, spans, layers, gatekeepers, Team Topologies ...")
    p.add_argument("file", metavar="FILE")
    _input_options(p)
    p.add_argument("--max-hops", type=_max_hops, default=None, metavar="N", help="far-from-customer threshold")
    p.add_argument("--via", choices=VIA, default="both", help="relations between units that count for hops")
    for opt, what in (
        ("max-layers", "most layers of the reporting lines"),
        ("min-span", "fewest direct reports of a manager"),
        ("max-span", "most direct reports of a manager"),
        ("gatekeeper-min-units", "units that must depend on a gatekeeper for a finding"),
    ):
        p.add_argument(f"--{opt}", type=_max_hops, default=None, metavar="N", help=what)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--lang", choices=("en", "de"), default="en", help="language of the findings (de: Deutsch)")

    for extend in _EXTENSIONS:
        extend(sub)
    return parser


def _render_commands(sub) -> None:
    from .render.commands import add_commands

    add_commands(sub)


_EXTENSIONS: list[Callable] = [_render_commands]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return COMMANDS[args.command](args)
    except OrgError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
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
    """Console-script entry point."""
    sys.exit(main())


# ---------------------------------------------------------------- helpers
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
    """Load FILE, grouping person-level rows into units when ``--group-by`` is given."""
    progress = progress or Progress(path)
    with progress.stage(f"reading {path} ({progress.size / 2**20:,.0f} MiB)"):
        org = load(path)
    column = getattr(args, "group_by", None)
    facing = [v for v in (getattr(args, "customer_facing", "") or "").split(",") if v.strip()]
    if facing and not column:
        raise OrgError(path, None, "--customer-facing needs --group-by COLUMN")
    if column:
        from .hr import group_people

        with progress.stage(f"grouping {len(org):,} people by {column}"):
            org, notes = group_people(org, column, customer_facing=facing)
        for note in notes:
            print(f"note: {escape_controls(path)}: {escape_controls(note)}", file=sys.stderr)
    return org


def max_hops_of(org, args) -> int:
    """``--max-hops``, else the file's ``checks.max_hops``, else 3."""
    if args.max_hops is not None:
        return args.max_hops
    from .checks import thresholds

    return thresholds(org)["max_hops"]


def fmt_num(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if isinstance(x, float) and not x.is_integer():
        return f"{x:,.2f}"
    return f"{int(x):,}"


def text_table(rows: list[list], header: list[str], align: str | None = None) -> str:
    """Rows as aligned text columns; ``align`` has ``l`` or ``r`` per column."""
    cells = [[str(h) for h in header]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    align = align or "l" * len(header)
    out = []
    for k, r in enumerate(cells):
        parts = [c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(r, widths, align, strict=True)]
        out.append("  ".join(parts).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def summary_lines(a: Analysis) -> list[str]:
    s = a.summary
    n = a.max_hops
    share = s["share_within_max_hops"]
    lines = [
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
    return lines


def journey_lines(a: Analysis) -> list[str]:
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
    marks = []
    if pd.isna(row.hops):
        marks.append("no path")
    elif row.flagged:
        marks.append("far")
    if row.misplaced:
        marks.append("misplaced")
    return ",".join(marks)


def _print(text: str = "") -> None:
    sys.stdout.write(text + "\n")


# ---------------------------------------------------------------- commands
@command("analyse")
@command("analyze")
def cmd_analyse(args) -> int:
    progress = Progress(args.file)
    org = load_input(args.file, args, progress)
    with progress.stage(f"analysing {len(org):,} units"):
        a = analyse(org, max_hops=max_hops_of(org, args), via=args.via)
    if args.format == "json":
        doc = a.to_dict(units=not args.summary)
        doc["organisation"] = org.name
        _print(json.dumps(doc, ensure_ascii=False, indent=None if len(org) > 5000 else 2))
    elif args.format == "csv":
        if args.summary:
            frame = pd.DataFrame([{k: v for k, v in a.summary.items() if k != "rings"}])
        else:
            frame = a.units[
                ["id", "name", "kind", "parent", "headcount", "hops", "ring", "flagged", "misplaced"]
            ].copy()
            frame["path"] = a.units["path"].map("|".join)
        from .formats.table import csv_text

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
            _print(
                text_table(rows, ["", "hops", "ring", "id", "name", "kind", "headcount", "flag", "path"], "lrrlllrll")
            )
            _print()
        for line in summary_lines(a) + journey_lines(a):
            _print(line)
    if args.strict and a.summary["flagged"]:
        return EXIT_FLAGGED
    return EXIT_OK


@command("validate")
def cmd_validate(args) -> int:
    org = load_input(args.file, args)
    _print(f"ok: {len(org)} units, {org.relation_count} relations")
    return EXIT_OK


@command("convert")
def cmd_convert(args) -> int:
    fmt = format_of(args.output)
    org = load_input(args.input, args)
    data, warnings = dumps(org, fmt)
    for w in warnings:
        print(f"warning: {escape_controls(args.output)}: {escape_controls(w)}", file=sys.stderr)
    try:
        atomic_write(args.output, data)
    except OSError as err:
        raise OrgError(args.output, None, f"cannot write: {err.strerror or err}") from None
    return EXIT_OK


@command("compare")
def cmd_compare(args) -> int:
    a, b = load_input(args.a, args), load_input(args.b, args)
    c = compare(a, b, max_hops=max_hops_of(a, args), via=args.via)
    if args.format == "json":
        _print(json.dumps(c.to_dict((args.a, args.b)), ensure_ascii=False, indent=2))
        return EXIT_OK
    sa, sb = c.a.summary, c.b.summary
    keys = [
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
    ]
    rows = []
    for k in keys:
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
    name_a = a.name or args.a
    name_b = b.name or args.b
    _print(text_table(rows, ["metric", name_a, name_b, "change"], "lrrr"))
    _print()
    diff = c.diff_table()
    if diff.empty:
        _print("No unit was added, removed, moved or reparented.")
    else:
        counts = diff["change"].value_counts()
        _print(", ".join(f"{counts.get(k, 0)} {k}" for k in ("added", "removed", "moved", "reparented")))
        rows = [
            [ch, uid, "–" if f is None else f, "–" if t is None else t]
            for ch, uid, f, t in diff.itertuples(index=False, name=None)
        ]
        _print(text_table(rows, ["change", "id", "from", "to"]))
    return EXIT_OK


@command("check")
def cmd_check(args) -> int:
    from .checks import RULES, explanation_of, has_errors, run_checks

    org = load_input(args.file, args)
    findings = run_checks(
        org,
        via=args.via,
        max_hops=args.max_hops,
        max_layers=args.max_layers,
        min_span=args.min_span,
        max_span=args.max_span,
        gatekeeper_min_units=args.gatekeeper_min_units,
        lang=args.lang,
    )
    if args.format == "json":
        _print(json.dumps({"findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=2))
    elif not findings:
        _print(f"{org.name or args.file}: no findings.")
    else:
        rows = [[f.severity, f.rule, _shorten(", ".join(f.units), 40), f.message] for f in findings]
        _print(text_table(rows, ["severity", "rule", "units", "finding"]))
        counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
        _print()
        _print(", ".join(f"{v} {k}{'s' if v != 1 else ''}" for k, v in counts.items()))
        _print()
        source_label = "Quelle" if args.lang == "de" else "Source"
        for rule in dict.fromkeys(f.rule for f in findings):
            _print(f"{rule}: {explanation_of(rule, args.lang)} {source_label}: {RULES[rule][2]}.")
    return EXIT_FLAGGED if has_errors(findings) else EXIT_OK


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":  # pragma: no cover
    run()
