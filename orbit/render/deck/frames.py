"""Where things go on a slide, in inches from the top left: the page, its title and its content area.

Shared by the story (:mod:`orbit.render.deck.story`), the PowerPoint writer
and the PDF pages, so both outputs put every diagram and table in the same
place.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SLIDE_16_9", "Cover", "Frame", "Page", "default_page"]

SLIDE_16_9 = (13.333, 7.5)
"""The default slide, inches (PowerPoint's 16:9 widescreen)."""


@dataclass(frozen=True)
class Frame:
    """A rectangle on the slide, inches from the top left."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class Cover:
    """The title slide's parts: the title, the headline with the date below it, and the key figures.

    ``band`` is the coloured area behind title and headline on a deck of
    Orbit's own look (None on a template's title slide, which has its own);
    the key figures go in ``figures`` there, and on a template's slide in
    the free band :meth:`figure_band` finds once the headline's height is
    known.
    """

    title: Frame
    subtitle: Frame
    figures: Frame | None
    band: Frame | None = None
    height: float = SLIDE_16_9[1]  # the slide's

    @classmethod
    def of(cls, width: float, height: float) -> Cover:
        """Orbit's own title slide: title and headline on a band across the upper part, figures below."""
        s = min(width / SLIDE_16_9[0], height / SLIDE_16_9[1])
        margin = 0.8 * s
        band = Frame(0.0, 0.0, width, height * 0.56)
        title = Frame(margin, band.height * 0.22, width - 2 * margin, band.height * 0.42)
        subtitle = Frame(margin, title.bottom + 0.1 * s, width - 2 * margin, band.bottom - title.bottom - 0.3 * s)
        room = height - band.bottom
        tall = min(room - 0.8 * s, 1.7 * s)
        figures = Frame(margin, band.bottom + (room - tall) / 2, width - 2 * margin, tall)
        return cls(title, subtitle, figures, band, height)

    @classmethod
    def around(cls, width: float, height: float, title: Frame, subtitle: Frame | None) -> Cover:
        """A template's title slide: its title and subtitle where its layout has them."""
        if subtitle is None:
            subtitle = Frame(title.left, title.bottom + 0.1, title.width, min(1.2, height - title.bottom - 0.3))
        return cls(title, subtitle, None, None, height)

    def figure_band(self, used: float) -> Frame | None:
        """Where the key figures go when the headline and date take ``used`` inches of the subtitle's frame.

        Below the headline where there are 1.1 in free, the story's order;
        else above the title; None when neither has room.
        """
        if self.figures is not None:
            return self.figures
        t, s = self.title, self.subtitle
        text_bottom = s.top + min(used, s.height)
        low = min(t.top, s.top)
        high = max(t.bottom, text_bottom) if s.top >= t.top else max(t.bottom, s.bottom)
        below, above = self.height - high - 0.35, low - 0.35
        left, width = min(t.left, s.left), max(t.width, s.width)
        if below >= 1.1:
            return Frame(left, high + 0.15, width, min(below - 0.1, 1.7))
        if above >= 1.1:
            tall = min(above - 0.1, 1.7)
            return Frame(left, low - 0.2 - tall, width, tall)
        return None


@dataclass(frozen=True)
class Page:
    """A slide's size and its parts: the title, the subtitle line below it, the content and the footnote.

    >>> page = default_page()
    >>> page.content.top > page.title.bottom, round(page.content.bottom, 2) < page.height
    (True, True)
    """

    width: float
    height: float
    title: Frame
    subtitle: Frame
    content: Frame
    note: Frame
    cover: Cover
    template: bool = False  # a template's page (its own title slide and look)

    @property
    def orbit_side(self) -> float:
        """The side of a slide's single orbit view: the content's height, or 58% of its width if less."""
        return min(self.content.height, self.content.width * 0.58)

    @classmethod
    def of(cls, width: float, height: float, title: Frame | None = None, cover: Cover | None = None) -> Page:
        """The parts of a ``width`` × ``height`` slide, below a title in ``title`` (a template's) if given.

        ``cover`` is a template's title slide (:meth:`Cover.around`); without
        one the page is Orbit's own look.
        """
        margin = 0.45 * min(width / SLIDE_16_9[0], 1.0)
        if title is None:
            title = Frame(margin, 0.25, width - 2 * margin, 0.75)
        sub = Frame(title.left, title.bottom + 0.02, title.width, 0.32)
        note = Frame(margin, height - 0.42, width - 2 * margin, 0.3)
        top = sub.bottom + 0.1
        content = Frame(margin, top, width - 2 * margin, note.top - 0.05 - top)
        own = cover is None
        return cls(width, height, title, sub, content, note, cover or Cover.of(width, height), not own)


def default_page() -> Page:
    """The 16:9 page of a deck without a template."""
    return Page.of(*SLIDE_16_9)
