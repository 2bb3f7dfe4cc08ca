"""What the app shows, as display texts and tables: metric cards, the story, a unit's detail, checks, labels.

Plain functions of an analysis and a :class:`~orbit.i18n.Translator`; the
views (:mod:`orbit.app.views`) put them into widgets. User text that goes
into markdown passes :func:`md_escape`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import streamlit as st

from ..analysis import SPAN_ARCHETYPES, Analysis, Comparison
from ..checks import run_checks
from ..errors import OrgError
from ..i18n import LANGUAGES, Translator, kind_label, text
from ..model import CUSTOMER, Organisation
from .loading import Design

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def md_escape(text) -> str:
    """User text made literal for ``st.markdown`` (no links, emphasis, HTML or math).

    >>> print(md_escape("R&D <b>*x*</b> [a](y)"))
    R&D &lt;b&gt;\\*x\\*&lt;\\/b&gt; \\[a\\]\\(y\\)
    """
    text = "" if text is None else str(text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("/", "\\/")
    return text.replace("\n", " ")


def html_text(text) -> str:
    """User text made literal inside HTML that ``st.markdown`` shows (no tags, links or emphasis).

    >>> html_text("[x](javascript:y) <b>*R&D*</b>")
    '&#91;x&#93;&#40;javascript:y&#41; &lt;b&gt;&#42;R&amp;D&#42;&lt;/b&gt;'
    """
    import html

    out = html.escape("" if text is None else str(text), quote=True)
    for ch, entity in (
        ("[", "&#91;"),
        ("]", "&#93;"),
        ("(", "&#40;"),
        (")", "&#41;"),
        ("*", "&#42;"),
        ("_", "&#95;"),
        ("`", "&#96;"),
        ("~", "&#126;"),
        ("$", "&#36;"),
    ):
        out = out.replace(ch, entity)
    return out


def design_label(d: Design, tr: Translator) -> str:
    """How a design is named in pickers: its title, with where it came from."""
    if d.origin == "library":
        from .designs import picker_label

        return picker_label(d, tr)
    title = d.title or d.filename
    if d.origin == "edit":
        return tr("edit.label", name=title)
    origin = tr(f"sidebar.origin.{d.origin}")
    return f"{title} · {origin}: {d.filename}" if d.origin != "sample" else f"{title} ({d.filename})"


def customer_label(org: Organisation, tr: Translator) -> str:
    return tr.customer(org.customer)


def metric_values(a: Analysis, tr: Translator) -> list[tuple[str, str, str, float | None, str]]:
    """The metric cards: ``(key, label, shown value, raw value, help)``; lower is better except for share."""
    s = a.summary
    n = a.max_hops
    mean = s["mean_hops"]
    share = s["share_within_max_hops"]
    return [
        ("units", tr("metric.units"), tr.number(s["units"]), s["units"], tr("metric.units.help")),
        ("headcount", tr("metric.headcount"), tr.number(s["headcount"]), s["headcount"], tr("metric.headcount.help")),
        ("layers", tr("metric.layers"), tr.number(s["layers"]), s["layers"], tr("metric.layers.help")),
        (
            "mean_hops",
            tr("metric.mean_hops"),
            tr.number(mean, 2) if mean is not None else "–",
            mean,
            tr("metric.mean_hops.help"),
        ),
        (
            "share",
            tr("metric.share", n=n),
            tr.percent(share),
            share,
            tr("metric.share.help", n=n),
        ),
        ("flagged", tr("metric.flagged"), tr.number(s["flagged"]), s["flagged"], tr("metric.flagged.help", n=n)),
        (
            "unreachable",
            tr("metric.unreachable"),
            tr.number(s["unreachable"]),
            s["unreachable"],
            tr("metric.unreachable.help"),
        ),
    ]


HIGHER_IS_BETTER = {"share"}


NEUTRAL = {"units", "headcount"}


def metric_delta(key: str, a, b, tr: Translator) -> tuple[str | None, str]:
    """Delta text for a metric card of design b against a, and its colour mode for ``st.metric``."""
    if a is None or b is None:
        return None, "off"
    d = b - a
    if abs(d) < 1e-12:
        return None, "off"
    if key == "share":
        shown = f"{tr.signed(d * 100)} {tr('delta.pp')}"
    else:
        shown = tr.signed(d, 2 if key == "mean_hops" else 0)
    if key in NEUTRAL:
        return shown, "off"
    return shown, "normal" if key in HIGHER_IS_BETTER else "inverse"


def story(classic: Analysis, orbit: Analysis, tr: Translator, names: tuple[str, str]) -> str:
    """The one-paragraph story of a classic/orbit pair for the first screen."""
    a, b = classic.summary, orbit.summary
    return tr(
        "app.story",
        a=md_escape(names[0]),
        b=md_escape(names[1]),
        n=classic.max_hops,
        share_a=tr.percent(a["share_within_max_hops"]),
        share_b=tr.percent(b["share_within_max_hops"]),
        hops_a=tr.number(a["mean_hops"], 1),
        hops_b=tr.number(b["mean_hops"], 1),
        layers_a=a["layers"],
        layers_b=b["layers"],
    )


def unit_detail(a: Analysis, unit_id: str, tr: Translator, customer: str) -> dict:
    """Everything the detail panel shows about one unit, as display texts."""
    t = a.units
    hit = np.flatnonzero(t["id"].to_numpy(dtype=object) == unit_id)
    if hit.size == 0:
        raise KeyError(unit_id)
    r = t.iloc[int(hit[0])]
    names = dict(zip(t["id"], t["name"], strict=True))

    def name(uid):
        if uid == CUSTOMER:
            return customer
        n = names.get(uid)
        return n if isinstance(n, str) and n.strip() else uid

    org = a.org
    serves = org.serves.loc[org.serves["source"] == unit_id, "target"].tolist()
    reachable = not pd.isna(r["hops"])
    hops = None if not reachable else int(r["hops"])
    facts = [
        (
            tr("detail.kind"),
            kind_label(r["kind"].strip().lower(), tr.lang) if isinstance(r["kind"], str) else tr("detail.none"),
        ),
        (tr("detail.headcount"), tr.number(r["headcount"]) if not pd.isna(r["headcount"]) else tr("detail.none")),
        (tr("detail.hops"), str(hops) if reachable else tr("detail.unconnected")),
        (tr("detail.ring"), str(int(r["ring"])) if reachable else tr("detail.unconnected")),
        (tr("detail.level"), str(int(r["level"]))),
        (tr("detail.department"), name(r["department"])),
        (tr("detail.parent"), name(r["parent"]) if isinstance(r["parent"], str) else tr("detail.none")),
        (tr("detail.reports"), str(int(r["reports"]))),
        (tr("detail.serves"), ", ".join(name(s) for s in serves) if serves else tr("detail.none")),
    ]
    notes = []
    if bool(r["flagged"]):
        if reachable:
            notes.append(("error", tr("detail.flag.far", hops=hops, n=a.max_hops)))
        else:
            notes.append(("error", tr("detail.flag.none", via=tr(f"via.{a.via}"))))
    else:
        notes.append(("ok", tr("detail.ok", n=a.max_hops)))
    if CUSTOMER in serves:
        notes.append(("info", tr("detail.touchpoint")))
    if bool(r["misplaced"]):
        notes.append(
            (
                "warning",
                tr("detail.misplaced", orbit=int(r["orbit"]), hops=hops if reachable else tr("detail.unconnected")),
            )
        )
    path = [name(p) for p in r["path"]]
    return {"id": unit_id, "name": name(unit_id), "facts": facts, "notes": notes, "path": path}


def flagged_table(a: Analysis, tr: Translator) -> pd.DataFrame:
    """The flagged units, furthest and largest first, with the reason."""
    t = a.units
    names = dict(zip(t["id"], t["name"], strict=True))
    f = t.loc[t["flagged"] | t["misplaced"]].copy()
    far = f["hops"].fillna(10**9).astype("int64")
    f = f.assign(_far=far, _hc=f["headcount"].fillna(1)).sort_values(["_far", "_hc"], ascending=[False, False])

    def reason(row) -> str:
        parts = []
        if row["flagged"]:
            parts.append(tr("reason.none") if pd.isna(row["hops"]) else tr("reason.far", hops=int(row["hops"])))
        if row["misplaced"]:
            parts.append(tr("reason.misplaced", orbit=int(row["orbit"])))
        return "; ".join(parts)

    return pd.DataFrame(
        {
            tr("col.unit"): f["name"].where(f["name"].notna(), f["id"]).to_numpy(dtype=object),
            tr("col.id"): f["id"].to_numpy(dtype=object),
            tr("col.kind"): f["kind"].to_numpy(dtype=object),
            tr("col.department"): [names.get(d) or d for d in f["department"]],
            tr("col.headcount"): f["headcount"].array,
            tr("col.hops"): f["hops"].array,
            tr("col.reason"): [reason(r) for _, r in f.iterrows()],
        }
    )


def journey_table(a: Analysis, tr: Translator) -> pd.DataFrame:
    """One row per journey with hand-offs, boundary crossings, detours and departments by name."""
    j = a.journeys
    names = dict(zip(a.units["id"], a.units["name"], strict=True))
    return pd.DataFrame(
        {
            tr("col.journey"): j["name"].to_numpy(dtype=object),
            tr("col.steps"): [len(s) for s in j["steps"]],
            tr("col.handoffs"): j["handoffs"].to_numpy(),
            tr("col.crossings"): j["boundary_crossings"].to_numpy(),
            tr("col.detour"): pd.array(j["detour_hops"].tolist(), dtype="Int64"),
            tr("col.departments"): [" → ".join(names.get(d) or d for d in deps) for deps in j["departments"]],
        }
    )


def span_labels(tr: Translator) -> dict[str, str]:
    """Display names of the span archetypes (and of spans below 3)."""
    out = {"below": tr("span.below")}
    out.update({name: tr(f"span.{name}") for name, _, _ in SPAN_ARCHETYPES})
    return out


def diff_table(c: Comparison, tr: Translator) -> pd.DataFrame:
    """The comparison's changes with unit names and translated change kinds ("–" where a row has no from/to)."""
    names = dict(zip(c.a.units["id"], c.a.units["name"], strict=True))
    names.update({k: v for k, v in zip(c.b.units["id"], c.b.units["name"], strict=True) if isinstance(v, str)})
    d = c.diff_table()

    def show(v, change):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return tr("ring.unconnected") if change == "moved" else "–"
        if change == "reparented":
            return names.get(v) or v
        return str(v)

    return pd.DataFrame(
        {
            tr("col.change"): [tr(f"change.{x}") for x in d["change"]],
            tr("col.unit"): [names.get(i) or i for i in d["id"]],
            tr("col.id"): d["id"].to_numpy(dtype=object),
            tr("col.from"): [
                "–" if ch in ("added", "removed") else show(v, ch) for v, ch in zip(d["from"], d["change"], strict=True)
            ],
            tr("col.to"): [
                "–" if ch in ("added", "removed") else show(v, ch) for v, ch in zip(d["to"], d["change"], strict=True)
            ],
        }
    )


def design_checks(org: Organisation, a: Analysis, tr: Translator) -> list[dict]:
    """Findings of :mod:`orbit.checks` grouped by rule, worst first.

    Each group has ``rule``, ``severity``, ``title`` (translated), ``messages``,
    ``units``, ``explanation`` and ``source`` (the explanation and source once
    per rule rather than once per finding).
    """
    try:
        findings = run_checks(org, a, via=a.via, max_hops=a.max_hops, lang=tr.lang)
    except OrgError as err:
        return [
            {
                "rule": "checks",
                "severity": "error",
                "title": tr("analysis.checks"),
                "messages": [str(err)],
                "units": [],
                "explanation": "",
                "source": "",
            }
        ]
    groups: dict[str, dict] = {}
    for f in findings:
        g = groups.setdefault(
            f.rule,
            {
                "rule": f.rule,
                "severity": f.severity,
                "title": tr(f"check.{f.rule}.title") if tr.has(f"check.{f.rule}.title") else f.rule,
                "messages": [],
                "units": [],
                "explanation": f.explanation,
                "source": source_text(f.rule, f.source, tr),
            },
        )
        g["messages"].append(f.message)
        g["units"].extend(f.units)
    return list(groups.values())


def source_text(rule: str, source: str, tr: Translator) -> str:
    """A check's source in the session's language: the rule's own citation translated, a design's own as it is.

    >>> de = Translator("de")
    >>> source_text("orphan", "Orbit domain model", de), source_text("orphan", "our wiki", de)
    ('Orbit-Domänenmodell', 'our wiki')
    """
    key = f"check.{rule}.source"
    return tr(key) if tr.has(key) and source == text("en", key) else source


@st.cache_data(max_entries=32, show_spinner=False)
def _checks(key: str, max_hops: int, via: str, lang: str, _org: Organisation, _a: Analysis) -> list[dict]:
    return design_checks(_org, _a, Translator(lang))


def checks_of(key: str, org: Organisation, a: Analysis, tr: Translator) -> list[dict]:
    """:func:`design_checks`, cached by the design's content key, N, relations and language."""
    return _checks(key, int(a.max_hops), a.via, tr.lang, org, a)


def unit_options(a: Analysis) -> tuple[list[str], dict[str, str]]:
    """Unit ids sorted by name, and ``{id: "name (id)"}`` for a search box."""
    t = a.units
    names = [n if isinstance(n, str) and n.strip() else i for n, i in zip(t["name"], t["id"], strict=True)]
    labels = {i: (n if n == i else f"{n} ({i})") for i, n in zip(t["id"], names, strict=True)}
    order = sorted(labels, key=lambda i: labels[i].casefold())
    return order, labels


def language_label(tr: Translator) -> str:
    """The language picker's label in the session's language and the other one ("Language / Sprache").

    >>> language_label(Translator("de"))
    'Sprache / Language'
    """
    other = next(lang for lang in LANGUAGES if lang != tr.lang)
    return f"{tr('sidebar.language')} / {text(other, 'sidebar.language')}"


DEFAULT_VIEWPORT = {"w": 1440, "h": 900, "main": 1060}
"""The window assumed until the page reports its own (:mod:`orbit.app.client`)."""


def diagram_size(viewport, columns: int = 2, *, above: int = 262, presenter: bool = False) -> tuple[int, int]:
    """The diagrams' height and each column's width in pixels, for the reported window.

    ``above`` is what the page shows above the diagrams (headline, controls,
    tabs); the diagrams take the rest of the screen, between 380 and 820 px,
    so that both are on the first screen of a 1280 × 720 projector. Sizes
    are rounded to 40 px, so small changes of the window redraw nothing.

    >>> diagram_size({"w": 1280, "h": 720, "main": 940})
    (440, 440)
    >>> diagram_size(None) == diagram_size(DEFAULT_VIEWPORT)
    True
    """
    v = dict(DEFAULT_VIEWPORT)
    if isinstance(viewport, dict):
        v.update({k: viewport[k] for k in ("w", "h", "main") if isinstance(viewport.get(k), int | float)})
    gap = 16 * (columns - 1)
    width = (float(v["main"]) - gap) / max(columns, 1)
    room = float(v["h"]) - (80 if presenter else above)
    height = min(max(room, 380.0), 1000.0 if presenter else 820.0)
    return int(height // 40 * 40), int(width // 40 * 40)


def department_key(a, colours, tr: Translator, *, extra: list[tuple[str, str]] = (), limit: int = 14) -> None:
    """One line of coloured dots naming the departments (largest first), shared by the diagrams above it.

    ``a`` is an analysis or several (a comparison's two designs: one key for both).
    """
    analyses = list(a) if isinstance(a, list | tuple) else [a]
    weights = (
        pd.concat([pd.Series(x.weights).groupby(x.units["department"].to_numpy(dtype=object)).sum() for x in analyses])
        .groupby(level=0)
        .max()
    )
    names = {}
    for x in reversed(analyses):
        names.update(zip(x.units["id"], x.units["name"], strict=True))
    order = weights.sort_values(ascending=False).index.tolist()
    parts = []
    for d in order[:limit]:
        colour = colours.get(d, "#BBBBBB")
        name = names.get(d) if isinstance(names.get(d), str) else str(d)
        parts.append(f"<span style='color:{colour};font-size:1.1em'>●</span>&nbsp;{html_text(name)}")
    if len(order) > limit:
        parts.append(html_text(tr("legend.other")))
    for symbol, label in extra:
        parts.append(f"{symbol}&nbsp;{html_text(label)}")
    st.markdown(
        "<div style='font-size:0.85rem;line-height:1.6'>" + " &nbsp; ".join(parts) + "</div>", unsafe_allow_html=True
    )


def touchpoints_table(a: Analysis, tr: Translator) -> pd.DataFrame:
    """The units that meet the customer (a touchpoint), largest first: name, headcount, department."""
    org = a.org
    touch = set(org.serves.loc[org.serves["target"] == CUSTOMER, "source"])
    t = a.units
    names = dict(zip(t["id"], t["name"], strict=True))
    rows = t.loc[t["id"].isin(touch)]
    rows = rows.assign(_hc=rows["headcount"].fillna(0)).sort_values(["_hc", "name"], ascending=[False, True])
    return pd.DataFrame(
        {
            tr("col.unit"): [n if isinstance(n, str) and n.strip() else i for n, i in zip(rows["name"], rows["id"])],
            tr("col.headcount"): rows["headcount"].fillna(0).astype(int).to_numpy(),
            tr("col.department"): [names.get(d) or d for d in rows["department"]],
        }
    )


def headline(a: Analysis, b: Analysis, tr: Translator, name_b: str) -> str:
    """The comparison in one sentence: the share of headcount near the customer, today and in the proposal.

    >>> import orbit
    >>> x = orbit.analyse(orbit.load(b"units: [{id: a, serves: [customer]}, {id: b, parent: a}]", name="t.yaml"))
    >>> headline(x, x, Translator("en"), "Plan B")
    'Plan B keeps 100% of the headcount within 3 steps of the customer, as today.'
    """
    sa, sb = a.summary["share_within_max_hops"], b.summary["share_within_max_hops"]
    if sa is None or sb is None or round(sa * 100) == round(sb * 100):
        return tr("story.same", b=md_escape(name_b), share_b=tr.percent(sb), n=a.max_hops)
    return tr(
        "story.headline",
        b=md_escape(name_b),
        share_b=tr.percent(sb),
        share_a=tr.percent(sa),
        n=a.max_hops,
        direction=tr("story.up") if sb > sa else tr("story.down"),
    )


def search_units(labels: dict, text: str, limit: int = 6) -> list[str]:
    """Unit ids whose label matches ``text`` best: the id itself, then names starting with it, then containing it.

    >>> search_units({"hl": "Hotline (hl)", "sh": "Service-Hotline (sh)", "x": "Other"}, "hot")
    ['hl', 'sh']
    >>> search_units({"hl": "Hotline (hl)"}, "")
    []
    """
    needle = " ".join(str(text).split()).casefold()
    if not needle:
        return []
    ranked = []
    for uid, label in labels.items():
        low = label.casefold()
        if uid.casefold() == needle:
            rank = 0
        elif low.startswith(needle):
            rank = 1
        elif any(w.startswith(needle) for w in re.split(r"[\s\-/(]+", low)):
            rank = 2
        elif needle in low:
            rank = 3
        else:
            continue
        ranked.append((rank, len(label), low, uid))
    return [uid for *_, uid in sorted(ranked)[:limit]]
