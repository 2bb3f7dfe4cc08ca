"""The app in a workshop (issue 15): first screen, diagrams, selection, customer, journey links, compare story,
presenter mode, German; run headless with streamlit's AppTest."""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, TIMEOUT, open_tab, run, texts

from orbit.i18n import Translator

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def at() -> AppTest:
    return run(AppTest.from_file(APP, default_timeout=TIMEOUT))


def page_data(at: AppTest) -> dict:
    """What the app sent to the page script (:mod:`orbit.app.client`): charts, groups, overlays."""
    (component,) = at.get("bidi_component")
    return json.loads(component.proto.json)


def specs(at: AppTest) -> list[str]:
    return [c.proto.spec for c in at.get("plotly_chart")]


def test_the_deploy_button_is_hidden():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["toolbarMode"] == "minimal"


def test_n_and_relations_sit_above_the_tabs_not_only_in_the_sidebar(at):
    assert at.slider(key="n_slider") not in at.sidebar.slider
    assert [r.key for r in at.main.radio] == ["via_en"]
    at.slider(key="n_slider").set_value(5)
    run(at)
    assert at.session_state["max_hops"] == 5 and at.query_params["n"] == "5"


def test_the_relations_radio_shows_its_choice_after_switching_to_german(at):
    at.radio(key="via_en").set_value("reports")
    run(at)
    at.button_group(key="lang").set_value("de")
    run(at)
    radio = at.radio(key="via_de")  # a widget of its own per language: the browser never keeps a stale choice
    assert radio.value == "reports" and radio.index == 1
    assert radio.options[radio.index] == "Berichtslinien"


def test_the_long_introduction_is_folded_away(at):
    intro = Translator("en")("app.intro", n=3)[:60]
    (about,) = [p for p in at.get("popover") if any(intro in m.value for m in p.markdown)]
    inside = [m.value for m in about.markdown]
    assert any(intro in m for m in inside)  # one click away ...
    assert sum(intro in m.value for m in at.main.markdown) == sum(intro in m for m in inside)  # ... and nowhere else


def test_selecting_a_unit_sends_its_overlay_not_the_diagrams_again(at):
    before = specs(at)
    at.selectbox(key="search").set_value("hotline")
    run(at)
    assert specs(at) == before  # the diagrams are the same; only the overlay changes
    data = page_data(at)
    assert data["groups"] == [["box_orbit", "box_tree"]]  # hovering one diagram highlights the unit in the other
    for box in ("box_orbit", "box_tree"):
        overlay = data["overlays"][box]
        assert overlay["sig"] == "hotline"
        paths = [s for s in overlay["shapes"] if s["type"] == "path"]
        assert paths, f"{box}: the selected path is drawn"
    tree_path = [s["path"] for s in data["overlays"]["box_tree"]["shapes"] if s["type"] == "path"]
    for path in tree_path[:1]:  # along the reporting lines: every step is horizontal or vertical
        points = [tuple(map(float, p.strip("ML ").split(","))) for p in path.split(" L")]
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            assert abs(x0 - x1) < 1e-9 or abs(y0 - y1) < 1e-9
    labels = [s["label"]["text"] for s in data["overlays"]["box_orbit"]["shapes"] if "label" in s]
    assert labels[0] == "<b>Service-Hotline</b>"  # the selected unit's label first


def test_clicking_the_customer_shows_the_touchpoints():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["unit"] = "customer"
    run(at)
    body = texts(at)
    assert "The customer's touchpoints" in body
    assert "units meet the customer directly" in body
    (table,) = [d for d in at.dataframe if "Unit" in d.value.columns]
    assert "Service-Hotline" in set(table.value["Unit"])


def test_the_journey_is_kept_in_the_url(at):
    at.selectbox(key="journey_explore").set_value("Reklamation")
    run(at)
    assert at.query_params["journey"] == "Reklamation"
    assert any("hand-offs" in s and "Reklamation" in s for s in specs(at))  # counted on the diagram
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.query_params["journey"] = "Reklamation"
    run(again)
    assert again.session_state["journey"] == "Reklamation"
    assert again.selectbox(key="journey_explore").value == "Reklamation"


def test_compare_tells_the_story(at):
    open_tab(at, "compare")
    body = texts(at)
    assert "brings 100% of the headcount within 3 steps of the customer, up from 32% today" in body
    assert "units move to another ring" in body
    b = json.loads(specs(at)[1])
    assert any(t.get("name") == "moved ring" for t in b["data"])  # the moved units are ringed in B
    (journeys,) = [d for d in at.dataframe if "Hand-offs" in d.value.columns]
    row = journeys.value.set_index("Journey").loc["Reklamation"]
    assert "→" in row["Hand-offs"] and "(" in row["Hand-offs"]  # before → after (change)
    data = page_data(at)
    assert data["groups"] == [["cmp_box_a", "cmp_box_b"]]
    at.selectbox(key="cmp_journey").set_value("Reklamation")  # the journey on both designs, hand-offs counted
    run(at)
    notes = [re.findall(r"Reklamation: [^\"]*hand-offs", s) for s in specs(at)]
    assert all(notes) and notes[0] != notes[1]


def test_compare_selects_a_unit_in_both_designs(at):
    at.selectbox(key="search").set_value("einkauf")
    run(at)
    open_tab(at, "compare")
    overlays = page_data(at)["overlays"]
    assert overlays["cmp_box_a"]["sig"] == overlays["cmp_box_b"]["sig"] == "einkauf"
    assert overlays["cmp_box_a"]["shapes"] and overlays["cmp_box_b"]["shapes"]


def test_presenter_mode_steps_through_the_story(at):
    at.button(key="present_open").click()
    run(at)
    titles = [at.title[0].value]
    for _ in range(3):
        at.button(key="present_next").click()
        run(at)
        titles.append(at.title[0].value)
    assert titles == ["Today", "The proposal", "What moved", "Journeys"]
    assert not at.tabs  # full screen: no tabs
    assert page_data(at)["keys"] is True  # the arrow keys step
    at.button(key="present_exit").click()
    run(at)
    assert at.tabs and at.session_state["max_hops"] == 3  # N survives the slider not being drawn


def test_presenter_speaks_german(at):
    at.button_group(key="lang").set_value("de")
    run(at)
    at.button(key="present_open").click()
    run(at)
    assert at.title[0].value == "Heute"
    assert "Schritten zum Kunden" in texts(at)


def test_unit_kinds_and_check_sources_speak_german(at):
    at.button_group(key="lang").set_value("de")
    run(at)
    at.selectbox(key="search").set_value("vertrieb")
    run(at)
    assert "**Art**: Bereich" in texts(at)  # not "department"
    open_tab(at, "analysis")
    body = texts(at)
    assert "Führungs-Archetypen" in body and "manager archetypes" not in body
