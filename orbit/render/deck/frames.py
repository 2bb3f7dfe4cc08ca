"""Where things go on a slide, in inches from the top left: the page, its title and its content area.

Shared by the story (:mod:`orbit.render.deck.story`), the PowerPoint writer
and the PDF pages, so both outputs put every diagram and table in the same
place.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SLIDE_16_9", "Frame", "Page", "default_page"]

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

    @property
    def orbit_side(self) -> float:
        """The side of a slide's single orbit view: the content's height, or 58% of its width if less."""
        return min(self.content.height, self.content.width * 0.58)

    @classmethod
    def of(cls, width: float, height: float, title: Frame | None = None) -> Page:
        """The parts of a ``width`` × ``height`` slide, below a title in ``title`` (a template's) if given."""
        margin = 0.45 * min(width / SLIDE_16_9[0], 1.0)
        if title is None:
            title = Frame(margin, 0.25, width - 2 * margin, 0.75)
        sub = Frame(title.left, title.bottom + 0.02, title.width, 0.32)
        note = Frame(margin, height - 0.42, width - 2 * margin, 0.3)
        top = sub.bottom + 0.1
        content = Frame(margin, top, width - 2 * margin, note.top - 0.05 - top)
        return cls(width, height, title, sub, content, note)


def default_page() -> Page:
    """The 16:9 page of a deck without a template."""
    return Page.of(*SLIDE_16_9)
