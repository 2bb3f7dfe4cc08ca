"""The library's schema: the Alembic migrations build exactly the tables of orbit/library/schema.py,
an old database is upgraded with its data kept, and processes opening a new database together migrate once.
"""

from __future__ import annotations

import hashlib
import json
import threading

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import orbit
from orbit.library import DatabaseUnavailable, Library
from orbit.library import engine as library_engine
from orbit.library.schema import SCHEMA_REVISION, metadata


def test_the_schema_revision_is_the_head_of_the_migrations():
    assert library_engine.known_revisions()[-1] == SCHEMA_REVISION


def test_the_migrations_build_exactly_the_tables_of_the_schema(db_url):
    lib = Library(db_url)
    with lib.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        assert compare_metadata(context, metadata) == []
        assert library_engine.current_revision(conn) == SCHEMA_REVISION
        tables = set(sa.inspect(conn).get_table_names())
    assert tables == {*metadata.tables, "alembic_version"}
    lib.close()


def _old_document(headcounts) -> str:
    units = [{"id": f"u{i}", **({"headcount": h} if h is not None else {})} for i, h in enumerate(headcounts)]
    return orbit.dumps(orbit.Organisation.from_records(units, name="Old"), "json")[0].decode()


def test_an_old_database_is_upgraded_and_keeps_its_designs(db_url):
    url = library_engine.resolve_url(db_url)
    engine = library_engine.create_engine(url)
    library_engine.upgrade_to(engine, "0001")  # a database as the first release left it
    docs = [_old_document([3, None, 4]), _old_document([None])]
    now = "2026-01-02 03:04:05"
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO designs (id, name, name_key, created_at, created_by, updated_at, versions)"
                " VALUES (1, 'Old plan', 'old plan', :t, 'ana', :t, 2)"
            ),
            {"t": now},
        )
        for number, doc in enumerate(docs, start=1):
            conn.execute(
                sa.text(
                    "INSERT INTO versions (id, design_id, number, saved_at, author, message, parent_id, units)"
                    " VALUES (:n, 1, :n, :t, 'ana', :m, :p, :u)"
                ),
                {"n": number, "t": now, "m": f"v{number}", "p": number - 1 or None, "u": len(json.loads(doc)["units"])},
            )
            conn.execute(
                sa.text("INSERT INTO documents (version_id, document) VALUES (:n, :d)"), {"n": number, "d": doc}
            )
    engine.dispose()

    lib = Library(db_url)
    with lib.engine.connect() as conn:
        assert library_engine.current_revision(conn) == SCHEMA_REVISION
    hist = lib.history("old plan")
    assert hist["version"].tolist() == [2, 1]
    assert hist["headcount"].tolist() == [1, 8]  # filled in; a unit without headcount counts as 1
    assert lib.version("Old plan", 1).digest == hashlib.sha256(docs[0].encode()).hexdigest()
    assert lib.document("Old plan", 1).decode() == docs[0]
    assert [r["id"] for r in lib.load("Old plan", 1).records()] == ["u0", "u1", "u2"]
    assert lib.save(orbit.Organisation.from_records([{"id": "x"}]), "Old plan") == 3
    assert lib.seed({"Sample": orbit.Organisation.from_records([{"id": "s"}])}, marker="samples") == ["Sample"]
    lib.close()


def test_processes_opening_a_new_database_together_migrate_once(db_url):
    errors, barrier = [], threading.Barrier(4)

    def open_it():
        try:
            barrier.wait()
            Library(db_url).close()
        except Exception as err:
            errors.append(err)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Library(db_url).list().empty


def test_a_database_from_a_newer_orbit_is_refused_in_one_line(db_url):
    lib = Library(db_url)
    with lib.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0999'"))
    lib.close()
    with pytest.raises(DatabaseUnavailable, match=r"schema \(revision 0999\) is newer than this Orbit's") as info:
        Library(db_url)
    assert "\n" not in str(info.value)


def test_a_database_with_foreign_tables_named_designs_is_refused(db_url):
    engine = library_engine.create_engine(library_engine.resolve_url(db_url))
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE designs (id INTEGER PRIMARY KEY, title TEXT)"))
    engine.dispose()
    with pytest.raises(DatabaseUnavailable, match="has a table 'designs' that Orbit did not create"):
        Library(db_url)
