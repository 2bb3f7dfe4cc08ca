"""orbit_layout: geometric invariants, determinism, reference stability, labels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orbit.analysis import analyse, relation_edges
from orbit.generate import generate_org
from orbit.layout import OrbitLayout, count_crossings, orbit_layout, visible_labels
from orbit.layout.radial import _spread_ring
from orbit.model import CUSTOMER, Organisation


@st.composite
def organisations(draw, max_units=40):
    """Small random designs: a reporting forest, service relations, touchpoints, some designed orbits."""
    n = draw(st.integers(1, max_units))
    records = []
    for i in range(n):
        rec = {"id": f"u{i}"}
        if i and draw(st.integers(0, 9)) > 0:
            rec["parent"] = f"u{draw(st.integers(0, i - 1))}"
        serves = set()
        if draw(st.integers(0, 3)) == 0:
            serves.add(CUSTOMER)
        if n > 1 and draw(st.integers(0, 5)) == 0:
            j = draw(st.integers(0, n - 1))
            if j != i:
                serves.add(f"u{j}")
        if serves:
            rec["serves"] = sorted(serves)
        if draw(st.integers(0, 9)) == 0:
            rec["orbit"] = draw(st.integers(1, 6))
        rec["headcount"] = draw(st.integers(1, 50))
        records.append(rec)
    return Organisation.from_records(records)


def radius_of(pos, node):
    cx, cy = pos[CUSTOMER]
    x, y = pos[node]
    return math.hypot(x - cx, y - cy)


def check_rings(org, pos, via="both"):
    a = analyse(org, via=via)
    ring = a.units.set_index("id")["ring"]
    assert isinstance(pos, OrbitLayout)
    assert set(pos) == set(org.units["id"]) | {CUSTOMER}
    radii = list(pos.radii.values())
    assert radii == sorted(radii) and len(set(radii)) == len(radii), "radii strictly increase with the ring"
    assert list(pos.radii) == sorted(pos.radii)
    connected = ring.dropna()
    if len(connected) < len(ring):
        assert pos.unconnected_ring == (int(connected.max()) + 1 if len(connected) else 1)
        assert pos.unconnected_ring == max(pos.radii)
    else:
        assert pos.unconnected_ring is None
    for uid, r in ring.items():
        k = pos.unconnected_ring if pd.isna(r) else int(r)
        assert pos.rings[uid] == k
        assert radius_of(pos, uid) == pytest.approx(pos.radii[k], rel=1e-9, abs=1e-9)


def test_tiny_example():
    org = Organisation.from_records(
        [
            {"id": "ceo"},
            {"id": "sales", "parent": "ceo", "serves": ["customer"]},
            {"id": "ops", "parent": "ceo"},
            {"id": "lonely"},
        ]
    )
    pos = orbit_layout(org)
    assert pos[CUSTOMER] == (0.0, 0.0)
    assert pos.radii == {1: 1.0, 2: 2.0, 3: 3.0, 4: 4.0}
    assert pos.rings == {"ceo": 2, "sales": 1, "ops": 3, "lonely": 4}
    assert pos.unconnected_ring == 4
    check_rings(org, pos)


def test_empty_and_single():
    org = Organisation.from_records([{"id": "a", "serves": ["customer"]}])
    pos = orbit_layout(org)
    assert radius_of(pos, "a") == pytest.approx(1.0)
    org = Organisation.from_records([{"id": "a"}])
    pos = orbit_layout(org)
    assert pos.unconnected_ring == 1 and pos.radii == {1: 1.0}


@given(organisations(), st.sampled_from(["both", "reports", "serves"]))
def test_every_unit_on_its_ring(org, via):
    pos = orbit_layout(org, via=via)
    check_rings(org, pos, via)


@given(organisations())
def test_deterministic_and_pure(org):
    before = org.units.copy()
    a = orbit_layout(org)
    b = orbit_layout(org)
    assert a == b and a.radii == b.radii
    assert org.units.equals(before)


@given(organisations(), st.floats(0.1, 10), st.tuples(st.floats(-5, 5), st.floats(-5, 5)))
def test_scale_and_center(org, scale, center):
    base = orbit_layout(org)
    moved = orbit_layout(org, scale=scale, center=center)
    assert moved[CUSTOMER] == pytest.approx(center)
    for k, (x, y) in base.items():
        mx, my = moved[k]
        assert mx == pytest.approx(center[0] + scale * x, abs=1e-9)
        assert my == pytest.approx(center[1] + scale * y, abs=1e-9)
    assert moved.radii == pytest.approx({k: scale * r for k, r in base.radii.items()})


@given(st.integers(2, 400), st.integers(0, 1000))
def test_generated_orgs(n, seed):
    org = generate_org(n, seed=seed)
    pos = orbit_layout(org)
    check_rings(org, pos)
    # units of one ring do not coincide
    for k in pos.radii:
        ang = np.sort([pos.angle(u) for u, r in pos.rings.items() if r == k])
        if len(ang) > 1:
            gaps = np.diff(np.r_[ang, ang[0] + 2 * np.pi])
            assert gaps.min() > 0


def ring_orders(pos):
    """Cyclic order of the units of each ring, rotated to start at the smallest id."""
    out = {}
    for k in pos.radii:
        members = sorted((pos.angle(u), u) for u, r in pos.rings.items() if r == k)
        names = [u for _, u in members]
        start = names.index(min(names))
        out[k] = names[start:] + names[:start]
    return out


@given(organisations())
def test_reference_on_unchanged_design_keeps_order(org):
    first = orbit_layout(org)
    again = orbit_layout(org, reference=first)
    assert ring_orders(again) == ring_orders(first)
    for k, (x, y) in first.items():
        assert again[k] == pytest.approx((x, y), abs=1e-9)


def test_reference_keeps_order_of_common_units_after_an_edit():
    org = generate_org(300, seed=3)
    first = orbit_layout(org)
    # add a unit under an existing manager and drop a leaf: common units keep their cyclic order
    table = org.table()
    manager = table["parent"].dropna().iloc[5]
    leaf = table.loc[~table["id"].isin(table["parent"].dropna()), "id"].iloc[-1]
    table = table.loc[table["id"] != leaf]
    table.loc[len(table) + 10] = {"id": "new", "parent": manager}
    edited = Organisation.from_table(table.reset_index(drop=True), like=org)
    second = orbit_layout(edited, reference=first)
    for k, members in ring_orders(second).items():
        common = [u for u in members if u in first and first.rings[u] == k]
        ref = [u for u in ring_orders(first).get(k, []) if u in common]
        if common:
            start = ref.index(common[0])
            assert common == ref[start:] + ref[:start]


def test_reference_from_another_layout_is_followed():
    org = generate_org(200, seed=1)
    own = orbit_layout(org)
    # a reference that mirrors our layout: the order must follow the mirror image
    mirrored = {k: (x, -y) for k, (x, y) in own.items()}
    follow = orbit_layout(org, reference=mirrored)
    for k, members in ring_orders(follow).items():
        want = ring_orders(OrbitLayout(mirrored, rings=own.rings, radii=own.radii))[k]
        assert members == want


def test_analysis_is_reused_and_via_must_agree():
    org = generate_org(120, seed=2)
    a = analyse(org, via="reports")
    assert orbit_layout(org, analysis=a) == orbit_layout(org, via="reports")
    with pytest.raises(ValueError, match="disagrees"):
        orbit_layout(org, via="both", analysis=a)
    with pytest.raises(ValueError, match="via"):
        orbit_layout(org, via="sideways")


def test_label_room_grows_rings_and_spacing():
    org = generate_org(200, seed=4)
    plain = orbit_layout(org)
    sizes = {u: 0.3 for u in org.units["id"]}
    labelled = orbit_layout(org, label_size=sizes)
    check_rings(org, labelled)
    for k, r in labelled.radii.items():
        members = [u for u, kk in labelled.rings.items() if kk == k]
        room = 0.3 * len(members)
        assert r >= plain.radii[k]
        assert 2 * np.pi * r >= room - 1e-9
        # neighbours on the ring are at least one label apart (along the arc)
        ang = np.sort([labelled.angle(u) for u in members])
        if len(ang) > 1:
            gaps = np.diff(np.r_[ang, ang[0] + 2 * np.pi]) * r
            assert gaps.min() >= 0.3 - 1e-9


def test_visible_labels_thins_by_headcount():
    rings = {f"u{i}": 1 for i in range(10)} | {"x": 2}
    head = {f"u{i}": i for i in range(10)}
    assert visible_labels(rings, head, max_per_ring=3) == {"u9", "u8", "u7", "x"}
    assert visible_labels(rings, None, max_per_ring=2) == {"u0", "u1", "x"}
    org = generate_org(2000, seed=0)
    pos = orbit_layout(org, max_labels=100)
    per_ring = {}
    for u in pos.labels:
        per_ring[pos.rings[u]] = per_ring.get(pos.rings[u], 0) + 1
    assert max(per_ring.values()) <= 100
    sizes = dict.fromkeys(org.units["id"], 0.5)
    labelled = orbit_layout(org, label_size=sizes, max_labels=100)
    # hidden labels need no room: rings stay far smaller than with every label
    everything = orbit_layout(org, label_size=sizes, max_labels=10**9)
    assert max(labelled.radii.values()) < max(everything.radii.values())


def test_crossings_beat_the_naive_order():
    org = generate_org(600, seed=5)
    edges = relation_edges(org)
    good = count_crossings(orbit_layout(org), edges)
    naive = count_crossings(orbit_layout(org, sweeps=0, refine=False), edges)
    assert good <= naive


@given(organisations(max_units=60), st.sampled_from(["both", "serves"]))
def test_refinement_never_adds_crossings(org, via):
    edges = relation_edges(org, via=via)
    refined = orbit_layout(org, via=via, refine=True)
    plain = orbit_layout(org, via=via, refine=False)
    assert count_crossings(refined, edges) <= count_crossings(plain, edges)
    check_rings(org, refined, via)


@given(
    st.lists(st.floats(0, 2 * np.pi, exclude_max=True), min_size=2, max_size=60),
    st.floats(0, 0.2),
)
def test_spread_ring_keeps_cyclic_order_and_gaps(targets, room):
    t = np.array(targets)
    th = _spread_ring(t, np.full(len(t), room))
    assert ((th >= 0) & (th < 2 * np.pi + 1e-12)).all()
    order_t = np.argsort(t, kind="stable")
    order = list(np.argsort(th[order_t], kind="stable"))
    # same cyclic order: a rotation of 0..m-1
    start = order.index(0)
    assert order[start:] + order[:start] == list(range(len(t)))
    gap_needed = max(room, 0.25 * 2 * np.pi / len(t))
    s = np.sort(th)
    gaps = np.diff(np.r_[s, s[0] + 2 * np.pi])
    assert gaps.min() >= min(gap_needed, 2 * np.pi / len(t)) - 1e-9


def test_ring_room_spaces_rings_unevenly():
    org = generate_org(200, seed=4)
    plain = orbit_layout(org)
    roomy = orbit_layout(org, ring_room={1: 2.5})
    check_rings(org, roomy)
    rings = sorted(roomy.radii)
    assert roomy.radii[rings[1]] - roomy.radii[rings[0]] == pytest.approx(
        plain.radii[rings[1]] - plain.radii[rings[0]] + 2.5
    )
    with pytest.raises(ValueError, match="ring_room"):
        orbit_layout(org, ring_room={1: -1})


# ------------------------------------------------------------ ring geometry
@given(organisations())
def test_ring_geometry_is_the_same_from_the_layout_and_from_plain_positions(org):
    """Every renderer reads the rings through ring_geometry: an OrbitLayout and its plain dict agree."""
    from orbit.layout import ring_geometry

    a = analyse(org)
    pos = orbit_layout(org, analysis=a)
    from_layout = ring_geometry(pos, a)
    measured = ring_geometry(dict(pos), a)
    assert from_layout.unconnected == measured.unconnected == pos.unconnected_ring
    assert from_layout.radii.keys() == measured.radii.keys()
    for r, v in from_layout.radii.items():
        assert measured.radii[r] == pytest.approx(v, rel=1e-9)
    # the zone beyond N starts between ring N and N + 1 and ends outside the outermost ring
    for n in (1, 2, 3):
        zone = from_layout.beyond_zone(n)
        far = (a.reachable & (a.ring > n)).any() or (~a.reachable).any()
        assert (zone is None) == (not far)
        if zone is not None:
            inner, outer = zone
            assert outer > max(pos.radii.values()) and 0 <= inner < outer
            below = [v for r, v in from_layout.radii.items() if r <= n and r != from_layout.unconnected]
            assert inner >= max(below, default=0.0)


def test_fitted_layout_makes_the_room_it_was_asked_for():
    """Room along the rings and radial room outside a ring come back in the layout (radii, ring_room)."""
    from orbit.layout import fitted_orbit_layout
    from orbit.layout.rings import label_room, ring_capacity

    org = generate_org(300, seed=2)
    a = analyse(org)
    plain = orbit_layout(org, analysis=a)
    ring = np.where(a.reachable, a.ring, int(a.ring.max()) + 1)
    avail = 300.0  # points from the centre to the outermost ring
    node_d = np.full(len(org), 6.0)
    room = label_room(ring, ring_capacity(ring, avail), np.arange(len(org)), node_d, 9.0, "auto")
    assert (room >= node_d + 1.0).any() and (room > node_d + 1.0).any()
    fitted = fitted_orbit_layout(org, a, avail=avail, room=room, radial={1: 40.0})
    assert fitted.radii.keys() == plain.radii.keys()
    assert fitted.ring_room and set(fitted.ring_room) == {1}
    # ring 1 keeps its radial room (40 of the 300 points) before ring 2
    k = avail / max(fitted.radii.values())
    assert (fitted.radii[2] - fitted.radii[1]) * k >= 40.0 - 1e-6
    assert fitted.ring_room[1] * k == pytest.approx(40.0, rel=0.05)


def test_zone_beyond_n_reaches_the_unconnected_ring_when_no_connected_ring_is_beyond():
    from orbit.layout import RingGeometry

    g = RingGeometry({1: 1.0, 2: 2.0, 3: 3.0}, unconnected=3)
    assert g.beyond_zone(max_hops=3) == (2.5, 3.45)  # from halfway to the unconnected ring to just outside it
    assert g.beyond_zone(max_hops=1) == (1.5, 3.45)
    assert RingGeometry({1: 1.0, 2: 2.0}).beyond_zone(max_hops=2) is None
