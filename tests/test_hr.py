"""Person-level HR exports grouped into units, and aggregation to departments."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orbit
from orbit.aggregate import aggregate
from orbit.cli import main
from orbit.generate import generate_org
from orbit.hr import group_people, person_level_columns
from orbit.model import Organisation

PEOPLE = [
    {"id": "1", "name": "Ada", "dept": "Board"},
    {"id": "2", "name": "Bo", "parent": "1", "dept": "Sales"},
    {"id": "3", "name": "Cy", "parent": "2", "dept": "Sales"},
    {"id": "4", "name": "Di", "parent": "1", "dept": "Service"},
    {"id": "5", "name": "Ed", "parent": "4", "dept": "Service"},
    {"id": "6", "name": "Fa", "parent": "1", "dept": "Service"},  # a second head of Service
    {"id": "7", "name": "Gu", "parent": "3", "dept": "Field Sales"},
]


def test_group_people_headcount_head_parent_and_ties():
    org, notes = group_people(Organisation.from_records(PEOPLE), "dept", customer_facing=["Service"])
    units = org.units.set_index("id")
    assert units.loc["board", "headcount"] == 1 and units.loc["sales", "headcount"] == 2
    assert units.loc["service", "headcount"] == 3 and units.loc["field-sales", "headcount"] == 1
    assert units.loc["sales", "head"] == "2" and units.loc["field-sales", "parent"] == "sales"
    assert units.loc["service", "parent"] == "board" and units.loc["board", "parent"] is None
    # tie: 4 and 6 both report outside Service; the first in the file wins, the note says so
    assert units.loc["service", "head"] == "4"
    # one summary line, naming people by name, not by id
    assert [n for n in notes if "manager outside" in n] == [
        "1 group has several people with a manager outside the group; the one highest in the reporting lines "
        "is the head: 'Service': 2 such people, took Di, not Fa"
    ]
    assert org.unit("service")["serves"] == ["customer"]
    a = orbit.analyse(org)
    hops = dict(zip(a.units["id"], a.units["hops"], strict=True))
    assert hops == {"board": 2, "sales": 3, "service": 1, "field-sales": 4}


def test_head_highest_in_the_reporting_lines_wins():
    people = [
        {"id": "ceo", "d": "A"},
        {"id": "x", "parent": "ceo", "d": "B"},
        {"id": "deep", "parent": "x", "d": "A"},  # manager outside A, but deeper than ceo
    ]
    org, notes = group_people(Organisation.from_records(people), "d")
    assert org.unit("a")["head"] == "ceo" and org.unit("a")["parent"] is None
    assert org.unit("b")["parent"] == "a"
    assert notes and "took ceo" in notes[0]  # no name: the id


def test_person_service_relations_are_lifted_and_empty_cells_grouped():
    people = [
        {"id": "1", "d": "Ops"},
        {"id": "2", "parent": "1", "d": "Ops", "serves": ["3"]},
        {"id": "3", "parent": "1", "d": "Front", "serves": ["customer"]},
        {"id": "4", "parent": "1"},
    ]
    org, notes = group_people(Organisation.from_records(people), "d")
    assert org.unit("ops")["serves"] == ["front"]
    assert org.unit("front")["serves"] == ["customer"]
    assert "(no value)" in set(org.units["name"])
    assert any("1 person has no d" in n for n in notes)


def test_unknown_column_and_value_are_clean_errors():
    people = Organisation.from_records(PEOPLE, source="people.csv")
    with pytest.raises(orbit.OrgError, match=r"no column 'team'.*dept"):
        group_people(people, "team")
    with pytest.raises(orbit.OrgError, match="no dept 'Marketing'"):
        group_people(people, "dept", customer_facing=["Marketing"])


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 150), seed=st.integers(0, 1000), groups=st.integers(1, 12))
def test_grouping_keeps_every_person_and_makes_a_forest(n, seed, groups):
    people = generate_org(n, seed=seed)
    people.units["team"] = [f"T{(i * 7 + seed) % groups}" for i in range(n)]
    org, _ = group_people(people, "team")
    assert int(org.units["headcount"].sum()) == n
    assert len(org) == people.units["team"].nunique()
    orbit.analyse(org)  # a valid forest: built without a cycle error


def test_real_hr_export_grouped_by_department(capsys, hr_export):
    code = main(
        ["analyse", str(hr_export), "--group-by", "department name", "--customer-facing", "Sales,Shipping", "--summary"]
    )
    assert code == 0
    out, err = capsys.readouterr()
    assert "12 units, headcount 107" in out
    assert "note:" in err and "'Shipping'" in err  # ties are reported
    people = orbit.load(hr_export)
    assert person_level_columns(people)[0] == "department_name"


def test_customer_facing_without_group_by_is_an_error(tmp_path, capsys):
    f = tmp_path / "p.csv"
    f.write_text("id,parent\n1,\n2,1\n")
    assert main(["analyse", str(f), "--customer-facing", "Sales"]) == 2
    assert "needs --group-by" in capsys.readouterr().err


def test_aggregate_folds_deep_units_and_keeps_headcount():
    org = Organisation.from_records(
        [
            {"id": "ceo", "headcount": 1},
            {"id": "ops", "parent": "ceo", "headcount": 2},
            {"id": "team1", "parent": "ops", "headcount": 5, "serves": ["customer"]},
            {"id": "team2", "parent": "ops", "headcount": 7, "serves": ["sales"]},
            {"id": "sales", "parent": "ceo", "headcount": 3},
            {"id": "desk", "parent": "sales", "headcount": 4, "serves": ["team1"]},
        ],
        journeys=[{"name": "order", "steps": ["desk", "team1", "team2"]}],
    )
    small = aggregate(org, depth=2)
    assert sorted(small.units["id"]) == ["ceo", "ops", "sales"]
    units = small.units.set_index("id")
    assert units.loc["ops", "headcount"] == 14 and units.loc["ops", "units"] == 3
    assert units.loc["sales", "headcount"] == 7
    assert sorted(small.unit("ops")["serves"]) == ["customer", "sales"]
    assert small.unit("sales")["serves"] == ["ops"]
    assert small.journeys[0].steps == ("sales", "ops")
    assert "6 units shown as 3" in small.attrs["aggregation"]
    # drill-down: open ops one level
    opened = aggregate(org, depth=2, expand=["ops"])
    assert sorted(opened.units["id"]) == ["ceo", "ops", "sales", "team1", "team2"]


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 400), seed=st.integers(0, 1000), depth=st.integers(1, 4))
def test_aggregate_preserves_headcount_and_reachability(n, seed, depth):
    org = generate_org(n, seed=seed)
    small = aggregate(org, depth=depth)
    assert int(small.units["headcount"].sum()) == int(org.units["headcount"].sum())
    assert int(small.units["units"].sum()) == n
    # folding never makes a unit lose its path: reachable departments stay reachable
    before = orbit.analyse(org).summary["unreachable"]
    after = orbit.analyse(small).summary["unreachable"]
    assert after <= before
