"""The app's import step (issue 12), run headless with streamlit's AppTest.

A table that does not open as a tidy unit list, or that nobody in it
serves the customer from, opens the import step: a preview, a dropdown per
field pre-filled with the guessed column, the problems with their fix
switches, a customer-facing rule with a live count and the ranked grouping
picker. The diagrams appear on confirming; the settings are remembered per
header set.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_import import AGENCIES, d3_org

from orbit.app import loading

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60


def run(at: AppTest) -> AppTest:
    at.run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def at(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("ORBIT_IMPORT_MEMORY", str(tmp_path / "imports.json"))
    return run(AppTest.from_file(APP, default_timeout=TIMEOUT))


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="uploader").set_value((name, data, "text/csv"))
    return run(at)


def test_an_agency_list_with_free_column_names_imports_after_mapping_and_fixes(at):
    upload(at, "agencies.csv", AGENCIES.encode("mac_roman"))
    assert "Import agencies.csv" in [s.value.replace("\\", "") for s in at.subheader]
    assert not at.tabs  # the diagrams come when the import is confirmed
    # the guessed mapping is pre-filled
    assert at.selectbox(key="imp_map_id").value == "agency_name"
    assert at.selectbox(key="imp_map_parent").value == "parent_agency_name"
    # the problems are named with their switches; without them the loader's error stands
    labels = [t.label for t in at.toggle]
    assert any(label.startswith("Merge rows repeating an id (1: Bureau of Prisons)") for label in labels)
    assert any("their own parent" in label for label in labels)
    assert at.button(key="imp_go").disabled
    for fix in ("duplicates", "self-reports", "unknown-parents"):
        at.toggle(key=f"imp_fix_{fix}").set_value(True)
    run(at)
    assert not at.button(key="imp_go").disabled
    at.text_input(key="imp_rule_pat").set_value("justice")
    at.selectbox(key="imp_rule_col").set_value("id")
    run(at)
    assert any("1 of 6 rows match" in c.value for c in at.caption)
    at.button(key="imp_go").click()
    run(at)
    assert at.session_state["current"] == "library:agencies"
    assert at.tabs  # the diagrams are back
    org = loading.organisation(at.session_state["designs"]["library:agencies"])
    assert org.unit("Department of Justice")["description"] == "Federal § 1 agency"  # Mac Roman read right
    assert org.unit("Department of Justice")["parent"] is None


def test_a_people_export_gets_a_rule_and_a_ranked_grouping(at):
    upload(at, "d3.csv", d3_org(n_sales=4).encode())
    assert at.selectbox(key="imp_map_parent").value == "parentId"
    assert any("Nobody serves the customer yet" in w.value for w in at.warning)
    options = at.selectbox(key="imp_group").options
    assert options[0].startswith("no grouping")
    assert not any(o.startswith("name ") for o in options)  # one value per row: never offered
    assert any(o.startswith("positionName") and "job titles" in o for o in options) or any(
        o.startswith("area") for o in options
    )
    at.selectbox(key="imp_rule_col").set_value("positionName")
    at.text_input(key="imp_rule_pat").set_value("sales|account")
    run(at)
    assert any("6 of 14 rows match" in c.value for c in at.caption)
    at.button(key="imp_go").click()
    run(at)
    design = at.session_state["designs"][at.session_state["current"]]
    org = loading.organisation(design)
    assert (org.serves["target"] == "customer").sum() == 6


def test_the_mapping_is_remembered_per_header_set(at):
    data = AGENCIES.encode()
    upload(at, "agencies.csv", data)
    at.selectbox(key="imp_map_name").set_value("description")
    for fix in ("duplicates", "self-reports", "unknown-parents"):
        at.toggle(key=f"imp_fix_{fix}").set_value(True)
    run(at)
    at.button(key="imp_go").click()
    run(at)
    # next month's export of the same system: one click
    nxt = AGENCIES.replace("Wage and Hour Division", "Employment Training").encode()
    files = [("agencies.csv", data, "text/csv"), ("agencies-2.csv", nxt, "text/csv")]
    at.file_uploader(key="uploader").set_value(files)
    run(at)
    assert any("last import with these columns" in s.value for s in at.success)
    assert at.selectbox(key="imp_map_name").value == "description"
    at.button(key="imp_go").click()
    run(at)
    assert at.session_state["current"] == "library:agencies-2"


def test_cancel_keeps_the_open_design(at):
    upload(at, "agencies.csv", AGENCIES.encode())
    at.button(key="imp_cancel").click()
    run(at)
    assert at.session_state["current"] == loading.DEFAULT_PAIR[0]
    assert at.tabs


def test_a_tidy_unit_list_opens_directly(at):
    upload(at, "tiny.csv", b"id,parent,serves\nboss,,\ndesk,boss,customer\n")
    assert at.session_state["current"] == "library:tiny" and at.tabs
