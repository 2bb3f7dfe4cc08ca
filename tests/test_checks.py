"""Design checks: every rule on small hand-made organisations."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orbit
from orbit.checks import DEFAULTS, gatekeepers, has_errors, run_checks
from orbit.cli import main
from orbit.generate import generate_org
from orbit.model import Organisation


def org_of(*units, **kwargs) -> Organisation:
    return Organisation.from_records(units, **kwargs)


def rules(findings, rule):
    return [f for f in findings if f.rule == rule]


def chain(n: int) -> list[dict]:
    """desk serves the customer; u1 serves desk, u2 serves u1, ... (hops 1..n)."""
    units = [{"id": "desk", "serves": ["customer"]}]
    prev = "desk"
    for k in range(1, n):
        units.append({"id": f"u{k}", "serves": [prev]})
        prev = f"u{k}"
    return units


def test_far_from_customer_lists_units_beyond_n():
    org = org_of(*chain(6))  # hops 1..6
    far = rules(run_checks(org, max_hops=3), "far-from-customer")
    assert len(far) == 1
    assert far[0].severity == "warning"
    assert set(far[0].units) == {"u3", "u4", "u5"}  # hops 4, 5, 6
    assert far[0].units[0] == "u5"  # farthest first
    assert rules(run_checks(org, max_hops=6), "far-from-customer") == []


def test_unconnected_is_an_error_and_fails_the_check():
    org = org_of({"id": "desk", "serves": ["customer"]}, {"id": "island"}, {"id": "reef", "parent": "island"})
    found = rules(run_checks(org), "unconnected")
    assert found[0].severity == "error"
    assert set(found[0].units) == {"island", "reef"}
    assert has_errors(run_checks(org))
    assert not has_errors(run_checks(org_of({"id": "desk", "serves": ["customer"]})))


def test_misplaced_when_designed_orbit_is_nearer_than_hops():
    org = org_of(
        {"id": "desk", "serves": ["customer"]},
        {"id": "lab", "serves": ["desk"], "orbit": 1},  # measures 2
        {"id": "ops", "serves": ["desk"], "orbit": 3},  # measures 2: further is fine
    )
    found = rules(run_checks(org), "misplaced")
    assert [f.units for f in found] == [["lab"]]
    assert "orbit 1" in found[0].message and "2 hops" in found[0].message


def test_span_too_narrow_and_too_wide():
    units = [{"id": "boss", "serves": ["customer"]}, {"id": "solo", "parent": "boss"}, {"id": "wide"}]
    units.append({"id": "lonely", "parent": "solo"})  # solo has 1 report
    units += [{"id": f"r{k}", "parent": "wide", "serves": ["customer"]} for k in range(16)]
    found = run_checks(org_of(*units))
    spans = {f.units[0]: f.message for f in rules(found, "span")}
    assert set(spans) == {"boss", "solo", "wide"}  # 1, 1 and 16 reports
    assert "16 direct reports" in spans["wide"]
    assert "1 direct report " in spans["solo"]
    # thresholds from options
    assert {f.units[0] for f in rules(run_checks(org_of(*units), min_span=1, max_span=20), "span")} == set()


def test_layers_beyond_threshold():
    units = [{"id": "l1", "serves": ["customer"]}] + [{"id": f"l{k}", "parent": f"l{k - 1}"} for k in range(2, 10)]
    found = rules(run_checks(org_of(*units)), "layers")
    assert len(found) == 1 and found[0].units == ["l9"]
    assert rules(run_checks(org_of(*units), max_layers=9), "layers") == []


def test_gatekeeper_counts_units_and_headcount_cut_off():
    # front is the only route for back and its 5 teams
    units = [
        {"id": "front", "serves": ["customer"], "headcount": 4},
        {"id": "back", "serves": ["front"], "headcount": 2},
    ]
    units += [{"id": f"t{k}", "parent": "back", "headcount": 10} for k in range(5)]
    found = rules(run_checks(org_of(*units)), "gatekeeper")
    by_unit = {f.units[0]: f for f in found}
    assert set(by_unit) == {"front", "back"}
    assert {k: by_unit["front"].detail[k] for k in ("units_cut_off", "headcount_cut_off")} == {
        "units_cut_off": 6,
        "headcount_cut_off": 52.0,
    }
    assert {k: by_unit["back"].detail[k] for k in ("units_cut_off", "headcount_cut_off")} == {
        "units_cut_off": 5,
        "headcount_cut_off": 50.0,
    }
    # a second route removes the gatekeeper
    units.append({"id": "bridge", "serves": ["customer", "back"]})
    assert {f.units[0] for f in rules(run_checks(org_of(*units)), "gatekeeper")} == {"back"}


@settings(max_examples=40, deadline=None)
@given(n=st.integers(5, 120), seed=st.integers(0, 10_000))
def test_gatekeepers_match_networkx_articulation_points(n, seed):
    org = generate_org(n, seed=seed, touchpoint_share=0.1, service_share=0.02)
    a = orbit.analyse(org)
    ours = {org.units["id"].iloc[code]: lost for code, lost, _ in gatekeepers(a)}
    g = nx.Graph()
    g.add_nodes_from([*org.units["id"], "customer"])
    edges = orbit.relation_edges(org)
    g.add_edges_from(zip(edges["source"], edges["target"], strict=True))
    reach = nx.node_connected_component(g, "customer")
    expected = {}
    for v in nx.articulation_points(g.subgraph(reach)):
        if v == "customer":
            continue
        rest = nx.node_connected_component(g.subgraph(reach - {v}), "customer")
        expected[v] = len(reach) - 1 - len(rest)
    assert ours == expected


def test_team_topologies_stream_not_at_customer_and_ratio():
    units = [{"id": f"s{k}", "team_type": "stream-aligned", "serves": ["customer"]} for k in range(4)]
    units.append({"id": "s-far", "team_type": "stream-aligned", "serves": ["s0"]})
    units.append({"id": "plat", "team_type": "platform", "serves": ["s0", "s1"]})
    found = rules(run_checks(org_of(*units)), "team-topologies")
    messages = " ".join(f.message for f in found)
    assert any(f.units == ["s-far"] for f in found)
    assert "5 stream-aligned teams to 1 other" in messages  # 5:1 is below 6:1
    # 6 stream teams to 1 platform, all at the customer: healthy
    healthy = [{"id": f"s{k}", "team_type": "stream-aligned", "serves": ["customer"]} for k in range(6)]
    healthy.append({"id": "plat", "team_type": "platform", "serves": ["s0"]})
    assert rules(run_checks(org_of(*healthy)), "team-topologies") == []
    # no team_type at all: the rule does not apply
    assert rules(run_checks(org_of(*chain(3))), "team-topologies") == []


def test_orphan_has_no_relation_at_all():
    org = org_of(
        {"id": "desk", "serves": ["customer"]},
        {"id": "orphan"},
        {"id": "boss"},
        {"id": "kid", "parent": "boss"},  # boss and kid have a reporting line
        {"id": "served"},
        {"id": "helper", "serves": ["served"]},
    )
    found = rules(run_checks(org), "orphan")
    assert [f.units for f in found] == [["orphan"]]


def test_checks_section_sets_thresholds_severity_and_disable(tmp_path):
    path = tmp_path / "design.yaml"
    path.write_text(
        "checks:\n  max_hops: 1\n  severity: {far-from-customer: error}\n  disable: [span]\n"
        "units:\n  - {id: desk, serves: [customer]}\n  - {id: back, serves: [desk]}\n"
        "  - {id: boss}\n  - {id: kid, parent: boss, serves: [customer]}\n"
    )
    org = orbit.load(path)
    found = run_checks(org)
    far = rules(found, "far-from-customer")
    assert far and far[0].severity == "error" and "back" in far[0].units
    assert rules(found, "span") == []
    # an explicit option beats the file
    assert rules(run_checks(org, max_hops=3), "far-from-customer") == []


@pytest.mark.parametrize(
    "section, needle",
    [
        ("checks: {max_hop: 2}", "unknown check option 'max_hop'"),
        ("checks: {max_hops: -1}", "whole number"),
        ("checks: {severity: {span: fatal}}", "must be error, warning or info"),
        ("checks: {disable: [nonsense]}", "unknown rule 'nonsense'"),
    ],
)
def test_bad_checks_section_is_a_clean_error(tmp_path, capsys, section, needle):
    path = tmp_path / "bad.yaml"
    path.write_text(section + "\nunits: [{id: a, serves: [customer]}]\n")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and needle in err and err.count("\n") == 1


def test_every_rule_has_an_explanation_with_a_source():
    org = org_of(*chain(6), {"id": "island"})
    for f in run_checks(org):
        doc = f.to_dict()
        assert set(doc) == {"rule", "severity", "units", "message"}
        assert "Source:" in doc["message"]


def test_cli_check_json_and_exit_codes(tmp_path, capsys):
    ok = tmp_path / "ok.yaml"
    ok.write_text("units: [{id: a, serves: [customer]}, {id: b, serves: [a]}, {id: c, serves: [a]}]\n")
    assert main(["check", str(ok), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc == {"findings": []}
    bad = tmp_path / "bad.yaml"
    bad.write_text("units: [{id: a, serves: [customer]}, {id: z}]\n")
    assert main(["check", str(bad), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in doc["findings"]] == ["unconnected", "orphan"]
    assert doc["findings"][0]["severity"] == "error" and doc["findings"][0]["units"] == ["z"]
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "unconnected" in out and "1 error" in out
    assert main(["check", str(ok), "--max-hops", "0"]) == 0
    assert "far-from-customer" in capsys.readouterr().out


def test_defaults_are_documented_thresholds():
    assert DEFAULTS["max_layers"] == 8 and (DEFAULTS["min_span"], DEFAULTS["max_span"]) == (3, 15)


def _every_rule_fires() -> Organisation:
    """An organisation that breaks every rule, every message variant included."""
    units = [{"id": "desk", "serves": ["customer"], "orbit": 1, "headcount": 3}]
    prev = "desk"
    for k in range(1, 10):  # a chain: far units, a gatekeeper, too many layers
        units.append({"id": f"u{k}", "parent": prev, "headcount": 1000})
        prev = f"u{k}"
    units.append({"id": "wish", "parent": "u5", "orbit": 1})  # misplaced
    units.append({"id": "island", "orbit": 2})  # unconnected, misplaced without a path, orphan
    units += [{"id": f"s{k}", "team_type": "stream-aligned", "parent": "desk"} for k in range(2)]
    units += [{"id": f"w{k}", "parent": "u1"} for k in range(16)]  # a span that is too wide
    return org_of(*units)


def test_findings_speak_german_with_the_same_facts():
    org = _every_rule_fires()
    en = run_checks(org, max_layers=3, max_hops=2)
    de = run_checks(org, max_layers=3, max_hops=2, lang="de")
    assert {f.rule for f in en} == {
        "far-from-customer",
        "unconnected",
        "misplaced",
        "span",
        "layers",
        "gatekeeper",
        "team-topologies",
        "orphan",
    }
    assert len({f.key for f in en}) >= 10  # most message variants are exercised
    for e, d in zip(en, de, strict=True):
        assert (e.rule, e.severity, e.units, e.key) == (d.rule, d.severity, d.units, d.key)
        assert e.message != d.message and e.explanation != d.explanation
        assert d.text("en") == e.message and e.text("de") == d.message
        # the same numbers and ids in both languages (German groups thousands with a dot)
        numbers = lambda s: sorted(x.replace(",", "").replace(".", "") for x in re.findall(r"\d[\d,.]*\d|\d", s))  # noqa: E731
        assert numbers(e.message) == numbers(d.message), (e.message, d.message)
        assert "Quelle:" in d.to_dict()["message"]
    gate = next(f for f in de if f.key == "gatekeeper")
    assert "Beschäftigte" in gate.message and "." in gate.message.split("(")[1]  # 8.000, not 8,000


def test_every_rule_has_a_title_and_an_explanation_in_both_languages():
    from orbit.checks import RULES, explanation_of
    from orbit.i18n import STRINGS

    for rule in RULES:
        for part in ("title", "why"):
            assert set(STRINGS[f"check.{rule}.{part}"]) == {"en", "de"}, rule
        assert explanation_of(rule, "de") != explanation_of(rule, "en")
        assert RULES[rule][1] == explanation_of(rule, "en")


def test_cli_check_in_german(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("units: [{id: a, serves: [customer]}, {id: z}]\n")
    assert main(["check", str(bad), "--lang", "de"]) == 1
    out = capsys.readouterr().out
    assert "1 Einheit hat keinen Weg zum Kunden: z." in out and "Quelle:" in out
    assert main(["check", str(bad), "--format", "json", "--lang", "de"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["findings"][0]["message"].startswith("1 Einheit hat keinen Weg zum Kunden")
