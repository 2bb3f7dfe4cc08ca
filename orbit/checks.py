"""Design checks: a small, documented rule set that runs on any organisation.

Each :class:`Finding` names a rule, a severity (``error``, ``warning`` or
``info``), the units concerned and a message that explains the rule and gives
its source. Thresholds come from keyword arguments, else from a ``checks:``
section in the organisation file, else from :data:`DEFAULTS`.

=================  ========  ==========================================================
rule               default   fires when
=================  ========  ==========================================================
far-from-customer  warning   a unit is more than ``max_hops`` hops from the customer
unconnected        error     a unit has no path to the customer at all
misplaced          warning   a designed orbit is nearer than the measured hops
span               warning   a manager has fewer than ``min_span`` or more than
                             ``max_span`` direct reports
layers             warning   the reporting forest has more than ``max_layers`` layers
gatekeeper         warning   a unit is the only route to the customer for at least
                             ``gatekeeper_min_units`` others (an articulation point)
team-topologies    warning   (units with ``team_type``) a stream-aligned team is not
                             1 hop from the customer, or stream-aligned : other teams
                             is outside ``tt_ratio_min`` : 1 to ``tt_ratio_max`` : 1
orphan             warning   a unit serves nothing, nothing serves it, and it has no
                             reporting line
=================  ========  ==========================================================

A ``checks:`` section may also set ``severity: {rule: level}`` and
``disable: [rules]``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

import numpy as np

from .analysis import Analysis, analyse
from .errors import OrgError, shown
from .i18n import LANGS, STRINGS, number, percent, text
from .model import Organisation

DEFAULTS = {
    "max_hops": 3,
    "max_layers": 8,
    "min_span": 3,
    "max_span": 15,
    "gatekeeper_min_units": 5,
    "tt_ratio_min": 6,
    "tt_ratio_max": 9,
}
"""Thresholds used when neither the caller nor the file sets one."""

SEVERITIES = ("error", "warning", "info")

RULES = {
    "far-from-customer": (
        "warning",
        text("en", "check.far-from-customer.why"),
        "Schüller & Steffen, Die Orbit-Organisation (2019); Haier's 'zero distance' to the user",
    ),
    "unconnected": ("error", text("en", "check.unconnected.why"), "Schüller & Steffen, Die Orbit-Organisation (2019)"),
    "misplaced": ("warning", text("en", "check.misplaced.why"), "Orbit domain definition of 'misplaced'"),
    "span": (
        "warning",
        text("en", "check.span.why"),
        "McKinsey (2017), manager archetypes; Bain: companies widened spans from about 7 to more than 11",
    ),
    "layers": (
        "warning",
        text("en", "check.layers.why"),
        "Bain (companies cut from 11 to 8 layers); Hamel & Zanini, HBR 2018 (about 8 levels in large US firms)",
    ),
    "gatekeeper": (
        "warning",
        text("en", "check.gatekeeper.why"),
        "Schüller & Steffen, Die Orbit-Organisation (2019): bridge builders",
    ),
    "team-topologies": ("warning", text("en", "check.team-topologies.why"), "Skelton & Pais, Team Topologies (2019)"),
    "orphan": ("warning", text("en", "check.orphan.why"), "Orbit domain model"),
}
"""rule id → (default severity, explanation in English, source).

The explanations in both languages are texts ``check.<rule>.why`` of
:data:`orbit.i18n.STRINGS` (see :func:`explanation_of`); the sources are
citations and stay as they are in every language.
"""

LANGUAGES = LANGS
"""Languages of the messages and explanations (``lang=`` of :func:`run_checks`)."""


def unit_labels(org: Organisation) -> dict[str, str]:
    """What messages call each unit whose name is not its id: the name, with the id when two units share it."""
    ids = org.units["id"].to_numpy(dtype=object)
    names = org.units["name"].to_numpy(dtype=object)
    named = [(i, str(n)) for i, n in zip(ids, names, strict=True) if n is not None and str(n) != str(i)]
    counts: dict[str, int] = {}
    for _, n in named:
        counts[n] = counts.get(n, 0) + 1
    return {i: n if counts[n] == 1 else f"{n} ({i})" for i, n in named}


def _mentioned(f: Finding) -> list:
    out = list(f.units)
    for value in f.detail.values():
        if isinstance(value, (list, tuple)):
            out.extend(value)
        elif isinstance(value, str):
            out.append(value)
    return out


def format_message(
    key: str, values: Mapping, lang: str = "en", limit: int = 5, names: Mapping[str, str] | None = None
) -> str:
    """A finding's message in ``lang``: lists of ids are shortened, numbers and shares in the language's style.

    ``names`` gives the label of a unit whose name is not its id: messages name units, never ids.

    >>> values = {"unit": "hub", "units_cut_off": 1200, "headcount_cut_off": 5400.0, "share": 0.25}
    >>> format_message("gatekeeper", values, "de")
    'hub ist für 1.200 Einheiten der einzige Weg zum Kunden (5.400 Beschäftigte, 25 %).'
    >>> format_message("orphan", {"count": 7, "units": list("abcdefg")})
    '7 units have no reporting line and no service relation: a, b, c, d, e and 2 more.'
    >>> format_message("orphan", {"count": 1, "units": ["(no value)"]}, "de")
    '1 Einheit hat weder eine Berichtslinie noch eine Leistungsbeziehung: (no value).'
    """
    lang = lang if lang in LANGUAGES else LANGUAGES[0]
    out = {}
    names = names or {}
    for name, value in values.items():
        if isinstance(value, (list, tuple)):
            ids = [str(names.get(v, v)) for v in value]
            listed = ", ".join(ids[:limit])
            if len(ids) > limit:
                listed += " " + text(lang, "check.more", count=number(len(ids) - limit, lang))
            out[name] = listed
        elif name == "share":
            out[name] = percent(value, lang)
        elif name == "ratio":
            out[name] = number(value, lang, 1)
        elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            out[name] = number(value, lang)
        else:
            out[name] = str(names.get(value, value)) if name == "unit" else str(value)
    one = f"check.msg.{key}.one"
    if values.get("count") == 1 and one in STRINGS:  # "1 unit has …", not "1 units have …"
        return text(lang, one, **out)
    return text(lang, f"check.msg.{key}", **out)


def explanation_of(rule: str, lang: str = "en") -> str:
    """The explanation of ``rule`` in ``lang`` (English for unknown languages).

    >>> explanation_of("layers", "de")
    'Jede zusätzliche Ebene vergrößert den Abstand zwischen Führung und Kundenkontakt.'
    """
    return text(lang, f"check.{rule}.why")


@dataclass
class Finding:
    """One broken design principle."""

    rule: str
    severity: str
    units: list[str]
    message: str
    explanation: str = ""
    source: str = ""
    detail: dict = field(default_factory=dict)
    key: str = ""
    """The message's text key (``check.msg.<key>`` in :data:`orbit.i18n.STRINGS`); ``detail`` holds its values."""
    lang: str = "en"
    """The language of ``message`` and ``explanation``."""
    names: dict = field(default_factory=dict, repr=False)
    """The labels of the units the finding mentions, where a unit's name is not its id."""

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``message`` itself when it has no template), naming units by name."""
        return format_message(self.key, self.detail, lang, names=self.names) if self.key else self.message

    def to_dict(self) -> dict:
        """The JSON object of ``orbit check --format json``."""
        message = self.message
        if self.explanation:
            message += f" {self.explanation}"
        if self.source:
            message += f" ({text(self.lang, 'check.source')}: {self.source})"
        return {"rule": self.rule, "severity": self.severity, "units": list(self.units), "message": message}


def thresholds(org: Organisation, **overrides) -> dict:
    """The thresholds in force: ``overrides`` > the file's ``checks:`` > :data:`DEFAULTS`.

    Raises
    ------
    OrgError
        For an unknown key or a value that is not a whole number ≥ 0.
    """
    section = _checks_section(org)
    line = org.attr_lines.get("checks")
    out = dict(DEFAULTS)
    for key, value in section.items():
        if key in ("severity", "disable"):
            continue
        if not isinstance(key, str) or key not in DEFAULTS:
            known = ", ".join([*DEFAULTS, "severity", "disable"])
            raise OrgError(org.source, line, f"unknown check option {shown(key)} in 'checks' (known: {known})")
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
            or not 0 <= value <= MAX_THRESHOLD
            or int(value) != value
        ):
            raise OrgError(
                org.source,
                line,
                f"check option {key!r} must be a whole number from 0 to {MAX_THRESHOLD:,}, not {shown(value)}",
            )
        out[key] = int(value)
    for key, value in overrides.items():
        if value is not None:
            out[key] = int(value)
    return out


MAX_THRESHOLD = 10_000_000
"""Largest value a ``checks:`` threshold may have."""


def _checks_section(org: Organisation) -> Mapping:
    section = org.attrs.get("checks") or {}
    if not isinstance(section, Mapping):
        line = org.attr_lines.get("checks")
        raise OrgError(org.source, line, f"'checks' must be a mapping of thresholds, not {shown(section)}")
    return section


def _severity_overrides(org: Organisation) -> tuple[dict, set]:
    section = _checks_section(org)
    line = org.attr_lines.get("checks")
    severity = section.get("severity") or {}
    disable = section.get("disable") or []
    if not isinstance(severity, Mapping) or not isinstance(disable, list):
        raise OrgError(org.source, line, "'checks.severity' must map rules to levels and 'checks.disable' be a list")
    for rule, level in severity.items():
        if not isinstance(rule, str) or rule not in RULES:
            raise OrgError(org.source, line, f"unknown rule {shown(rule)} in 'checks.severity'")
        if not isinstance(level, str) or level not in SEVERITIES:
            raise OrgError(org.source, line, f"severity of {rule!r} must be error, warning or info, not {shown(level)}")
    for rule in disable:
        if not isinstance(rule, str) or rule not in RULES:
            raise OrgError(org.source, line, f"unknown rule {shown(rule)} in 'checks.disable': give rule names")
    return dict(severity), set(disable)


def run_checks(
    org: Organisation, analysis: Analysis | None = None, *, via: str | None = None, lang: str = "en", **overrides
) -> list[Finding]:
    """Run every rule and return the findings, errors first.

    Parameters
    ----------
    org : Organisation
    analysis : Analysis, optional
        Reused when its ``max_hops`` matches the threshold in force.
    via : str, optional
        Relations that count for hops (default: the analysis's, else ``both``).
    lang : {'en', 'de'}
        Language of the messages and explanations (:meth:`Finding.text`
        gives a finding's message in the other language).
    **overrides
        Thresholds by name (see :data:`DEFAULTS`); ``None`` means not set.

    Examples
    --------
    >>> from orbit.model import Organisation
    >>> org = Organisation.from_records([
    ...     {"id": "boss"}, {"id": "desk", "parent": "boss", "serves": ["customer"]},
    ...     {"id": "lonely"}])
    >>> [(f.rule, f.severity, f.units) for f in run_checks(org)]
    [('unconnected', 'error', ['lonely']), ('span', 'warning', ['boss']), ('orphan', 'warning', ['lonely'])]
    """
    limits = thresholds(org, **overrides)
    limits["lang"] = lang if lang in LANGUAGES else "en"
    severity, disabled = _severity_overrides(org)
    via = via or (analysis.via if analysis is not None else "both")
    if analysis is None or analysis.max_hops != limits["max_hops"] or analysis.via != via:
        analysis = analyse(org, max_hops=limits["max_hops"], via=via)
    findings: list[Finding] = []
    for rule_fn in (_far, _unconnected, _misplaced, _span, _layers, _gatekeeper, _team_topologies, _orphan):
        findings.extend(rule_fn(org, analysis, limits))
    out = []
    labels = unit_labels(org)
    for f in findings:
        if f.rule in disabled:
            continue
        f.names = {u: labels[u] for u in _mentioned(f) if u in labels}
        if f.key and f.names:
            f.message = format_message(f.key, f.detail, limits["lang"], names=f.names)
        default, _, source = RULES[f.rule]
        f.severity = severity.get(f.rule, f.severity or default)
        f.explanation = f.explanation or explanation_of(f.rule, limits["lang"])
        f.source = f.source or source
        out.append(f)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(out, key=lambda f: order[f.severity])


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding has severity ``error``."""
    return any(f.severity == "error" for f in findings)


def _finding(rule: str, severity: str, concerned: list, key: str, lang: str, /, **values) -> Finding:
    return Finding(
        rule, severity, list(concerned), format_message(key, values, lang), detail=values, key=key, lang=lang
    )


def _ids(org: Organisation) -> np.ndarray:
    return org.units["id"].to_numpy(dtype=object)


def _far(org, a: Analysis, limits) -> list[Finding]:
    far = np.flatnonzero(a.reachable & (a.hops > limits["max_hops"]))
    if far.size == 0:
        return []
    far = far[np.argsort(-a.hops[far], kind="stable")]
    ids = _ids(org)[far].tolist()
    return [
        _finding(
            "far-from-customer",
            "warning",
            ids,
            "far-from-customer",
            limits["lang"],
            count=len(ids),
            max_hops=limits["max_hops"],
            worst=int(a.hops[far].max()),
            units=ids,
        )
    ]


def _unconnected(org, a: Analysis, limits) -> list[Finding]:
    lost = np.flatnonzero(~a.reachable)
    if lost.size == 0:
        return []
    ids = _ids(org)[lost].tolist()
    return [_finding("unconnected", "error", ids, "unconnected", limits["lang"], count=len(ids), units=ids)]


def _misplaced(org, a: Analysis, limits) -> list[Finding]:
    out = []
    orbit = org.units["orbit"]
    for i in np.flatnonzero(a.misplaced):
        uid = _ids(org)[i]
        values = {"unit": uid, "orbit": int(orbit.iloc[i])}
        if a.hops[i] >= 0:
            values["hops"] = int(a.hops[i])
        out.append(
            _finding(
                "misplaced",
                "warning",
                [uid],
                "misplaced" if "hops" in values else "misplaced-no-path",
                limits["lang"],
                **values,
            )
        )
    return out


def _span(org, a: Analysis, limits) -> list[Finding]:
    out = []
    ids = _ids(org)
    lo, hi = limits["min_span"], limits["max_span"]
    for i in np.flatnonzero((a.reports > 0) & ((a.reports < lo) | (a.reports > hi))):
        span = int(a.reports[i])
        key = "span-many" if span > hi else ("span-one" if span == 1 else "span-few")
        limit = hi if span > hi else lo
        out.append(_finding("span", "warning", [ids[i]], key, limits["lang"], unit=ids[i], span=span, limit=limit))
    return out


def _layers(org, a: Analysis, limits) -> list[Finding]:
    layers = a.summary["layers"]
    if layers <= limits["max_layers"]:
        return []
    deepest = _ids(org)[a.level == layers].tolist()
    return [
        _finding(
            "layers",
            "warning",
            deepest,
            "layers",
            limits["lang"],
            layers=int(layers),
            limit=limits["max_layers"],
            units=deepest,
        )
    ]


def gatekeepers(a: Analysis) -> list[tuple[int, int, float]]:
    """Articulation points of the customer graph with what hangs on them.

    Returns ``(unit code, units cut off, headcount cut off)`` for every unit
    whose removal leaves other units without a path to the customer. One
    iterative depth-first search from the customer (Hopcroft–Tarjan), linear
    in the size of the organisation.
    """
    indptr, indices = a._adjacency
    n = len(indptr) - 1
    root = n - 1  # the customer
    disc = np.full(n, -1, dtype=np.int64)
    low = np.zeros(n, dtype=np.int64)
    parent = np.full(n, -1, dtype=np.int64)
    ptr = indptr[:-1].copy()
    sub_n = np.ones(n, dtype=np.int64)
    sub_w = np.append(a.weights, 0.0)
    lost_n = np.zeros(n, dtype=np.int64)
    lost_w = np.zeros(n, dtype=float)
    disc[root] = low[root] = 0
    time = 1
    stack = [root]
    ends = indptr[1:]
    while stack:
        v = stack[-1]
        if ptr[v] < ends[v]:
            w = indices[ptr[v]]
            ptr[v] += 1
            if disc[w] < 0:
                parent[w] = v
                disc[w] = low[w] = time
                time += 1
                stack.append(w)
            elif disc[w] < low[v]:
                low[v] = disc[w]
        else:
            stack.pop()
            p = parent[v]
            if p >= 0:
                if low[v] < low[p]:
                    low[p] = low[v]
                sub_n[p] += sub_n[v]
                sub_w[p] += sub_w[v]
                if p != root and low[v] >= disc[p]:
                    lost_n[p] += sub_n[v]
                    lost_w[p] += sub_w[v]
    return [(int(i), int(lost_n[i]), float(lost_w[i])) for i in np.flatnonzero(lost_n > 0)]


def _gatekeeper(org, a: Analysis, limits) -> list[Finding]:
    out = []
    ids = _ids(org)
    total = float(a.weights.sum()) or 1.0
    for code, units, headcount in sorted(gatekeepers(a), key=lambda g: -g[1]):
        if units < limits["gatekeeper_min_units"]:
            continue
        out.append(
            _finding(
                "gatekeeper",
                "warning",
                [ids[code]],
                "gatekeeper",
                limits["lang"],
                unit=ids[code],
                units_cut_off=units,
                headcount_cut_off=headcount,
                share=headcount / total,
            )
        )
    return out


STREAM = "stream-aligned"
OTHER_TEAM_TYPES = ("platform", "enabling", "complicated-subsystem")


def _team_topologies(org, a: Analysis, limits) -> list[Finding]:
    if "team_type" not in org.units.columns:
        return []
    types = org.units["team_type"].map(lambda v: None if v is None else str(v).strip().lower())
    typed = types.notna().to_numpy()
    if not typed.any():
        return []
    ids = _ids(org)
    stream = (types == STREAM).to_numpy()
    out = []
    far = stream & ~((a.hops == 1) & a.reachable)
    if far.any():
        bad = ids[far].tolist()
        out.append(_finding("team-topologies", "warning", bad, "tt-stream", limits["lang"], count=len(bad), units=bad))
    others = types.isin(OTHER_TEAM_TYPES).to_numpy()
    n_stream, n_other = int(stream.sum()), int(others.sum())
    lo, hi = limits["tt_ratio_min"], limits["tt_ratio_max"]
    if n_stream and (n_other == 0 or not lo <= n_stream / n_other <= hi):
        values = {"stream": n_stream, "lo": lo, "hi": hi}
        if n_other:
            values.update(other=n_other, ratio=n_stream / n_other)
        key = "tt-ratio" if n_other else "tt-ratio-none"
        out.append(_finding("team-topologies", "warning", ids[others].tolist(), key, limits["lang"], **values))
    return out


def _orphan(org, a: Analysis, limits) -> list[Finding]:
    ids = _ids(org)
    involved = set(org.serves["source"]) | set(org.serves["target"])
    lonely = [
        ids[i]
        for i in np.flatnonzero((org.units["parent"].isna().to_numpy()) & (a.reports == 0))
        if ids[i] not in involved
    ]
    if not lonely:
        return []
    return [_finding("orphan", "warning", lonely, "orphan", limits["lang"], count=len(lonely), units=lonely)]


def findings_table(findings: list[Finding]) -> list[dict]:
    """Findings as plain rows (for tables and the app)."""
    return [asdict(f) for f in findings]
