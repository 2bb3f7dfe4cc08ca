"""Properties on random organisations (hypothesis).

- hops equal a plain breadth-first search over the undirected relation graph,
  with networkx as the oracle, for every choice of ``via``;
- a round trip through every format keeps the organisation and its analysis;
- random bytes and random mutations of valid files give a clean
  :class:`~orbit.OrgError` or a valid organisation, never another exception.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from itertools import pairwise

import hostile
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
    # a valid organisation: it can be analysed and written in every format, and what is written reads back
    analyse(org)
    json.dumps(analyse(org).to_dict(), allow_nan=False)
    for out in FORMATS:
        try:
            written, _ = dumps(org, out)
        except OrgError as err:  # a table cannot list an id holding | , or ; and says so instead of writing
            assert "would not read back" in str(err) and out in ("csv", "xlsx")
            continue
        back = load(written, name=f"again.{out}")
        assert list(back.ids) == list(org.ids)


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


# ---------------------------------------------------------------- structure-aware hostile files (issue 11)
# Random mutations rarely build these, so they are built on purpose: deep nesting, duplicate keys, huge
# numbers, wide tables, stale XLSX dimensions, control characters, merge keys and tags, mixed delimiters.
NUMBER_TOKENS = [
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "10000000",
    "10000001", "1e20", "1.0e+20", "1e308", "1.0e+308", "1e400", "-0", "0.0", "1.5", "9007199254740993",
    "9007199254740993.0", "NaN", ".nan", "Infinity", ".inf", "-.inf", "0x10", "1_000", "007", "9" * 5000,
]  # fmt: skip
NASTY = [
    "\x00", "\x01", "\x08", "\x1b", "\x7f", "\x85", "\u00a0", "\u00ad", "\u200b", "\u200d", "\u200e", "\u2028",
    "\u202e", "\u2066", "\u3000", "\ufeff", "\ufffe", "e\u0301", "\t", "\r", "\n", "'=", "=", "\\ud800", "&#10;",
]  # fmt: skip
YAML_EXTRAS = ["&a ", "*a", "<<: {parent: '007'}", "!!binary aGk=", "!!set {a, b}", "!!timestamp 2020-01-01",
               "!!python/name:os.system", "!local x", "!!omap [a: 1]", "!!str 007", "? [a, b]\n  : c"]  # fmt: skip


def _json_text(value: str) -> str:
    """A JSON string literal; ``\\ud800`` stays an escape (a lone surrogate cannot be encoded)."""
    return json.dumps(value).replace("\\\\ud800", "\\ud800")


@st.composite
def hostile_files(draw) -> tuple[bytes, str]:
    kinds = ["deep", "duplicate", "number", "number", "wide", "dimension", "chars", "chars", "chars", "yaml"]
    kind = draw(st.sampled_from([*kinds, "delimiters", "delimiters"]))
    n = draw(st.integers(1, 2 if kind == "wide" else 6))
    ids = [f"u{k}" for k in range(n)]
    if kind == "deep":
        fmt = draw(st.sampled_from(["yaml", "json", "graphml"]))
        depth = draw(st.integers(1, 3000))
        opening = draw(st.sampled_from(["[", "{"]))
        nest = ('{"a": ' * depth + "1" + "}" * depth) if opening == "{" else "[" * depth + "]" * depth
        if fmt == "graphml":
            body = f'<graph edgedefault="directed"><data key="j">{nest}</data><node id="a"/></graph>'
            key = '<key id="j" for="graph" attr.name="json:extra" attr.type="string"/>'
            return (
                f'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">{key}{body}</graphml>'.encode(),
                fmt,
            )
        where = draw(st.sampled_from(["top", "unit", "units"]))
        if where == "units":
            return f'{{"units": {nest}}}'.encode(), fmt
        unit = f'{{"id": "a", "x": {nest}}}' if where == "unit" else '{"id": "a"}'
        extra = f', "x": {nest}' if where == "top" else ""
        return f'{{"units": [{unit}]{extra}}}'.encode(), fmt  # JSON is YAML too
    if kind == "duplicate":
        fmt = draw(st.sampled_from(["yaml", "json"]))
        units = [{"id": i, "headcount": k} for k, i in enumerate(ids)]
        lines = [json.dumps(u) for u in units]
        k = draw(st.integers(0, n - 1))
        key = draw(st.sampled_from(["id", "headcount", "parent", "name"]))
        lines[k] = lines[k][:-1] + f', "{key}": "x", "{key}": "y"}}'
        top = draw(st.sampled_from(["", '"name": "a", "name": "b", ', '"units": [], ']))
        return ("{" + top + '"units": [\n' + ",\n".join(lines) + "]}").encode(), fmt
    if kind == "number":
        fmt = draw(st.sampled_from(FORMATS))
        field = draw(st.sampled_from(["headcount", "orbit", "cost", "id", "parent"]))
        token = draw(st.sampled_from(NUMBER_TOKENS))
        if fmt in ("yaml", "json"):
            cells = [
                f'{{"id": "{i}", "{field}": {token}}}' if k == 0 else f'{{"id": "{i}"}}' for k, i in enumerate(ids)
            ]
            return ('{"units": [' + ", ".join(cells) + "]}").encode(), fmt
        rows = [["id", field]] + [[i, token if k == 0 else ""] for k, i in enumerate(ids)]
        if field == "id":
            rows = [["id"]] + [[token if k == 0 else i] for k, i in enumerate(ids)]
        if fmt == "csv":
            return "\n".join(",".join(r) for r in rows).encode(), fmt
        if fmt == "xlsx":

            def typed(v):
                try:
                    return int(v) if len(v) < 400 else v
                except ValueError:
                    try:
                        return float(v)
                    except ValueError:
                        return v

            return hostile.xlsx([[typed(c) if r else c for c in row] for r, row in enumerate(rows)]), fmt
        kind_ = draw(st.sampled_from(["long", "double", "string"]))
        body = "".join(f'<node id="{i}"><data key="f">{token}</data></node>' if k == 0 else f'<node id="{i}"/>'
                       for k, i in enumerate(ids))  # fmt: skip
        key = f'<key id="f" for="node" attr.name="{field}" attr.type="{kind_}"/>'
        return hostile.graphml(f'{key}<graph edgedefault="directed">{body}</graph>'), fmt
    if kind == "wide":
        fmt = draw(st.sampled_from(["csv", "xlsx"]))
        width = draw(st.sampled_from([2, 3, 993, 994, 995, 1000, 1001, 1002]))  # around both limits
        header = ["id", *(f"c{k}" for k in range(width - 1))]
        if draw(st.booleans()):
            header[draw(st.integers(1, width - 1))] = draw(
                st.sampled_from(["ID", "Id", "parent", "Parent", "c1", "=x"])
            )
        rows = [header] + [[i] + [""] * (width - 1) for i in ids]
        if fmt == "csv":
            return "\n".join(",".join(r) for r in rows).encode(), fmt
        return hostile.xlsx([[c or None for c in r] for r in rows]), fmt
    if kind == "dimension":
        org = draw(organisations(max_units=6))
        data, _ = dumps(org, "xlsx")
        col = hostile.column_letters(draw(st.integers(1, 16384)))
        ref = draw(st.sampled_from(["A1", f"A1:{col}{draw(st.integers(1, 1048576))}", f"B2:{col}3", "A1:XFD1048576"]))
        return hostile.with_dimension(data, ref), "xlsx"
    if kind == "chars":
        fmt = draw(st.sampled_from(FORMATS))
        nasty = draw(st.sampled_from(NASTY))
        field = draw(st.sampled_from(["id", "name", "kind", "note", "parent", "header"]))
        text = draw(st.sampled_from(["", "a", "Vertrieb "])) + nasty + draw(st.sampled_from(["", "b"]))
        units = [{"id": i} for i in ids]
        if field == "header":
            units[0][text] = "v"
        elif field == "parent":
            units[-1]["parent"] = text
            units.insert(0, {"id": text})
        else:
            units[0][field] = text
        if fmt in ("yaml", "json"):
            body = ", ".join("{" + ", ".join(f"{_json_text(str(k))}: {_json_text(str(v))}" for k, v in u.items()) + "}"
                             for u in units)  # fmt: skip
            return ('{"units": [' + body + "]}").encode("utf-8", "surrogatepass"), fmt
        clean = [{str(k).replace("\\ud800", "?"): str(v).replace("\\ud800", "?") for k, v in u.items()} for u in units]
        columns = list(dict.fromkeys(k for u in clean for k in u))
        rows = [columns] + [[u.get(c, "") for c in columns] for u in clean]
        if fmt == "csv":
            buf = io.StringIO()
            csv.writer(buf).writerows(rows)
            return buf.getvalue().encode("utf-8"), fmt
        if fmt == "xlsx":
            try:
                return hostile.xlsx([[c if c != "" else None for c in r] for r in rows]), fmt
            except Exception:  # openpyxl refuses some control characters itself
                return hostile.xlsx([["id"], ["a"]]), fmt
        return hostile.graphml_units([{k: v.replace("&", "&amp;").replace("<", "&lt;") for k, v in u.items()}
                                      for u in clean]), fmt  # fmt: skip
    if kind == "yaml":
        lines = [f"  - {{id: '{i}'}}" for i in ids]
        k = draw(st.integers(0, n - 1))
        extra = draw(st.sampled_from(YAML_EXTRAS))
        lines[k] = f"  - {{id: '{ids[k]}', x: {extra}}}" if not extra.startswith("<<") else f"  - {{{extra}, id: x{k}}}"
        if draw(st.booleans()):
            lines[0] = lines[0].replace("- {", "- &a {", 1)
        return ("units:\n" + "\n".join(lines) + "\n").encode(), "yaml"
    # mixed delimiters
    delims = [",", ";", "\t"]
    first = draw(st.sampled_from(delims))
    rows = [["id", "name", "parent"]] + [[i, f"Name {i}", ids[0] if k else ""] for k, i in enumerate(ids)]
    out = []
    for r, row in enumerate(rows):
        d = draw(st.sampled_from(delims)) if r and draw(st.booleans()) else first
        out.append(d.join(row))
    return ("\n".join(out) + "\n").encode(), "csv"


@given(case=hostile_files())
@settings(max_examples=examples(600))
def test_mutated_structures_give_clean_errors_or_organisations_that_write_back(case):
    data, fmt = case
    must_load_cleanly(data, fmt)
