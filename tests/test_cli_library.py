"""``orbit library`` and ``library:NAME@N`` wherever a FILE is read, on SQLite and PostgreSQL.

Every command runs through :func:`orbit.cli.main` against a fresh database
(the ``db_url`` fixture: a SQLite file, and a new database on the session's
throwaway PostgreSQL), with the JSON contracts of issue 10 and one-line
errors with exit code 2.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from orbit import dumps, load
from orbit.cli import main
from orbit.library import Library

SAMPLES = Path(__file__).resolve().parent.parent / "sample_orgs"
TODAY = SAMPLES / "bank-classic.yaml"
PLAN = SAMPLES / "bank-orbit.yaml"


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, *argv) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert "Traceback" not in err
    return out


def one_error(capsys, *argv) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2, (code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def db(db_url) -> str:
    return db_url


@pytest.fixture
def lib(db) -> Library:
    with Library(db) as library:
        yield library


def saved(capsys, db, file, name, message=""):
    return ok(capsys, "library", "--db", db, "save", file, "--name", name, "--message", message).strip()


def stamp(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    assert value.utcoffset() == dt.timedelta(0), text  # UTC
    return value


# ---------------------------------------------------------------- save, list, history
def test_save_numbers_the_versions_and_says_so(capsys, db, tmp_path):
    assert saved(capsys, db, TODAY, "Today", "as imported") == "saved Today version 1"
    assert saved(capsys, db, PLAN, "today", "orbit") == "saved Today version 2"  # names ignore case
    # any format orbit reads
    csv = tmp_path / "plan.csv"
    csv.write_bytes(dumps(load(PLAN), "csv")[0])
    assert saved(capsys, db, csv, "Option A") == "saved Option A version 1"
    xlsx = tmp_path / "plan.xlsx"
    xlsx.write_bytes(dumps(load(PLAN), "xlsx")[0])
    assert saved(capsys, db, xlsx, "Option A") == "saved Option A version 2"
    # and a version of the library itself
    assert saved(capsys, db, "library:Today@1", "Option B") == "saved Option B version 1"
    assert len(Library(db).load("Option B")) == len(load(TODAY))


def test_list_json_has_exactly_the_contract_keys(capsys, db):
    saved(capsys, db, TODAY, "Today")
    saved(capsys, db, PLAN, "Today")
    saved(capsys, db, PLAN, "Option A")
    rows = json.loads(ok(capsys, "library", "--db", db, "list", "--format", "json"))
    assert [list(r) for r in rows] == [["name", "versions", "updated", "units"]] * 2
    assert [(r["name"], r["versions"], r["units"]) for r in rows] == [
        ("Option A", 1, len(load(PLAN))),
        ("Today", 2, len(load(PLAN))),
    ]
    for r in rows:
        assert abs(stamp(r["updated"]) - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_list_table_and_an_empty_library(capsys, db):
    assert "library is empty" in ok(capsys, "library", "--db", db, "list")
    assert json.loads(ok(capsys, "library", "--db", db, "list", "--format", "json")) == []
    saved(capsys, db, TODAY, "Today")
    lines = ok(capsys, "library", "--db", db, "list").splitlines()
    assert lines[0].split() == ["name", "versions", "units", "updated", "by"]
    assert lines[2].split()[:3] == ["Today", "1", "141"]


def test_history_json_is_newest_first_with_the_contract_keys(capsys, db):
    saved(capsys, db, TODAY, "Today", "as imported")
    saved(capsys, db, PLAN, "Today", "sales closer to the customer")
    rows = json.loads(ok(capsys, "library", "--db", db, "history", "Today", "--format", "json"))
    assert [list(r) for r in rows] == [["version", "saved_at", "author", "message", "units"]] * 2
    assert [(r["version"], r["message"], r["units"]) for r in rows] == [
        (2, "sales closer to the customer", 130),
        (1, "as imported", 141),
    ]
    assert stamp(rows[0]["saved_at"]) >= stamp(rows[1]["saved_at"])
    from orbit.library import os_user

    assert {r["author"] for r in rows} == {os_user()}  # the OS user


def test_history_table(capsys, db):
    saved(capsys, db, TODAY, "Today", "as imported")
    lines = ok(capsys, "library", "--db", db, "history", "Today").splitlines()
    assert lines[0].split() == ["version", "saved", "author", "units", "message"]
    assert lines[2].split()[0] == "1" and lines[2].rstrip().endswith("as imported")


# ---------------------------------------------------------------- show and diff
def test_show_prints_yaml_and_writes_any_format(capsys, db, tmp_path):
    saved(capsys, db, TODAY, "Today")
    saved(capsys, db, PLAN, "Today")
    shown = ok(capsys, "library", "--db", db, "show", "Today", "--version", "1")
    assert load(shown.encode(), format="yaml").name == load(TODAY).name
    assert len(load(shown.encode(), format="yaml")) == len(load(TODAY))
    latest = ok(capsys, "library", "--db", db, "show", "Today")
    assert len(load(latest.encode(), format="yaml")) == len(load(PLAN))
    for ext in ("json", "csv", "xlsx", "graphml", "yaml"):
        out = tmp_path / f"today.{ext}"
        ok(capsys, "library", "--db", db, "show", "library:Today@1", "-o", out)
        assert len(load(out)) == len(load(TODAY)), ext
    # the stored document is exactly what orbit convert writes to JSON
    assert (tmp_path / "today.json").read_bytes() == dumps(load(TODAY), "json")[0]


def test_show_leaves_an_existing_file_alone_on_an_error(capsys, db, tmp_path):
    saved(capsys, db, TODAY, "Today")
    out = tmp_path / "keep.yaml"
    out.write_text("precious")
    line = one_error(capsys, "library", "--db", db, "show", "Today", "--version", "7", "-o", out)
    assert "has no version 7" in line and "it has only version 1" in line
    assert out.read_text() == "precious"
    line = one_error(capsys, "library", "--db", db, "show", "Today", "-o", tmp_path / "x.txt")
    assert "x.txt" in line and ".txt" in line and not (tmp_path / "x.txt").exists()


def test_diff_is_exactly_the_json_of_orbit_compare(capsys, db):
    saved(capsys, db, TODAY, "Today")
    saved(capsys, db, PLAN, "Today")
    diff = ok(capsys, "library", "--db", db, "diff", "Today", "1", "2", "--format", "json")
    compared = ok(capsys, "--db", db, "compare", "library:Today@1", "library:Today@2", "--format", "json")
    assert diff == compared
    doc = json.loads(diff)
    assert [d["file"] for d in doc["designs"]] == ["library:Today@1", "library:Today@2"]
    files = json.loads(ok(capsys, "compare", TODAY, PLAN, "--format", "json"))
    assert doc["diff"] == files["diff"]
    assert [d["summary"] for d in doc["designs"]] == [d["summary"] for d in files["designs"]]
    # the options of compare, too
    at2 = ok(capsys, "library", "--db", db, "diff", "Today", "1", "2", "--format", "json", "--max-hops", "2")
    at2 = json.loads(at2)
    assert at2["designs"][0]["summary"]["flagged"] > doc["designs"][0]["summary"]["flagged"]


def test_diff_table(capsys, db):
    saved(capsys, db, TODAY, "Today")
    saved(capsys, db, PLAN, "Today")
    table = ok(capsys, "library", "--db", db, "diff", "Today", "1", "2")
    assert table.splitlines()[0].split()[0] == "metric"
    assert "Northbridge Bank (classic)" in table and "Northbridge Bank (orbit)" in table
    assert "reparented" in table


# ---------------------------------------------------------------- names
def test_copy_rename_delete_restore(capsys, db, lib):
    saved(capsys, db, TODAY, "Today")
    saved(capsys, db, PLAN, "Today")
    assert ok(capsys, "library", "--db", db, "copy", "Today", "Option A", "--version", "1").strip() == (
        "copied Today version 1 to Option A"
    )
    assert len(lib.load("Option A")) == len(load(TODAY))
    assert ok(capsys, "library", "--db", db, "rename", "Option A", "Option B").strip() == "renamed Option A to Option B"
    assert not lib.exists("Option A") and lib.exists("Option B")
    out = ok(capsys, "library", "--db", db, "delete", "Option B")
    assert out.startswith("deleted Option B") and "orbit library restore 'Option B'" in out
    assert [r["name"] for r in json.loads(ok(capsys, "library", "--db", db, "list", "--format", "json"))] == ["Today"]
    deleted = json.loads(ok(capsys, "library", "--db", db, "list", "--deleted", "--format", "json"))
    assert [r["name"] for r in deleted] == ["Option B"] and stamp(deleted[0]["deleted"])
    assert ok(capsys, "library", "--db", db, "restore", "Option B").strip() == "restored Option B"
    assert lib.exists("Option B")
    # restoring an old version is a new version; nothing is overwritten
    assert ok(capsys, "library", "--db", db, "restore", "Today", "--version", "1").strip() == (
        "restored version 1 of Today as version 3"
    )
    assert list(lib.history("Today")["version"]) == [3, 2, 1]
    assert len(lib.load("Today")) == len(load(TODAY)) and len(lib.load("Today", 2)) == len(load(PLAN))


def test_names_that_are_taken_or_unknown_are_one_line_errors(capsys, db):
    saved(capsys, db, TODAY, "Today")
    saved(capsys, db, PLAN, "Option A")
    assert "is taken by the design 'Option A'" in one_error(capsys, "library", "--db", db, "copy", "Today", "option a")
    assert "already exists" in one_error(capsys, "library", "--db", db, "rename", "Today", "Option A")
    line = one_error(capsys, "library", "--db", db, "history", "Todey")
    assert "no design named 'Todey'" in line and "did you mean 'Today'" in line
    ok(capsys, "library", "--db", db, "delete", "Today")
    assert "is deleted" in one_error(capsys, "library", "--db", db, "show", "Today")
    assert "must not be empty" in one_error(capsys, "library", "--db", db, "save", TODAY, "--name", " ")


# ---------------------------------------------------------------- members
def test_share_members_and_unshare(capsys, db):
    saved(capsys, db, TODAY, "Today")
    assert ok(capsys, "library", "--db", db, "share", "Today", "Ana@Example.com", "--role", "editor").strip() == (
        "shared Today with ana@example.com as editor"
    )
    assert ok(capsys, "library", "--db", db, "share", "Today", "@example.org", "--role", "viewer").strip() == (
        "shared Today with everyone @example.org as viewer"
    )
    rows = json.loads(ok(capsys, "library", "--db", db, "members", "Today", "--format", "json"))
    assert [list(r) for r in rows] == [["who", "kind", "role", "since", "by", "version"]] * 3
    assert [(r["who"], r["kind"], r["role"]) for r in rows][1:] == [
        ("ana@example.com", "person", "editor"),
        ("example.org", "domain", "viewer"),
    ]
    assert rows[0]["role"] == "owner"
    table = ok(capsys, "library", "--db", db, "members", "Today")
    assert table.splitlines()[0].split() == ["who", "kind", "role", "since", "by", "version"]
    assert "ana@example.com" in table and "example.org" in table
    ok(capsys, "library", "--db", db, "unshare", "Today", "ana@example.com")
    ok(capsys, "library", "--db", db, "unshare", "Today", "@example.org")
    rows = json.loads(ok(capsys, "library", "--db", db, "members", "Today", "--format", "json"))
    assert [r["role"] for r in rows] == ["owner"]
    code, _, err = run(capsys, "library", "--db", db, "share", "Today", "x@example.com", "--role", "owner")
    assert code == 2 and err.strip().splitlines()[-1].startswith("error: argument --role: invalid choice: 'owner'")
    assert "not an e-mail" in one_error(capsys, "library", "--db", db, "share", "Today", "x@", "--role", "viewer")


def test_links_open_the_design_until_revoked(capsys, db, lib):
    saved(capsys, db, TODAY, "Today")
    saved(capsys, db, PLAN, "Today")
    code, token, err = run(capsys, "library", "--db", db, "link", "Today", "--version", "1")
    token = token.strip()
    assert code == 0 and len(token) >= 43 and "shown only this once" in err
    opened = lib.signed_in("guest@example.net").open_link(token)
    assert opened.reference.version == 1 and len(opened.organisation) == len(load(TODAY))
    rows = json.loads(ok(capsys, "library", "--db", db, "members", "Today", "--format", "json"))
    assert [(r["kind"], r["version"]) for r in rows if r["kind"] == "link"] == [("link", 1)]
    assert ok(capsys, "library", "--db", db, "revoke-link", "Today").strip() == "revoked 1 link of Today"
    from orbit.library import UnknownLink

    with pytest.raises(UnknownLink):
        lib.open_link(token)
    assert ok(capsys, "library", "--db", db, "revoke-link", "Today").strip() == "revoked 0 links of Today"


# ---------------------------------------------------------------- library:NAME wherever a FILE is read
def test_other_commands_read_library_references(capsys, db, tmp_path, monkeypatch):
    saved(capsys, db, TODAY, "Today")
    saved(capsys, db, PLAN, "Option A")
    monkeypatch.setenv("ORBIT_DATABASE_URL", db)  # no --db: the environment names the library
    out = tmp_path / "a.svg"
    ok(capsys, "render", "library:Option A", "-o", out)
    assert out.read_bytes().lstrip().startswith(b"<?xml")
    compared = json.loads(ok(capsys, "compare", "library:Today", "library:Option A", "--format", "json"))
    assert [d["name"] for d in compared["designs"]] == ["Northbridge Bank (classic)", "Northbridge Bank (orbit)"]
    assert ok(capsys, "validate", "library:Today@1").startswith("ok: 141 units")
    summary = json.loads(ok(capsys, "analyse", "library:Option A", "--summary", "--format", "json"))
    assert summary["summary"]["units"] == 130
    ok(capsys, "convert", "library:Today", tmp_path / "today.csv")
    assert len(load(tmp_path / "today.csv")) == 141
    ok(capsys, "check", "library:Today", "--format", "json")


def test_db_works_before_and_after_the_command(capsys, db, tmp_path, monkeypatch):
    monkeypatch.setenv("ORBIT_DATABASE_URL", str(tmp_path / "elsewhere.db"))
    saved(capsys, db, TODAY, "Today")
    assert ok(capsys, "--db", db, "validate", "library:Today").startswith("ok: 141 units")
    assert ok(capsys, "validate", "library:Today", "--db", db).startswith("ok: 141 units")
    assert "Today" in ok(capsys, "library", "list", "--db", db)
    assert "no design named 'Today'" in one_error(capsys, "validate", "library:Today")  # the environment's library


def test_unknown_designs_and_versions_in_references(capsys, db):
    saved(capsys, db, TODAY, "Today")
    assert "no design named 'Nope'" in one_error(capsys, "--db", db, "analyse", "library:Nope")
    line = one_error(capsys, "--db", db, "render", "library:Today@4", "-o", "x.png")
    assert "design 'Today' has no version 4 (it has only version 1)" in line
    assert "versions are numbered from 1" in one_error(capsys, "--db", db, "validate", "library:Today@0")


def test_an_unreachable_database_is_named_without_its_password(capsys, tmp_path):
    url = "postgresql://orbit:s3cret-pw@127.0.0.1:9/orbit"
    for argv in (("library", "--db", url, "list"), ("--db", url, "validate", "library:Today")):
        line = one_error(capsys, *argv)
        assert "postgresql+psycopg://orbit:***@127.0.0.1:9/orbit" in line
        assert "s3cret-pw" not in line
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert "is a folder" in one_error(capsys, "library", "--db", folder, "list")


def test_reading_a_library_reference_keeps_the_light_commands_light(db, capsys):
    """validate on a file never loads SQLAlchemy; on a library reference it must (and still no matplotlib)."""
    import subprocess
    import sys

    saved(capsys, db, TODAY, "Today")
    code = (
        "import sys; from orbit.cli import main; assert main(['validate', %r]) == 0; "
        "print('sqlalchemy' in sys.modules, 'matplotlib' in sys.modules)"
    )
    plain = subprocess.run([sys.executable, "-c", code % str(TODAY)], capture_output=True, text=True, check=True)
    assert plain.stdout.split()[-2:] == ["False", "False"]
    env = {**__import__("os").environ, "ORBIT_DATABASE_URL": db}
    ref = subprocess.run([sys.executable, "-c", code % "library:Today"], capture_output=True, text=True, env=env)
    assert ref.returncode == 0, ref.stderr
    assert ref.stdout.split()[-2:] == ["True", "False"]
