"""Reading and writing every file format, and clean errors on bad input (issue 2)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile

import pytest
from orgfiles import FORMATS, make_csv, make_file, make_graphml, make_json, make_xlsx, make_yaml

import orbit
from orbit import OrgError, load, save
from orbit.formats import atomic_write, dumps


def error_of(data: bytes, name: str) -> OrgError:
    with pytest.raises(OrgError) as info:
        load(data, name=name)
    err = info.value
    # the one-line form the CLI prints
    assert "\n" not in str(err)
    assert str(err).startswith(name)
    return err


# ---------------------------------------------------------------------------
# a valid organisation reads the same from every format
# ---------------------------------------------------------------------------
UNITS = [
    {"id": "ceo", "name": "Geschäftsführung", "kind": "leadership", "headcount": 1},
    {
        "id": "sales",
        "name": "Vertrieb",
        "kind": "department",
        "parent": "ceo",
        "headcount": 12,
        "serves": ["customer"],
        "orbit": 1,
        "location": "Köln",
    },
    {"id": "ops", "parent": "ceo", "headcount": 30, "serves": ["sales", "customer"]},
]
JOURNEYS = [{"name": "order", "steps": ["sales", "ops"]}]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_units_relations_and_attributes(fmt):
    f = make_file(fmt, UNITS, JOURNEYS)
    org = load(f.data, name=f.name)
    assert list(org.ids) == ["ceo", "sales", "ops"]
    sales = org.unit("sales")
    assert sales["name"] == "Vertrieb"
    assert sales["kind"] == "department"
    assert sales["parent"] == "ceo"
    assert sales["headcount"] == 12
    assert sales["orbit"] == 1
    assert sales["serves"] == ["customer"]
    assert sales["location"] == "Köln"
    assert org.unit("ops")["serves"] == ["sales", "customer"]
    assert org.unit("ceo")["parent"] is None
    # 2 reporting lines + 3 service relations
    assert org.relation_count == 5
    if fmt in ("yaml", "json", "xlsx"):
        assert [(j.name, j.steps) for j in org.journeys] == [("order", ("sales", "ops"))]


@pytest.mark.parametrize("fmt", FORMATS)
def test_load_accepts_path_bytes_and_file_object(tmp_path, fmt):
    f = make_file(fmt, UNITS)
    path = tmp_path / f.name
    path.write_bytes(f.data)
    from_path = load(path)
    from_str = load(str(path))
    from_bytes = load(f.data, format=fmt)
    with open(path, "rb") as fh:
        from_file = load(fh)
    for org in (from_str, from_bytes, from_file):
        assert org.records() == from_path.records()


def test_format_argument_overrides_the_extension(tmp_path):
    path = tmp_path / "units.txt"
    path.write_bytes(make_csv(UNITS).data)
    assert len(load(path, format="csv")) == 3
    assert len(load(path, format=".csv")) == 3
    with pytest.raises(OrgError, match="unsupported format"):
        load(path, format="docx")


@pytest.mark.parametrize("ext", [".yaml", ".yml", ".YAML", ".Json", ".CSV"])
def test_extension_is_case_insensitive_and_yml_is_yaml(tmp_path, ext):
    fmt = ext.lower().lstrip(".").replace("yml", "yaml")
    path = tmp_path / f"org{ext}"
    path.write_bytes(make_file(fmt, UNITS).data)
    assert len(load(path)) == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_save_writes_a_file_that_loads_back(tmp_path, fmt):
    org = load(make_yaml(UNITS, JOURNEYS).data, name="x.yaml")
    path = tmp_path / f"out.{fmt}"
    save(org, path)
    back = load(path)
    assert list(back.ids) == list(org.ids)
    assert back.unit("ops")["serves"] == ["sales", "customer"]


# ---------------------------------------------------------------------------
# bad input: one clean error naming the line and the offending id or value
# ---------------------------------------------------------------------------
# (case, units, index of the unit whose line is reported, words the message must contain, formats)
BAD_UNITS = [
    ("duplicate id", [{"id": "a"}, {"id": "b", "parent": "a"}, {"id": "a"}], 2, ["duplicate", "'a'"], FORMATS),
    ("unknown parent", [{"id": "a"}, {"id": "b", "parent": "zz"}], 1, ["'zz'"], FORMATS),
    ("unknown serves", [{"id": "a"}, {"id": "b", "serves": ["customer", "zz"]}], 1, ["'zz'"], FORMATS),
    ("self parent", [{"id": "a"}, {"id": "b", "parent": "b"}], 1, ["'b'", "itself"], FORMATS),
    ("customer id", [{"id": "a"}, {"id": "customer", "name": "x"}], 1, ["'customer'"], FORMATS[:4]),
    ("customer parent", [{"id": "a"}, {"id": "b", "parent": "customer"}], 1, ["'b'", "customer"], FORMATS),
    ("negative headcount", [{"id": "a"}, {"id": "b", "headcount": -3}], 1, ["headcount", "'b'", "-3"], FORMATS),
    ("fractional headcount", [{"id": "a"}, {"id": "b", "headcount": 2.5}], 1, ["headcount", "2.5"], FORMATS),
    ("text headcount", [{"id": "a"}, {"id": "b", "headcount": "lots"}], 1, ["headcount", "lots"], FORMATS),
    ("orbit zero", [{"id": "a", "orbit": 1}, {"id": "b", "orbit": 0}], 1, ["orbit", "'b'", "0"], FORMATS),
    ("orbit negative", [{"id": "a"}, {"id": "b", "orbit": -2}], 1, ["orbit", "-2"], FORMATS),
    ("fractional orbit", [{"id": "a"}, {"id": "b", "orbit": 1.5}], 1, ["orbit", "1.5"], FORMATS),
    ("empty id", [{"id": "a", "name": "A"}, {"id": "", "name": "nameless"}], 1, ["id"], FORMATS[:4]),
    ("missing id", [{"id": "a"}, {"name": "nameless"}], 1, ["id"], ("yaml", "json")),
]


@pytest.mark.parametrize(
    ("fmt", "case"),
    [(fmt, case) for case in BAD_UNITS for fmt in case[4]],
    ids=[f"{fmt}-{case[0]}" for case in BAD_UNITS for fmt in case[4]],
)
def test_bad_unit_gives_file_line_and_offender(fmt, case):
    _, units, index, words, _ = case
    f = make_file(fmt, units)
    err = error_of(f.data, f.name)
    expected = f.unit_lines[index]
    if fmt == "graphml" and case[0] in ("unknown parent", "unknown serves"):
        # the relation is an edge: the edge's own line is the place to fix
        expected = f.line_of('target="zz"')
    assert err.line == expected, str(err)
    for word in words:
        assert word in err.message, str(err)
    assert str(err) == f"{f.name}:{expected}: {err.message}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_reporting_cycle_names_every_id_in_the_cycle(fmt):
    units = [
        {"id": "root"},
        {"id": "x", "parent": "root"},
        {"id": "a", "parent": "c"},
        {"id": "b", "parent": "a"},
        {"id": "c", "parent": "b"},
        {"id": "tail", "parent": "a"},
    ]
    f = make_file(fmt, units)
    err = error_of(f.data, f.name)
    assert "cycle" in err.message
    named = set(re.findall(r"'([^']*)'", err.message))
    assert named == {"a", "b", "c"}
    assert err.line in f.unit_lines[2:5]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize(("value", "kind"), [("{}", "mapping"), ('"a"', "text"), ("5", "int"), ("null", "nothing")])
def test_units_must_be_a_list(fmt, value, kind):
    if fmt == "yaml":
        data, name = f"name: x\nunits: {value}\n".encode(), "org.yaml"
    else:
        data, name = f'{{"name": "x",\n "units": {value}}}\n'.encode(), "org.json"
    err = error_of(data, name)
    assert "'units' must be a list" in err.message
    assert kind in err.message
    assert err.line == 1


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"name: x\n", "org.yaml"), (b'{"name": "x"}', "org.json"), (b"- id: a\n", "org.yaml"), (b"[1]", "org.json")],
)
def test_document_without_units(data, name):
    err = error_of(data, name)
    assert "units" in err.message


def test_unit_that_is_not_a_mapping():
    err = error_of(b"units:\n  - id: a\n  - just text\n", "org.yaml")
    assert err.line == 3
    assert "unit 2" in err.message


@pytest.mark.parametrize("header", ["name,parent", "ID2,parent", "identifier,parent"])
def test_csv_without_id_column(header):
    err = error_of(f"{header}\na,\n".encode(), "org.csv")
    assert err.line == 1
    assert "'id'" in err.message


def test_xlsx_without_id_column():
    err = error_of(make_xlsx([["name", "parent"], ["a", None]]), "org.xlsx")
    assert err.line == 1
    assert "'id'" in err.message


def test_xlsx_empty_id_cell_names_its_row():
    data = make_xlsx([["id", "name"], ["a", "A"], [None, "nameless"]])
    err = error_of(data, "org.xlsx")
    assert err.line == 3
    assert "empty id" in err.message


# ---------------------------------------------------------------- syntax errors
def test_csv_unclosed_quote_gives_its_line():
    err = error_of(b'id,name\na,A\nb,"never closed\nc,C\n', "org.csv")
    assert err.line == 3
    assert "quote" in err.message or '"' in err.message


def test_csv_row_with_more_cells_than_the_header():
    err = error_of(b"id,parent\na,\nb,a\nc,a,surplus\nd,a\n", "org.csv")
    assert err.line == 4
    assert "3 cells" in err.message
    assert "2" in err.message


def test_csv_extra_cells_line_counts_quoted_newlines():
    data = b'id,name,parent\na,"two\nlines",\nb,"three\n\nlines",a\nc,C,a,surplus\n'
    err = error_of(data, "org.csv")
    assert err.line == 7


def test_xlsx_row_with_more_cells_than_the_header():
    data = make_xlsx([["id", "parent"], ["a", None], ["b", "a", "surplus"]])
    err = error_of(data, "org.xlsx")
    assert err.line == 3


def test_yaml_syntax_error_gives_its_line():
    data = b"name: x\nunits:\n  - id: a\n  - id: b\n   parent: a\n  - id: c\n"
    err = error_of(data, "org.yaml")
    assert err.line in (4, 5)


def test_yaml_unclosed_bracket_points_inside_the_file():
    data = b"units:\n  - id: a\n    serves: [customer\n"
    err = error_of(data, "org.yaml")
    assert 1 <= err.line <= 3


def test_json_syntax_error_gives_its_line():
    data = b'{"units": [\n  {"id": "a"},\n  {"id": "b" "parent": "a"}\n]}\n'
    err = error_of(data, "org.json")
    assert err.line == 3
    assert "JSON" in err.message


def test_json_trailing_garbage():
    err = error_of(b'{"units": []}\n\nmore\n', "org.json")
    assert err.line == 3


def test_graphml_syntax_error_gives_its_line():
    f = make_graphml([{"id": "a"}, {"id": "b", "parent": "a"}])
    text = f.text().replace('<node id="b">', '<node id="b"', 1)
    err = error_of(text.encode(), "org.graphml")
    assert err.line == f.unit_lines[1]


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"hello, world", b"\x00\x01\x02\x03"])
def test_xlsx_that_is_not_a_workbook(data):
    err = error_of(data, "org.xlsx")
    assert "xlsx" in err.message or "workbook" in err.message


def test_xlsx_zip_without_a_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    err = error_of(buf.getvalue(), "org.xlsx")
    assert "workbook" in err.message


def test_xlsx_empty_first_sheet():
    err = error_of(make_xlsx([]), "org.xlsx")
    assert "empty" in err.message


# ---------------------------------------------------------------- files that are not organisation files
@pytest.mark.parametrize("name", ["org.txt", "org.docx", "org", "org.yaml.bak"])
def test_unsupported_extension(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(make_yaml(UNITS).data)
    with pytest.raises(OrgError, match="unsupported file extension") as info:
        load(path)
    assert info.value.line is None
    assert str(path) in str(info.value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_file(tmp_path, fmt):
    with pytest.raises(OrgError, match="no such file"):
        load(tmp_path / f"nothing.{fmt}")


def test_folder_instead_of_file(tmp_path):
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    with pytest.raises(OrgError, match="folder"):
        load(folder)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path, fmt, data):
    path = tmp_path / f"empty.{fmt}"
    path.write_bytes(data)
    with pytest.raises(OrgError, match="empty"):
        load(path)


@pytest.mark.parametrize("fmt", ["csv", "yaml", "json", "graphml"])
def test_binary_file(fmt):
    data = bytes(range(256)) * 4
    err = error_of(data, f"blob.{fmt}")
    assert "binary" in err.message or "not text" in err.message or "syntax" in err.message


@pytest.mark.parametrize("fmt", ["csv", "yaml", "json", "graphml"])
def test_png_is_refused(fmt):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(50)
    error_of(png, f"picture.{fmt}")


def test_header_only_csv_is_an_empty_organisation():
    org = load(b"id,parent,serves\n", name="org.csv")
    assert len(org) == 0


# ---------------------------------------------------------------- untrusted YAML and XML
@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/apply:subprocess.call",
        "!!python/object/new:os.system",
    ],
)
def test_yaml_code_tags_never_run(tmp_path, tag):
    target = tmp_path / "pwned"
    if tag.endswith("subprocess.call"):
        payload = f"[[touch, {target}]]"
    else:
        payload = f"['touch {target}']"
    data = f"name: x\nunits:\n  - id: a\n    note: {tag} {payload}\n".encode()
    err = error_of(data, "evil.yaml")
    assert err.line == 4
    assert "tag" in err.message
    assert not target.exists()


def test_yaml_python_name_tag_is_refused():
    err = error_of(b"units: !!python/name:os.system\n", "evil.yaml")
    assert "tag" in err.message
    assert err.line == 1


def test_yaml_local_tag_is_refused():
    err = error_of(b"units:\n  - !unit {id: a}\n", "evil.yaml")
    assert err.line == 2


def test_yaml_aliases_are_refused_before_they_expand():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for k in range(1, 12):
        prev = chr(ord("a") + k - 1)
        cur = chr(ord("a") + k)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    lines.append("units: [{id: a}]")
    err = error_of(("\n".join(lines) + "\n").encode(), "bomb.yaml")
    assert "alias" in err.message
    assert err.line == 2


def test_yaml_single_alias_is_refused():
    err = error_of(b"units:\n  - &u {id: a}\n  - *u\n", "org.yaml")
    assert "alias" in err.message
    assert err.line == 3


def test_yaml_several_documents_is_an_error():
    err = error_of(b"units: [{id: a}]\n---\nunits: [{id: b}]\n", "org.yaml")
    assert err.line == 2


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <graph edgedefault="directed"><node id="a"><data key="name">&lol3;</data></node></graph>
</graphml>
"""


def test_graphml_entity_declarations_are_refused():
    err = error_of(BILLION_LAUGHS, "bomb.graphml")
    assert "entity" in err.message.lower()
    assert err.line == 3


def test_graphml_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    data = f"""<?xml version="1.0"?>
<!DOCTYPE g [<!ENTITY xxe SYSTEM "file://{secret}">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <graph edgedefault="directed"><node id="a"><data key="name">&xxe;</data></node></graph>
</graphml>
""".encode()
    err = error_of(data, "xxe.graphml")
    assert "top secret" not in str(err)


# ---------------------------------------------------------------- GraphML specifics
def test_graphml_customer_node_and_relations():
    f = make_graphml(UNITS)
    org = load(f.data, name=f.name)
    assert org.unit("sales")["parent"] == "ceo"
    assert "customer" not in list(org.ids)


def test_graphml_customer_label_comes_from_the_customer_node():
    f = make_graphml([{"id": "a", "serves": ["customer"]}])
    text = (
        f.text()
        .replace('<node id="customer"/>', '<node id="customer"><data key="name">Kunde</data></node>')
        .replace("<graph ", '<key id="name" for="node" attr.name="name" attr.type="string"/>\n<graph ')
    )
    org = load(text.encode(), name="org.graphml")
    assert org.customer == "Kunde"


def test_graphml_unknown_relation():
    f = make_graphml([{"id": "a"}, {"id": "b", "parent": "a"}])
    text = f.text().replace(">reports_to<", ">likes<")
    err = error_of(text.encode(), "org.graphml")
    assert "likes" in err.message


def test_graphml_two_parents_is_an_error():
    f = make_graphml([{"id": "a"}, {"id": "c"}, {"id": "b", "parent": "a"}])
    text = f.text().replace(
        "</graph>",
        '<edge source="b" target="c"><data key="relation">reports_to</data></edge>\n</graph>',
    )
    err = error_of(text.encode(), "org.graphml")
    assert "'b'" in err.message
    assert err.line == f.unit_lines[2]


def test_graphml_touchpoint_drawn_from_the_customer_counts():
    f = make_graphml([{"id": "a"}])
    text = f.text().replace(
        "</graph>", '<edge source="customer" target="a"><data key="relation">serves</data></edge>\n</graph>'
    )
    org = load(text.encode(), name="org.graphml")
    assert org.unit("a")["serves"] == ["customer"]


# ---------------------------------------------------------------- CSV dialects
def test_csv_windows_1252_semicolons_from_german_excel():
    text = (
        "id;Name;parent;headcount;serves;Standort\r\n"
        "gf;Geschäftsführung;;2;;Köln\r\n"
        "vertrieb;Vertrieb;gf;14;customer;Düsseldorf\r\n"
        "qs;Qualitätssicherung;gf;5;vertrieb,customer;Köln\r\n"
    )
    org = load(text.encode("cp1252"), name="Organigramm.csv")
    assert org.unit("gf")["name"] == "Geschäftsführung"
    assert org.unit("qs")["name"] == "Qualitätssicherung"
    assert org.unit("vertrieb")["Standort"] == "Düsseldorf"
    assert org.unit("qs")["serves"] == ["vertrieb", "customer"]
    assert org.unit("vertrieb")["headcount"] == 14


def test_csv_windows_1252_errors_name_the_line_and_the_id():
    text = "id;parent\ngf;\nbüro;gf\nlager;büro\nwerk;Führung\n"
    err = error_of(text.encode("cp1252"), "org.csv")
    assert err.line == 5
    assert "'Führung'" in err.message


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_csv_delimiters_and_line_endings(sep, newline):
    f = make_csv(UNITS, sep=sep, newline=newline)
    org = load(f.data, name="org.csv")
    assert list(org.ids) == ["ceo", "sales", "ops"]
    assert org.unit("ops")["serves"] == ["sales", "customer"]
    assert org.unit("sales")["location"] == "Köln"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_csv_error_lines_are_right_with_any_line_ending(newline):
    f = make_csv([{"id": "a"}, {"id": "b", "parent": "a"}, {"id": "c", "parent": "nope"}], newline=newline)
    err = error_of(f.data, "org.csv")
    assert err.line == 4


def test_csv_utf8_bom_is_not_part_of_the_first_header():
    data = b"\xef\xbb\xbfid,parent\r\na,\r\nb,a\r\n"
    org = load(data, name="org.csv")
    assert org.unit("b")["parent"] == "a"
    assert "\ufeffid" not in org.units.columns


def test_csv_utf16_with_bom():
    data = "id\tname\na\tGeschäftsführung\n".encode("utf-16")
    assert load(data, name="org.csv").unit("a")["name"] == "Geschäftsführung"


@pytest.mark.parametrize("cell", ["a|customer", "a,customer", "a;customer", "a | customer", " a ;customer "])
def test_serves_cell_separators(cell):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t" if ";" in cell else ",")
    w.writerows([["id", "serves"], ["a", "customer"], ["b", cell]])
    org = load(buf.getvalue().encode(), name="org.csv")
    assert org.unit("b")["serves"] == ["a", "customer"]


def test_serves_cell_separators_in_xlsx():
    data = make_xlsx([["id", "serves"], ["a", "customer"], ["b", "a, customer"], ["c", "a;b|customer"]])
    org = load(data, name="org.xlsx")
    assert org.unit("b")["serves"] == ["a", "customer"]
    assert org.unit("c")["serves"] == ["a", "b", "customer"]


def test_quoted_cells_with_newlines_keep_later_line_numbers_right():
    data = b'id,name,parent\nceo,"Chief\nExecutive",\nops,"Operations\nand\nLogistics",ceo\nqa,Quality,nobody\n'
    err = error_of(data, "org.csv")
    assert err.line == 7
    assert "'nobody'" in err.message


def test_quoted_newlines_are_kept_in_values():
    org = load(b'id,name\nceo,"Chief\nExecutive"\n', name="org.csv")
    assert org.unit("ceo")["name"] == "Chief\nExecutive"


def test_blank_lines_do_not_shift_line_numbers():
    err = error_of(b"id,parent\n\na,\n\n\nb,zz\n", "org.csv")
    assert err.line == 6


def test_whitespace_only_lines_do_not_shift_line_numbers():
    err = error_of(b"id,parent\na,\n   \nb,zz\n", "org.csv")
    assert err.line == 4


def test_rows_of_empty_cells_are_skipped_like_blank_lines():
    # spreadsheets export emptied rows as ",,,"
    org = load(b"id,parent,serves\na,,customer\n,,\nb,a,\n,,\n", name="org.csv")
    assert list(org.ids) == ["a", "b"]
    err = error_of(b"id,parent\na,\n,\nb,zz\n", "org.csv")
    assert err.line == 4


def test_csv_empty_id_names_its_line():
    err = error_of(b"id,name\na,A\n,nameless\n", "org.csv")
    assert err.line == 3
    assert "empty id" in err.message


def test_duplicate_id_names_both_lines():
    err = error_of(b"id\nx\ny\nx\n", "org.csv")
    assert err.line == 4
    assert "line 2" in err.message


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_ids_like_007_stay_text(fmt):
    if fmt == "csv":
        data = b"id,parent,serves\n007,,customer\n0070,007,\n1e3,007,007\n"
    else:
        data = make_xlsx([["id", "parent", "serves"], ["007", None, "customer"], ["0070", "007", None]])
    org = load(data, name=f"org.{fmt}")
    assert "007" in list(org.ids)
    assert org.unit("0070")["parent"] == "007"
    if fmt == "csv":
        assert org.unit("1e3")["serves"] == ["007"]


def test_yaml_ids_are_text_as_written():
    data = b"""units:
  - {id: 007, serves: [customer]}
  - {id: 0070, parent: 007, serves: [007, 1.50], headcount: 12}
  - {id: 1.50}
  - {id: no}
journeys:
  - {name: j, steps: [007, 0070]}
"""
    org = load(data, name="org.yaml")
    assert list(org.ids) == ["007", "0070", "1.50", "no"]
    assert org.unit("0070")["parent"] == "007"
    assert org.unit("0070")["serves"] == ["007", "1.50"]
    assert org.unit("0070")["headcount"] == 12
    assert org.journeys[0].steps == ("007", "0070")


def test_numeric_xlsx_ids_match_text_parents():
    data = make_xlsx([["id", "parent"], [100, None], [101, "100"], ["102", 100]])
    org = load(data, name="org.xlsx")
    assert list(org.ids) == ["100", "101", "102"]
    assert org.unit("102")["parent"] == "100"


@pytest.mark.parametrize(
    ("id_header", "parent_header", "name_header"),
    [
        ("id", "parent", "name"),
        ("ID", "Parent", "NAME"),
        ("Employee ID", "Manager ID", "Full Name"),
        ("employee_id", "manager_id", "full_name"),
        ("Unit-ID", "Reports To", "Display Name"),
        ("unit id", "parentId", "display-name"),
        ("UnitId", "parent id", "name"),
        ("  id ", "manager", "name"),
    ],
)
def test_header_aliases_and_normalisation(id_header, parent_header, name_header):
    data = f"{id_header},{parent_header},{name_header}\n1,,Anna\n2,1,Ben\n".encode()
    org = load(data, name="hr.csv")
    assert org.unit("2")["parent"] == "1"
    assert org.unit("2")["name"] == "Ben"


def test_header_aliases_in_xlsx():
    data = make_xlsx([["Employee ID", "Reports To", "Full Name"], [1, None, "Anna"], [2, 1, "Ben"]])
    org = load(data, name="hr.xlsx")
    assert org.unit("2")["parent"] == "1"
    assert org.unit("2")["name"] == "Ben"


def test_duplicate_header_is_an_error():
    err = error_of(b"id,parent,id\na,,b\n", "org.csv")
    assert err.line == 1
    assert "'id'" in err.message


def test_unknown_columns_are_kept_as_attributes():
    org = load(b"id,Cost Centre,location\na,4711,Berlin\n", name="org.csv")
    assert org.unit("a")["Cost Centre"] == "4711"
    assert org.unit("a")["location"] == "Berlin"


def test_oracle_hr_export_loads(hr_export):
    org = load(hr_export)
    assert len(org) == 107
    with open(hr_export, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(org.ids) == [r["id"] for r in rows]
    for r in rows:
        assert org.unit(r["id"])["parent"] == (r["parentId"] or None)
        assert org.unit(r["id"])["department_name"] == (r["department_name"] or None)
    roots = [r["id"] for r in rows if not r["parentId"]]
    assert int(org.units["parent"].isna().sum()) == len(roots)
    a = orbit.analyse(org)
    # nobody serves anybody: no path to the customer anywhere
    assert a.summary["unreachable"] == 107
    assert a.summary["layers"] >= 2


# ---------------------------------------------------------------- formula injection
DANGEROUS = ['=HYPERLINK("http://x")', "+SUM(A1:A9)", "-2+3", "@cmd", "\tfoo", "\rbar", "=1", "'=quoted"]


def dangerous_org():
    units = [{"id": "ceo", "headcount": 2, "debt": -5, "note": "-5", "ratio": "-1.5e3"}]
    for k, text in enumerate(DANGEROUS):
        units.append({"id": f"u{k}", "parent": "ceo", "name": text, "note": text, "serves": ["customer"]})
    units.append({"id": "=evil", "parent": "ceo", "name": "evil id"})
    units.append({"id": "victim", "parent": "=evil", "serves": ["=evil"]})
    return orbit.Organisation.from_records(units)


def test_csv_export_escapes_formulas_but_not_numbers():
    data, _ = dumps(dangerous_org(), "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    header = rows[0]
    cells = [c for row in rows[1:] for c in row]
    for cell in cells:
        if cell and cell[0] in "=+-@\t\r":
            assert re.fullmatch(r"[+-]?\d+(\.\d*)?([eE][+-]?\d+)?", cell), cell
    by_id = {row[0]: dict(zip(header, row)) for row in rows[1:]}
    assert by_id["ceo"]["debt"] == "-5"
    assert by_id["ceo"]["note"] == "-5"
    assert by_id["ceo"]["ratio"] == "-1.5e3"
    assert by_id["u0"]["name"] == '\'=HYPERLINK("http://x")'
    assert by_id["'=evil"]["name"] == "evil id"
    assert by_id["victim"]["parent"] == "'=evil"


def test_xlsx_export_escapes_formulas_but_not_numbers():
    import openpyxl

    data, _ = dumps(dangerous_org(), "xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str) and cell.value:
                assert cell.value[0] not in "=+-@\t\r" or re.fullmatch(r"-[\d.e]+", cell.value), cell.value
    ceo = {h: c.value for h, c in zip(header, next(ws.iter_rows(min_row=2)))}
    assert ceo["debt"] == -5
    assert ceo["note"] == "-5"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_escaped_files_read_back_to_the_original_values(fmt):
    org = dangerous_org()
    data, _ = dumps(org, fmt)
    back = load(data, name=f"org.{fmt}")
    assert list(back.ids) == list(org.ids)
    for k, text in enumerate(DANGEROUS):
        assert back.unit(f"u{k}")["name"] == org.unit(f"u{k}")["name"]  # names are stripped
        assert back.unit(f"u{k}")["note"] == text
    assert back.unit("victim")["parent"] == "=evil"
    assert back.unit("victim")["serves"] == ["=evil"]
    assert str(back.unit("ceo")["debt"]) == "-5"


def test_hand_written_leading_quote_is_kept_when_not_an_escape():
    org = load(b"id,note\na,'hello\nb,it's\n", name="org.csv")
    assert org.unit("a")["note"] == "'hello"
    assert org.unit("b")["note"] == "it's"


# ---------------------------------------------------------------- YAML and JSON specifics
def test_yaml_extra_keys_are_kept_and_written_back():
    data = b"""name: Demo
customer: Kunde
description: a test design
units:
  - id: a
    serves: [customer]
    cost_centre: 4711
    location: Berlin
    remote: true
"""
    org = load(data, name="org.yaml")
    assert org.name == "Demo"
    assert org.customer == "Kunde"
    assert org.attrs == {"description": "a test design"}
    assert org.unit("a")["cost_centre"] == 4711
    assert org.unit("a")["remote"] is True
    for fmt in ("yaml", "json"):
        out, warnings = dumps(org, fmt)
        assert warnings == []
        back = load(out, name=f"x.{fmt}")
        assert back.unit("a") == org.unit("a")
        assert back.attrs == org.attrs
        assert (back.name, back.customer) == ("Demo", "Kunde")


def test_yaml_serves_may_be_a_single_id():
    org = load(b"units:\n  - {id: a, serves: customer}\n", name="org.yaml")
    assert org.unit("a")["serves"] == ["customer"]


def test_yaml_serves_list_keeps_ids_with_separator_characters():
    data = b'units:\n  - {id: "R&D, Labs", serves: [customer]}\n  - {id: b, serves: ["R&D, Labs", customer]}\n'
    org = load(data, name="org.yaml")
    assert org.unit("b")["serves"] == ["R&D, Labs", "customer"]


def test_yaml_unit_field_that_is_a_mapping():
    err = error_of(b"units:\n  - id: a\n  - id: b\n    name: {first: x}\n", "org.yaml")
    assert err.line == 3
    assert "'name'" in err.message


def test_yaml_dates_convert_to_json_and_graphml():
    org = load(b"units:\n  - {id: a, hired: 2020-01-02}\n", name="org.yaml")
    for fmt in ("json", "graphml", "csv", "xlsx", "yaml"):
        data, _ = dumps(org, fmt)
        back = load(data, name=f"org.{fmt}")
        assert str(back.unit("a")["hired"]).startswith("2020-01-02")


def test_json_extra_keys_are_kept():
    data = b'{"name": "D", "units": [{"id": "a", "team_type": "stream-aligned", "size": 7}], "version": 2}'
    org = load(data, name="org.json")
    assert org.unit("a")["team_type"] == "stream-aligned"
    assert org.unit("a")["size"] == 7
    assert org.attrs == {"version": 2}


def test_journey_with_unknown_step():
    f = make_yaml([{"id": "a"}], [{"name": "j", "steps": ["a", "ghost"]}])
    err = error_of(f.data, f.name)
    assert "'ghost'" in err.message
    assert err.line == f.line_of('"j"')


def test_journey_steps_may_start_and_end_with_the_customer():
    f = make_json([{"id": "a"}, {"id": "b"}], [{"name": "j", "steps": ["customer", "a", "b", "customer"]}])
    org = load(f.data, name=f.name)
    assert org.journeys[0].steps == ("a", "b")


def test_xlsx_journeys_sheet():
    data = make_xlsx(
        [["id", "serves"], ["a", "customer"], ["b", "a"]],
        [["Name", "Steps"], ["complaint", "a|b"], ["order", "b, a"]],
    )
    org = load(data, name="org.xlsx")
    assert [(j.name, j.steps) for j in org.journeys] == [("complaint", ("a", "b")), ("order", ("b", "a"))]


def test_xlsx_journey_errors_point_into_the_journeys_sheet():
    data = make_xlsx([["id"], ["a"]], [["name", "steps"], ["ok", "a"], ["bad", "a|ghost"]])
    err = error_of(data, "org.xlsx")
    assert err.line == 3
    assert "journeys" in err.source
    assert "'ghost'" in err.message


# ---------------------------------------------------------------- writing
def test_csv_warns_once_about_what_it_cannot_hold():
    org = load(make_yaml(UNITS, JOURNEYS, extra="name: Demo\ncustomer: Kunde").data, name="x.yaml")
    _, warnings = dumps(org, "csv")
    assert len(warnings) == 1
    assert "\n" not in warnings[0]
    for word in ("name", "customer", "journeys"):
        assert word in warnings[0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_table_formats_refuse_ids_they_would_split(fmt):
    org = orbit.Organisation.from_records([{"id": "R&D, Labs"}, {"id": "b", "serves": ["R&D, Labs", "customer"]}])
    with pytest.raises(OrgError, match="would not read back") as info:
        dumps(org, fmt)  # a file that Orbit would then refuse is not written at all
    assert "'R&D, Labs'" in str(info.value)


def test_csv_of_a_plain_organisation_has_no_warning():
    org = load(make_csv(UNITS).data, name="x.csv")
    assert dumps(org, "csv")[1] == []


@pytest.mark.parametrize("fmt", ["yaml", "json", "xlsx", "graphml"])
def test_other_formats_keep_name_customer_and_journeys(fmt):
    org = load(make_yaml(UNITS, JOURNEYS, extra="name: Demo\ncustomer: Kunde").data, name="x.yaml")
    data, warnings = dumps(org, fmt)
    assert warnings == []
    back = load(data, name=f"x.{fmt}")
    assert (back.name, back.customer) == ("Demo", "Kunde")
    assert back.journeys == org.journeys


def test_atomic_write_replaces_the_whole_file(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old content that is longer than the new one\n" * 10)
    atomic_write(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_atomic_write_failure_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "out.csv"
    path.write_bytes(b"precious\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(path, b"new\n")
    assert path.read_bytes() == b"precious\n"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_save_to_an_unsupported_extension_writes_nothing(tmp_path):
    org = load(make_csv(UNITS).data, name="x.csv")
    with pytest.raises(OrgError, match="unsupported"):
        save(org, tmp_path / "out.docx")
    assert os.listdir(tmp_path) == []


def test_json_output_is_plain_json():
    org = load(make_yaml(UNITS, JOURNEYS).data, name="x.yaml")
    data, _ = dumps(org, "json")
    doc = json.loads(data)
    assert set(doc) >= {"name", "customer", "units", "journeys"}
    assert doc["units"][2] == {"id": "ops", "parent": "ceo", "headcount": 30, "serves": ["sales", "customer"]}


def test_csv_with_two_spellings_of_one_field_is_a_clean_error():
    err = error_of(b"ID,id,name\na,b,c\n", "two.csv")
    assert err.line == 1
    assert "'ID' and 'id' both name the field 'id'" in str(err)
