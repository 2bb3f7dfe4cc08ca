"""The app, run headless with streamlit's AppTest: every tab, uploads, editing, language, shared links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from orbit.app import display, loading
from orbit.i18n import Translator

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60

TINY_CSV = b"id,name,kind,parent,headcount,serves\nboss,Boss,leadership,,1,\ndesk,Front desk,team,boss,5,customer\n"


def run(at: AppTest) -> AppTest:
    at.run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_tab(at: AppTest, view: str) -> AppTest:
    labels = {t.label for t in at.tabs}
    english = {
        "explore": "Explore",
        "analysis": "Analysis",
        "edit": "Edit (what-if)",
        "history": "History",
        "compare": "Compare",
        "export": "Export",
    }
    german = {
        "explore": "Erkunden",
        "analysis": "Analyse",
        "edit": "Bearbeiten (Was-wäre-wenn)",
        "history": "Verlauf",
        "compare": "Vergleichen",
        "export": "Export",
    }
    at.session_state["view_tab"] = english[view] if english[view] in labels else german[view]
    return run(at)


def metric(at: AppTest, label_start: str) -> str:
    for m in at.metric:
        if m.label.startswith(label_start):
            return m.value
    raise AssertionError(f"no metric {label_start!r} in {[m.label for m in at.metric]}")


def texts(at: AppTest) -> str:
    parts = [t.value for t in at.title] + [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [s.value for s in at.success]
    parts += [i.value for i in at.info] + [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts).replace("\\", "")  # markdown escapes of file text


@pytest.fixture
def at() -> AppTest:
    return run(AppTest.from_file(APP, default_timeout=TIMEOUT))


def test_default_view_tells_the_classic_vs_orbit_story(at):
    assert at.session_state["current"] == loading.DEFAULT_PAIR[0]
    assert [t.label for t in at.tabs] == ["Explore", "Analysis", "Edit (what-if)", "History", "Compare", "Export"]
    body = texts(at)
    assert "customer at the centre" in body
    assert "The same company, two designs" in body
    assert "32%" in body and "100%" in body  # share within 3 steps: classic vs orbit
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # orbit view and org chart side by side
    assert at.query_params["design"] == loading.DEFAULT_PAIR[0]


def test_max_hops_slider_changes_the_flagged_count(at):
    open_tab(at, "analysis")
    flagged_at_3 = int(metric(at, "Flagged"))
    at.slider(key="n_slider").set_value(5)
    run(at)
    flagged_at_5 = int(metric(at, "Flagged"))
    assert flagged_at_5 < flagged_at_3
    assert metric(at, "Within 5 steps") != "32%"
    assert at.query_params["n"] == "5"


def test_relations_that_count(at):
    open_tab(at, "analysis")
    both = int(metric(at, "Flagged"))
    at.radio(key="via_en").set_value("reports")
    run(at)
    assert int(metric(at, "Flagged")) != both
    assert at.query_params["via"] == "reports"


def test_search_selects_a_unit_and_shows_its_path(at):
    at.selectbox(key="search").set_value("hotline")
    run(at)
    assert at.session_state["selected"] == "hotline"
    body = texts(at)
    assert "Selected unit" in body and "Service-Hotline" in body
    assert "Path to the customer" in body
    assert at.query_params["unit"] == "hotline"
    # a flagged unit says why
    at.selectbox(key="search").set_value("dreherei-nacht")
    run(at)
    assert "Flagged:" in texts(at)


def test_chart_click_selects_a_unit(at):
    at.session_state["orbit_chart"] = {"selection": {"points": [{"customdata": "lager"}]}}
    # the click callback reads the chart's state; AppTest sets it, the callback is the same code
    from orbit.app.state import clicked_unit

    assert clicked_unit(at.session_state["orbit_chart"]) == "lager"


def test_upload_valid_and_invalid_files(at):
    at.file_uploader(key="uploader").set_value(("tiny.csv", TINY_CSV, "text/csv"))
    run(at)
    assert at.session_state["current"] == "library:tiny"
    assert "Saved tiny.csv as the design tiny: 2 units." in texts(at)

    bad = b"id,parent\na,\nb,zzz\n"
    at.file_uploader(key="uploader").set_value([("tiny.csv", TINY_CSV, "text/csv"), ("bad.csv", bad, "text/csv")])
    run(at)
    assert at.session_state["current"] == "library:tiny"  # the open design stays open
    errors = " ".join(e.value for e in at.error)
    assert "unknown parent" in errors and "zzz" in errors and "stays open" in errors


def test_upload_over_the_size_limit_is_refused(at):
    big = b"id\n" + b"x" * (loading.MAX_UPLOAD_BYTES + 10)
    at.file_uploader(key="uploader").set_value(("huge.csv", big, "text/csv"))
    run(at)
    assert at.session_state["current"] == loading.DEFAULT_PAIR[0]
    errors = " ".join(e.value for e in at.error)
    assert "limit is 20 MB" in errors


def test_edit_a_unit_then_undo(at):
    from orbit.app import editing
    from orbit.library import name_key

    open_tab(at, "edit")
    name = at.session_state["designs"][loading.DEFAULT_PAIR[0]].name
    session = at.session_state["edits"][name_key(name)]
    row = int(session.editor_base.index[session.editor_base["id"] == "ausbildung"][0])
    before = loading.analysis_of("before", session.organisation(), 3, "both")
    # move the apprentice workshop next to the customer: a touchpoint
    at.session_state[session.editor_key] = {"edited_rows": {row: {"serves": ["customer"]}}}
    run(at)
    assert at.session_state["current"] == loading.DEFAULT_PAIR[0]  # the same design, a new version
    design = at.session_state["designs"][loading.DEFAULT_PAIR[0]]
    assert design.version == 2 and design.author == "anonymous"
    after = loading.analysis_of(design.key, loading.organisation(design), 3, "both")
    assert after.summary["flagged"] < before.summary["flagged"]

    at.button(key="undo").click()
    run(at)
    restored = at.session_state["designs"][loading.DEFAULT_PAIR[0]]
    assert restored.version == 3  # an undo saves the design as it was: nothing is overwritten
    assert loading.organisation(restored).unit("ausbildung")["serves"] == ["produktion"]
    assert editing.same_table(editing.editor_table(loading.organisation(restored)), session.steps[0].table)


def test_invalid_edit_keeps_the_last_valid_design(at):
    from orbit.library import name_key

    open_tab(at, "edit")
    name = at.session_state["designs"][loading.DEFAULT_PAIR[0]].name
    session = at.session_state["edits"][name_key(name)]
    at.session_state[session.editor_key] = {"edited_rows": {1: {"parent": "nowhere"}}}
    run(at)
    assert at.session_state["designs"][loading.DEFAULT_PAIR[0]].version == 1  # nothing saved
    errors = " ".join(e.value for e in at.error)
    assert "reports to 'nowhere', which is not a unit" in errors and "Row 2" in errors
    # what was typed survives a rerun
    run(at)
    assert at.session_state["edits"][name_key(name)].working.at[1, "parent"] == "nowhere"


def test_compare_today_and_proposed(at):
    open_tab(at, "compare")
    assert (at.session_state["cmp_a"], at.session_state["cmp_b"]) == loading.DEFAULT_PAIR
    assert len(at.get("plotly_chart")) == 2
    deltas = {m.label: m.delta for m in at.metric}
    assert deltas["Flagged units"].startswith("-")
    body = texts(at)
    assert "added" in body and "removed" in body
    assert len(at.dataframe) >= 1


def test_switching_language_translates_everything(at):
    at.button_group(key="lang").set_value("de")
    run(at)
    assert at.tabs[0].label == "Erkunden"
    assert "Der Kunde im Mittelpunkt" in texts(at)
    assert at.slider(key="n_slider").label == "Höchstens N Schritte"
    open_tab(at, "analysis")
    assert metric(at, "Markierte Einheiten")
    body = texts(at)
    assert "Einheiten sind mehr als 3 Schritte vom Kunden entfernt" in body  # the design checks too
    assert "units are more than" not in body and "Quelle" in body
    assert at.query_params["lang"] == "de"


def test_a_shared_link_reopens_the_same_view():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"design": "bank-orbit", "n": "2", "via": "serves", "unit": "x-unknown", "lang": "de"})
    run(at)
    assert at.session_state["current"] == "library:Northbridge Bank (orbit)"  # a link from before the library
    assert at.session_state["max_hops"] == 2
    assert at.session_state["via"] == "serves"
    assert at.session_state["lang"] == "de"


def test_export_tab_offers_images_and_data(at):
    open_tab(at, "export")
    labels = [d.label for d in at.download_button]
    assert labels.count("PNG") == 3 and labels.count("SVG") == 3
    assert labels.count("PDF") == 4  # three views and the one-page comparison
    assert any("CSV" in x for x in labels)


def test_export_tab_builds_the_board_pack_only_when_asked(at):
    open_tab(at, "export")
    assert not [d for d in at.download_button if d.key and d.key.startswith("dl_deck_")]  # nothing built yet
    build = next(b for b in at.button if b.key == "deck_build_one-pptx")
    build.click()
    run(at)
    ready = [d for d in at.download_button if d.key == "dl_deck_one-pptx"]
    assert len(ready) == 1
    assert any(b.key == "deck_build_pair-pdf" for b in at.button)  # the pair's deck is offered too
    run(at)  # the next run keeps the built deck: no second build
    assert [d.key for d in at.download_button if d.key == "dl_deck_one-pptx"] == ["dl_deck_one-pptx"]
    assert "deck_build_one-pptx" not in [b.key for b in at.button]


def test_uploaded_names_are_not_rendered_as_html(at):
    nasty = (
        b"name: '<img src=x onerror=alert(1)>'\n"
        b"units:\n"
        b"  - {id: a, name: '<script>alert(1)</script>', serves: [customer]}\n"
        b"  - {id: b, name: '[click](javascript:alert(1))', parent: a}\n"
    )
    at.file_uploader(key="uploader").set_value(("nasty.yaml", nasty, "application/yaml"))
    run(at)
    at.selectbox(key="search").set_value("a")
    run(at)
    body = texts(at)
    assert "<script>" not in body and "<img" not in body
    assert "](javascript" not in body
    for chart in at.get("plotly_chart"):
        spec = chart.proto.spec
        assert "<script>" not in spec and "<img" not in spec


def test_big_design_can_be_folded_into_departments_and_drilled_into(at, tmp_path):
    from orbit.generate import generate_csv

    path = tmp_path / "big.csv"
    generate_csv(path, 2000, seed=3)
    at.file_uploader(key="uploader").set_value(("big.csv", path.read_bytes(), "text/csv"))
    run(at)
    assert "Large design: 2,000 units" in texts(at)  # below the folding size: opened whole, folding offered
    at.button(key="fold_back").click()
    run(at)
    options, _ = display.unit_options(
        loading.analysis_of(
            "x", loading.aggregated(loading.organisation(at.session_state["designs"]["library:big"]), 2), 3, "both"
        )
    )
    assert len(options) < 20  # departments, not units
    at.selectbox(key="search").set_value(options[-1])
    run(at)
    drill = [b for b in at.button if b.key == "drill"]
    assert drill, "a folded department offers to open it"
    drill[0].click()
    run(at)
    assert at.session_state["expand"] == [options[-1]]


# ------------------------------------------------------------------ progress
def status_steps(at: AppTest) -> list[tuple[str, str]]:
    """The progress box's steps as ``(icon, text)``; a finished step ends with its time (`` · 0.4 s``)."""
    out = []
    for box in at.status:
        for m in box.markdown:
            icon, _, text = m.value.replace("\\", "").partition(" ")
            done = re.fullmatch(r"(.*) · \d+([.,]\d)? s", text)
            out.append((icon, done.group(1) if done else text))
    return out


def test_small_designs_open_without_a_progress_box(at):
    assert len(at.status) == 0
    at.file_uploader(key="uploader").set_value(("tiny.csv", TINY_CSV, "text/csv"))
    run(at)
    assert at.session_state["current"] == "library:tiny"
    assert len(at.status) == 0  # small files stay instant: no box appears and vanishes
    open_tab(at, "analysis")
    assert len(at.status) == 0


def test_big_upload_shows_its_progress_once(at, tmp_path):
    from orbit.generate import generate_csv

    path = tmp_path / "big.csv"
    generate_csv(path, loading.BIG_ROWS, seed=5)
    data = path.read_bytes()
    assert loading.looks_big(data, "big.csv") and len(data) < loading.BIG_BYTES  # big by rows, not by size
    at.file_uploader(key="uploader").set_value(("big.csv", data, "text/csv"))
    run(at)
    assert at.session_state["current"] == "library:big"
    assert "Saved big.csv as the design big: 20,000 units." in texts(at)
    assert len(at.status) == 1
    box = at.status[0]
    assert box.state == "complete" and re.fullmatch(r"Large design ready \(\d+\.\d s\)", box.label), box.label
    done = ":material/check:"
    # 20,000 units open folded into departments: the diagrams of the departments are quick, no step of their own
    assert status_steps(at) == [
        (done, f"Reading and checking big.csv ({loading.size_text(len(data), Translator('en'))})"),
        (done, "Measuring each unit's distance to the customer (20,000 units)"),
    ]
    assert "20,000 units are more than a diagram can show legibly" in texts(at)
    at.button(key="fold_all").click()  # the user can still open everything
    run(at)
    assert status_steps(at) == [(done, "Laying out the rings and the org chart"), (done, "Drawing the diagrams")]

    # the next rerun finds everything cached: no box
    run(at)
    assert len(at.status) == 0
    # a new N is a new analysis: only the steps that really run again are listed; the diagrams of a big
    # design stay as they are (the flags of the new N are drawn over them in the browser)
    at.slider(key="n_slider").set_value(4)
    run(at)
    assert status_steps(at) == [(done, "Measuring each unit's distance to the customer (20,000 units)")]
    # the Analysis tab's design rules are a step of their own
    open_tab(at, "analysis")
    assert status_steps(at) == [(done, "Checking the design rules")]
    open_tab(at, "analysis")
    assert len(at.status) == 0


def test_big_upload_that_fails_shows_a_failed_step(at):
    rows = "".join(f"u{i},Unit {i},team,u0,1,\n" for i in range(1, loading.BIG_ROWS + 1))
    data = "id,name,kind,parent,headcount,serves\nu0,Root,leadership,,1,customer\n" + rows + "bad,Bad,team,zzz,1,\n"
    at.file_uploader(key="uploader").set_value(("broken.csv", data.encode(), "text/csv"))
    run(at)
    assert at.session_state["current"] == loading.DEFAULT_PAIR[0]  # the open design stays open
    assert len(at.status) == 1 and at.status[0].state == "error"
    assert at.status[0].label == "The design could not be opened"
    icon, text = status_steps(at)[0]
    assert icon == ":material/error:" and text.startswith("Reading and checking broken.csv")
    assert "unknown parent" in " ".join(e.value for e in at.error)


def test_progress_speaks_german(at, tmp_path):
    from orbit.generate import generate_csv

    at.button_group(key="lang").set_value("de")
    run(at)
    path = tmp_path / "gross.csv"
    generate_csv(path, loading.BIG_ROWS, seed=6)
    at.file_uploader(key="uploader").set_value(("gross.csv", path.read_bytes(), "text/csv"))
    run(at)
    assert re.fullmatch(r"Große Organisation bereit \(\d+,\d s\)", at.status[0].label), at.status[0].label
    assert status_steps(at)[1][1] == "Abstand jeder Einheit zum Kunden wird gemessen (20.000 Einheiten)"


# --------------------------------------------------------------- grouping
PEOPLE_CSV = (
    b"id,name,parent,department\n"
    b"1,Ada,,Board\n"
    b"2,Ben,1,Sales\n"
    b"3,Cem,1,Sales\n"  # a second Sales person whose manager is outside Sales: a tie for head
    b"4,Dora,2,Sales\n"
    b"5,Eli,1,Service\n"
    b"6,Fay,5,Service\n"
    b"7,Gus,5,\n"  # no department
    b"8,Hal,5,Service\n"
)


def test_grouping_people_shows_the_notes(at):
    at.file_uploader(key="uploader").set_value(("people.csv", PEOPLE_CSV, "text/csv"))
    run(at)
    # nobody serves the customer yet: the import step opens, says so and offers the ranked grouping
    assert any("Nobody serves the customer yet" in w.value for w in at.warning)
    assert at.selectbox(key="imp_group").options[1].startswith("department")
    at.selectbox(key="imp_group").set_value("department")
    at.selectbox(key="imp_rule_col").set_value("department")
    at.text_input(key="imp_rule_pat").set_value("^service$")
    run(at)
    at.button(key="imp_go").click()
    run(at)
    assert at.session_state["current"] == "library:people – department"
    notes = " ".join(i.value for i in at.info).replace("\\", "")
    assert "looks like a list of people" not in notes  # grouped, with a touchpoint: no more hint
    assert "Grouping the people into units needed some choices" in notes
    assert "1 person has no department" in notes
    assert "'Sales': 2 such people, took Ben, not Cem" in notes
    # German wrapper, the note itself as the grouping wrote it
    at.button_group(key="lang").set_value("de")
    run(at)
    notes = " ".join(i.value for i in at.info).replace("\\", "")
    assert "Beim Gruppieren der Personen zu Einheiten waren Entscheidungen nötig" in notes
    assert "1 person has no department" in notes


def test_grouping_without_notes_shows_none(at):
    clean = b"id,name,parent,department\n1,Ada,,Board\n2,Ben,1,Sales\n3,Cem,2,Sales\n4,Dora,2,Sales\n"
    clean += b"5,Eli,1,Service\n6,Fay,5,Service\n7,Gus,5,Service\n8,Hal,5,Service\n"
    at.file_uploader(key="uploader").set_value(("clean.csv", clean, "text/csv"))
    run(at)  # nobody serves the customer: the import step offers the grouping
    at.selectbox(key="imp_group").set_value("department")
    run(at)
    at.button(key="imp_go").click()
    run(at)
    assert at.session_state["current"] == "library:clean – department"
    assert not any("Grouping the people" in i.value for i in at.info)


# ------------------------------------------------------------ upload limit
def test_upload_help_names_the_size_limit(at):
    import tomllib

    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == loading.MAX_UPLOAD_MB == 20  # the server refuses what the app refuses
    assert "up to 20 MB each" in at.file_uploader(key="uploader").help
    at.button_group(key="lang").set_value("de")
    run(at)
    assert "je bis 20 MB" in at.file_uploader(key="uploader").help
