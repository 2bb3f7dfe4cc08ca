"""Real exports in (issue 12): column mapping, parents by name, import fixes, encodings, touchpoint rules,
grouping that tells the truth.

The small files here reproduce the traits of public exports nobody here
wrote: the d3-org-chart demo org (``id,parentId,name,positionName,area,office``),
a government agency list (``agency_name,parent_agency_name,active,description``,
Mac Roman, repeated rows, agencies that are their own parent) and the Oracle
HR sample.
"""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orbit
from orbit import OrgError, load
from orbit.cli import main
from orbit.formats import ImportNote
from orbit.formats.columns import HEADER_ALIASES, PRESETS, header_key, parse_map, suggest_mapping
from orbit.hr import group_people, rank_grouping_columns
from orbit.touchpoints import add_touchpoints, parse_rule

AGENCIES = (
    "agency_name,parent_agency_name,active,description\n"
    "Department of Justice,Department of Justice,true,Federal § 1 agency\n"
    "Office of Legal Counsel,Department of Justice,true,Advises\n"
    "Bureau of Prisons,Department of Justice,true,Prisons\n"
    "Bureau of Prisons,,false,\n"
    "Department of Labor,Department of Labor,true,Employment § 2\n"
    "Wage and Hour Division,Department of Labor,true,\n"
    "Office of Inspector General,Department of Treasury,true,Oversight\n"
)
"""An agency list's traits: names as ids, self-parents, a repeated agency, a parent not in the file."""


def d3_org(n_sales: int = 3) -> str:
    """A d3-org-chart shaped export: every row one person, ``area`` and ``office`` one value for almost all."""
    rows = ["id,parentId,name,positionName,area,office"]
    rows.append("1,,Ian Devling,Chief Executive Officer,Corporate,CEO office")
    rows.append("2,1,Davolio Nancy,Sales Director,Corporate,CEO office")
    rows.append("3,1,Fuller Andrew,Head of Engineering,Corporate,CEO office")
    for k in range(n_sales):
        rows.append(f"{100 + k},2,Seller {k},Account Executive Sales,Corporate,CEO office")
    for k in range(6):
        rows.append(f"{20 + k},3,Engineer {k},Software Engineer,Corporate,CEO office")
    rows.append("30,100,Assistant,Sales Assistant,Corporate,Remote")
    return "\n".join(rows) + "\n"


def fails(data: bytes, name: str, **kw) -> OrgError:
    with pytest.raises(OrgError) as info:
        load(data, name=name, **kw)
    assert "\n" not in str(info.value)
    return info.value


# ---------------------------------------------------------------- column mapping
def test_no_id_column_suggests_the_mapping_in_one_line():
    err = fails(AGENCIES.encode(), "agencies.csv")
    assert str(err) == "agencies.csv:1: no 'id' column; try --map id=agency_name,parent=parent_agency_name"


def test_map_names_the_id_and_parent_columns_and_keeps_the_rest():
    notes: list[str] = []
    org = load(
        AGENCIES.encode(),
        name="agencies.csv",
        map={"id": "agency_name", "parent": "Parent Agency Name"},
        fix="all",
        notes=notes,
    )
    assert org.unit("Office of Legal Counsel")["parent"] == "Department of Justice"
    assert org.unit("Department of Justice")["parent"] is None  # a self-parent made a top unit
    assert org.unit("Office of Inspector General")["parent"] is None  # a parent not in the file
    assert org.unit("Wage and Hour Division")["active"] == "true"
    assert len(org) == 6
    assert [n.split(":")[0] for n in notes] == ["duplicates", "self-reports", "unknown-parents"]


def test_map_errors_name_the_field_or_the_column():
    assert "unknown field 'boss'" in str(fails(b"a,b\n1,\n", "x.csv", map="boss=b"))
    err = fails(b"a,b\n1,\n", "x.csv", map="id=nope")
    assert err.line == 1 and "no column 'nope'" in err.message and "a, b" in err.message
    with pytest.raises(OrgError, match="FIELD=COLUMN"):
        parse_map("id")


def test_a_header_spelling_a_field_that_another_column_holds_is_kept_as_an_attribute():
    org = load(b"id,code,parent\nx,A,\ny,B,A\n", name="x.csv", map="id=code")
    assert org.unit("B")["parent"] == "A"
    assert org.unit("A")["id (column)"] == "x"


@pytest.mark.parametrize(
    ("system", "header", "row1", "row2"),
    [
        ("Workday", "Employee ID,Worker,Manager ID,Supervisory Organization", "1,Ann,,Board", "2,Bob,1,Sales"),
        ("SAP SuccessFactors", "USERID,FIRSTNAME,LASTNAME,MANAGER,DEPARTMENT", "1,Ann,Lee,NO_MANAGER", "2,Bob,Ray,1"),
        ("BambooHR", "Employee #,Display name,Supervisor,Department", "1,Ann Lee,,Board", "2,Bob Ray,Ann Lee,Sales"),
        ("Personio", "ID,First name,Last name,Supervisor,Department", "1,Ann,Lee,,Board", "2,Bob,Ray,Ann Lee,Sales"),
        ("HiBob", "work.employeeIdInCompany,displayName,work.reportsToIdInCompany", "1,Ann Lee,", "2,Bob Ray,1"),
        (
            "Microsoft Entra ID",
            "userPrincipalName,displayName,jobTitle,manager",
            "ann@x.org,Ann Lee,CEO,",
            "bob@x.org,Bob Ray,Sales,ann@x.org",
        ),
    ],
)
def test_presets_of_hr_systems_read_without_a_mapping(system, header, row1, row2):
    assert system in PRESETS
    data = f"{header}\n{row1}\n{row2}\n".encode()
    org = load(data, name="export.csv", fix="unknown-parents", notes=[])
    first, second = org.units["id"].tolist()
    assert org.unit(second)["parent"] == first
    assert org.unit(second)["name"] in ("Bob", "Bob Ray")


def test_parent_aliases_prefer_id_columns_over_name_columns():
    keys = HEADER_ALIASES["parent"]
    assert keys.index("managerid") < keys.index("manager") and keys.index("supervisoreid") < keys.index("supervisor")
    org = load(b"Employee ID,Name,Manager,Manager ID\n1,Ann,,\n2,Bob,Ann,1\n", name="wd.csv")
    assert org.unit("2")["parent"] == "1" and org.unit("2")["Manager"] == "Ann"


def test_header_key_ignores_dots_case_and_separators():
    assert header_key("work.reportsTo") == header_key("Work Reports-To") == "workreportsto"


# ---------------------------------------------------------------- parents by name or e-mail
def test_parents_given_by_name_are_resolved_and_said_so():
    data = b"Employee #,Display name,Supervisor\n1,Ann Lee,\n2,Bob Ray,Ann Lee\n3,Cy Dee,Bob Ray\n"
    notes: list[str] = []
    org = load(data, name="bamboo.csv", notes=notes)
    assert org.unit("3")["parent"] == "2" and org.unit("2")["parent"] == "1"
    assert notes == ["parents given by names: resolved 2 parents to ids by the column 'name'"]


def test_parents_given_by_e_mail_are_resolved_case_insensitively():
    data = b"id,email,manager\nu1,Ann@X.org,\nu2,bob@x.org,ann@x.org\n"
    org = load(data, name="entra.csv", notes=[])
    assert org.unit("u2")["parent"] == "u1"
    assert org.unit("u1")["email"] == "Ann@X.org"


def test_an_ambiguous_parent_name_is_an_error_naming_its_lines():
    data = b"id,name,supervisor\n1,Ann Lee,\n2,Ann Lee,\n3,Bob,Ann Lee\n"
    err = fails(data, "people.csv")
    assert err.line == 4
    assert "'Ann Lee'" in err.message and "lines 2, 3" in err.message


def test_without_an_api_list_the_notes_are_warnings():
    data = b"id,name,supervisor\n1,Ann,\n2,Bob,Ann\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load(data, name="p.csv")
    assert any(issubclass(w.category, ImportNote) and "resolved 1 parent" in str(w.message) for w in caught)


# ---------------------------------------------------------------- fixes
@pytest.mark.parametrize(
    ("data", "fix", "words"),
    [
        (b"id,parent\na,\nb,a\nb,a\n", "duplicates", "duplicate id 'b'"),
        (b"id,parent\na,a\nb,a\n", "self-reports", "unit 'a' reports to itself"),
        (b"id,parent\na,\nb,zz\n", "unknown-parents", "unknown parent 'zz' of unit 'b'"),
    ],
)
def test_without_fix_the_error_stays_and_names_the_fix(data, fix, words):
    err = fails(data, "x.csv")
    assert words in err.message and f"--fix {fix}" in err.message
    load(data, name="x.csv", fix=fix, notes=[])  # and the fix it names repairs it


def test_duplicates_merge_fields_serves_and_count_person_rows():
    data = b"id,name,parent,serves,site\nceo,,,,\nx,X,ceo,customer,\nx,,ceo,ceo,Berlin\nx,Other,ceo,,Bonn\n"
    notes: list[str] = []
    org = load(data, name="x.csv", fix="duplicates", notes=notes)
    x = org.unit("x")
    assert x["name"] == "X" and x["site"] == "Berlin"  # the first row's fields, blanks filled from later rows
    assert sorted(x["serves"]) == ["ceo", "customer"]
    assert x["headcount"] == 3 and org.unit("ceo")["headcount"] is None
    assert notes == ["duplicates: merged 3 rows repeating 1 id into one unit each ('x')"]


def test_duplicate_rows_with_headcounts_keep_the_first():
    org = load(b"id,headcount\na,5\na,\na,7\n", name="x.csv", fix="duplicates", notes=[])
    assert org.unit("a")["headcount"] == 5


def test_duplicate_errors_keep_their_lines_after_merging():
    err = fails(b"id,parent\na,\nb,a\nb,a\nc,zz\n", "x.csv", fix="duplicates")
    assert err.line == 5 and "'zz'" in err.message


def test_fix_all_and_unknown_fix():
    assert len(load(b"id,parent\na,a\nb,q\nb,a\n", name="x.csv", fix="all", notes=[])) == 2
    assert "unknown fix 'cycles'" in str(fails(b"id\na\n", "x.csv", fix="cycles"))


def test_fixes_work_on_yaml_too():
    org = load(b"units: [{id: a, parent: a}, {id: b, parent: a}]", name="x.yaml", fix="self-reports", notes=[])
    assert org.unit("a")["parent"] is None


# ---------------------------------------------------------------- encodings
def test_mac_roman_is_detected_not_read_as_windows_1252():
    org = load(AGENCIES.encode("mac_roman"), name="agencies.csv", map="id=agency_name", fix="all", notes=[])
    assert org.unit("Department of Justice")["description"] == "Federal § 1 agency"


def test_german_mac_roman_and_windows_1252_both_read():
    text = "id,name\na,Geschäftsführung\nb,Müller & Söhne\n"
    for codec in ("mac_roman", "cp1252"):
        org = load(text.encode(codec), name="x.csv")
        assert org.unit("b")["name"] == "Müller & Söhne", codec


def test_encoding_override_and_its_errors():
    data = "id,name\na,Ça\n".encode("latin-1")
    assert load(data, name="x.csv", encoding="latin-1").unit("a")["name"] == "Ça"
    assert "unknown encoding 'klingon'" in str(fails(data, "x.csv", encoding="klingon"))
    err = fails("id\nä\n".encode("cp1252"), "x.csv", encoding="utf-8")
    assert err.line == 2 and "0xe4" in err.message


def test_an_undecidable_legacy_encoding_is_refused_with_the_way_out():
    err = fails(b"id,name\na,x \x80 y\n", "x.csv")  # a lone sign: '€' (Windows-1252) or 'Ä' (Mac Roman)
    assert err.line == 2
    assert "cannot tell the encoding" in err.message and "--encoding mac_roman" in err.message
    assert load(b"id,name\na,x \x80 y\n", name="x.csv", encoding="cp1252").unit("a")["name"] == "x € y"


REAL_WORDS = ["Geschäftsführung", "Müller", "§ 3", "Qualitätssicherung", "Straße", "Café", "–", "Köln", "Öl", "naïve"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(REAL_WORDS), min_size=1, max_size=6), st.sampled_from(["cp1252", "mac_roman"]))
def test_legacy_encodings_read_back_real_text(words, codec):
    """Real words with umlauts and signs read back from either 8-bit encoding, or are refused: never garbled."""
    name = " ".join(words)
    try:
        org = load(f"id,name\na,{name}\n".encode(codec), name="x.csv")
    except OrgError as err:
        assert "--encoding" in err.message
        return
    assert org.unit("a")["name"] == name


# ---------------------------------------------------------------- who meets the customer
def test_rules_give_touchpoints_without_group_by():
    people = load(d3_org().encode(), name="d3.csv")
    org, notes = add_touchpoints(people, [parse_rule("positionName~sales|account")])
    facing = set(org.serves.loc[org.serves["target"] == "customer", "source"])
    assert facing == {"2", "100", "101", "102", "30"}
    assert notes == ["customer-facing: positionName~sales|account matches 5 of 13 rows"]


def test_cli_rule_with_group_by_marks_a_group_when_any_person_matches(tmp_path, capsys):
    f = tmp_path / "people.csv"
    f.write_text("id,parent,dept,title\n1,,Board,CEO\n2,1,Ops,Clerk\n3,2,Ops,Key Account Manager\n4,1,IT,Dev\n")
    code = main(["analyse", str(f), "--group-by", "dept", "--customer-facing", "title~account", "--format", "json"])
    assert code == 0
    import json

    units = {u["id"]: u for u in json.loads(capsys.readouterr().out)["units"]}
    assert units["ops"]["hops"] == 1 and units["board"]["hops"] == 2 and units["it"]["hops"] == 3


def test_nobody_serving_the_customer_prints_how_to_add_touchpoints(tmp_path, capsys):
    f = tmp_path / "d3.csv"
    f.write_text(d3_org())
    assert main(["analyse", str(f), "--summary"]) == 0
    err = capsys.readouterr().err
    hint = [line for line in err.splitlines() if "nobody serves the customer" in line]
    assert len(hint) == 1 and "--customer-facing positionName~sales" in hint[0]
    assert main(["analyse", str(f), "--summary", "--customer-facing", "positionName~sales"]) == 0
    assert "nobody serves" not in capsys.readouterr().err


def test_bad_rules_are_clean_errors(tmp_path, capsys):
    f = tmp_path / "d3.csv"
    f.write_text(d3_org())
    assert main(["analyse", str(f), "--customer-facing", "title~sales"]) == 2
    assert "no column 'title'" in capsys.readouterr().err
    assert main(["analyse", str(f), "--customer-facing", "name~(unclosed"]) == 2
    assert "not a regular expression" in capsys.readouterr().err
    assert main(["analyse", str(f), "--customer-facing", "Sales"]) == 2
    assert "needs --group-by" in capsys.readouterr().err


# ---------------------------------------------------------------- grouping that tells the truth
def test_columns_are_ranked_and_urls_booleans_and_unique_columns_left_out():
    rows = ["id,parent,dept,title,homepage,active,email"]
    depts = {"1": "Board", "2": "Sales", "3": "Sales", "4": "Sales", "5": "IT", "6": "IT", "7": "IT", "8": "IT"}
    parents = {"1": "", "2": "1", "3": "2", "4": "2", "5": "1", "6": "5", "7": "5", "8": "6"}
    titles = {
        "1": "Boss",
        "2": "Lead",
        "3": "Clerk",
        "4": "Expert",
        "5": "Lead",
        "6": "Clerk",
        "7": "Expert",
        "8": "Clerk",
    }
    for i in depts:
        rows.append(
            f"{i},{parents[i]},{depts[i]},{titles[i]},https://x.org/{int(i) % 2},{'true' if i > '3' else 'false'},{i}@x"
        )
    people = load("\n".join(rows).encode(), name="p.csv")
    ranked = rank_grouping_columns(people)
    assert [j.column for j in ranked] == ["dept", "title"]
    assert ranked[0].verdict == "good" and ranked[1].verdict == "scattered"
    _, notes = group_people(people, "title")
    assert any("'title' looks like job titles" in n and "try --group-by dept" in n for n in notes)


def test_a_column_with_one_value_for_nearly_everyone_is_named(tmp_path):
    people = load(d3_org(n_sales=30).encode(), name="d3.csv")
    judged = {j.column: j for j in rank_grouping_columns(people)}
    assert judged["area"].verdict == "one value"
    _, notes = group_people(people, "area")
    assert any("'area' holds one value for 100.0% of people ('Corporate')" in n for n in notes)


def test_people_with_no_value_form_a_top_unit_in_the_users_language():
    people = orbit.Organisation.from_records(
        [
            {"id": "1", "d": "Board"},
            {"id": "2", "parent": "1", "d": "Sales"},
            {"id": "3", "parent": "2"},  # no department, under Sales
            {"id": "4", "parent": "3", "d": "Field"},  # reports to the person without one
        ]
    )
    org, _ = group_people(people, "d")
    assert org.unit("no-value")["parent"] is None and org.unit("no-value")["name"] == "(no value)"
    assert org.unit("field")["parent"] == "sales"  # the nearest department above
    de, _ = group_people(people, "d", lang="de")
    assert de.unit("no-value")["name"] == "(kein Wert)"


def test_oracle_export_no_value_is_a_sibling_and_check_names_it(capsys, hr_export):
    people = orbit.load(hr_export)
    org, _ = group_people(people, "department_name")
    assert org.unit("no-value")["parent"] is None
    assert org.unit("sales")["headcount"] == 34
    code = main(["check", str(hr_export), "--group-by", "department_name", "--customer-facing", "Sales"])
    out = capsys.readouterr().out
    assert code == 1
    assert "direct report" not in out  # Sales no longer 'has 1 direct report'
    assert "(no value)" in out and "no-value" not in out  # names, never ids


def test_first_and_last_names_make_the_label_and_label_chooses_another_column(hr_export):
    assert orbit.load(hr_export).unit("100")["name"] == "Steven King"
    labelled = orbit.load(hr_export, label="email")
    assert labelled.unit("100")["name"] == "SKING" and labelled.unit("100")["lastName"] == "King"


def test_suggest_mapping_finds_id_and_parent_by_values():
    import pandas as pd

    t = pd.DataFrame({"code": ["a", "b", "c", "d"], "boss": ["", "a", "a", "b"], "x": ["1", "1", "1", "2"]})
    assert suggest_mapping(list(t.columns), t) == {"id": "code", "parent": "boss"}
