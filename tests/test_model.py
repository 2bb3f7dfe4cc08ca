"""The organisation model: building, validation rules, conversions."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from orbit import CUSTOMER, Journey, Organisation, OrgError, build_organisation

RECORDS = [
    {"id": "ceo", "name": "Chief", "kind": "leadership", "headcount": 1},
    {"id": "sales", "parent": "ceo", "headcount": 12, "serves": ["customer"], "region": "north"},
    {"id": "ops", "parent": "ceo", "serves": "sales|customer", "orbit": 2},
]


def org() -> Organisation:
    return Organisation.from_records(
        RECORDS, name="Demo", customer="Kunde", journeys=[{"name": "j", "steps": ["sales", "ops"]}]
    )


def test_units_keep_file_order_fields_and_attributes():
    o = org()
    assert list(o.ids) == ["ceo", "sales", "ops"]
    assert len(o) == 3
    assert o.attribute_columns == ["region"]
    assert o.unit("sales") == {
        "id": "sales",
        "name": None,
        "kind": None,
        "parent": "ceo",
        "headcount": 12,
        "orbit": None,
        "region": "north",
        "serves": ["customer"],
    }
    assert o.unit("ops")["serves"] == ["sales", "customer"]
    assert (o.name, o.customer, o.journeys) == ("Demo", "Kunde", [Journey("j", ("sales", "ops"))])


def test_unknown_unit():
    with pytest.raises(KeyError, match="nobody"):
        org().unit("nobody")


def test_relation_count_is_reporting_lines_plus_service_relations():
    assert org().relation_count == 2 + 3


def test_records_leave_out_empty_fields():
    assert org().records() == [
        {"id": "ceo", "name": "Chief", "kind": "leadership", "headcount": 1},
        {"id": "sales", "parent": "ceo", "headcount": 12, "serves": ["customer"], "region": "north"},
        {"id": "ops", "parent": "ceo", "serves": ["sales", "customer"], "orbit": 2},
    ]


def test_table_has_serves_as_text_and_builds_back():
    o = org()
    t = o.table()
    assert list(t.columns[:7]) == ["id", "name", "kind", "parent", "headcount", "serves", "orbit"]
    assert t.loc[t["id"] == "ops", "serves"].item() == "sales|customer"
    back = Organisation.from_table(t, like=o)
    assert back.records() == o.records()
    assert (back.name, back.customer, back.journeys) == (o.name, o.customer, o.journeys)


def test_from_table_skips_empty_rows_and_counts_rows_from_one():
    t = org().table()
    blank = pd.DataFrame([[None] * len(t.columns)], columns=t.columns)
    t = pd.concat([t.iloc[:1], blank, t.iloc[1:]], ignore_index=True)
    assert len(Organisation.from_table(t)) == 3
    t.loc[3, "parent"] = "ghost"  # the 4th row as the user sees it
    with pytest.raises(OrgError) as info:
        Organisation.from_table(t)
    assert info.value.line == 4
    assert "'ghost'" in info.value.message


def test_from_table_half_filled_row_needs_an_id():
    t = org().table()
    t.loc[len(t)] = [None, "New team"] + [None] * (len(t.columns) - 2)
    with pytest.raises(OrgError, match="empty id") as info:
        Organisation.from_table(t)
    assert info.value.line == 4


def test_copy_is_independent():
    o = org()
    c = o.copy()
    c.units.loc[0, "name"] = "Boss"
    c.journeys.append(Journey("k", ("ceo",)))
    c.attrs["x"] = 1
    assert o.unit("ceo")["name"] == "Chief"
    assert len(o.journeys) == 1
    assert o.attrs == {}


@pytest.mark.parametrize(
    ("records", "words"),
    [
        ([{"id": "a"}, {"id": "a"}], ["duplicate", "'a'"]),
        ([{"id": " a "}, {"id": "a"}], ["duplicate", "'a'"]),
        ([{"id": "a", "parent": "b"}], ["unknown parent", "'b'"]),
        ([{"id": "a", "serves": ["b"]}], ["unknown", "'b'"]),
        ([{"id": "a", "serves": ["a"]}], ["'a'", "itself"]),
        ([{"id": "a", "parent": "a"}], ["'a'", "itself"]),
        ([{"id": "a", "parent": "b"}, {"id": "b", "parent": "a"}], ["cycle", "'a'", "'b'"]),
        ([{"id": CUSTOMER}], ["reserved"]),
        ([{"id": "a", "parent": CUSTOMER}], ["'a'", "serves"]),
        ([{"id": "a", "headcount": -1}], ["headcount", "-1"]),
        ([{"id": "a", "headcount": 1.5}], ["headcount", "1.5"]),
        ([{"id": "a", "headcount": True}], ["headcount", "True"]),
        ([{"id": "a", "headcount": float("inf")}], ["headcount", "inf"]),
        ([{"id": "a", "orbit": 0}], ["orbit", "0"]),
        ([{"id": None}], ["empty id"]),
        ([{"name": "x"}], ["id"]),
        ([{"id": "a", "serves": {"b": 1}}], ["serves"]),
    ],
)
def test_rules_of_a_valid_organisation(records, words):
    with pytest.raises(OrgError) as info:
        Organisation.from_records(records)
    for word in words:
        assert word in info.value.message


@pytest.mark.parametrize(
    ("journey", "words"),
    [
        ({"name": "j", "steps": ["a", "ghost"]}, ["'ghost'"]),
        ({"name": "j", "steps": []}, ["steps"]),
        ({"name": "", "steps": ["a"]}, ["no name"]),
        ({"name": "j", "steps": ["customer"]}, ["no unit"]),
        ("just text", ["journey 1"]),
    ],
)
def test_rules_of_a_journey(journey, words):
    with pytest.raises(OrgError) as info:
        Organisation.from_records([{"id": "a"}], journeys=[journey])
    for word in words:
        assert word in info.value.message


def test_whole_numbers_written_as_text_or_floats_are_accepted():
    o = Organisation.from_records([{"id": "a", "headcount": "12", "orbit": 2.0}, {"id": "b", "headcount": " 3 "}])
    assert o.unit("a")["headcount"] == 12
    assert o.unit("a")["orbit"] == 2
    assert o.unit("b")["headcount"] == 3


def test_numeric_ids_become_text():
    o = Organisation.from_records([{"id": 100}, {"id": 101.0, "parent": 100}])
    assert list(o.ids) == ["100", "101"]
    assert o.unit("101")["parent"] == "100"


def test_error_lines_come_from_line_of():
    table = pd.DataFrame({"id": ["a", "b", "c"], "parent": [None, "a", "zz"]})
    with pytest.raises(OrgError) as info:
        build_organisation(table, source="f.csv", line_of=lambda i: 10 * (i + 1))
    assert str(info.value) == "f.csv:30: unknown parent 'zz' of unit 'c'"


def test_to_networkx_has_the_customer_and_both_relations():
    g = org().to_networkx()
    assert isinstance(g, nx.DiGraph)
    assert g.nodes[CUSTOMER]["name"] == "Kunde"
    assert g.edges["sales", "ceo"]["relation"] == "reports_to"
    assert g.edges["sales", CUSTOMER]["relation"] == "serves"
    assert g.edges["ops", "sales"]["relation"] == "serves"
    assert g.nodes["sales"]["region"] == "north"
    assert g.graph["name"] == "Demo"


def test_from_networkx_round_trip():
    o = org()
    back = Organisation.from_networkx(o.to_networkx())
    assert back.records() == o.records()
    assert (back.name, back.customer, back.journeys) == (o.name, o.customer, o.journeys)


def test_from_networkx_of_a_hand_built_graph():
    g = nx.DiGraph()
    g.add_edge("desk", CUSTOMER)  # no relation attribute: a service relation
    g.add_edge("back", "desk", relation="reports_to")
    g.add_edge(CUSTOMER, "shop")  # a touchpoint drawn from the customer
    o = Organisation.from_networkx(g)
    assert o.unit("desk")["serves"] == [CUSTOMER]
    assert o.unit("back")["parent"] == "desk"
    assert o.unit("shop")["serves"] == [CUSTOMER]


def test_from_networkx_unknown_relation():
    g = nx.DiGraph()
    g.add_edge("a", "b", relation="likes")
    with pytest.raises(OrgError, match="likes"):
        Organisation.from_networkx(g)


def test_unit_serving_its_own_parent_keeps_both_relations_through_networkx():
    o = Organisation.from_records([{"id": "boss"}, {"id": "aide", "parent": "boss", "serves": ["boss", "customer"]}])
    back = Organisation.from_networkx(o.to_networkx())
    assert back.unit("aide")["parent"] == "boss"
    assert back.unit("aide")["serves"] == ["boss", "customer"]
