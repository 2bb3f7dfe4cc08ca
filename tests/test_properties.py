"""Properties on random organisations (hypothesis).

- hops equal a plain breadth-first search over the undirected relation graph,
  with networkx as the oracle, for every choice of ``via``;
- a round trip through every format keeps the organisation and its analysis;
- random bytes and random mutations of valid files give a clean
  :class:`~orbit.OrgError` or a valid organisation, never another exception.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from itertools import pairwise

import networkx as nx
import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from orbit import CUSTOMER, Organisation, OrgError, analyse, dumps, load
from orbit.generate import generate_csv

FORMATS = ("yaml", "json", "csv", "xlsx", "graphml")
FUZZ_SCALE = float(os.environ.get("ORBIT_FUZZ_SCALE", "1"))
"""Set ORBIT_FUZZ_SCALE=20 for a long hunt; the default keeps the suite fast."""


def examples(n: int) -> int:
    return max(1, int(n * FUZZ_SCALE))


# ids that are awkward in some format: leading zeros, formula starts, umlauts, spaces, XML specials
TRICKY_IDS = ["007", "=SUM(A1)", "+49", "-x", "@me", "Geschäftsführung", "R&D", "a b", "<b>", '"q"', "1.0", "true"]
ID_TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N"]), min_size=1, max_size=6)
ATTR_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"], include_characters="\t\r\n'=+-@"),
    max_size=12,
).filter(lambda t: t.strip() != "")


@st.composite
def organisations(draw, *, max_units: int = 12, tricky: bool = True) -> Organisation:
    """A valid organisation: parents point at earlier units (a forest), then the file order is shuffled."""
    pool = st.one_of(ID_TEXT, st.sampled_from(TRICKY_IDS)) if tricky else ID_TEXT
    ids = draw(st.lists(pool, min_size=0, max_size=max_units, unique_by=str.casefold))
    ids = [i for i in ids if i.casefold() != CUSTOMER]
    n = len(ids)
    units = []
    for k, uid in enumerate(ids):
        unit = {"id": uid}
        if k and draw(st.booleans()):
            unit["parent"] = ids[draw(st.integers(0, k - 1))]
        targets = draw(st.lists(st.sampled_from([*ids, CUSTOMER]), max_size=3, unique=True)) if n else []
        if targets := [t for t in targets if t != uid]:
            unit["serves"] = targets
        if draw(st.booleans()):
            unit["headcount"] = draw(st.integers(0, 500))
        if draw(st.integers(0, 3)) == 0:
            unit["orbit"] = draw(st.integers(1, 6))
        if draw(st.booleans()):
            unit["name"] = draw(ATTR_TEXT).strip() or "x"
        if draw(st.booleans()):
            unit["kind"] = draw(st.sampled_from(["team", "department", "role", "partner"]))
        if draw(st.booleans()):
            unit["location"] = draw(ATTR_TEXT)
        if draw(st.booleans()):
            unit["cost_centre"] = draw(st.integers(-10_000, 10_000))
        units.append(unit)
    units = draw(st.permutations(units))
    journeys = []
    if n:
        for j in range(draw(st.integers(0, 2))):
            steps = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4))
            journeys.append({"name": f"journey {j}", "steps": steps})
    return Organisation.from_records(
        units,
        name=draw(st.sampled_from(["", "Demo", "Müller & Söhne", "=cmd"])),
        customer=draw(st.sampled_from(["Customer", "Kunde", "Patient"])),
        journeys=journeys,
        attrs=draw(st.sampled_from([{}, {"description": "Plan B"}, {"version": 2, "owner": "HR"}])),
    )


# ---------------------------------------------------------------- hops against networkx
def oracle_graph(org: Organisation, via: str) -> nx.Graph:
    g = nx.Graph()
    g.add_node(CUSTOMER)
    g.add_nodes_from(org.ids)
    for rec in org.records():
        if via in ("both", "reports") and rec.get("parent"):
            g.add_edge(rec["id"], rec["parent"])
        for target in rec.get("serves", []):
            if target == CUSTOMER or via in ("both", "serves"):
                g.add_edge(rec["id"], target)
    return g


@given(org=organisations(max_units=25, tricky=False), via=st.sampled_from(["both", "reports", "serves"]))
@settings(max_examples=examples(150))
def test_hops_equal_networkx_bfs(org, via):
    a = analyse(org, via=via)
    g = oracle_graph(org, via)
    expected = nx.single_source_shortest_path_length(g, CUSTOMER)
    units = a.units
    for uid, hops, path in zip(units["id"], units["hops"], units["path"]):
        if uid in expected:
            assert hops == expected[uid]
            # the path is a real shortest path in the relation graph
            assert path[0] == uid and path[-1] == CUSTOMER and len(path) == hops + 1
            assert all(g.has_edge(u, v) for u, v in pairwise(path))
        else:
            assert pd.isna(hops) and path == []


@given(
    org=organisations(max_units=25, tricky=False),
    via=st.sampled_from(["both", "reports", "serves"]),
    n=st.integers(0, 5),
)
@settings(max_examples=examples(100))
def test_flags_rings_and_summary_follow_the_definitions(org, via, n):
    a = analyse(org, max_hops=n, via=via)
    expected = nx.single_source_shortest_path_length(oracle_graph(org, via), CUSTOMER)
    total = within = weighted = reach_weight = 0
    for rec, row in zip(org.records(), a.units.itertuples(index=False)):
        hops = expected.get(rec["id"])
        weight = rec.get("headcount", 1)
        total += weight
        assert row.flagged == (hops is None or hops > n)
        if hops is None:
            assert pd.isna(row.ring)
        else:
            assert row.ring == rec.get("orbit", hops)
            weighted += weight * hops
            reach_weight += weight
            within += weight if hops <= n else 0
        assert row.misplaced == ("orbit" in rec and (hops is None or rec["orbit"] < hops))
    s = a.summary
    assert s["units"] == len(org)
    assert s["unreachable"] == len(org) - (len(expected) - 1)
    if reach_weight:
        assert abs(s["mean_hops"] - weighted / reach_weight) < 1e-3
    if total:
        assert abs(s["share_within_max_hops"] - within / total) < 1e-4
    assert sum(s["rings"].values()) == total


@given(org=organisations(max_units=25, tricky=False))
@settings(max_examples=examples(80))
def test_layers_and_spans_follow_the_reporting_forest(org):
    parents = {r["id"]: r.get("parent") for r in org.records()}

    def level(uid):
        depth = 1
        while parents[uid] is not None:
            uid = parents[uid]
            depth += 1
        return depth

    s = analyse(org).summary
    assert s["layers"] == max((level(u) for u in parents), default=0)
    spans = pd.Series([p for p in parents.values() if p is not None]).value_counts()
    assert s["max_span"] == (int(spans.max()) if len(spans) else 0)


# ---------------------------------------------------------------- round trips
def comparable(org: Organisation, *, as_text: bool = False) -> list[dict]:
    """Records with attribute values as text (CSV holds nothing else)."""
    out = []
    for rec in org.records():
        if as_text:
            rec = {
                k: (str(v) if k not in ("id", "name", "kind", "parent", "headcount", "orbit", "serves") else v)
                for k, v in rec.items()
            }
        out.append(rec)
    return out


def analysis_doc(org: Organisation) -> dict:
    doc = analyse(org).to_dict()
    doc.pop("organisation")
    return doc


@given(org=organisations(), fmt=st.sampled_from(FORMATS))
@settings(max_examples=examples(200))
@example(
    org=Organisation.from_records(
        [{"id": "=a", "note": "'=x", "serves": ["customer"]}, {"id": "b", "note": "\rline", "serves": ["=a"]}]
    ),
    fmt="csv",
)
def test_round_trip_through_every_format(org, fmt):
    data, warnings = dumps(org, fmt)
    back = load(data, name=f"org.{fmt}")
    if fmt == "csv":
        assert comparable(back, as_text=True) == comparable(org, as_text=True)
        dropped = bool(org.name) or org.customer != "Customer" or bool(org.journeys) or bool(org.attrs)
        assert len(warnings) == (1 if dropped else 0)
    else:
        assert warnings == []
        assert back.records() == org.records()
        assert (back.name, back.customer, back.attrs) == (org.name, org.customer, org.attrs)
        assert back.journeys == org.journeys
    assert back.relation_count == org.relation_count
    doc = analysis_doc(back)
    expected = analysis_doc(org)
    if fmt == "csv":
        expected["journeys"] = []
    assert doc == expected


@given(org=organisations(max_units=8))
@settings(max_examples=examples(40))
def test_round_trip_through_all_formats_in_a_chain(org):
    current = org
    for fmt in ("yaml", "xlsx", "graphml", "json", "yaml"):
        data, _ = dumps(current, fmt)
        current = load(data, name=f"chain.{fmt}")
    assert current.records() == org.records()
    assert (current.journeys, current.attrs, current.customer) == (org.journeys, org.attrs, org.customer)
    assert analyse(current).to_dict() == analyse(org).to_dict()


@given(org=organisations(max_units=10))
@settings(max_examples=examples(60))
def test_networkx_round_trip(org):
    back = Organisation.from_networkx(org.to_networkx())
    assert back.records() == org.records()
    assert (back.name, back.customer, back.journeys, back.attrs) == (org.name, org.customer, org.journeys, org.attrs)


# ---------------------------------------------------------------- hostile bytes
def must_load_cleanly(data: bytes, fmt: str) -> None:
    try:
        org = load(data, name=f"fuzz.{fmt}")
    except OrgError as err:
        text = str(err)
        assert text.startswith(f"fuzz.{fmt}")
        assert "\n" not in err.source
        if err.line is not None:
            assert err.line >= 1
        return
    # a valid organisation: it can be analysed and written in every format
    analyse(org)
    json.dumps(analyse(org).to_dict(), allow_nan=False)
    for out in FORMATS:
        dumps(org, out)


@given(data=st.binary(max_size=400), fmt=st.sampled_from(FORMATS))
@settings(max_examples=examples(1000))
def test_random_bytes_give_clean_errors(data, fmt):
    must_load_cleanly(data, fmt)


@given(text=st.text(max_size=300), fmt=st.sampled_from(["csv", "yaml", "json", "graphml"]))
@settings(max_examples=examples(1000))
def test_random_text_gives_clean_errors(text, fmt):
    must_load_cleanly(text.encode("utf-8"), fmt)


def mutate(data: bytes, ops: list) -> bytes:
    out = bytearray(data)
    for kind, pos, length, payload in ops:
        if not out:
            out.extend(payload)
            continue
        pos %= len(out)
        if kind == "delete":
            del out[pos : pos + length]
        elif kind == "insert":
            out[pos:pos] = payload
        elif kind == "replace":
            out[pos : pos + len(payload)] = payload
        elif kind == "duplicate":
            out[pos:pos] = out[pos : pos + length]
        elif kind == "flip":
            out[pos] ^= 1 << (length % 8)
    return bytes(out)


PAYLOADS = st.one_of(
    st.binary(max_size=8),
    st.sampled_from(
        [
            b",",
            b";",
            b"\t",
            b'"',
            b"\n",
            b"\r",
            b"|",
            b":",
            b"-",
            b"- ",
            b"  ",
            b"[",
            b"]",
            b"{",
            b"}",
            b"&",
            b"*",
            b"!!",
            b"<",
            b">",
            b"</node>",
            b"<node id='x'/>",
            b"customer",
            b"null",
            b"-1",
            b"1.5",
            b"1e400",
            b"NaN",
            b"\xff",
            b"\x00",
            b"\xef\xbb\xbf",
            b"parent",
            b"id",
            b"serves",
        ]
    ),
)
OPS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "replace", "duplicate", "flip"]),
        st.integers(0, 10_000),
        st.integers(1, 40),
        PAYLOADS,
    ),
    min_size=1,
    max_size=4,
)


@given(org=organisations(max_units=8), fmt=st.sampled_from(["csv", "yaml", "json", "graphml"]), ops=OPS)
@settings(max_examples=examples(600))
def test_mutated_text_files_give_clean_errors_or_organisations(org, fmt, ops):
    data, _ = dumps(org, fmt)
    must_load_cleanly(mutate(data, ops), fmt)


def mutate_xlsx(data: bytes, member_ops) -> bytes:
    """Mutate the XML inside the workbook, so the zip stays readable."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for name in names:
            content = src.read(name)
            for which, ops in member_ops:
                if names[which % len(names)] == name:
                    content = mutate(content, ops)
            dst.writestr(name, content)
    return buf.getvalue()


@given(org=organisations(max_units=6), member_ops=st.lists(st.tuples(st.integers(0, 20), OPS), max_size=2))
@settings(max_examples=examples(150))
def test_mutated_xlsx_gives_clean_errors_or_organisations(org, member_ops):
    data, _ = dumps(org, "xlsx")
    must_load_cleanly(mutate_xlsx(data, member_ops), "xlsx")


@given(org=organisations(max_units=6), ops=OPS)
@settings(max_examples=examples(60))
def test_mutated_xlsx_bytes_give_clean_errors(org, ops):
    data, _ = dumps(org, "xlsx")
    must_load_cleanly(mutate(data, ops), "xlsx")


def test_generated_organisation_round_trips_through_csv(tmp_path):
    path = tmp_path / "gen.csv"
    generate_csv(path, 500, seed=3)
    org = load(path)
    assert len(org) == 500
    back = load(dumps(org, "csv")[0], name="again.csv")
    assert back.records() == org.records()
