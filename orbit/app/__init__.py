"""The workshop app's machinery (``app.py`` holds the page and the wiring), split by concern.

- :mod:`~orbit.app.state`: session and URL state, defaults, the views, the session's start;
- :mod:`~orbit.app.loading`: designs (samples, uploads, files), cached analysis, layouts and figures, progress;
- :mod:`~orbit.app.editing`: the editor table and :class:`~orbit.app.editing.EditSession` (validation, undo);
- :mod:`~orbit.app.downloads`: image, design and analysis bytes, MIME types, file names;
- :mod:`~orbit.app.display`: display texts and tables (metric cards, the story, a unit's detail, checks);
- :mod:`~orbit.app.views`: one module per tab, the sidebar and the header.

Everything but the views is plain functions that tests call without a
running app; plotting code lives in :mod:`orbit.render` and never imports
streamlit.
"""
