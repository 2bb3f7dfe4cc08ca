"""The design library (orbit.library) on SQLite and on a real PostgreSQL.

Every test that takes ``lib`` runs twice: against a SQLite file and against a
fresh database on the session's throwaway PostgreSQL cluster (conftest).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from test_properties import examples, organisations

import orbit
from orbit import analyse, compare, dumps
from orbit.generate import generate_org
from orbit.library import (
    DatabaseUnavailable,
    DesignDeleted,
    InvalidName,
    Library,
    LibraryError,
    NameTaken,
    Reference,
    UnknownDesign,
    UnknownVersion,
    parse_reference,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_orgs"


@pytest.fixture
def lib(db_url):
    library = Library(db_url)
    yield library
    library.close()


def sample(name: str = "bank-classic") -> orbit.Organisation:
    return orbit.load(SAMPLES / f"{name}.yaml")


def tiny(headcount: int = 1) -> orbit.Organisation:
    return orbit.load(
        f"units: [{{id: desk, headcount: {headcount}, serves: [customer]}}, {{id: back, parent: desk}}]".encode(),
        name="tiny.yaml",
    )


def same_org(a: orbit.Organisation, b: orbit.Organisation) -> None:
    assert a.records() == b.records()
    assert (a.name, a.customer, a.attrs, a.journeys) == (b.name, b.customer, b.attrs, b.journeys)
    assert analyse(a).to_dict() == analyse(b).to_dict()


# ---------------------------------------------------------------- save, load, round trips
_names = itertools.count()


@given(org=organisations())
@settings(max_examples=examples(40), suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_save_then_load_gives_the_same_organisation_and_analysis(lib, org):
    name = f"random {next(_names)}"
    assert lib.save(org, name) == 1
    back = lib.load(name)
    same_org(back, org)
    # the stored document is exactly what `orbit convert x.json` writes, and reads back the same
    document = lib.document(name)
    assert document == dumps(org, "json")[0]
    same_org(orbit.load(document, name="x.json"), back)
    info = lib.info(name)
    summary = analyse(org).summary
    assert (info.units, info.latest.headcount) == (summary["units"], summary["headcount"])


def test_versions_are_numbered_and_each_loads_as_saved(lib):
    orgs = [tiny(headcount=n) for n in (1, 5, 9)]
    numbers = [lib.save(o, "Plan", message=f"headcount {o.unit('desk')['headcount']}") for o in orgs]
    assert numbers == [1, 2, 3]
    for n, o in zip(numbers, orgs):
        same_org(lib.load("Plan", version=n), o)
    same_org(lib.load("Plan"), orgs[-1])
    assert lib.load("Plan", 2).source == "library:Plan@2"
    same_org(lib.load_reference("library:plan@2"), orgs[1])
    same_org(lib.load_reference(Reference("Plan")), orgs[-1])
    with pytest.raises(LibraryError, match="not a library reference"):
        lib.load_reference("plan.yaml")


def test_history_lists_versions_newest_first_with_their_details(lib):
    before = dt.datetime.now(dt.UTC)
    lib.save(sample("bank-classic"), "Bank", message="as imported", author="ana@example.com")
    lib.save(sample("bank-orbit"), "Bank", message="orbit design")
    after = dt.datetime.now(dt.UTC)
    hist = lib.history("Bank")
    assert list(hist.columns[:5]) == ["version", "saved_at", "author", "message", "units"]
    assert hist["version"].tolist() == [2, 1]
    assert hist["message"].tolist() == ["orbit design", "as imported"]
    assert hist["author"].tolist()[1] == "ana@example.com"
    assert hist["units"].tolist() == [len(sample("bank-orbit")), len(sample("bank-classic"))]
    assert hist["parent"].tolist()[0] == 1 and hist["parent"].isna().tolist()[1]
    assert str(hist["saved_at"].dt.tz) == "UTC"
    assert all(before <= t.to_pydatetime() <= after for t in hist["saved_at"])
    assert hist["saved_at"].iloc[0] >= hist["saved_at"].iloc[1]


def test_list_shows_each_design_once_with_its_latest_figures(lib):
    lib.save(tiny(), "Today")
    lib.save(sample("bank-orbit"), "Option B")
    lib.save(sample("bank-classic"), "option b")  # the same design: names ignore case
    table = lib.list()
    assert table["name"].tolist() == ["Option B", "Today"]
    assert table["versions"].tolist() == [2, 1]
    assert table["units"].tolist() == [len(sample("bank-classic")), 2]
    assert table["headcount"].tolist()[0] == analyse(sample("bank-classic")).summary["headcount"]
    assert table["updated"].iloc[0] == lib.history("Option B")["saved_at"].iloc[0]
    assert lib.list(deleted=True).empty


def test_an_empty_library_lists_nothing(lib):
    table = lib.list()
    assert table.empty and list(table.columns[:4]) == ["name", "versions", "updated", "units"]


def test_the_parent_is_the_version_an_edit_was_made_from(lib):
    for n in (1, 2, 3):
        lib.save(tiny(n), "Plan")
    assert lib.save(tiny(7), "Plan", parent=1) == 4
    assert lib.version("Plan", 4).parent == Reference("Plan", 1)
    assert lib.version("Plan", 3).parent == Reference("Plan", 2)
    assert lib.version("Plan", 1).parent is None
    with pytest.raises(UnknownVersion):
        lib.save(tiny(), "Plan", parent=9)
    assert lib.info("Plan").versions == 4


def test_author_defaults_to_the_library_user_then_the_os_user(lib, monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "maria")
    lib.save(tiny(), "A")
    lib.as_user("ana@example.com").save(tiny(), "A")
    lib.save(tiny(), "A", author="  Ben  Ito ")

    def no_user():
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", no_user)
    lib.save(tiny(), "A")
    assert lib.history("A")["author"].tolist() == ["anonymous", "Ben Ito", "ana@example.com", "maria"]
    assert lib.info("A").created_by == "maria"


def test_diff_is_exactly_orbit_compare(lib, tmp_path):
    lib.save(sample("bank-classic"), "Bank")
    lib.save(sample("bank-orbit"), "Bank")
    got = lib.diff("Bank", 1, 2)
    assert got.to_dict() == compare(sample("bank-classic"), sample("bank-orbit")).to_dict()
    assert lib.diff("Bank", 1).to_dict() == got.to_dict()
    # and the JSON the command line prints for the same two documents
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_bytes(lib.document("Bank", 1))
    b.write_bytes(lib.document("Bank", 2))
    exe = Path(sys.executable).with_name("orbit")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "orbit.cli"]
    out = subprocess.run(
        [*command, "compare", str(a), str(b), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(out) == got.to_dict((str(a), str(b)))


# ---------------------------------------------------------------- names
def test_names_are_unique_ignoring_case_and_spacing(lib):
    assert lib.save(tiny(), "Option A") == 1
    assert lib.save(tiny(2), "option  A") == 2
    assert lib.save(tiny(3), " OPTION A ") == 3
    assert lib.save(tiny(), "Straße") == 1
    assert lib.save(tiny(), "STRASSE") == 2
    assert lib.list()["name"].tolist() == ["Option A", "Straße"]
    assert lib.exists("option a") and not lib.exists("Option B")
    with pytest.raises(NameTaken, match="names ignore case"):
        lib.save(tiny(), "OPTION a", new=True)


@pytest.mark.parametrize(
    ("name", "words"),
    [("", "empty"), ("   ", "empty"), ("a\nb", "control character"), ("x" * 201, "longer than 200"),
     ("library:x", "must not start"), (7, "must be text")],
)  # fmt: skip
def test_bad_names_are_refused_in_one_line(lib, name, words):
    with pytest.raises(InvalidName, match=words) as info:
        lib.save(tiny(), name)
    assert "\n" not in str(info.value)
    assert lib.list().empty


def test_unique_name_and_save_as_new_add_a_free_suffix(lib):
    assert lib.unique_name("Upload") == "Upload"
    assert lib.save_as_new(tiny(), "Upload") == "Upload"
    assert lib.save_as_new(tiny(), "upload") == "upload (2)"
    lib.delete("upload (2)")  # a deleted design keeps its name
    assert lib.unique_name("Upload") == "Upload (3)"
    assert lib.unique_name("Upload (2)") == "Upload (3)"
    assert lib.save_as_new(tiny(), "Upload") == "Upload (3)"
    assert lib.info("Upload").versions == 1
    assert len(lib.unique_name("y" * 200 + "")) <= 200
    lib.save(tiny(), "y" * 200)
    assert lib.unique_name("y" * 200) == "y" * 196 + " (2)"


def test_parse_reference():
    assert parse_reference("library:Option A") == Reference("Option A", None)
    assert parse_reference("library:Option A@12") == Reference("Option A", 12)
    assert parse_reference("library:R&D @ Berlin") == Reference("R&D @ Berlin", None)
    assert parse_reference("library:x@2@1") == Reference("x@2", 1)
    assert str(parse_reference("library:Option A@3")) == "library:Option A@3"
    for bad in ("Option A", "library:", "library:@3", "library:a@0"):
        with pytest.raises(ValueError):
            parse_reference(bad)


# ---------------------------------------------------------------- copy, rename, delete, restore
def test_copy_starts_a_new_design_from_a_version(lib):
    lib.save(tiny(1), "Today")
    lib.save(tiny(2), "Today")
    lib.copy("today", "Option A", version=1)
    assert lib.history("Option A")["version"].tolist() == [1]
    assert lib.document("Option A") == lib.document("Today", 1)
    v1 = lib.version("Option A", 1)
    assert v1.parent == Reference("Today", 1) and v1.message == "copied from 'Today' version 1"
    lib.copy("Today", "Option B")
    assert lib.document("Option B") == lib.document("Today", 2)
    assert lib.info("Today").versions == 2  # the source is untouched
    with pytest.raises(NameTaken):
        lib.copy("Today", "OPTION A")


def test_rename_keeps_the_versions_and_frees_nothing_else(lib):
    lib.save(tiny(1), "Draft")
    lib.save(tiny(2), "Draft")
    lib.save(tiny(), "Other")
    before = lib.history("Draft")
    lib.rename("draft", "Option A")
    assert not lib.exists("Draft") and lib.exists("Option A")
    after = lib.history("Option A")
    assert after[["version", "saved_at", "author", "message", "units", "parent"]].equals(
        before[["version", "saved_at", "author", "message", "units", "parent"]]
    )
    with pytest.raises(UnknownDesign):
        lib.load("Draft")
    lib.rename("Option A", "OPTION A")  # only the case changes
    assert lib.list()["name"].tolist() == ["OPTION A", "Other"]
    with pytest.raises(NameTaken, match="'other' is taken by the design 'Other'"):
        lib.rename("Option A", "other")
    assert lib.save(tiny(3), "option a") == 3


def test_delete_hides_and_restore_brings_back_every_version(lib):
    lib.save(tiny(1), "Old plan")
    lib.save(tiny(2), "Old plan")
    documents = [lib.document("Old plan", n) for n in (1, 2)]
    lib.delete("Old plan")
    assert not lib.exists("Old plan")
    assert lib.list().empty
    gone = lib.list(deleted=True)
    assert gone["name"].tolist() == ["Old plan"] and gone["deleted"].notna().all()
    for action in (lambda: lib.load("Old plan"), lambda: lib.history("old plan"), lambda: lib.save(tiny(), "Old plan")):
        with pytest.raises(DesignDeleted, match="is deleted; restore it first"):
            action()
    with pytest.raises(NameTaken, match="deleted design 'Old plan': restore it or choose another name"):
        lib.save(tiny(), "old plan", new=True)
    lib.save(tiny(), "Other")
    with pytest.raises(NameTaken, match="deleted design 'Old plan'"):
        lib.rename("Other", "old plan")
    lib.delete("Old plan")  # already deleted: nothing changes
    lib.restore("OLD PLAN")
    lib.restore("Old plan")  # not deleted: nothing changes
    assert lib.exists("Old plan") and lib.list(deleted=True).empty
    assert [lib.document("Old plan", n) for n in (1, 2)] == documents
    assert lib.save(tiny(3), "Old plan") == 3
    with pytest.raises(UnknownDesign):
        lib.restore("never saved")


def test_restore_version_adds_a_version_and_overwrites_nothing(lib):
    for n in (1, 2, 3):
        lib.save(tiny(n), "Plan")
    before = {n: lib.version("Plan", n) for n in (1, 2, 3)}
    assert lib.restore_version("Plan", 1, author="ana") == 4
    assert lib.document("Plan", 4) == lib.document("Plan", 1)
    v4 = lib.version("Plan", 4)
    assert (v4.parent, v4.message, v4.author) == (Reference("Plan", 1), "restored version 1", "ana")
    assert {n: lib.version("Plan", n) for n in (1, 2, 3)} == before
    same_org(lib.load("Plan"), tiny(1))
    with pytest.raises(UnknownVersion, match="has no version 9 \\(it has versions 1 to 4\\)"):
        lib.restore_version("Plan", 9)


def test_seed_saves_once_per_database(lib):
    samples = {"Bank": sample("bank-classic"), "Hospital": sample("hospital-classic")}
    assert lib.seed(samples, marker="bundled samples") == ["Bank", "Hospital"]
    lib.delete("Bank")
    assert lib.seed(samples, marker="bundled samples") == []
    assert lib.list()["name"].tolist() == ["Hospital"]
    lib.save(tiny(), "Taken")
    assert lib.seed({"Taken": sample(), "New": sample()}, marker="second set") == ["New"]
    assert lib.info("Taken").versions == 1


# ---------------------------------------------------------------- errors
def test_errors_name_the_database_and_the_value_in_one_line(lib):
    lib.save(tiny(), "Option A")
    lib.save(tiny(), "Option A")
    cases = [
        (lambda: lib.load("Nope"), UnknownDesign, "no design named 'Nope'"),
        (lambda: lib.load("Optoin A"), UnknownDesign, "no design named 'Optoin A' (did you mean 'Option A'?)"),
        (
            lambda: lib.load("Option A", 3),
            UnknownVersion,
            "design 'Option A' has no version 3 (it has versions 1 to 2)",
        ),
        (lambda: lib.load("Option A", 0), LibraryError, "version must be a whole number ≥ 1, not 0"),
        (lambda: lib.load("Option A", "2"), LibraryError, "version must be a whole number ≥ 1, not '2'"),
        (
            lambda: lib.save(tiny(), "option a", new=True),
            NameTaken,
            "the name 'option a' is taken by the design 'Option A' (names ignore case): choose another name",
        ),
        (lambda: lib.save(tiny(), "Option A", message=5), LibraryError, "message must be text, not int"),
    ]
    for action, kind, text in cases:
        with pytest.raises(kind) as info:
            action()
        assert str(info.value) == f"{lib.database}: {text}"
        assert isinstance(info.value, orbit.OrgError) and "\n" not in str(info.value)
    with pytest.raises(TypeError, match="saves an Organisation"):
        lib.save({"units": []}, "x")
    # text that is not valid Unicode never becomes an organisation, so it never reaches the library
    with pytest.raises(orbit.OrgError, match=r"^edited: note of unit 'a' holds U\+DC80 \(a lone surrogate\)"):
        orbit.Organisation.from_records([{"id": "a", "note": "x\udc80"}], source="edited")
    assert not lib.exists("x")


def test_a_damaged_document_is_reported_not_returned(lib):
    from orbit.library.schema import documents

    lib.save(tiny(), "Plan")
    with lib.engine.begin() as conn:
        conn.execute(documents.update().values(document=lib.document("Plan").decode().replace("desk", "dusk")))
    with pytest.raises(LibraryError, match="version 1 of design 'Plan' is damaged"):
        lib.load("Plan")


def test_unreachable_postgres_is_one_line_with_the_password_masked():
    with pytest.raises(DatabaseUnavailable) as info:
        Library("postgresql://orbit:s3cret-pw@127.0.0.1:1/orbit")
    text = str(info.value)
    assert text.startswith("postgresql+psycopg://orbit:***@127.0.0.1:1/orbit: cannot open the database: ")
    assert "s3cret-pw" not in text and "\n" not in text and "refused" in text.lower()


def test_a_wrong_password_is_reported_masked(postgres):
    url = postgres.create_database().replace(postgres.password, "wrong-pw-123")
    with pytest.raises(DatabaseUnavailable, match="password authentication failed") as info:
        Library(url)
    assert "wrong-pw-123" not in str(info.value) and "***" in str(info.value)


def test_sqlite_files_that_cannot_be_used(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DatabaseUnavailable, match="cannot create the folder"):
        Library(blocker / "sub" / "orbit.db")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseUnavailable, match=f"^{garbage}: cannot open the database: file is not a database"):
        Library(garbage)
    with pytest.raises(DatabaseUnavailable, match="in-memory database keeps nothing"):
        Library("sqlite://")
    with pytest.raises(DatabaseUnavailable, match="is a folder"):
        Library(tmp_path)


# ---------------------------------------------------------------- where the database is
def test_the_default_database_is_orbit_db_in_the_xdg_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("ORBIT_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    lib = Library()
    assert lib.url.database == str(tmp_path / "data" / "orbit" / "orbit.db")
    lib.save(tiny(), "Today")
    assert (tmp_path / "data" / "orbit" / "orbit.db").exists()
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert Library().url.database == str(tmp_path / "home" / ".local" / "share" / "orbit" / "orbit.db")


def test_the_environment_variable_and_an_explicit_url_win_in_that_order(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("ORBIT_DATABASE_URL", f"sqlite:///{tmp_path / 'team.db'}")
    assert Library().database == str(tmp_path / "team.db")
    assert Library(tmp_path / "mine.db").database == str(tmp_path / "mine.db")
    monkeypatch.chdir(tmp_path)
    assert Library("relative.db").database == str(tmp_path / "relative.db")
    assert not (tmp_path / "data").exists()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    import sqlalchemy as sa

    lib = Library(tmp_path / "orbit.db")
    with lib.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
    lib.save(tiny(), "Plan")
    with pytest.raises(sa.exc.IntegrityError), lib.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO documents (version_id, document) VALUES (999, '{}')")


def test_importing_the_library_does_not_load_sqlalchemy():
    code = (
        "import sys, orbit, orbit.library as L; L.parse_reference('library:a@1'); "
        "print('sqlalchemy' in sys.modules, 'alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_big_design_round_trips(lib):
    org = generate_org(3000, seed=4)
    lib.save(org, "Big")
    same_org(lib.load("Big"), org)
