"""Hardening, round two (issue 11): crafted bad input in every format where it applies.

Each class of the issue has its tests here: numbers out of range, duplicate
keys, stale XLSX dimensions, formulas without saved values, several or
nested GraphML graphs, mixed CSV delimiters, YAML merge keys and tags,
invisible and control characters, grouping collisions with ``customer``,
header spellings, crashes that leaked as internal errors, small files that
took minutes, and messages that were not one line. Every refusal must be
one clean :class:`OrgError` naming the file, the line and the value; every
acceptance must give the right organisation.
"""

from __future__ import annotations

import json
import re

import pytest
from hostile import (
    csv_rows,
    dos_csv_long_header,
    dos_csv_wide,
    dos_cycle,
    dos_deep,
    dos_xlsx_empty_rows,
    dos_xlsx_huge_dimension,
    dos_xlsx_wide,
    edit_member,
    graphml,
    graphml_units,
    inline,
    json_units,
    with_dimension,
    xlsx,
    xlsx_sheet_xml,
    yaml_units,
)

from orbit import OrgError, load
from orbit.cli import main


def refused(data: bytes, name: str) -> OrgError:
    """The one-line error for ``data``; fails the test on anything else (a traceback, or no error)."""
    with pytest.raises(OrgError) as info:
        load(data, name=name)
    err = info.value
    assert "\n" not in str(err) and "\r" not in str(err)
    assert str(err).startswith(name)
    assert len(str(err)) <= 1100
    return err


# ---------------------------------------------------------------- numbers out of range
BIG = {
    "2**63": "9223372036854775808",
    "2**64": "18446744073709551616",
    "1e20": "1e20",
    "1e308": "1e308",
    "5000 digits": "9" * 5000,
    "above the limit": "10000001",
}
NOT_FINITE = {"yaml": [".nan", ".inf", "-.inf"], "json": ["NaN", "Infinity", "-Infinity"], "graphml": ["NaN", "INF"]}


def headcount_file(fmt: str, value: str) -> tuple[bytes, int]:
    """A file whose second unit has ``headcount`` written as ``value`` (as the format writes numbers); its line."""
    if fmt == "csv":
        return f"id,headcount\na,1\nb,{value}\n".encode(), 3
    if fmt == "yaml":
        if value == "1e20" or value == "1e308":  # YAML 1.1 floats need a dot
            value = value.replace("e", ".0e+")
        return f"units:\n  - {{id: a, headcount: 1}}\n  - {{id: b, headcount: {value}}}\n".encode(), 3
    if fmt == "json":
        return f'{{"units": [\n{{"id": "a", "headcount": 1}},\n{{"id": "b", "headcount": {value}}}\n]}}'.encode(), 3
    if fmt == "graphml":
        kind = "double" if "e" in value or value in ("NaN", "INF") else "long"
        keys = f'  <key id="h" for="node" attr.name="headcount" attr.type="{kind}"/>\n'
        body = '  <graph edgedefault="directed">\n    <node id="a"/>\n'
        body += f'    <node id="b"><data key="h">{value}</data></node>\n  </graph>\n'
        return graphml(body, keys), 6
    raise ValueError(fmt)


@pytest.mark.parametrize("fmt", ["csv", "yaml", "json", "graphml"])
@pytest.mark.parametrize("case", list(BIG))
def test_headcount_out_of_range_is_refused_not_wrapped(fmt, case):
    data, line = headcount_file(fmt, BIG[case])
    err = refused(data, f"big.{fmt}")
    assert err.line == line, str(err)
    assert "headcount" in err.message or "digits" in err.message, str(err)


@pytest.mark.parametrize("value", [2**63, 10**20, 1e308, 10_000_001])
def test_xlsx_headcount_out_of_range_is_refused(value):
    data = xlsx([["id", "headcount"], ["a", 1], ["b", value]])
    err = refused(data, "big.xlsx")
    assert err.line == 3 and "headcount" in err.message and "10,000,000" in err.message
    largest = load(xlsx([["id", "headcount"], ["a", 10_000_000]]), name="max.xlsx")
    assert largest.unit("a")["headcount"] == 10_000_000


@pytest.mark.parametrize("fmt", ["yaml", "json", "graphml"])
def test_nan_is_refused_not_taken_as_missing(fmt):
    nan, infinities = NOT_FINITE[fmt][0], NOT_FINITE[fmt][1:]
    for value in [nan, *infinities]:  # infinity was refused before; NaN passed for "no headcount"
        data, line = headcount_file(fmt, value)
        err = refused(data, f"nan.{fmt}")
        assert err.line == line, str(err)


def test_nan_in_an_attribute_is_refused_not_dropped():
    err = refused(b"units:\n  - {id: a}\n  - {id: b, score: .nan}\n", "nan.yaml")
    assert err.line == 3


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_whole_float_ids_beyond_2_53_are_refused_not_rounded(fmt):
    big = 12345678901234567890.0  # as a float it is 12345678901234567168
    data = json_units([{"id": big}]) if fmt == "json" else xlsx([["id"], [big]])
    err = refused(data, f"ids.{fmt}")
    assert err.line == 2 and "text" in err.message
    exact = load(json_units([{"id": 12345678901234567890}]), name="ids.json")  # an integer keeps every digit
    assert list(exact.ids) == ["12345678901234567890"]


# ---------------------------------------------------------------- duplicate keys
@pytest.mark.parametrize(
    ("name", "data", "key", "lines"),
    [
        ("twice.yaml", b"units:\n  - id: a\n    headcount: 1\n    headcount: 2\n", "headcount", (3, 4)),
        ("twice.yaml", b"name: x\nunits:\n  - {id: a}\ncustomer: K\nunits:\n  - {id: b}\n", "units", (2, 5)),
        ("twice.yaml", b"checks:\n  max_hops: 2\n  max_hops: 5\nunits: [{id: a}]\n", "max_hops", (2, 3)),
        ("twice.json", b'{"units": [\n  {"id": "a",\n   "headcount": 1,\n   "headcount": 2}]}', "headcount", (3, 4)),
        ("twice.json", b'{"units": [{"id": "a"}],\n "name": "x",\n "units": [{"id": "b"}]}', "units", (1, 3)),
        ("twice.json", b'{"checks": {"max_hops": 2,\n "max_hops": 5},\n "units": [{"id": "a"}]}', "max_hops", (1, 2)),
    ],
)
def test_duplicate_keys_are_refused_naming_the_key_and_both_lines(name, data, key, lines):
    err = refused(data, name)
    assert repr(key) in err.message
    assert f"lines {lines[0]} and {lines[1]}" in err.message
    assert err.line == lines[1]


# ---------------------------------------------------------------- XLSX dimension, formulas
def test_xlsx_with_a_stale_dimension_reads_every_row_and_column():
    rows = [["id", "parent", "headcount"], ["a", None, 1], ["b", "a", 2], ["c", "a", 3]]
    data = with_dimension(xlsx(rows), "A1:B2")  # claims two columns and two rows
    org = load(data, name="stale.xlsx")
    assert list(org.ids) == ["a", "b", "c"]
    assert org.unit("c")["headcount"] == 3 and org.unit("c")["parent"] == "a"


def test_xlsx_with_a_huge_dimension_reads_the_real_cells():
    org = load(dos_xlsx_huge_dimension(), name="huge.xlsx")
    assert list(org.ids) == ["a"] and list(org.attribute_columns) == []


def test_xlsx_formula_without_a_saved_value_is_refused_with_its_address():
    data = xlsx([["id", "headcount"], ["a", 1], ["b", "=SUM(B2:B2)"]])  # openpyxl saves no value
    err = refused(data, "formula.xlsx")
    assert err.line == 3
    assert "units!B3" in err.message and "formula" in err.message


def test_xlsx_formula_with_a_saved_value_gives_that_value():
    rows = f'<row r="1">{inline("A1", "id")}{inline("B1", "headcount")}</row>'
    rows += f'<row r="2">{inline("A2", "b")}<c r="B2"><f>3+4</f><v>7</v></c></row>'
    assert load(xlsx_sheet_xml(rows), name="cached.xlsx").unit("b")["headcount"] == 7


def test_xlsx_formula_that_gave_an_empty_text_is_an_empty_cell():
    rows = f'<row r="1">{inline("A1", "id")}{inline("B1", "note")}</row>'
    rows += f'<row r="2">{inline("A2", "a")}<c r="B2" t="str"><f>""</f><v></v></c></row>'
    org = load(xlsx_sheet_xml(rows), name="empty-text.xlsx")
    assert org.unit("a").get("note") is None


def test_xlsx_value_beyond_column_1000_is_refused_with_its_address():
    err = refused(dos_xlsx_wide(1_200), "wide.xlsx")
    assert err.line == 1 and "ALM1" in err.message and "1,000" in err.message


def test_xlsx_formatted_empty_rows_are_ignored():
    org = load(dos_xlsx_empty_rows(20_000), name="formatted.xlsx")
    assert list(org.ids) == ["a"]


# ---------------------------------------------------------------- GraphML: one flat graph
def test_graphml_with_two_graphs_is_refused():
    body = '  <graph edgedefault="directed"><node id="a"/></graph>\n'
    body += '  <graph edgedefault="directed"><node id="b"/></graph>\n'
    err = refused(graphml(body), "two.graphml")
    assert err.line == 4 and "second <graph>" in err.message and "line 3" in err.message


def test_graphml_nested_graph_is_refused_not_flattened():
    body = '  <graph edgedefault="directed">\n    <node id="group">\n      <graph id="group:">\n'
    body += '        <node id="group::a"/>\n      </graph>\n    </node>\n  </graph>\n'
    err = refused(graphml(body), "groups.graphml")
    assert err.line == 5 and "nested graph" in err.message and "'group'" in err.message


def test_graphml_hyperedge_is_refused():
    body = '  <graph edgedefault="directed"><node id="a"/><node id="b"/>\n'
    body += '    <hyperedge><endpoint node="a"/><endpoint node="b"/></hyperedge></graph>\n'
    err = refused(graphml(body), "hyper.graphml")
    assert err.line == 4


def test_graphml_edge_default_relation_applies():
    keys = '  <key id="r" for="edge" attr.name="relation" attr.type="string"><default>reports_to</default></key>\n'
    body = '  <graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="b" target="a"/></graph>\n'
    org = load(graphml(body, keys), name="defaults.graphml")
    assert org.unit("b")["parent"] == "a" and org.unit("b")["serves"] == []


def test_graphml_yed_label_geometry_and_shape_are_kept():
    keys = '  <key for="node" id="g" yfiles.type="nodegraphics"/>\n'
    body = (
        '  <graph edgedefault="directed">\n    <node id="n0"><data key="g"><y:ShapeNode>'
        '<y:Geometry height="30.0" width="30.0" x="10.0" y="20.0"/><y:NodeLabel>Vertrieb<y:LabelModel/></y:NodeLabel>'
        '<y:Shape type="rectangle"/></y:ShapeNode></data></node>\n  </graph>\n'
    )
    unit = load(graphml(body, keys), name="yed.graphml").unit("n0")
    assert (unit["label"], unit["x"], unit["y"], unit["shape_type"]) == ("Vertrieb", "10.0", "20.0", "rectangle")


# ---------------------------------------------------------------- CSV delimiters
@pytest.mark.parametrize(
    ("data", "line", "found"),
    [
        (b"id;name;parent\na,A,\nb,B,a\n", 2, "','"),
        (b"id;name;parent\na;A;\nb,B,a\n", 3, "','"),
        (b"id,name,parent\na;A;\n", 2, "';'"),
        (b"id\tname\tparent\na,A,\n", 2, "','"),
    ],
)
def test_csv_rows_in_another_delimiter_than_the_header_are_refused(data, line, found):
    err = refused(data, "mixed.csv")
    assert err.line == line and found in err.message


def test_csv_semicolons_with_commas_inside_names_still_read():
    org = load("id;name;parent\n7;Müller, Hans\n8;Berg, Eva;7\n".encode(), name="de.csv")
    assert org.unit("7")["name"] == "Müller, Hans" and org.unit("8")["parent"] == "7"


# ---------------------------------------------------------------- YAML merge keys and tags
def test_yaml_merge_key_is_refused():
    data = b"units:\n  - {id: '007'}\n  - {<<: {parent: 007}, id: x}\n"
    err = refused(data, "merge.yaml")
    assert err.line == 3 and "merge" in err.message


@pytest.mark.parametrize(
    "value", ["!!binary aGVsbG8=", "!!set {a, b}", "!!timestamp 2024-01-01", "!!omap [a: 1]", "!!pairs [a: 1]"]
)
def test_yaml_tags_beyond_plain_data_are_refused(value):
    err = refused(f"units:\n  - id: a\n    note: {value}\n".encode(), "tags.yaml")
    assert err.line == 3 and "tag" in err.message and "!!" in err.message


def test_yaml_plain_tags_are_allowed():
    org = load(b"units:\n  - {id: !!str 007, headcount: !!int '12', note: !!str yes}\n", name="plain.yaml")
    assert org.unit("007")["headcount"] == 12 and org.unit("007")["note"] == "yes"


# ---------------------------------------------------------------- invisible and control characters
INVISIBLE = {"bidi override": "\u202e", "zero-width space": "\u200b", "no-break space": "\u00a0", "BOM": "\ufeff"}


def id_file(fmt: str, uid: str) -> tuple[bytes, int]:
    """A file whose second unit has the id ``uid``, and that unit's line."""
    units = [{"id": "a", "serves": ["customer"]}, {"id": uid, "parent": "a"}]
    if fmt == "csv":
        return csv_rows([["id", "parent", "serves"], ["a", "", "customer"], [uid, "a", ""]]), 3
    if fmt == "yaml":
        return yaml_units(units), 3
    if fmt == "json":
        return json_units(units), 3
    if fmt == "xlsx":
        return xlsx([["id", "parent", "serves"], ["a", None, "customer"], [uid, "a", None]]), 3
    return graphml_units([{"id": "a"}, {"id": uid}]), 5


@pytest.mark.parametrize("fmt", ["csv", "yaml", "json", "xlsx", "graphml"])
@pytest.mark.parametrize("what", list(INVISIBLE))
def test_invisible_characters_in_ids_are_refused_naming_the_code_point(fmt, what):
    ch = INVISIBLE[what]
    data, line = id_file(fmt, f"sa{ch}les")
    err = refused(data, f"ids.{fmt}")
    assert err.line == line, str(err)
    assert f"U+{ord(ch):04X}" in err.message


def test_nul_after_the_first_64_kib_is_refused():
    # YAML, JSON and XML parsers refuse a NUL themselves; CSV cells took it after the first 64 KiB
    data = b"id,note\n" + b"".join(f"u{k},{'y' * 9000}\n".encode() for k in range(8)) + b"b,x\x00y\n"
    assert data.index(b"\x00") > 1 << 16
    err = refused(data, "nul.csv")
    assert err.line == 10 and "NUL" in err.message


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_control_characters_in_names_and_values_are_refused(fmt):
    units = [{"id": "a", "name": "Sales\u202e"}]
    if fmt == "csv":
        data = csv_rows([["id", "name"], ["a", "Sales\u202e"]])
    elif fmt == "json":
        data = json_units(units)
    else:
        data = xlsx([["id", "note"], ["a", "x_x0001_y"]])  # Excel's escape of U+0001
    err = refused(data, f"names.{fmt}")
    assert err.line == 2 and "U+" in err.message


def test_ids_that_differ_only_in_normalisation_are_one_id():
    nfc, nfd = "Caf\u00e9", "Cafe\u0301"
    err = refused(json_units([{"id": nfc}, {"id": nfd}]), "nfc.json")
    assert err.line == 3 and "duplicate id" in err.message and "Unicode" in err.message
    org = load(json_units([{"id": nfc}, {"id": "x", "parent": nfd, "serves": [nfd]}]), name="nfc.json")
    assert org.unit("x")["parent"] == nfc and org.unit("x")["serves"] == [nfc]
    assert list(org.ids) == [nfc, "x"]


def test_ids_are_stored_in_nfc():
    org = load(yaml_units([{"id": "Cafe\u0301"}]), name="nfd.yaml")
    assert list(org.ids) == ["Caf\u00e9"]


def test_lone_surrogate_in_json_is_refused_on_validate(tmp_path, capsys):
    path = tmp_path / "sur.json"
    path.write_bytes(b'{"units": [\n{"id": "a"},\n{"id": "\\ud800"}]}')
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and ":3:" in err and "surrogate" in err


def test_surrogate_pairs_in_json_are_characters():
    org = load(json_units([{"id": "a", "name": "\ud83d\ude00"}]), name="emoji.json")
    assert org.unit("a")["name"] == "😀"


# ---------------------------------------------------------------- header spellings
@pytest.mark.parametrize("header", [["id", "ID"], ["ID", "id"], ["Id", "i_d"]])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_two_spellings_of_id_are_refused_in_either_order(fmt, header):
    data = csv_rows([header, ["1", "2"]]) if fmt == "csv" else xlsx([header, ["1", "2"]])
    err = refused(data, f"spell.{fmt}")
    assert err.line == 1
    assert repr(header[0]) in err.message and repr(header[1]) in err.message


# ---------------------------------------------------------------- crashes that leaked as internal errors
@pytest.mark.parametrize("fmt", ["yaml", "json", "graphml"])
def test_deep_nesting_is_refused_with_its_line(fmt):
    err = refused(dos_deep(fmt), f"deep.{fmt}")
    assert "nested" in err.message and err.line is not None


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_nesting_just_within_the_limit_reads(fmt):
    value = "[" * 15 + "1" + "]" * 15
    data = f"units: [{{id: a}}]\nx: {value}\n" if fmt == "yaml" else f'{{"units": [{{"id": "a"}}], "x": {value}}}'
    assert len(load(data.encode(), name=f"ok.{fmt}")) == 1


@pytest.mark.parametrize(
    ("checks", "words"),
    [
        ("{max_hops: .inf}", ".inf"),
        ("{max_hops: .nan}", ".nan"),
        ("{disable: [[span]]}", "['span']"),
        ("{severity: {span: [error]}}", "['error']"),
        ("{max_span: 1.0e+300}", "1e+300"),
    ],
)
def test_checks_values_of_the_wrong_type_give_file_line_and_value(tmp_path, capsys, checks, words):
    path = tmp_path / "checks.yaml"
    path.write_text(f"name: x\nchecks: {checks}\nunits: [{{id: a, serves: [customer]}}]\n")
    code = main(["check", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "internal error" not in err
    assert err.startswith(f"error: {path}:2:") and words in err and err.count("\n") == 1


def test_five_thousand_digits_in_csv_is_refused():
    data, line = headcount_file("csv", "9" * 5000)
    assert refused(data, "digits.csv").line == line


# ---------------------------------------------------------------- grouping never captures the customer
def test_department_called_customer_does_not_capture_the_customer(tmp_path):
    from orbit.hr import group_people

    people = load(
        b"id,parent,dept\n1,,Board\n2,1,customer\n3,1,Customer Unit\n4,2,customer\n5,1,customer-unit\n", name="p.csv"
    )
    org, _ = group_people(people, "dept", customer_facing=["Customer Unit"])
    ids = list(org.ids)
    assert "customer" not in ids and len(set(ids)) == len(ids) == 4
    by_name = {org.unit(i)["name"]: i for i in ids}
    assert by_name["Customer Unit"] == "customer-unit"
    assert org.unit(by_name["Customer Unit"])["serves"] == ["customer"]
    assert org.unit(by_name["customer"])["serves"] == [] and org.unit(by_name["customer-unit"])["serves"] == []


def test_loose_customer_facing_value_that_fits_two_groups_is_refused():
    from orbit.hr import group_people

    people = load(b"id,parent,dept\n1,,customer\n2,1,Customer Unit\n3,1,customer-unit\n", name="p.csv")
    with pytest.raises(OrgError, match="could be"):
        group_people(people, "dept", customer_facing=["customer unit"])


def test_loose_customer_facing_value_picks_its_own_group():
    from orbit.hr import group_people

    people = load(b"id,parent,dept\n1,,customer\n2,1,Customer Unit\n", name="p.csv")
    org, _ = group_people(people, "dept", customer_facing=["customer unit"])
    facing = [i for i in org.ids if org.unit(i)["serves"] == ["customer"]]
    assert [org.unit(i)["name"] for i in facing] == ["Customer Unit"]


# ---------------------------------------------------------------- small files that took minutes
def test_csv_with_100000_columns_is_refused_before_any_table():
    err = refused(dos_csv_wide(), "wide.csv")
    assert err.line == 1 and "100,001 columns" in err.message


def test_csv_with_a_44_mb_header_line_is_refused():
    err = refused(dos_csv_long_header(), "long.csv")
    assert err.line == 1 and "header line" in err.message


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_texts_longer_than_the_limits_are_refused(fmt):
    name = "x" * 20_000
    data = (
        f"name: {name}\nunits: [{{id: a}}]\n" if fmt == "yaml" else json.dumps({"name": name, "units": [{"id": "a"}]})
    )
    err = refused(data.encode(), f"long.{fmt}")
    assert "characters" in err.message


@pytest.mark.parametrize(("field", "limit"), [("name", 200), ("id", 200), ("kind", 200), ("note", 10_000)])
def test_names_and_values_have_a_length_limit(field, limit):
    unit = {"id": "a", field: "x" * (limit + 1)}
    err = refused(json_units([unit]), "long.json")
    assert f"{limit:,}" in err.message or str(limit) in err.message
    unit[field] = "x" * limit
    assert len(load(json_units([unit]), name="fits.json")) == 1


def test_organisation_name_of_5_mb_is_refused_before_rendering(tmp_path, capsys):
    path = tmp_path / "long.json"
    path.write_text(json.dumps({"name": "O" * (5 << 20), "units": [{"id": "a", "serves": ["customer"]}]}))
    code = main(["render", str(path), "-o", str(tmp_path / "out.png")])
    err = capsys.readouterr().err
    assert code == 2 and "longer than 200 characters" in err and not (tmp_path / "out.png").exists()


# ---------------------------------------------------------------- one line means one line
def test_long_cycle_names_a_few_ids_and_the_count():
    err = refused(dos_cycle(10_000), "cycle.csv")
    assert "10,000 units" in err.message and len(str(err)) < 400
    assert "'u0'" in err.message


def test_graphml_key_with_a_line_break_cannot_forge_a_second_error_line(tmp_path, capsys):
    keys = '  <key id="k" for="node" attr.name="x&#10;error: forged" attr.type="long"/>\n'
    body = '  <graph edgedefault="directed"><node id="a"><data key="k">zz</data></node></graph>\n'
    path = tmp_path / "forge.graphml"
    path.write_bytes(graphml(body, keys))
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.count("error:") == 2 and "\\n" in err  # the forged text, escaped


def test_file_name_with_a_line_break_stays_on_one_line(tmp_path, capsys):
    path = tmp_path / "bad\nerror: forged.yaml"
    path.write_bytes(b"units: [{id: a, parent: zz}]\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad\\nerror: forged.yaml:1:" in err


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_xlsx_entities_are_refused_in_one_line(member):
    laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def edit(xml: str) -> str:
        return re.sub(r"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or "") + laughs, xml, count=1)

    data = edit_member(xlsx([["id"], ["a"]]), member, edit)
    err = refused(data, "laughs.xlsx")
    assert "entit" in err.message or "unsafe" in err.message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"units:\n  - {id: a, headcount: 1, headcount: 2}\n", "duplicate key"),
        (b"units:\n  - {<<: {parent: a}, id: x}\n", "merge"),
        (b"units:\n  - {id: a, note: !!binary aGk=}\n", "!!binary"),
        (b"units:\n  - &u {id: a}\n  - *u\n", "alias"),
        (b"units:\n  - {id: a, x: " + b"[" * 50 + b"]" * 50 + b"}\n", "nested"),
    ],
)
def test_yaml_without_libyaml_refuses_the_same(monkeypatch, data, words):
    """PyYAML built without libyaml gives the same events from its own parser: the same refusals."""
    import yaml

    from orbit.formats import mapping

    with_libyaml = refused(data, "c.yaml")
    monkeypatch.setattr(mapping, "_EVENTS", yaml.SafeLoader)
    pure = refused(data, "c.yaml")
    assert words in pure.message and (pure.line, pure.message) == (with_libyaml.line, with_libyaml.message)


@pytest.mark.parametrize("depth", [19, 20])
def test_graphml_data_nested_to_the_limit_reads_back_from_every_format_or_is_refused(depth):
    """Found by the fuzzer: JSON data of a GraphML design nested 20 deep was read, and its YAML then refused."""
    from orbit import dumps

    value = "[" * depth + "]" * depth
    data = (
        '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="j" for="graph" attr.name="json:extra" attr.type="string"/>'
        f'<graph edgedefault="directed"><data key="j">{value}</data><node id="a"/></graph></graphml>'
    ).encode()
    if depth == 20:
        with pytest.raises(OrgError, match="nested more than 19 levels deep"):
            load(data, name="deep.graphml")
        return
    org = load(data, name="deep.graphml")
    for fmt in ("yaml", "json", "graphml"):
        text, _ = dumps(org, fmt)
        again = load(text if isinstance(text, bytes) else text.encode(), name=f"again.{fmt}")
        assert again.attrs["extra"] == org.attrs["extra"]
