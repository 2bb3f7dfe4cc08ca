"""The app's views: one module per tab (``show(page)``), the sidebar and the header, on shared widgets.

``app.py`` decides which view runs where; a view builds widgets from what
:mod:`orbit.app.loading`, :mod:`~orbit.app.display`, :mod:`~orbit.app.editing`
and :mod:`~orbit.app.downloads` compute, and keeps its state in
``st.session_state`` (:mod:`orbit.app.state`). A new tab is a new module
with ``show(page)``, an id in :data:`orbit.app.state.VIEWS` and a line in
``app.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...analysis import Analysis
from ...i18n import Translator
from ...model import Organisation
from ..loading import Design, Progress


@dataclass(frozen=True)
class Page:
    """What every tab gets: the session's language, the open design, its organisation and analysis, the progress box."""

    tr: Translator
    design: Design
    org: Organisation
    a: Analysis
    progress: Progress
