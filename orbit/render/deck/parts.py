"""The parts of the board pack's story (slides, diagrams, tables, legends) and the text sizes both outputs use.

The story (:mod:`orbit.render.deck.story`) fills these in; the PowerPoint
writer and the PDF pages only draw them. A table is laid out here, once:
its font size, column widths and row heights (:func:`layout_table`), so
that no word is broken across lines, in either output, and the table fits
its frame. Text is measured with the renderer's font metrics
(:mod:`orbit.render.text_fit`), which are those LibreOffice falls back to
for the default theme font and wider than PowerPoint's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ... import i18n as T
from ..text_fit import text_width, wrap_label
from .frames import Frame, Page

__all__ = [
    "CAPTION_PT",
    "CELL_PAD",
    "MIN_PT",
    "Design",
    "Diagram",
    "KeyFigure",
    "Legend",
    "Slide",
    "Story",
    "Table",
    "Tile",
    "cell_lines",
    "cover_title",
    "figure_tiles",
    "layout_table",
    "legend_indent",
    "legend_width",
    "title_size",
]

MIN_PT = 8.0
"""No unit name, table cell or legend entry is smaller."""

LEGEND_PT = 9.0
"""The size of legend entries."""

CELL_PAD = 4.0
"""Points kept free left and right of a table cell's text."""

CAPTION_PT = 11.0
"""The size of a diagram's or table's caption (a design's name above it)."""

TEXT_LIMIT = 600
"""Most characters of a slide's title, headline, caption or note measured (a unit's name: 80, as in the images)."""

_TABLE_SIZES = (12.0, 11.0, 10.0, 9.0, 8.0)


@dataclass
class Design:
    """One design as the deck draws it: the whole organisation and the versions drawn."""

    name: str
    org: object
    analysis: object
    orbit_org: object
    orbit_analysis: object
    orbit_depth: int | None  # folded to this reporting level, or None
    orbit_picture: bool
    chart_org: object
    chart_analysis: object
    chart_depth: int | None
    chart_picture: bool
    chart_pos: object = None  # the HierarchyLayout drawn
    chart_scale: float = 1.0  # slide points per natural chart point
    orbit_pos: object = None  # the OrbitLayout drawn (B keeps A's angular order)


@dataclass
class Diagram:
    """A diagram on a slide: which design, which view, where, and what is drawn on top."""

    view: str  # "orbit" or "chart"
    design: int  # index into Story.designs
    frame: Frame
    caption: str = ""
    emphasis: tuple = ()  # unit ids ringed (moved units)
    journey: tuple = ()  # the steps of the journey drawn
    labels: str = "auto"
    geometry: object = None  # the OrbitGeometry drawn (orbit views)
    scale: str = ""  # orbit views with the same key are drawn at one scale


@dataclass
class Table:
    """A table: header, rows of text, a tone per cell (``good``, ``bad``, ``error``, ``warning``, ``info``).

    :func:`layout_table` sets ``size``, ``widths`` (shares of the frame's
    width) and ``heights`` (points per row, the header first); rows that do
    not fit at ``readable`` points or more are left out and counted in the
    note (``more``: the text key of "… and {count} more").
    """

    header: list
    rows: list
    frame: Frame
    align: str  # "l" or "r" per column
    tones: list = field(default_factory=list)
    note: str = ""
    caption: str = ""  # a heading above the table (inside its frame)
    more: str = ""
    readable: float = 10.0
    lang: str = "en"
    size: float = MIN_PT
    widths: list = field(default_factory=list)
    heights: list = field(default_factory=list)
    given: tuple | None = None  # the rows, tones and note before layout_table left rows out

    def tone(self, r: int, j: int):
        """The tone of body row ``r``'s cell ``j`` (None: plain)."""
        if r >= len(self.tones):
            return None
        row = self.tones[r]
        return row[j] if j < len(row) else None

    @property
    def caption_height(self) -> float:
        """Points the caption (:data:`CAPTION_PT`, bold, up to two lines) takes above the table."""
        if not self.caption:
            return 0.0
        lines = len(
            wrap_label(
                self.caption, CAPTION_PT, self.frame.width * 72.0 - 4.0, weight="bold", max_lines=2, limit=TEXT_LIMIT
            )[0]
        )
        return CAPTION_PT * 1.25 * max(lines, 1) + 8.0

    @property
    def used_height(self) -> float:
        """Points the laid out table takes: caption, rows and note."""
        return self.caption_height + sum(self.heights) + (self.note_height + 4.0 if self.note else 0.0)

    @property
    def note_height(self) -> float:
        """Points the note takes below the table (at most three lines)."""
        if not self.note:
            return 0.0
        size = max(self.size - 1, MIN_PT)
        lines = len(wrap_label(self.note, size, self.frame.width * 72.0 - 4.0, max_lines=3, limit=TEXT_LIMIT)[0])
        return size * 1.3 * max(lines, 1) + 8.0


@dataclass
class Legend:
    """A legend: department colours with their headcounts, then the key's marks (``code``, label)."""

    frame: Frame
    title: str
    departments: list  # (colour, label)
    key_title: str
    key: list  # (code, label): touchpoint, serves, reports_to, customer, flagged, beyond, emphasis, journey


@dataclass
class KeyFigure:
    """A figure of the title slide: what it is, its value in each design, and whether B is better or worse."""

    label: str
    values: list
    tone: str | None = None


@dataclass
class Slide:
    """One slide (one PDF page)."""

    kind: str  # title, orbit, pair, chart, changes, journeys, checks
    title: str
    subtitle: str = ""
    diagrams: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    legends: list = field(default_factory=list)
    note: str = ""  # the footnote
    figures: list = field(default_factory=list)  # the title slide's key figures
    figures_frame: Frame | None = None  # where they go (None: no room on a template's title slide)
    names: list = field(default_factory=list)  # the title slide: the designs' names above the figures
    date: str = ""  # the title slide: the date and the settings


@dataclass
class Story:
    """The whole deck: page, language, the designs and the slides in order."""

    page: Page
    lang: str
    designs: list
    colours: dict
    slides: list
    max_hops: int
    via: str

    @property
    def titles(self) -> list[str]:
        return [s.title for s in self.slides]


# ---------------------------------------------------------------- tables
def _weight(table: Table, r: int, j: int) -> str:
    """Header cells and toned cells are bold (``r`` counts the header as -1)."""
    return "bold" if r < 0 or table.tone(r, j) else "normal"


def cell_lines(text: str, size: float, room: float, weight: str = "normal") -> list[str]:
    """A cell's text broken into lines of at most ``room`` points, between words (a longer word keeps a line)."""
    return list(_cell_lines(str(text), float(size), round(float(room), 1), weight))


@lru_cache(maxsize=1 << 14)
def _cell_lines(text: str, size: float, room: float, weight: str) -> tuple:
    words = text.split()
    if not words:
        return ("",)
    space = text_width("a a", size, weight) - text_width("aa", size, weight)
    lines, line, used = [], [], 0.0
    for word in words:  # words are measured once each: a table has many cells and few distinct words
        w = text_width(word, size, weight)
        if line and used + space + w > room:
            lines.append(" ".join(line))
            line, used = [], 0.0
        used += (space if line else 0.0) + w
        line.append(word)
    lines.append(" ".join(line))
    return tuple(lines)


def _cells(table: Table):
    if any(table.header):
        yield -1, table.header
    yield from enumerate(table.rows)


def _column_widths(table: Table, size: float) -> list[float] | None:
    """Column widths (points) at ``size`` in which every word fits, shared by what each column holds; else None."""
    width = table.frame.width * 72.0
    count = len(table.align)
    least, wants = [0.0] * count, [0.0] * count
    for r, row in _cells(table):
        for j, text in enumerate(row[:count]):
            weight = _weight(table, r, j)
            numbers = table.align[j] == "r" and r >= 0  # a figure stays on one line
            words = [str(text)] if numbers else str(text).split()
            if not words or not words[0]:
                continue
            least[j] = max(least[j], max(text_width(w, size, weight) for w in words) + 2 * CELL_PAD + 1.0)
            wants[j] = max(wants[j], min(text_width(str(text), size, weight), width * 0.6) + 2 * CELL_PAD + 1.0)
    if sum(least) > width:
        return None
    wants = [max(w, m) for w, m in zip(wants, least, strict=True)]
    if sum(wants) <= width:
        extra = width - sum(wants)
        return [w + extra * w / sum(wants) for w in wants]
    spare = sum(w - m for w, m in zip(wants, least, strict=True))
    return [m + (width - sum(least)) * (w - m) / spare for w, m in zip(wants, least, strict=True)]


def _row_heights(table: Table, size: float, widths: list[float]) -> list[float]:
    heights = []
    for r, row in _cells(table):
        lines = max(
            len(cell_lines(text, size, w - 2 * CELL_PAD, _weight(table, r, j)))
            for j, (text, w) in enumerate(zip(row, widths, strict=False))
        )
        heights.append(lines * size * 1.2 + 6.0)
    return heights


def layout_table(table: Table) -> Table:
    """Set the table's size, column widths and row heights: as large as fits its frame, 8 to 12 pt.

    Rows are kept while the table fits at ``table.readable`` points or
    more; the rest are counted in the note (when the table says how:
    ``more``). No word is broken: a size at which a word does not fit its
    column is not used (at 8 pt the widest words get their room first).
    """
    if table.given is None:  # laid out again in another frame: from all the rows
        table.given = (list(table.rows), list(table.tones), table.note)
    rows, tones, note = table.given

    def keep(count: int):
        table.rows, table.tones = rows[:count], tones[:count]
        hidden = len(rows) - count
        more = T.text(table.lang, table.more, count=T.number(hidden, table.lang)) if hidden else ""
        table.note = " · ".join(t for t in (more, note) if t)
        return _fit(table)

    most = len(rows)
    if table.more:  # no more rows than fit even one line each at the smallest size
        line = _TABLE_SIZES[-1] * 1.2 + 6.0
        most = max(min(most, int((table.frame.height * 72.0 - table.caption_height) / line) - 1), 1)
    choice = keep(most)
    if choice is None and table.more and most > 1:
        lo, hi = 1, most - 1  # the most rows that fit: fewer rows always fit at least as well
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if keep(mid) is not None:
                lo = mid
            else:
                hi = mid - 1
        choice = keep(lo)
    if choice is None:  # even 8 pt does not fit: the smallest size, words given their room
        size = _TABLE_SIZES[-1]
        table.size = size
        widths = _column_widths(table, size) or [table.frame.width * 72.0 / len(table.align)] * len(table.align)
        choice = size, widths, _row_heights(table, size, widths)
    size, widths, heights = choice
    table.size = size
    table.widths = [w / (table.frame.width * 72.0) for w in widths]
    table.heights = heights
    return table


def _fit(table: Table):
    """The largest size (widths, heights) at which the table fits its frame; None when it needs fewer rows.

    A size at which a word does not fit its column is skipped; a table too
    tall at a readable size asks for fewer rows (when it may leave some out).
    """
    room = table.frame.height * 72.0
    for size in _TABLE_SIZES:
        widths = _column_widths(table, size)
        if widths is None:
            continue
        heights = _row_heights(table, size, widths)
        table.size = size
        if sum(heights) + table.note_height + table.caption_height <= room:
            return size, widths, heights
        if size <= table.readable and table.more and len(table.rows) > 1:
            return None
    return None


# ---------------------------------------------------------------- other text
def legend_width(legend_rows: list[str], size: float = LEGEND_PT) -> float:
    """Points a legend column needs for its longest entry (swatch included)."""
    return max((text_width(t, size) for t in legend_rows), default=0.0) + legend_indent(size) + 2.0


def legend_indent(size: float = LEGEND_PT) -> float:
    """Points left of a legend entry's text (its swatch or mark)."""
    return size * 2.6 + 6.0


def title_size(text: str, width_pt: float, kind: str) -> float:
    """A slide title's size: 40 pt on the title slide, 28 pt on the others, smaller until its longest line fits."""
    size = 40.0 if kind == "title" else 28.0
    while size > 16 and max(text_width(line, size, "bold") for line in text.split("\n")) > width_pt:
        size -= 1
    return size


def cover_title(text: str, width_pt: float, height_pt: float) -> tuple[float, list[str]]:
    """The title slide's title: its size and lines, one line at 40 to 28 pt, else two lines (40 to 16 pt)."""
    for size in range(40, 27, -2):
        if text_width(text, size, "bold") <= width_pt and size * 1.2 <= height_pt:
            return float(size), [text]
    for size in range(40, 15, -2):
        lines, cut = wrap_label(text, size, width_pt, weight="bold", max_lines=2, limit=TEXT_LIMIT)
        if not cut and len(lines) * size * 1.2 <= height_pt:
            return float(size), lines
    return 16.0, wrap_label(text, 16.0, width_pt, weight="bold", max_lines=3, limit=TEXT_LIMIT)[0]


@dataclass
class Tile:
    """A key figure placed on the title slide: where, its label's lines and the sizes both outputs draw."""

    frame: Frame
    label: str
    lines: list
    values: list
    tone: str | None
    size: float  # the value's size
    label_size: float
    value_height: float  # points the value line takes at the tile's top (inside its padding)


def figure_tiles(frame: Frame, figures: list, pad: float = 10.0) -> list[Tile]:
    """The key figures side by side in ``frame``, values as large as the narrowest tile allows (14 to 30 pt)."""
    if not figures:
        return []
    gap = 0.2
    width = (frame.width - gap * (len(figures) - 1)) / len(figures)
    room = width * 72.0 - 2 * pad
    height = frame.height * 72.0 - 2 * pad
    size = 30.0
    while size > 14.0 and any(_value_width(f.values, size) > room for f in figures):
        size -= 1.0
    size = min(size, height * 0.45)
    label_size = 12.0 if height > 80 else 10.0
    value_height = size * 1.5
    tiles = []
    for k, f in enumerate(figures):
        box = Frame(frame.left + k * (width + gap), frame.top, width, frame.height)
        lines = wrap_label(f.label, label_size, room, max_lines=3)[0] or [f.label]
        tiles.append(Tile(box, f.label, lines, list(f.values), f.tone, size, label_size, value_height))
    return tiles


def _value_width(values: list, size: float) -> float:
    arrows = text_width("  →  ", size * 0.7) * (len(values) - 1)
    return arrows + sum(text_width(v, size, "bold" if k == len(values) - 1 else "normal") for k, v in enumerate(values))
