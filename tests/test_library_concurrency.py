"""Concurrent saves and a save killed half-way, on SQLite and on a real PostgreSQL.

Version numbers must stay gapless and unique whoever saves at the same time
(threads of one process, or separate processes), and a process killed inside
its transaction must leave the database as it was before that save.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import orbit
from orbit.library import Library

WRITERS = 8


def org_with(marker: int) -> orbit.Organisation:
    """A small design whose headcount tells which writer saved it."""
    return orbit.load(
        f"units: [{{id: desk, headcount: {marker}, serves: [customer]}}, {{id: back, parent: desk}}]".encode(),
        name="w.yaml",
    )


def marker_of(org: orbit.Organisation) -> int:
    return org.unit("desk")["headcount"]


def check_gapless(lib: Library, name: str, expected: int) -> None:
    hist = lib.history(name)
    assert hist["version"].tolist() == list(range(expected, 0, -1))
    assert lib.info(name).versions == expected


@pytest.mark.parametrize("first_exists", [True, False], ids=["existing design", "new design"])
def test_concurrent_saves_from_threads_get_gapless_numbers(db_url, first_exists):
    lib = Library(db_url)
    base = 0
    if first_exists:
        base = lib.save(org_with(1000), "Shared")
    barrier = threading.Barrier(WRITERS)

    def writer(i: int) -> int:
        barrier.wait()
        # different spellings of one name: still one design
        return lib.save(org_with(i), "Shared" if i % 2 else "SHARED", message=f"writer {i}")

    with ThreadPoolExecutor(WRITERS) as pool:
        numbers = list(pool.map(writer, range(WRITERS)))
    assert sorted(numbers) == list(range(base + 1, base + WRITERS + 1))
    check_gapless(lib, "shared", base + WRITERS)
    for i, n in enumerate(numbers):
        assert marker_of(lib.load("Shared", n)) == i
        assert lib.version("Shared", n).message == f"writer {i}"
    assert len(lib.list()) == 1
    lib.close()


CHILD = textwrap.dedent(
    """
    import sys
    import orbit
    from orbit.library import Library

    url, name, i = sys.argv[1], sys.argv[2], int(sys.argv[3])
    lib = Library(url)
    org = orbit.load(
        f"units: [{{id: desk, headcount: {i}, serves: [customer]}}, {{id: back, parent: desk}}]".encode(),
        name="w.yaml",
    )
    print("ready", flush=True)
    sys.stdin.readline()
    print(lib.save(org, name, message=f"process {i}"), flush=True)
    """
)


@pytest.mark.slow
def test_concurrent_saves_from_processes_get_gapless_numbers(db_url):
    lib = Library(db_url)
    lib.save(org_with(1000), "Shared")
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, db_url, "Shared", str(i)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(WRITERS)
    ]
    try:
        for child in children:
            assert child.stdout.readline().strip() == "ready", child.stderr.read()
        for child in children:  # all of them at once
            child.stdin.write("go\n")
            child.stdin.flush()
        numbers = []
        for child in children:
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            numbers.append(int(out.strip()))
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    assert sorted(numbers) == list(range(2, WRITERS + 2))
    check_gapless(lib, "Shared", WRITERS + 1)
    for i, n in enumerate(numbers):
        assert marker_of(lib.load("Shared", n)) == i
    lib.close()


KILLED = textwrap.dedent(
    """
    import sys, time
    import orbit
    from sqlalchemy import event
    from orbit.generate import generate_org
    from orbit.library import Library

    lib = Library(sys.argv[1])

    def pause():
        print("inside the transaction", flush=True)
        time.sleep(600)

    if sys.argv[2] == "before commit":
        # every row of the new version is written; the transaction is still open
        event.listen(lib.engine, "commit", lambda conn: pause())
    else:
        # the version row is written, its document not yet
        @event.listens_for(lib.engine, "before_cursor_execute")
        def before(conn, cursor, statement, *args):
            if statement.lstrip().upper().startswith("INSERT INTO DOCUMENTS"):
                pause()

    lib.save(generate_org(2000, seed=9), "Kept", message="never committed")
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["before the document", "before commit"])
def test_a_save_killed_inside_its_transaction_leaves_the_last_version_intact(db_url, moment):
    lib = Library(db_url)
    first, second = org_with(1), orbit.load(orbit.dumps(org_with(2), "yaml")[0], name="x.yaml")
    lib.save(first, "Kept", message="one")
    lib.save(second, "Kept", message="two")
    documents = [lib.document("Kept", n) for n in (1, 2)]
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, db_url, moment], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = child.stdout.readline().strip()
        assert line == "inside the transaction", child.stderr.read()
        # readers are not blocked by the open write, and do not see it
        assert lib.history("Kept")["version"].tolist() == [2, 1]
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    lib.close()

    reopened = Library(db_url)
    check_gapless(reopened, "Kept", 2)
    assert [reopened.document("Kept", n) for n in (1, 2)] == documents
    assert marker_of(reopened.load("Kept")) == 2
    assert reopened.version("Kept").message == "two"
    if reopened.url.get_backend_name() == "sqlite":
        with sqlite3.connect(reopened.url.database) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # the next save takes the number the killed one never got, and the lock is gone
    assert reopened.save(org_with(3), "Kept", message="three") == 3
    check_gapless(reopened, "Kept", 3)
    reopened.close()
