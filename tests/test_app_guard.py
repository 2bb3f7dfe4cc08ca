"""No traceback on the app's screen, whatever goes wrong (issue 11, the app part).

Each part of the page runs guarded (:mod:`orbit.app.guard`): a tab, the open
design's preparation, an upload or an edit that raises shows one line, the
design and the sidebar stay as they were, and no server path or exception
text reaches the browser.
"""

from __future__ import annotations

import hostile
import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, TIMEOUT, TINY_CSV, open_tab, run, texts

import orbit.app.views.analysis
import orbit.app.views.widgets
from orbit.app import loading

SECRET = "/srv/orbit/secret/path.py"


def boom(*args, **kwargs):
    raise KeyError(SECRET)


@pytest.fixture
def at() -> AppTest:
    return run(AppTest.from_file(APP, default_timeout=TIMEOUT))


def test_a_tab_that_fails_shows_one_line_and_the_others_still_work(at, monkeypatch):
    current = at.session_state["current"]
    monkeypatch.setattr(orbit.app.views.analysis, "show", boom)
    open_tab(at, "analysis")  # run() asserts that no exception reached the page
    assert "Analysis could not be shown. The design is unchanged" in texts(at)
    assert SECRET not in texts(at)
    assert at.session_state["current"] == current
    open_tab(at, "explore")
    assert "could not be shown" not in texts(at) and not at.error  # the other tab draws as before


def test_a_design_that_cannot_be_prepared_keeps_the_sidebar(at, monkeypatch):
    monkeypatch.setattr(orbit.app.views.widgets, "prepared", boom)
    run(at)
    assert "The design could not be shown." in texts(at) and SECRET not in texts(at)
    assert at.sidebar.selectbox or at.sidebar.radio or at.file_uploader  # the way to another design is there
    monkeypatch.undo()
    run(at)
    assert "could not be shown" not in texts(at)


def test_an_upload_whose_reading_fails_unexpectedly_is_one_line_and_the_design_stays(at, monkeypatch):
    current = at.session_state["current"]
    monkeypatch.setattr(loading, "read_upload", boom)
    at.file_uploader(key="uploader").set_value(("tiny.csv", TINY_CSV, "text/csv"))
    run(at)
    errors = " ".join(e.value for e in at.error).replace("\\", "")
    assert "Could not open the file. Reading it failed unexpectedly" in errors and SECRET not in errors
    assert at.session_state["current"] == current


@pytest.mark.slow
def test_a_hostile_workbook_upload_is_refused_in_its_own_process(at):
    """The 4.9 KB workbook that claimed A1:XFD1048576 once pinned a core; 16,384 columns are refused."""
    current = at.session_state["current"]
    at.file_uploader(key="uploader").set_value(("wide.xlsx", hostile.dos_xlsx_wide(), "application/octet-stream"))
    run(at)
    errors = " ".join(e.value for e in at.error).replace("\\", "")
    assert "wide.xlsx" in errors and "1,000" in errors.replace("1000", "1,000")
    assert at.session_state["current"] == current


def test_uploads_are_parsed_in_a_worker_process(monkeypatch):
    """The app's parse goes through :func:`orbit.formats.isolated.load_isolated` (time and memory bound)."""
    import orbit.formats.isolated as isolated

    calls = []
    real = isolated.load_isolated
    monkeypatch.setattr(isolated, "load_isolated", lambda data, name, **kw: calls.append(name) or real(data, name))
    loading.load_design.clear()
    org = loading.read_upload("tiny.csv", TINY_CSV)
    assert calls == ["tiny.csv"] and len(org) == 2
