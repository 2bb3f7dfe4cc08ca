"""Customer distance on small hand-made organisations, expected values worked out by hand."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import orbit
from orbit import Organisation, analyse, compare
from orbit.analysis import span_archetype


def shop() -> Organisation:
    """
    ceo (1)
    ├── sales (10, serves customer)
    │   └── key_accounts (4)
    ├── ops (20, serves sales)
    │   └── warehouse (30, serves ops, orbit 2)
    └── finance (5, orbit 4)
    partner (3, serves customer, orbit 1)      a second root
    island (no headcount)                      no relation at all
    """
    return Organisation.from_records(
        [
            {"id": "ceo", "name": "Chief", "kind": "leadership", "headcount": 1},
            {"id": "sales", "parent": "ceo", "headcount": 10, "serves": ["customer"]},
            {"id": "key_accounts", "parent": "sales", "headcount": 4},
            {"id": "ops", "parent": "ceo", "headcount": 20, "serves": ["sales"]},
            {"id": "warehouse", "parent": "ops", "headcount": 30, "serves": ["ops"], "orbit": 2},
            {"id": "finance", "parent": "ceo", "headcount": 5, "orbit": 4},
            {"id": "partner", "headcount": 3, "serves": ["customer"], "orbit": 1},
            {"id": "island"},
        ],
        name="Shop",
        journeys=[
            {"name": "order", "steps": ["sales", "ops", "warehouse"]},
            {"name": "internal", "steps": ["key_accounts", "ceo", "finance"]},
            {"name": "complaint", "steps": ["partner", "finance"]},
        ],
    )


def column(a, name) -> dict:
    t = a.units
    return {i: (None if pd.isna(v) else v) for i, v in zip(t["id"], t[name])}


HOPS = {
    "both": {
        "ceo": 2,
        "sales": 1,
        "key_accounts": 2,
        "ops": 2,
        "warehouse": 3,
        "finance": 3,
        "partner": 1,
        "island": None,
    },
    "reports": {
        "ceo": 2,
        "sales": 1,
        "key_accounts": 2,
        "ops": 3,
        "warehouse": 4,
        "finance": 3,
        "partner": 1,
        "island": None,
    },
    "serves": {
        "ceo": None,
        "sales": 1,
        "key_accounts": None,
        "ops": 2,
        "warehouse": 3,
        "finance": None,
        "partner": 1,
        "island": None,
    },
}


@pytest.mark.parametrize("via", ["both", "reports", "serves"])
def test_hops_for_each_choice_of_relations(via):
    a = analyse(shop(), via=via)
    assert column(a, "hops") == HOPS[via]


def test_default_is_both_and_three_hops():
    a = analyse(shop())
    assert (a.via, a.max_hops) == ("both", 3)
    assert column(a, "hops") == HOPS["both"]


def test_touchpoint_is_one_hop_even_when_units_relations_are_ignored():
    org = Organisation.from_records([{"id": "a", "serves": ["customer"]}, {"id": "b", "serves": ["a"]}])
    assert column(analyse(org, via="reports"), "hops") == {"a": 1, "b": None}


def test_relations_count_in_both_directions():
    # the customer-facing unit reports to the boss: the boss is 2 hops away, its staff 3
    org = Organisation.from_records(
        [
            {"id": "boss"},
            {"id": "desk", "parent": "boss", "serves": ["customer"]},
            {"id": "staff", "parent": "boss"},
            {"id": "supplier", "serves": ["staff"]},
        ]
    )
    assert column(analyse(org), "hops") == {"boss": 2, "desk": 1, "staff": 3, "supplier": 4}


@pytest.mark.parametrize(
    ("via", "max_hops", "flagged"),
    [
        ("both", 3, {"island"}),
        ("both", 2, {"island", "warehouse", "finance"}),
        ("both", 1, {"island", "warehouse", "finance", "ceo", "key_accounts", "ops"}),
        ("both", 0, {"ceo", "sales", "key_accounts", "ops", "warehouse", "finance", "partner", "island"}),
        ("reports", 3, {"island", "warehouse"}),
        ("serves", 3, {"island", "ceo", "key_accounts", "finance"}),
    ],
)
def test_flagged_means_too_far_or_no_path(via, max_hops, flagged):
    a = analyse(shop(), max_hops=max_hops, via=via)
    assert {k for k, v in column(a, "flagged").items() if v} == flagged
    assert a.summary["flagged"] == len(flagged)


def test_ring_is_the_designed_orbit_else_the_hops():
    a = analyse(shop())
    assert column(a, "ring") == {
        "ceo": 2,
        "sales": 1,
        "key_accounts": 2,
        "ops": 2,
        "warehouse": 2,  # designed
        "finance": 4,  # designed, further out than it is
        "partner": 1,  # designed and true
        "island": None,
    }


def test_misplaced_means_designed_nearer_than_measured():
    a = analyse(shop())
    assert {k for k, v in column(a, "misplaced").items() if v} == {"warehouse"}
    assert a.summary["misplaced"] == 1
    # counted by what is measured: through reporting lines only, warehouse is 4 hops away
    a = analyse(shop(), via="reports")
    assert {k for k, v in column(a, "misplaced").items() if v} == {"warehouse"}


def test_unconnected_designed_unit():
    org = Organisation.from_records([{"id": "a", "serves": ["customer"]}, {"id": "lost", "orbit": 1}])
    a = analyse(org)
    assert column(a, "hops")["lost"] is None
    assert column(a, "ring")["lost"] is None
    assert column(a, "flagged")["lost"]
    assert a.summary["rings"] == {"1": 1, "unconnected": 1}


def test_paths_run_from_the_unit_to_the_customer():
    a = analyse(shop())
    paths = dict(zip(a.units["id"], a.units["path"]))
    assert paths["sales"] == ["sales", "customer"]
    assert paths["warehouse"] == ["warehouse", "ops", "sales", "customer"]
    assert paths["finance"] == ["finance", "ceo", "sales", "customer"]
    assert paths["island"] == []
    assert a.path("key_accounts") == ["key_accounts", "sales", "customer"]
    with pytest.raises(KeyError):
        a.path("nobody")


def test_summary_of_the_shop():
    s = analyse(shop()).summary
    assert s["units"] == 8
    assert s["layers"] == 3
    assert s["max_span"] == 3
    assert s["mean_span"] == pytest.approx(5 / 3, abs=0.01)
    # (1*2 + 10*1 + 4*2 + 20*2 + 30*3 + 5*3 + 3*1) / (1 + 10 + 4 + 20 + 30 + 5 + 3); island has no path
    assert s["mean_hops"] == pytest.approx(168 / 73, abs=1e-3)
    # island has no headcount: it counts as 1
    assert s["share_within_max_hops"] == pytest.approx(73 / 74, abs=1e-4)
    assert s["unreachable"] == 1
    assert s["rings"] == {"1": 13, "2": 55, "4": 5, "unconnected": 1}


def test_mean_hops_counts_missing_headcount_as_one_and_zero_as_zero():
    org = Organisation.from_records(
        [
            {"id": "front", "serves": ["customer"], "headcount": 3},
            {"id": "back", "serves": ["front"]},  # missing: weight 1
            {"id": "ghost", "serves": ["back"], "headcount": 0},  # empty team: weight 0
        ]
    )
    s = analyse(org, max_hops=1).summary
    assert s["mean_hops"] == pytest.approx((3 * 1 + 1 * 2 + 0 * 3) / 4)
    assert s["share_within_max_hops"] == pytest.approx(3 / 4)


def test_share_within_max_hops_moves_with_n():
    org = shop()
    shares = [analyse(org, max_hops=n).summary["share_within_max_hops"] for n in range(5)]
    assert shares == pytest.approx([0, 13 / 74, 38 / 74, 73 / 74, 73 / 74], abs=1e-4)


def test_layers_and_spans():
    org = Organisation.from_records(
        [{"id": "root"}]
        + [{"id": f"m{i}", "parent": "root"} for i in range(7)]
        + [{"id": f"t{i}", "parent": "m0"} for i in range(12)]
        + [{"id": "deep", "parent": "t0"}]
    )
    a = analyse(org)
    assert a.summary["layers"] == 4
    assert a.summary["max_span"] == 12
    assert a.summary["mean_span"] == pytest.approx((7 + 12 + 1) / 3, abs=0.01)
    spans = a.spans().set_index("id")
    assert spans.loc["root", "span"] == 7
    assert spans.loc["root", "archetype"] == "coach"
    assert spans.loc["m0", "archetype"] == "facilitator"
    assert pd.isna(spans.loc["t0", "archetype"])
    assert set(spans.index) == {"root", "m0", "t0"}


@pytest.mark.parametrize(
    ("span", "archetype"),
    [
        (1, None),
        (2, None),
        (3, "player/coach"),
        (5, "player/coach"),
        (6, "coach"),
        (7, "coach"),
        (8, "supervisor"),
        (10, "supervisor"),
        (11, "facilitator"),
        (15, "facilitator"),
        (16, "coordinator"),
    ],
)
def test_span_archetypes_follow_the_mckinsey_bands(span, archetype):
    assert span_archetype(span) == archetype


def test_flat_organisation_has_one_layer_and_no_span():
    org = Organisation.from_records([{"id": "a"}, {"id": "b"}])
    s = analyse(org).summary
    assert (s["layers"], s["max_span"], s["mean_span"]) == (1, 0, 0)


def test_empty_organisation():
    org = Organisation.from_records([])
    a = analyse(org)
    assert a.summary["units"] == 0
    assert a.summary["mean_hops"] is None
    assert a.summary["share_within_max_hops"] is None
    assert len(a.units) == 0
    json.dumps(a.to_dict())


def test_nobody_reaches_the_customer():
    org = Organisation.from_records([{"id": "a", "headcount": 2}, {"id": "b", "parent": "a"}])
    s = analyse(org).summary
    assert s["mean_hops"] is None
    assert s["share_within_max_hops"] == 0
    assert s["unreachable"] == s["flagged"] == 2
    assert s["rings"] == {"unconnected": 3}


# ---------------------------------------------------------------- journeys
def journey(a, name) -> dict:
    rows = a.journeys.set_index("name")
    return rows.loc[name].to_dict()


def test_handoffs_are_steps_plus_one():
    a = analyse(shop())
    assert journey(a, "order")["handoffs"] == 4
    assert journey(a, "internal")["handoffs"] == 4
    assert journey(a, "complaint")["handoffs"] == 3


def test_boundary_crossings_between_top_level_departments():
    a = analyse(shop())
    # sales | ops -> warehouse (warehouse belongs to ops)
    assert journey(a, "order")["boundary_crossings"] == 1
    assert journey(a, "order")["departments"] == ["sales", "ops"]
    # key_accounts (sales) | ceo (the root, its own) | finance
    assert journey(a, "internal")["boundary_crossings"] == 2


def test_detours_between_units_without_a_direct_relation():
    a = analyse(shop())
    order = journey(a, "order")
    assert (order["detour_hops"], order["detours"]) == (0, [])
    internal = journey(a, "internal")
    # key_accounts -> sales -> ceo
    assert internal["detour_hops"] == 2
    assert internal["detours"] == [{"from": "key_accounts", "to": "ceo", "hops": 2}]


def test_detours_follow_via():
    # sales and ops are linked only by a service relation
    a = analyse(shop(), via="reports")
    assert journey(a, "order")["detours"] == [{"from": "sales", "to": "ops", "hops": 2}]


def test_detour_with_no_path_between_units_is_null():
    # partner and finance meet only at the customer: detours run between units only
    a = analyse(shop())
    c = journey(a, "complaint")
    assert pd.isna(c["detour_hops"])
    assert c["detours"] == [{"from": "partner", "to": "finance", "hops": None}]


def test_journey_repeating_a_unit_costs_no_detour():
    org = Organisation.from_records(
        [{"id": "a", "serves": ["customer"]}], journeys=[{"name": "j", "steps": ["a", "a"]}]
    )
    j = journey(analyse(org), "j")
    assert (j["handoffs"], j["detour_hops"], j["boundary_crossings"]) == (3, 0, 0)


def test_analysis_json_document_is_plain_json():
    doc = analyse(shop()).to_dict()
    assert json.loads(json.dumps(doc)) == doc
    assert doc["organisation"] == "Shop"
    assert set(doc) == {"organisation", "max_hops", "via", "summary", "units", "journeys"}


# ---------------------------------------------------------------- arguments
def test_unknown_via_is_refused():
    with pytest.raises(ValueError, match="via"):
        analyse(shop(), via="email")


def test_negative_max_hops_is_refused():
    with pytest.raises(ValueError, match="max_hops"):
        analyse(shop(), max_hops=-1)


def test_relation_edges_follow_via():
    org = shop()
    both = orbit.relation_edges(org)
    assert len(both) == org.relation_count
    reports = orbit.relation_edges(org, "reports")
    assert set(reports["relation"]) == {"reports_to", "touchpoint"}
    serves = orbit.relation_edges(org, "serves")
    assert set(serves["relation"]) == {"serves", "touchpoint"}
    assert len(reports) + len(serves) - 2 == len(both)


# ---------------------------------------------------------------- compare
def proposal() -> Organisation:
    return Organisation.from_records(
        [
            {"id": "ceo", "headcount": 1},
            {"id": "sales", "parent": "ceo", "headcount": 10, "serves": ["customer"]},
            {"id": "key_accounts", "parent": "ceo", "headcount": 4},
            {"id": "ops", "parent": "ceo", "headcount": 20, "serves": ["sales"]},
            {"id": "warehouse", "parent": "ops", "headcount": 30, "serves": ["ops"]},
            {"id": "support", "parent": "ceo", "headcount": 6, "serves": ["customer"]},
            {"id": "partner", "headcount": 3, "serves": ["customer"], "orbit": 1},
            {"id": "island"},
        ],
        name="Proposal",
    )


def test_compare_matches_units_by_id():
    c = compare(shop(), proposal())
    assert c.added == ["support"]
    assert c.removed == ["finance"]
    # key_accounts: sales -> ceo, now ceo -> sales/support -> customer = 3
    # warehouse: designed ring 2 dropped, measured 3
    assert c.moved == [
        {"id": "key_accounts", "from_ring": 2, "to_ring": 3},
        {"id": "warehouse", "from_ring": 2, "to_ring": 3},
    ]
    assert c.reparented == [{"id": "key_accounts", "from_parent": "sales", "to_parent": "ceo"}]


def test_compare_json_document():
    doc = compare(shop(), proposal()).to_dict(("a.yaml", "b.yaml"))
    assert [d["name"] for d in doc["designs"]] == ["Shop", "Proposal"]
    assert [d["file"] for d in doc["designs"]] == ["a.yaml", "b.yaml"]
    assert doc["designs"][0]["summary"] == analyse(shop()).summary
    assert set(doc["diff"]) == {"added", "removed", "moved", "reparented"}
    assert json.loads(json.dumps(doc)) == doc


def test_compare_with_itself_finds_nothing():
    c = compare(shop(), shop())
    assert (c.added, c.removed, c.moved, c.reparented) == ([], [], [], [])
    assert c.diff_table().empty


def test_compare_unconnected_unit_that_gets_connected():
    a = Organisation.from_records([{"id": "x"}])
    b = Organisation.from_records([{"id": "x", "serves": ["customer"]}])
    assert compare(a, b).moved == [{"id": "x", "from_ring": None, "to_ring": 1}]
