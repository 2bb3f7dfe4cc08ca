"""The ``orbit`` command line: every subcommand, exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from orgfiles import FORMATS, make_csv, make_file

from orbit import analyse, load
from orbit.cli import main

UNITS = [
    {"id": "ceo", "name": "Chief", "kind": "leadership", "headcount": 1},
    {"id": "sales", "name": "Sales", "parent": "ceo", "headcount": 10, "serves": ["customer"]},
    {"id": "ops", "parent": "ceo", "headcount": 20, "serves": ["sales"], "orbit": 1, "site": "Köln"},
    {"id": "warehouse", "parent": "ops", "headcount": 30, "serves": ["ops"]},
    {"id": "island", "headcount": 2},
]
JOURNEYS = [{"name": "order", "steps": ["sales", "ops", "warehouse"]}]
YAML = (
    """name: Shop
customer: Kunde
units:
"""
    + "".join(f"  - {json.dumps(u)}\n" for u in UNITS)
    + "journeys:\n"
    + "".join(f"  - {json.dumps(j)}\n" for j in JOURNEYS)
)
# hops by hand: sales 1, ceo 2, ops 2, warehouse 3, island none


@pytest.fixture
def shop(tmp_path) -> Path:
    path = tmp_path / "shop.yaml"
    path.write_text(YAML, encoding="utf-8")
    return path


@pytest.fixture
def connected(tmp_path) -> Path:
    """No unit further than 2 hops and none unconnected."""
    path = tmp_path / "near.csv"
    path.write_bytes(make_csv([{"id": "a", "serves": ["customer"]}, {"id": "b", "parent": "a"}]).data)
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as stop:  # argparse usage errors and --version
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err
    return lines[0]


# ---------------------------------------------------------------- analyse
def test_analyse_json_document_has_exactly_the_contract_keys(capsys, shop):
    code, out, err = run(capsys, "analyse", shop, "--format", "json")
    assert code == 0
    assert err == ""
    doc = json.loads(out)
    assert set(doc) == {"organisation", "max_hops", "via", "summary", "units", "journeys"}
    assert (doc["organisation"], doc["max_hops"], doc["via"]) == ("Shop", 3, "both")
    assert set(doc["summary"]) == {
        "units",
        "headcount",
        "layers",
        "max_span",
        "mean_span",
        "mean_hops",
        "share_within_max_hops",
        "flagged",
        "unreachable",
        "misplaced",
        "rings",
    }
    for unit in doc["units"]:
        assert set(unit) == {
            "id",
            "name",
            "kind",
            "parent",
            "headcount",
            "hops",
            "ring",
            "flagged",
            "misplaced",
            "path",
        }
    for journey in doc["journeys"]:
        assert {"name", "steps", "handoffs", "boundary_crossings", "detour_hops", "detours", "departments"} <= set(
            journey
        )


def test_analyse_json_values(capsys, shop):
    _, out, _ = run(capsys, "analyse", shop, "--format", "json")
    doc = json.loads(out)
    units = {u["id"]: u for u in doc["units"]}
    assert [u["id"] for u in doc["units"]] == ["ceo", "sales", "ops", "warehouse", "island"]
    assert {k: u["hops"] for k, u in units.items()} == {"ceo": 2, "sales": 1, "ops": 2, "warehouse": 3, "island": None}
    assert units["island"]["ring"] is None
    assert units["island"]["path"] == []
    assert units["island"]["flagged"] is True
    assert units["ops"]["ring"] == 1
    assert units["ops"]["misplaced"] is True
    assert units["warehouse"]["path"] == ["warehouse", "ops", "sales", "customer"]
    assert units["sales"]["parent"] == "ceo"
    assert units["ceo"]["parent"] is None
    assert units["ceo"]["name"] == "Chief"
    s = doc["summary"]
    # (1*2 + 10*1 + 20*2 + 30*3) / 61
    assert s["mean_hops"] == pytest.approx(142 / 61, abs=1e-3)
    assert s["share_within_max_hops"] == pytest.approx(61 / 63, abs=1e-4)
    assert s["rings"] == {"1": 30, "2": 1, "3": 30, "unconnected": 2}
    assert (s["flagged"], s["unreachable"], s["misplaced"], s["layers"]) == (1, 1, 1, 3)
    [journey] = doc["journeys"]
    assert journey["handoffs"] == 4
    assert journey["detour_hops"] == 0


def test_analyse_max_hops_and_via(capsys, shop):
    _, out, _ = run(capsys, "analyse", shop, "--format", "json", "--max-hops", "1", "--via", "reports")
    doc = json.loads(out)
    assert (doc["max_hops"], doc["via"]) == (1, "reports")
    units = {u["id"]: u for u in doc["units"]}
    # through reporting lines only: ops -> ceo -> sales -> customer
    assert units["ops"]["hops"] == 3
    assert units["warehouse"]["hops"] == 4
    assert {k for k, u in units.items() if u["flagged"]} == {"ceo", "ops", "warehouse", "island"}


def test_analyse_summary_leaves_out_units(capsys, shop):
    _, out, _ = run(capsys, "analyse", shop, "--format", "json", "--summary")
    doc = json.loads(out)
    assert "units" not in doc
    assert doc["summary"]["units"] == 5
    assert len(doc["journeys"]) == 1


def test_analyse_table(capsys, shop):
    code, out, _ = run(capsys, "analyse", shop)
    assert code == 0
    lines = out.splitlines()
    assert any("warehouse" in line and "ops → sales → customer" in line for line in lines)
    assert "Journeys" in out
    code, out, _ = run(capsys, "analyse", shop, "--summary")
    assert "warehouse" not in out.split("Journeys")[0]
    assert "order" in out


def test_analyse_csv_is_the_units_table(capsys, shop):
    code, out, _ = run(capsys, "analyse", shop, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["ceo", "sales", "ops", "warehouse", "island"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["warehouse"]["hops"] == "3"
    assert by_id["island"]["hops"] == ""
    assert {"id", "name", "kind", "parent", "headcount", "hops", "ring", "flagged", "misplaced"} <= set(rows[0])


def test_strict_exits_1_when_a_unit_is_flagged(capsys, shop, connected):
    assert run(capsys, "analyse", shop, "--strict")[0] == 1
    assert run(capsys, "analyse", shop, "--strict", "--format", "json")[0] == 1
    assert run(capsys, "analyse", connected, "--strict")[0] == 0
    assert run(capsys, "analyse", connected, "--strict", "--max-hops", "1")[0] == 1
    # without --strict, flags are information only
    assert run(capsys, "analyse", shop)[0] == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_analyse_reads_every_format(capsys, tmp_path, fmt):
    f = make_file(fmt, UNITS, JOURNEYS)
    path = tmp_path / f.name
    path.write_bytes(f.data)
    code, out, _ = run(capsys, "analyse", path, "--format", "json")
    assert code == 0
    hops = {u["id"]: u["hops"] for u in json.loads(out)["units"]}
    assert hops == {"ceo": 2, "sales": 1, "ops": 2, "warehouse": 3, "island": None}


# ---------------------------------------------------------------- bad input: exit 2, one line
@pytest.mark.parametrize(
    ("name", "data", "where"),
    [
        ("dup.csv", b"id,parent\na,\nb,a\na,\n", "dup.csv:4:"),
        ("unknown.csv", b"id,parent\na,\nb,zz\n", "unknown.csv:3:"),
        ("cycle.yaml", b"units:\n  - {id: a, parent: b}\n  - {id: b, parent: a}\n", "cycle.yaml:2:"),
        ("neg.json", b'{"units": [\n{"id": "a"},\n{"id": "b", "headcount": -1}\n]}', "neg.json:3:"),
        ("syntax.json", b'{"units": [\n{"id": "a"}\n{"id": "b"}]}', "syntax.json:3:"),
        ("empty.csv", b"", "empty.csv:"),
        ("blob.yaml", bytes(range(256)), "blob.yaml"),
        ("evil.yaml", b"units: !!python/object/apply:os.system ['echo hi']\n", "evil.yaml:1:"),
        ("org.txt", b"id\na\n", "org.txt:"),
    ],
)
@pytest.mark.parametrize("command", ["analyse", "validate", "convert", "compare"])
def test_bad_input_exits_2_with_one_line(capsys, tmp_path, command, name, data, where):
    path = tmp_path / name
    path.write_bytes(data)
    argv = {
        "analyse": ["analyse", path],
        "validate": ["validate", path],
        "convert": ["convert", path, tmp_path / "out.json"],
        "compare": ["compare", path, path],
    }[command]
    code, out, err = run(capsys, *argv)
    assert code == 2
    line = one_error_line(err)
    assert line.startswith(f"error: {tmp_path / where}")
    assert "internal error" not in line
    assert out == ""
    assert not (tmp_path / "out.json").exists()


def test_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "analyse", tmp_path / "nothing.yaml")
    assert code == 2
    assert "no such file" in one_error_line(err)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["analyse"],
        ["analyse", "x.yaml", "--max-hops", "-1"],
        ["analyse", "x.yaml", "--via", "mail"],
        ["analyse", "x.yaml", "--max-hops", "two"],
        ["analyse", "x.yaml", "--format", "xml"],
        ["convert", "x.yaml"],
    ],
)
def test_usage_errors_exit_2(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.strip().splitlines()[-1].startswith("error: ")
    assert "Traceback" not in err


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("orbit ")


# ---------------------------------------------------------------- validate
def test_validate_counts_units_and_relations(capsys, shop):
    code, out, err = run(capsys, "validate", shop)
    assert code == 0
    # 3 reporting lines + 3 service relations (one a touchpoint)
    assert out == "ok: 5 units, 6 relations\n"
    assert err == ""


# ---------------------------------------------------------------- convert
@pytest.mark.parametrize("src", FORMATS)
@pytest.mark.parametrize("dst", FORMATS)
def test_convert_any_format_to_any_format(capsys, tmp_path, src, dst):
    f = make_file(src, UNITS, JOURNEYS)
    inp = tmp_path / f"in.{src}"
    inp.write_bytes(f.data)
    out = tmp_path / f"out.{dst}"
    code, _, err = run(capsys, "convert", inp, out)
    assert code == 0
    original, converted = load(inp), load(out)
    assert list(converted.ids) == list(original.ids)
    for uid in original.ids:
        a, b = original.unit(uid), converted.unit(uid)
        if dst == "csv" or src == "csv":
            a = {k: (v if k in ("headcount", "orbit", "serves") else str(v)) for k, v in a.items() if v is not None}
            b = {k: (v if k in ("headcount", "orbit", "serves") else str(v)) for k, v in b.items() if v is not None}
        assert a == b
    assert analyse(converted).summary == analyse(original).summary
    dropped = dst == "csv" and bool(original.journeys)
    if dropped:
        assert len(err.strip().splitlines()) == 1
        assert "journeys" in err
    else:
        assert err == ""


def test_convert_to_csv_says_what_it_drops(capsys, shop, tmp_path):
    code, _, err = run(capsys, "convert", shop, tmp_path / "shop.csv")
    assert code == 0
    [line] = err.strip().splitlines()
    assert line.startswith("warning: ")
    for word in ("name", "customer", "journeys"):
        assert word in line


def test_convert_round_trip_keeps_the_analysis(capsys, shop, tmp_path):
    current = shop
    for i, fmt in enumerate(["json", "xlsx", "graphml", "yaml"]):
        nxt = tmp_path / f"step{i}.{fmt}"
        assert run(capsys, "convert", current, nxt)[0] == 0
        current = nxt
    assert analyse(load(current)).to_dict() == analyse(load(shop)).to_dict()
    assert load(current).customer == "Kunde"


def test_failed_conversion_leaves_existing_output_untouched(capsys, tmp_path):
    out = tmp_path / "out.yaml"
    out.write_text("precious: true\n")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"id,parent\na,zz\n")
    code, _, err = run(capsys, "convert", bad, out)
    assert code == 2
    one_error_line(err)
    assert out.read_text() == "precious: true\n"
    assert sorted(os.listdir(tmp_path)) == ["bad.csv", "out.yaml"]


def test_failed_write_leaves_existing_output_untouched(capsys, shop, tmp_path, monkeypatch):
    out = tmp_path / "out.json"
    out.write_text("{}\n")

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    code, _, err = run(capsys, "convert", shop, out)
    assert code == 2
    assert "No space left" in one_error_line(err)
    assert out.read_text() == "{}\n"
    assert sorted(os.listdir(tmp_path)) == ["out.json", "shop.yaml"]


def test_convert_to_unsupported_extension(capsys, shop, tmp_path):
    code, _, err = run(capsys, "convert", shop, tmp_path / "out.docx")
    assert code == 2
    assert "out.docx" in one_error_line(err)
    assert not (tmp_path / "out.docx").exists()


def test_convert_into_a_missing_folder(capsys, shop, tmp_path):
    code, _, err = run(capsys, "convert", shop, tmp_path / "no" / "such" / "out.json")
    assert code == 2
    one_error_line(err)


# ---------------------------------------------------------------- compare
@pytest.fixture
def proposal(tmp_path) -> Path:
    units = [
        {"id": "ceo", "headcount": 1},
        {"id": "sales", "parent": "ceo", "headcount": 10, "serves": ["customer"]},
        {"id": "ops", "parent": "sales", "headcount": 20, "serves": ["customer"]},
        {"id": "warehouse", "parent": "ops", "headcount": 30, "serves": ["ops"]},
        {"id": "service", "parent": "ceo", "headcount": 5, "serves": ["customer"]},
    ]
    path = tmp_path / "proposal.csv"
    path.write_bytes(make_csv(units).data)
    return path


def test_compare_json(capsys, shop, proposal):
    code, out, _ = run(capsys, "compare", shop, proposal, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {"designs", "diff"}
    assert [set(d) for d in doc["designs"]] == [{"name", "file", "summary"}] * 2
    assert [d["file"] for d in doc["designs"]] == [str(shop), str(proposal)]
    assert doc["designs"][0]["name"] == "Shop"
    diff = doc["diff"]
    assert diff["added"] == ["service"]
    assert diff["removed"] == ["island"]
    # ops: designed ring 1 dropped, measured 1 now (touchpoint); warehouse 3 -> 2
    assert diff["moved"] == [{"id": "warehouse", "from_ring": 3, "to_ring": 2}]
    assert diff["reparented"] == [{"id": "ops", "from_parent": "ceo", "to_parent": "sales"}]


def test_compare_table(capsys, shop, proposal):
    code, out, _ = run(capsys, "compare", shop, proposal)
    assert code == 0
    assert "mean_hops" in out
    assert "1 added, 1 removed, 1 moved, 1 reparented" in out
    assert "warehouse" in out


def test_compare_with_itself(capsys, shop):
    code, out, _ = run(capsys, "compare", shop, shop)
    assert code == 0
    assert "No unit was added, removed, moved or reparented." in out


def test_compare_max_hops(capsys, shop, proposal):
    _, out, _ = run(capsys, "compare", shop, proposal, "--format", "json", "--max-hops", "1")
    doc = json.loads(out)
    assert doc["designs"][0]["summary"]["flagged"] == 4
    assert doc["designs"][1]["summary"]["flagged"] == 2


# ---------------------------------------------------------------- the installed console script
def orbit_script() -> str:
    found = shutil.which("orbit", path=str(Path(sys.executable).parent)) or shutil.which("orbit")
    if found is None:
        pytest.skip("the orbit console script is not installed")
    return found


def script(*argv, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [orbit_script(), *map(str, argv)], capture_output=True, text=True, timeout=120, env=env, **kwargs
    )


def test_console_script_bad_input(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes("id;parent\nGeschäftsführung;\nVertrieb;Geschäftsleitung\n".encode("cp1252"))
    done = script("analyse", bad)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"error: {bad}:3: unknown parent 'Geschäftsleitung' of unit 'Vertrieb'; "
        "--fix unknown-parents makes such units top-level"
    ]


def test_console_script_runs_every_subcommand(tmp_path, shop, proposal):
    done = script("analyse", shop, "--summary", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["units"] == 5
    assert script("analyse", shop, "--strict").returncode == 1
    done = script("validate", shop)
    assert (done.returncode, done.stdout) == (0, "ok: 5 units, 6 relations\n")
    done = script("convert", shop, tmp_path / "shop.xlsx")
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    done = script("compare", shop, tmp_path / "shop.xlsx", "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["diff"] == {"added": [], "removed": [], "moved": [], "reparented": []}
    for argv in (["analyse", tmp_path / "none.yaml"], ["frobnicate"], ["validate", proposal.with_suffix(".docx")]):
        done = script(*argv)
        assert done.returncode == 2
        assert "Traceback" not in done.stderr


def test_console_script_survives_a_closed_pipe(tmp_path):
    from orbit.generate import generate_csv

    big = tmp_path / "big.csv"
    generate_csv(big, 20_000, seed=1)
    proc = subprocess.Popen([orbit_script(), "analyse", str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) in (0, 1, 2, 141, -13)
    assert "Traceback" not in err
    assert "Exception ignored" not in err
