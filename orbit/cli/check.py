"""``orbit check FILE``: the design checks (far units, spans, layers, gatekeepers, Team Topologies …)."""

from __future__ import annotations

import json

from ..analysis import VIA
from ..i18n import text
from .core import EXIT_FLAGGED, EXIT_OK, input_options, language_option, load_input, max_hops, out, text_table

THRESHOLDS = (
    ("max-layers", "most layers of the reporting lines"),
    ("min-span", "fewest direct reports of a manager"),
    ("max-span", "most direct reports of a manager"),
    ("gatekeeper-min-units", "units that must depend on a gatekeeper for a finding"),
)
"""Options that override a threshold of :data:`orbit.checks.DEFAULTS`, with their help."""


def add_parser(subparsers) -> None:
    """Add ``check``."""
    p = subparsers.add_parser("check", help="design checks: far units, spans, layers, gatekeepers, Team Topologies ...")
    p.add_argument("file", metavar="FILE")
    input_options(p)
    p.add_argument("--max-hops", type=max_hops, default=None, metavar="N", help="far-from-customer threshold")
    p.add_argument("--via", choices=VIA, default="both", help="relations between units that count for hops")
    for opt, what in THRESHOLDS:
        p.add_argument(f"--{opt}", type=max_hops, default=None, metavar="N", help=what)
    p.add_argument("--format", choices=("table", "json"), default="table")
    language_option(p, "language of the findings (de: Deutsch)")
    p.set_defaults(handler=cmd_check)


def cmd_check(args) -> int:
    """The findings, errors first, with counts and each rule's explanation; exit 1 when any is an error."""
    from ..checks import RULES, explanation_of, has_errors, run_checks

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
        out(json.dumps({"findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=2))
    elif not findings:
        out(f"{org.name or args.file}: no findings.")
    else:
        rows = [
            [f.severity, f.rule, _shorten(", ".join(f.names.get(u, u) for u in f.units), 40), f.message]
            for f in findings
        ]
        out(text_table(rows, ["severity", "rule", "units", "finding"]))
        counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
        out()
        out(", ".join(f"{v} {k}{'s' if v != 1 else ''}" for k, v in counts.items()))
        out()
        source_label = text(args.lang, "check.source")
        for rule in dict.fromkeys(f.rule for f in findings):
            out(f"{rule}: {explanation_of(rule, args.lang)} {source_label}: {RULES[rule][2]}.")
    return EXIT_FLAGGED if has_errors(findings) else EXIT_OK


def _shorten(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"
