"""Parsing an upload in a worker process with a time limit and a memory bound (issue 11, the app part).

The app calls :func:`orbit.formats.isolated.load_isolated` for uploads; these
tests run it without streamlit. The misbehaving parsers are module-level
functions, so the worker process can import them.
"""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from orbit import OrgError
from orbit.formats.isolated import load_isolated


def spin(data: bytes, name: str):
    """A parser that never ends, and says where it runs."""
    with open(data.decode(), "w") as fh:
        fh.write(str(os.getpid()))
    while True:
        pass


def hog(data: bytes, name: str):
    """A parser that takes all the memory it can get."""
    blocks = []
    while True:
        blocks.append(bytearray(64 << 20))


def crash(data: bytes, name: str):
    raise KeyError("a bug\nwith two lines")


def test_a_good_upload_comes_back_as_the_organisation():
    org = load_isolated(b"name: Tiny\nunits: [{id: a, serves: [customer]}, {id: b, parent: a}]\n", "tiny.yaml")
    assert org.name == "Tiny" and list(org.ids) == ["a", "b"] and org.unit("b")["parent"] == "a"


def test_a_bad_upload_gives_the_loaders_error():
    with pytest.raises(OrgError) as info:
        load_isolated(b"units: [{id: a, parent: zz}]\n", "bad.yaml")
    assert str(info.value) == "bad.yaml:1: unknown parent 'zz' of unit 'a'"


def test_a_parser_that_never_ends_is_stopped_and_its_process_is_gone(tmp_path):
    pid_file = tmp_path / "pid"
    start = time.perf_counter()
    with pytest.raises(OrgError, match="longer than 2 s"):
        load_isolated(str(pid_file).encode(), "stall.xlsx", timeout=2, target=spin)
    assert time.perf_counter() - start < 30  # the 2 s limit plus a worker start on a loaded machine
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # no process left to pin a CPU core
    assert not [p for p in multiprocessing.active_children() if p.name == "orbit-parse"]


def test_a_parser_that_takes_all_memory_is_stopped_with_one_line():
    with pytest.raises(OrgError) as info:
        load_isolated(b"", "hog.csv", timeout=30, memory=1 << 30, target=hog)
    assert "memory" in str(info.value) and "\n" not in str(info.value)


def test_a_bug_in_the_parser_is_still_one_line():
    with pytest.raises(OrgError) as info:
        load_isolated(b"", "bug.yaml", target=crash)
    assert "internal error KeyError" in str(info.value) and "\n" not in str(info.value)
