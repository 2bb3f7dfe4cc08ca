"""The app on the design library, run headless with AppTest (issue 10, and issue 15's sound editor).

Each test has its own empty library (``tests/conftest.py``); the app seeds
the bundled samples into it on its first run. A second ``AppTest`` on the
same database is a second browser (or a second app process): it shares
nothing with the first but the library.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from orbit.app import editing, loading
from orbit.library import Library, name_key

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60
CLASSIC = "Brenner Verpackungsmaschinen GmbH (klassisch)"
TINY_CSV = b"id,name,kind,parent,headcount,serves\nboss,Boss,leadership,,1,\ndesk,Front desk,team,boss,5,customer\n"


def run(at: AppTest) -> AppTest:
    at.run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def fresh(**params) -> AppTest:
    """A new browser session (on the same library), opened on a link with ``params``."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(params)
    return run(at)


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["view_tab"] = label
    return run(at)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [e.value for e in at.error]
    parts += [w.value for w in at.warning] + [s.value for s in at.success] + [i.value for i in at.info]
    parts += [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def frames(at: AppTest) -> list:
    """The read-only tables on the page (st.dataframe, not the editor), in order."""
    return [d for d in at.dataframe if not d.proto.editing_mode]


def library() -> Library:
    return Library()  # the test's library: $ORBIT_DATABASE_URL (tests/conftest.py)


def session(at: AppTest, name: str = CLASSIC) -> editing.EditSession:
    return at.session_state["edits"][name_key(name)]


def type_in_table(at: AppTest, state: dict, name: str = CLASSIC) -> AppTest:
    """What the table widget holds after the user typed (its callback is not run by AppTest: the app takes it)."""
    at.session_state[session(at, name).editor_key] = state
    return run(at)


def row_of(at: AppTest, uid: str, name: str = CLASSIC) -> int:
    base = session(at, name).editor_base
    return int(base.index[base["id"] == uid][0])


@pytest.fixture
def at() -> AppTest:
    return fresh()


@pytest.fixture
def editing_at(at) -> AppTest:
    return open_tab(at, "Edit (what-if)")


# ---------------------------------------------------------------- the library is the app's memory
def test_the_app_opens_on_the_library_with_the_samples_saved_once(at):
    names = list(library().list()["name"])
    assert CLASSIC in names and len(names) == 10
    labels = at.radio(key="design_picker").options
    assert "Brenner Verpackungsmaschinen GmbH \\(klassisch\\)" in labels  # full names, escaped for markdown
    assert "Brenner Verpackungsmaschinen GmbH \\(Orbit\\)" in labels
    fresh()  # another session on the same database does not save them again
    assert library().history(CLASSIC)["version"].tolist() == [1]
    # a sample the users deleted does not come back
    library().delete(CLASSIC)
    fresh()
    assert not library().exists(CLASSIC)


def test_picker_labels_tell_designs_apart_with_units_version_and_save(at):
    radio = at.radio(key="design_picker")
    captions = list(radio.proto.captions)
    assert len(set(radio.options)) == len(radio.options)
    first = captions[radio.options.index("Brenner Verpackungsmaschinen GmbH \\(klassisch\\)")]
    assert first.startswith("119 units · version 1 · saved today") and first.endswith("by Orbit")


def test_an_upload_is_saved_as_a_new_design_named_after_the_file(at):
    at.file_uploader(key="uploader").set_value(("Reorg 2027.csv", TINY_CSV, "text/csv"))
    run(at)
    assert at.session_state["current"] == "library:Reorg 2027"
    history = library().history("Reorg 2027")
    assert history["message"].tolist() == ["uploaded Reorg 2027.csv"] and history["author"].tolist() == ["anonymous"]
    # a reload is a new session: the upload is there
    again = fresh(design="library:Reorg 2027")
    assert again.session_state["current"] == "library:Reorg 2027"
    assert len(loading.organisation(again.session_state["designs"]["library:Reorg 2027"])) == 2
    # the same name again gets a suffix
    other = fresh()
    other.file_uploader(key="uploader").set_value(("Reorg 2027.csv", TINY_CSV + b"desk2,D2,team,boss,1,\n", "text/csv"))
    run(other)
    assert other.session_state["current"] == "library:Reorg 2027 (2)"


def test_every_valid_table_edit_is_a_version_with_a_message(editing_at):
    at = editing_at
    lager = row_of(at, "lager")
    type_in_table(at, {"edited_rows": {lager: {"parent": "vertrieb"}}})
    history = library().history(CLASSIC)
    assert history["version"].tolist() == [2, 1]
    assert history["message"].iloc[0] == "moved Lager under Vertrieb"
    assert library().load(CLASSIC).unit("lager")["parent"] == "vertrieb"
    # the next edit adds to the same state of the table
    type_in_table(at, {"edited_rows": {lager: {"parent": "vertrieb"}, 0: {"headcount": 5}}})
    assert library().history(CLASSIC)["message"].iloc[0] == "changed headcount of Geschäftsführung from 3 to 5"
    assert "Last change: changed headcount of Geschäftsführung from 3 to 5" in texts(at)
    # a reload shows the edit
    again = fresh()
    assert loading.organisation(again.session_state["designs"][loading.DEFAULT_PAIR[0]]).unit("gf")["headcount"] == 5


def test_an_invalid_edit_is_marked_and_never_saved(editing_at):
    at = editing_at
    gf = row_of(at, "gf")
    type_in_table(at, {"edited_rows": {gf: {"parent": "vertrieb"}}})
    assert library().history(CLASSIC)["version"].tolist() == [1]
    error = " ".join(e.value for e in at.error).replace("\\", "")
    assert "Not saved: Geschäftsführung cannot report to Vertrieb" in error
    assert f"Row {gf + 1}, column “reports to”" in error
    marked = frames(at)[0]
    assert "background-color: #fde2e1" in str(marked.proto)  # the offending cell, marked
    # what was typed survives a rerun; discarding it goes back to the valid design
    run(at)
    assert session(at).working.at[gf, "parent"] == "vertrieb"
    at.button(key="discard_draft").click()
    run(at)
    assert session(at).problem is None and session(at).working.at[gf, "parent"] is None
    assert library().history(CLASSIC)["version"].tolist() == [1]


def test_adding_a_unit_in_the_table_keeps_the_editor_widget_as_it_is(editing_at):
    """Issue 15, defect 1: the table's identity (data, columns, key) must not change with the edit it holds."""
    at = editing_at
    before = at.dataframe[0].proto.id
    key = session(at).editor_key
    type_in_table(at, {"added_rows": [{}]})  # "+": a new, empty row (not yet a unit)
    assert library().history(CLASSIC)["version"].tolist() == [1]
    type_in_table(at, {"added_rows": [{"id": "kam"}]})  # its id typed, Enter
    assert library().history(CLASSIC)["message"].iloc[0] == "added unit kam"
    assert session(at).editor_key == key and at.dataframe[0].proto.id == before
    run(at)
    run(at)
    assert library().history(CLASSIC)["version"].tolist() == [2, 1]  # reruns save nothing more
    assert at.dataframe[0].proto.id == before


def test_undo_and_redo_save_versions_and_overwrite_nothing(editing_at):
    at = editing_at
    lager = row_of(at, "lager")
    type_in_table(at, {"edited_rows": {lager: {"parent": "vertrieb"}}})
    type_in_table(at, {"edited_rows": {lager: {"parent": "vertrieb"}, 0: {"headcount": 5}}})
    assert not at.button(key="undo").disabled and at.button(key="redo").disabled
    at.button(key="undo").click()
    run(at)
    lib = library()
    assert lib.load(CLASSIC).unit("gf")["headcount"] == 3 and lib.load(CLASSIC).unit("lager")["parent"] == "vertrieb"
    at.button(key="undo").click()
    run(at)
    assert lib.load(CLASSIC).unit("lager")["parent"] == "logistik"
    assert at.button(key="undo").disabled and not at.button(key="redo").disabled
    at.button(key="redo").click()
    run(at)
    assert lib.load(CLASSIC).unit("lager")["parent"] == "vertrieb"
    assert lib.history(CLASSIC)["message"].tolist() == [
        "redid: moved Lager under Vertrieb",
        "undid: moved Lager under Vertrieb",
        "undid: changed headcount of Geschäftsführung from 3 to 5",
        "changed headcount of Geschäftsführung from 3 to 5",
        "moved Lager under Vertrieb",
        "bundled sample",
    ]
    assert lib.history(CLASSIC)["parent"].tolist()[:5] == [5, 4, 3, 2, 1]  # each made from the one before


def test_the_move_form_picks_by_name_and_validates_as_you_pick(editing_at):
    at = editing_at
    at.selectbox(key="move_unit").set_value("lager")
    run(at)
    assert at.selectbox(key="move_parent").value == "logistik"  # starts from where it is
    assert at.selectbox(key="move_unit").format_func("lager") == "Lager (lager)"
    assert at.button(key="move_go").disabled  # nothing changed yet
    at.selectbox(key="move_parent").set_value("vertrieb")
    run(at)
    assert not at.button(key="move_go").disabled
    at.button(key="move_go").click()
    run(at)
    assert library().history(CLASSIC)["message"].iloc[0] == "moved Lager under Vertrieb"
    # a loop is refused inline, naming the units
    at.selectbox(key="move_unit").set_value("gf")
    run(at)
    at.selectbox(key="move_parent").set_value("lager")
    run(at)
    assert at.button(key="move_go").disabled
    assert any("Geschäftsführung cannot report to Lager" in e.value.replace("\\", "") for e in at.error)


def test_the_add_form_shows_every_field_and_saves_the_unit(editing_at):
    at = editing_at
    assert at.button(key="add_go").disabled
    at.text_input(key="add_id").input("kam")
    at.text_input(key="add_name").input("Key Account Management")
    at.selectbox(key="add_kind").set_value("team")
    at.selectbox(key="add_parent").set_value("vertrieb")
    at.number_input(key="add_headcount").set_value(4)
    at.multiselect(key="add_serves").set_value(["customer"])
    run(at)
    at.button(key="add_go").click()
    run(at)
    unit = library().load(CLASSIC).unit("kam")
    assert (unit["name"], unit["kind"], unit["parent"], unit["headcount"]) == (
        "Key Account Management",
        "team",
        "vertrieb",
        4,
    )
    assert library().load(CLASSIC).records()[-1]["serves"] == ["customer"]
    assert library().history(CLASSIC)["message"].iloc[0] == "added unit Key Account Management"
    assert at.text_input(key="add_id").value == ""  # the form is empty again
    # an id that is taken is refused inline
    at.text_input(key="add_id").input("kam")
    run(at)
    assert at.button(key="add_go").disabled
    assert any("used twice" in e.value for e in at.error)


def test_the_editor_speaks_german(editing_at):
    at = editing_at
    at.button_group(key="lang").set_value("de")
    run(at)
    columns = json.loads(at.dataframe[0].proto.columns)
    assert [columns[c]["label"] for c in editing.EDITOR_COLUMNS] == [
        "Kennung",
        "Name",
        "Art",
        "berichtet an",
        "Personen",
        "liefert an",
        "Orbit",
    ]
    assert at.button(key="undo").label == "Rückgängig" and at.button(key="redo").label == "Wiederholen"
    at.selectbox(key="move_unit").set_value("lager")
    run(at)
    at.selectbox(key="move_parent").set_value("vertrieb")
    run(at)
    at.button(key="move_go").click()
    run(at)
    assert library().history(CLASSIC)["message"].iloc[0] == "Lager unter Vertrieb verschoben"
    assert at.selectbox(key="add_kind").format_func("department") == "Bereich"
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert '"Dateien öffnen"' in styles and '"je bis 20 MB' in styles  # the uploader's own English words


# ---------------------------------------------------------------- history, links, fixed versions
def test_history_lists_versions_and_compares_one_with_the_newest(editing_at):
    at = editing_at
    lager = row_of(at, "lager")
    type_in_table(at, {"edited_rows": {lager: {"parent": "vertrieb"}}})
    open_tab(at, "History")
    table = frames(at)[0].value
    assert table["version"].tolist() == [2, 1]
    assert table["what changed"].tolist() == ["moved Lager under Vertrieb", "bundled sample"]
    assert table["by"].tolist() == ["anonymous", "Orbit"]
    assert at.selectbox(key="history_version").value == 1
    assert "Version 1 against the newest version 2" in texts(at)
    diff = frames(at)[1].value
    assert "lager" in diff.to_string()
    # the same two versions in the Compare tab
    at.button(key="history_compare").click()
    run(at)
    assert (at.session_state["cmp_a"], at.session_state["cmp_b"]) == (f"library:{CLASSIC}@1", f"library:{CLASSIC}")
    assert at.session_state["view"] == "compare" and at.session_state["view_tab"] == "Compare"
    assert any(m.value.replace("\\", "").startswith(f"**Today: {CLASSIC} · v1**") for m in at.markdown)


def test_the_edit_preview_rings_the_units_an_edit_changed(editing_at):
    at = editing_at
    type_in_table(at, {"edited_rows": {row_of(at, "lager"): {"parent": "vertrieb"}}})
    assert "changed units (1) are ringed in orange" in texts(at)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    rings = [t for chart in charts for t in chart["data"] if t.get("legendgroup") == "moved"]
    assert len(rings) == 1 and list(rings[0]["customdata"]) == ["lager"]


def test_the_samples_first_version_speaks_the_users_language():
    at = fresh(lang="de")
    open_tab(at, "Verlauf")
    table = frames(at)[0].value
    assert table.iloc[-1].tolist()[3] == "mitgeliefertes Beispiel"
    assert "bundled sample" not in texts(at)
    assert library().history(CLASSIC)["message"].iloc[-1] == "bundled sample"  # stored once, for everyone


def test_restoring_a_version_saves_it_again_as_the_newest(editing_at):
    at = editing_at
    lager = row_of(at, "lager")
    type_in_table(at, {"edited_rows": {lager: {"parent": "vertrieb"}}})
    open_tab(at, "History")
    at.button(key="history_restore").click()
    run(at)
    lib = library()
    assert lib.history(CLASSIC)["version"].tolist() == [3, 2, 1]
    assert lib.history(CLASSIC)["message"].iloc[0] == "restored version 1"
    assert lib.load(CLASSIC).unit("lager")["parent"] == "logistik"
    assert "Restored version 1 as version 3." in texts(at)
    # this session's undo takes the restore back
    open_tab(at, "Edit (what-if)")
    at.button(key="undo").click()
    run(at)
    assert lib.load(CLASSIC).unit("lager")["parent"] == "vertrieb"


def test_a_link_to_a_version_opens_it_read_only_with_a_copy_button():
    at = fresh()
    open_tab(at, "Edit (what-if)")
    type_in_table(at, {"edited_rows": {row_of(at, "lager"): {"parent": "vertrieb"}}})
    link = fresh(design=f"library:{CLASSIC}", version="1")
    assert link.session_state["current"] == f"library:{CLASSIC}@1"
    assert f"library:{CLASSIC}" in str(link.query_params["design"])
    assert str(link.query_params["version"]).strip("[]'") == "1"
    shown = link.session_state["designs"][f"library:{CLASSIC}@1"]
    assert loading.organisation(shown).unit("lager")["parent"] == "logistik"
    assert "You are looking at version 1 of" in texts(link) and "read-only" in texts(link)
    open_tab(link, "Edit (what-if)")
    assert not [d for d in link.dataframe if d.proto.editing_mode]  # no editor for a fixed version
    link.button(key="copy_fixed_banner").click()
    run(link)
    assert link.session_state["current"] == f"library:{CLASSIC} (copy)"
    assert library().load(f"{CLASSIC} (copy)").unit("lager")["parent"] == "logistik"
    assert library().history(CLASSIC)["version"].tolist() == [2, 1]  # the original is untouched
    # a link to the newest version is that version too: it stays put when others save
    newest = fresh(design=f"library:{CLASSIC}", version="2")
    assert newest.session_state["current"] == f"library:{CLASSIC}@2"


def test_a_link_to_an_unknown_design_says_so_and_opens_the_default():
    at = fresh(design="library:Option Z")
    assert at.session_state["current"] == loading.DEFAULT_PAIR[0]
    warning = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "The link names the design Option Z, which is not in the library" in warning
    at = fresh(design=f"library:{CLASSIC}", version="7")
    assert at.session_state["current"] == loading.DEFAULT_PAIR[0]
    assert "version 7" in " ".join(w.value for w in at.warning)


def test_the_address_bar_follows_what_is_on_screen(at):
    assert loading.DEFAULT_PAIR[0] in str(at.query_params["design"])
    at.radio(key="design_picker").set_value("library:Lumen Analytics")
    run(at)
    assert at.session_state["current"] == "library:Lumen Analytics"
    assert "Lumen Analytics" in str(at.query_params["design"])
    assert "version" not in at.query_params


# ---------------------------------------------------------------- rename, save as new, delete and restore
def test_rename_keeps_the_versions_and_the_undo_stack(editing_at):
    at = editing_at
    type_in_table(at, {"edited_rows": {row_of(at, "lager"): {"parent": "vertrieb"}}})
    at.text_input(key="rename_name").input("Brenner today")
    at.button(key="rename_go").click()
    run(at)
    assert at.session_state["current"] == "library:Brenner today"
    assert library().history("Brenner today")["version"].tolist() == [2, 1] and not library().exists(CLASSIC)
    assert "Renamed to Brenner today." in texts(at)
    at.button(key="undo").click()
    run(at)
    assert library().load("Brenner today").unit("lager")["parent"] == "logistik"
    # a name that is taken is refused in one line, nothing changes
    at.text_input(key="rename_name").input("Lumen Analytics")
    at.button(key="rename_go").click()
    run(at)
    assert "already exists" in " ".join(e.value for e in at.error) and at.session_state["current"] == (
        "library:Brenner today"
    )


def test_save_as_new_design_copies_what_is_on_screen(at):
    at.text_input(key="save_as_name").input("Option A")
    at.button(key="save_as_go").click()
    run(at)
    assert at.session_state["current"] == "library:Option A"
    history = library().history("Option A")
    assert history["message"].tolist() == [f"copied from {CLASSIC} version 1"]
    assert len(library().load("Option A")) == 119


def test_delete_hides_a_design_and_the_deleted_view_restores_it(at):
    at.radio(key="design_picker").set_value("library:Lumen Analytics")
    run(at)
    at.button(key="delete_go").click()
    run(at)
    assert "library:Lumen Analytics" not in at.radio(key="design_picker").options
    assert at.session_state["current"] == loading.DEFAULT_PAIR[0]
    assert not library().exists("Lumen Analytics")
    assert "Deleted designs (1)" in [e.label for e in at.expander]
    at.button(key="restore_design_0").click()
    run(at)
    assert at.session_state["current"] == "library:Lumen Analytics" and library().exists("Lumen Analytics")
    assert library().history("Lumen Analytics")["version"].tolist() == [1]


# ---------------------------------------------------------------- sessions share only the library
def test_two_sessions_share_designs_but_not_their_selection_or_undo():
    a, b = fresh(), fresh()
    b.radio(key="design_picker").set_value("library:Lumen Analytics")
    run(b)
    assert a.session_state["current"] == loading.DEFAULT_PAIR[0]  # b's choice is b's
    open_tab(a, "Edit (what-if)")
    type_in_table(a, {"edited_rows": {row_of(a, "lager"): {"parent": "vertrieb"}}})
    b.radio(key="design_picker").set_value(loading.DEFAULT_PAIR[0])
    run(b)
    assert b.session_state["designs"][loading.DEFAULT_PAIR[0]].version == 2  # a's save, at b's next interaction
    open_tab(b, "Edit (what-if)")
    assert b.button(key="undo").disabled  # b has nothing to undo: a's edit is a's


def test_someone_elses_save_while_editing_is_kept_and_mine_goes_on_top():
    a, b = fresh(), fresh()
    for x in (a, b):
        open_tab(x, "Edit (what-if)")
    type_in_table(a, {"edited_rows": {row_of(a, "lager"): {"parent": "vertrieb"}}})
    # b still shows version 1 and edits another unit: both changes are kept
    type_in_table(b, {"edited_rows": {0: {"headcount": 5}}})
    lib = library()
    assert lib.history(CLASSIC)["version"].tolist() == [3, 2, 1]
    latest = lib.load(CLASSIC)
    assert latest.unit("lager")["parent"] == "vertrieb" and latest.unit("gf")["headcount"] == 5
    assert "saved version 2 while you were editing" in texts(b)
