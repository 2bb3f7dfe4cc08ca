"""The sample library: every sample loads, analyses and checks; pairs tell the story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import orbit
from orbit.checks import run_checks
from orbit.cli import main

SAMPLES = sorted((Path(__file__).parent.parent / "sample_orgs").glob("*.yaml"))
PAIRS = sorted(p.name.removesuffix("-classic.yaml") for p in SAMPLES if p.name.endswith("-classic.yaml"))


def test_the_library_is_complete():
    assert len(SAMPLES) >= 6
    assert len(PAIRS) >= 2
    for name in PAIRS:
        assert (SAMPLES[0].parent / f"{name}-orbit.yaml").exists()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_loads_analyses_and_checks(path):
    org = orbit.load(path)
    assert 30 <= len(org) <= 300
    assert org.name and org.description, "every sample has a name and a description"
    assert len(org.journeys) >= 3
    assert org.units["headcount"].notna().all()
    a = orbit.analyse(org)
    assert a.summary["unreachable"] == 0
    j = a.journeys
    assert (j["handoffs"] == j["steps"].map(len) + 1).all()
    findings = run_checks(org, a)
    assert not [f for f in findings if f.severity == "error"]


@pytest.mark.parametrize("name", PAIRS)
def test_orbit_design_is_nearer_the_customer(name, capsys):
    classic = SAMPLES[0].parent / f"{name}-classic.yaml"
    redesign = SAMPLES[0].parent / f"{name}-orbit.yaml"
    assert main(["compare", str(classic), str(redesign), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    before, after = (d["summary"] for d in doc["designs"])
    assert after["mean_hops"] < before["mean_hops"]
    assert after["flagged"] < before["flagged"]
    # the same company: most units are matched by id
    diff = doc["diff"]
    assert len(diff["removed"]) < before["units"] / 2
    # journeys of the redesign cross fewer department boundaries in total
    a = orbit.analyse(orbit.load(classic)).journeys["boundary_crossings"].sum()
    b = orbit.analyse(orbit.load(redesign)).journeys["boundary_crossings"].sum()
    assert b <= a
