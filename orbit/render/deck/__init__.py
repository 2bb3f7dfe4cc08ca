"""The board pack: a PowerPoint deck of native, editable shapes (and the same pages as a PDF).

- :mod:`~orbit.render.deck.story`: the one description of the slides that
  both outputs draw (:func:`build_story`), of the parts in
  :mod:`~orbit.render.deck.parts` (slides, tables laid out once, legends,
  key figures), slide by slide in :mod:`~orbit.render.deck.slides`;
- :mod:`~orbit.render.deck.frames`: the page, its areas and the title slide's;
- :mod:`~orbit.render.deck.orbit_fit`: each orbit view fitted to its frame
  (the geometry both outputs draw);
- :mod:`~orbit.render.deck.shapes`: DrawingML shapes written as text, a group at a time;
- :mod:`~orbit.render.deck.orbit_shapes`, :mod:`~orbit.render.deck.chart_shapes`:
  the orbit view and the org chart as grouped PowerPoint shapes and connectors;
- :mod:`~orbit.render.deck.tables`: tables and legends as PowerPoint objects;
- :mod:`~orbit.render.deck.template`: the slide size, layouts and theme of a template deck;
- :mod:`~orbit.render.deck.pptx_writer`: the story as a ``.pptx``;
- :mod:`orbit.render.deck_pages`: the story as matplotlib pages (the PDF).

python-pptx is imported only by the modules that write PowerPoint, and
only when :func:`deck_pptx` runs, so drawing a PDF does not need it.
"""

from __future__ import annotations

from .frames import Frame, Page, default_page
from .story import Story, build_story

__all__ = ["Frame", "Page", "Story", "build_story", "deck_pdf", "deck_pptx", "default_page"]


def deck_pptx(story: Story, template: str | None = None) -> bytes:
    """The story as PowerPoint bytes, on the layouts and theme of ``template`` (a ``.pptx`` path) if given."""
    from .pptx_writer import write_pptx

    return write_pptx(story, template)


def deck_pdf(story: Story) -> bytes:
    """The story as a multi-page PDF drawn by the matplotlib renderer (no office suite needed)."""
    from ..deck_pages import story_pdf

    return story_pdf(story)
