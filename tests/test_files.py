"""Reading only regular files within the limit, and writing atomically whatever happens (issue 11)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from orbit import OrgError, load
from orbit.cli import main
from orbit.formats import atomic_write

ROOT = Path(__file__).resolve().parents[1]
YAML = b"units: [{id: a, serves: [customer]}]\n"


def orbit_process(*args: str, timeout: float = 30, memory: int = 2 << 30) -> subprocess.CompletedProcess:
    """``python -m orbit.cli ARGS`` with a time and memory bound (an unbounded read must not take the machine)."""

    def bound():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "orbit.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=bound,
        cwd=ROOT,
    )


# ---------------------------------------------------------------- reading
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "org.yaml"
    os.mkfifo(fifo)
    try:
        done = orbit_process("validate", str(fifo), timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a FIFO blocked")
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"error: {fifo}: is not a regular file (a device, FIFO or socket): Orbit reads only files"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_before_reading(tmp_path, device):
    link = tmp_path / "org.yaml"
    link.symlink_to(device)
    try:
        done = orbit_process("validate", str(link), timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading {device} did not stop")
    assert done.returncode == 2 and "not a regular file" in done.stderr


def test_file_object_is_read_only_up_to_the_limit(monkeypatch):
    import orbit.formats as formats

    class Endless:
        name = "endless.yaml"
        asked = None

        def read(self, size=-1):
            Endless.asked = size
            return b"#" * (100 if size < 0 else min(size, 100))

    monkeypatch.setattr(formats, "MAX_FILE_BYTES", 50)
    with pytest.raises(OrgError, match="limit"):
        load(Endless())
    assert Endless.asked == 51


def test_file_growing_past_the_limit_is_refused_while_reading(tmp_path, monkeypatch):
    import orbit.formats as formats
    import orbit.formats._files as files

    path = tmp_path / "grows.yaml"
    path.write_bytes(YAML)
    real_stat = Path.stat

    def small_stat(self, *a, **k):  # the size seen before reading is within the limit ...
        st = real_stat(self, *a, **k)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(files.Path, "stat", small_stat)
    monkeypatch.setattr(formats, "MAX_FILE_BYTES", 20)  # ... but the bytes read are not
    with pytest.raises(OrgError, match="limit"):
        load(path)


# ---------------------------------------------------------------- writing
def test_read_only_output_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "out.yaml"
    out.write_bytes(b"old")
    out.chmod(0o444)
    with pytest.raises(OrgError, match="read-only"):
        atomic_write(out, b"new")
    assert out.read_bytes() == b"old" and not list(tmp_path.glob(".*tmp"))


def test_convert_to_a_read_only_file_exits_2_with_one_line(tmp_path, capsys):
    src, out = tmp_path / "in.yaml", tmp_path / "out.json"
    src.write_bytes(YAML)
    out.write_bytes(b"old")
    out.chmod(0o444)
    assert main(["convert", str(src), str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "read-only" in err and out.read_bytes() == b"old"


def test_symlink_output_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "real" / "design.yaml"
    target.parent.mkdir()
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / "design.yaml"
    link.symlink_to(target)
    atomic_write(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640


def test_dangling_symlink_output_is_refused(tmp_path):
    link = tmp_path / "design.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(OrgError, match="does not exist"):
        atomic_write(link, b"new")
    assert link.is_symlink() and not (tmp_path / "nowhere.yaml").exists()


def test_stale_temp_files_of_orbits_naming_are_removed(tmp_path):
    old = time.time() - 2 * 24 * 3600
    stale = tmp_path / ".out.yaml.orbit-abcd1234.tmp"
    fresh = tmp_path / ".out.yaml.orbit-wxyz5678.tmp"
    foreign = tmp_path / ".notes.txt.tmp"
    for p in (stale, fresh, foreign):
        p.write_bytes(b"x")
    os.utime(stale, (old, old))
    os.utime(foreign, (old, old))
    atomic_write(tmp_path / "out.yaml", b"new")
    assert not stale.exists()
    assert fresh.exists() and foreign.exists()


SLOW_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from orbit.formats import atomic_write

    def slow_fsync(fd):
        print("writing", flush=True)
        time.sleep(60)

    os.fsync = slow_fsync
    atomic_write(sys.argv[1], b"new contents")
    """
)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_signal_during_a_write_leaves_no_temp_file_and_the_old_output(tmp_path, sig):
    out = tmp_path / "out.yaml"
    out.write_bytes(b"old")
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    try:
        assert proc.stdout.readline().strip() == b"writing"
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # the write is under way
        proc.send_signal(sig)
        proc.wait(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode != 0
    if sig != signal.SIGINT:
        assert proc.returncode == -sig  # the signal still ends the process as it would have
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]
