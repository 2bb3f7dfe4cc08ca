"""Everything the app offers for download, as bytes: images, the board pack, the comparison, the design, the analysis.

Images are drawn by the matplotlib renderer (:mod:`orbit.render`) with the
app's colours and language, so downloads look like the app. :data:`MIME`
and :func:`safe_filename` name them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from .. import render
from ..analysis import Analysis, Comparison
from ..formats import dumps
from ..formats.table import csv_text
from ..model import Organisation

MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "yaml": "application/yaml",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


EXPORT_VIEWS = ("orbit", "hierarchy", "both")
"""The views the Export tab offers as images (:func:`image_bytes`)."""


def image_bytes(
    view: str,
    fmt: str,
    a: Analysis,
    colours: Mapping | None = None,
    hpos=None,
    *,
    reference=None,
    pos=None,
    lang: str = "en",
    highlight: str | None = None,
    journey: str | None = None,
) -> bytes:
    """One view as PNG, SVG or PDF, drawn by the matplotlib renderer with the app's colours.

    The renderer lays out the orbit view itself, so labels get the room it
    keeps for them beyond the outer ring; ``reference`` (another design's
    orbit positions) keeps that design's angular order, as in the comparison.
    ``pos`` is accepted for older callers and ignored. ``hpos`` is the org
    chart layout (the renderer's own :func:`hierarchy_positions` in the app).
    ``lang`` is the language of the image's texts (the app's ``tr.lang``).
    ``highlight`` (the selected unit) is drawn with its path to the
    customer and ``journey`` (the selected journey's name) as numbered steps,
    when they are in the design.
    """
    del pos  # the app's positions have no label room: the renderer lays out its own
    org = a.org
    marks = {}
    if highlight is not None and highlight in org.ids:
        marks["highlight"] = highlight
    steps = next((list(j.steps) for j in org.journeys if j.name == journey), None) if journey else None
    if steps:
        marks["journey"] = steps
    if view == "orbit":
        fig = render.figure_orbit(org, a, reference=reference, colours=colours, lang=lang, **marks)
    elif view == "hierarchy":
        fig = render.figure_hierarchy(org, a, pos=hpos, colours=colours, lang=lang, **marks)
    elif view == "both":
        fig = render.figure_both(org, a, reference=reference, colours=colours, lang=lang, **marks)
    else:
        raise ValueError(f"unknown view {view!r}")
    return render.figure_bytes(fig, fmt)


def comparison_pdf(c: Comparison, lang: str = "en") -> bytes:
    """The one-page comparison: both orbit diagrams (same colours, same angular order) and the metrics table.

    ``lang`` is the language of the page's texts (the app's ``tr.lang``).
    """
    fig = render.figure_compare(c.a.org, c.b.org, analyses=(c.a, c.b), lang=lang)
    return render.figure_bytes(fig, "pdf")


def deck_bytes(
    org_a: Organisation,
    org_b: Organisation | None,
    fmt: str,
    *,
    max_hops: int = 3,
    via: str = "both",
    lang: str = "en",
    journey: str | None = None,
) -> bytes:
    """The board pack (``orbit deck``) of one design or of the pair ``org_a`` → ``org_b``, as PPTX or PDF bytes.

    ``journey`` is the journey drawn on the journeys slide when a design has
    it (the app's selected journey); otherwise the first one.
    """
    from ..render.deck import build_story, deck_pdf, deck_pptx

    names = {j.name for o in (org_a, org_b) if o is not None for j in o.journeys}
    story = build_story(
        org_a, org_b, max_hops=max_hops, via=via, lang=lang, journey=journey if journey in names else None
    )
    return deck_pptx(story) if fmt == "pptx" else deck_pdf(story)


def design_bytes(org: Organisation, fmt: str) -> tuple[bytes, list[str]]:
    """The design as YAML, CSV, XLSX, JSON or GraphML, with the writer's warnings."""
    return dumps(org, fmt)


def analysis_csv(a: Analysis) -> bytes:
    """Per-unit analysis (hops, ring, flags, path) as CSV."""
    t = a.units.copy()
    t["path"] = [" > ".join(p) for p in t["path"]]
    return csv_text(t).encode("utf-8")


def analysis_json(a: Analysis) -> bytes:
    """The analysis as the CLI's JSON document."""
    return json.dumps(a.to_dict(), ensure_ascii=False, indent=2, default=str).encode("utf-8")


def safe_filename(text: str) -> str:
    """A file-name stem from a design title.

    >>> safe_filename("Brenner GmbH (Orbit)")
    'brenner-gmbh-orbit'
    """
    out = re.sub(r"[^\w]+", "-", str(text).lower(), flags=re.UNICODE).strip("-")
    return out[:60] or "orbit"
