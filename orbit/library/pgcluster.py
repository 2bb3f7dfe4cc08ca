"""A throwaway PostgreSQL server for tests and benchmarks.

:class:`TemporaryPostgres` runs ``initdb`` and ``pg_ctl`` from the system's
PostgreSQL (Debian keeps them in ``/usr/lib/postgresql/<version>/bin``, off
``PATH``) to start a private cluster in a temporary folder: a free port on
127.0.0.1 only, its socket in the same folder, password authentication, and
``fsync`` off because the data is thrown away. PostgreSQL refuses to run as
root, so under root the cluster runs as the ``postgres`` system user (through
``runuser``) with the folder handed to it.

>>> from orbit.library.pgcluster import find_postgres_bindir
>>> find_postgres_bindir() is None or (find_postgres_bindir() / "initdb").exists()
True
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DEBIAN_ROOT = Path("/usr/lib/postgresql")


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server programs are not installed or the cluster does not start."""


def _version_key(path: Path) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", path.parent.name))


def find_postgres_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or ``None`` when PostgreSQL is not installed.

    Looked up in this order: ``$ORBIT_PG_BINDIR``, ``pg_config --bindir``,
    the newest ``/usr/lib/postgresql/*/bin`` (Debian, Ubuntu), then ``PATH``.
    """

    def usable(folder) -> bool:
        return folder is not None and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists()

    explicit = os.environ.get("ORBIT_PG_BINDIR")
    if explicit:
        return Path(explicit) if usable(explicit) else None
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10).stdout.strip()
            if usable(out):
                return Path(out)
    if DEBIAN_ROOT.is_dir():
        candidates = sorted((p / "bin" for p in DEBIAN_ROOT.iterdir() if usable(p / "bin")), key=_version_key)
        if candidates:
            return candidates[-1]
    initdb = shutil.which("initdb")
    if initdb and usable(Path(initdb).resolve().parent):
        return Path(initdb).resolve().parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TemporaryPostgres:
    """A private PostgreSQL cluster that lives as long as this object.

    Use it as a context manager; :meth:`create_database` gives each test a
    fresh, empty database.

    Parameters
    ----------
    bindir : path, optional
        Where ``initdb`` and ``pg_ctl`` are; found with
        :func:`find_postgres_bindir` when not given.

    Raises
    ------
    PostgresUnavailable
        When the programs are missing or the server does not start (the
        message holds the end of the server's log).

    Examples
    --------
    The tests' session fixture and ``benchmarks/library.py`` use it so::

        with TemporaryPostgres() as pg:
            lib = Library(pg.create_database())
    """

    user = "orbit"

    def __init__(self, bindir: str | os.PathLike | None = None):
        found = Path(bindir) if bindir else find_postgres_bindir()
        if found is None:
            raise PostgresUnavailable(
                "PostgreSQL is not installed: no initdb/pg_ctl in $ORBIT_PG_BINDIR, pg_config --bindir, "
                f"{DEBIAN_ROOT}/*/bin or PATH (on Debian: apt-get install postgresql)"
            )
        self.bindir = found
        self.password = secrets.token_hex(12)
        self.port: int | None = None
        self.folder: Path | None = None
        self._as_postgres = hasattr(os, "geteuid") and os.geteuid() == 0

    # ------------------------------------------------------------ life cycle
    def __enter__(self) -> TemporaryPostgres:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.folder)

    def start(self) -> None:
        """Create the cluster and start the server (tries three ports before giving up)."""
        self.folder = Path(tempfile.mkdtemp(prefix="orbit-pg-"))
        atexit.register(self.stop)  # also when the caller forgets, or an exception ends the program
        data, sock = self.folder / "data", self.folder / "sock"
        sock.mkdir()
        pwfile = self.folder / "pw"
        pwfile.write_text(self.password + "\n")
        if self._as_postgres:
            import pwd

            entry = pwd.getpwnam("postgres")
            for path in (self.folder, sock, pwfile):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        try:
            done = self._run(
                "initdb", "-D", str(data), "-U", self.user, "--pwfile", str(pwfile),
                "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C", "--no-sync",
            )  # fmt: skip
            if done.returncode:
                raise PostgresUnavailable("initdb failed: " + " ".join((done.stderr or done.stdout).split())[-500:])
            for _attempt in range(3):
                self.port = _free_port()
                options = (
                    f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={sock} "
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
                )
                log = self.folder / "server.log"
                done = self._run("pg_ctl", "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options, "start")
                if done.returncode == 0:
                    return
            tail = log.read_text(errors="replace")[-800:] if log.exists() else done.stderr
            raise PostgresUnavailable("PostgreSQL did not start: " + " ".join(tail.split()))
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server (immediately: the data is thrown away) and delete its folder."""
        if self.folder is None:
            return
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                self._run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop", timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
        atexit.unregister(self.stop)

    # ------------------------------------------------------------ databases
    def url(self, database: str = "postgres", *, password: bool = True) -> str:
        """The SQLAlchemy URL of ``database`` on this server (``postgresql+psycopg://…``)."""
        secret = f":{self.password}" if password else ""
        return f"postgresql+psycopg://{self.user}{secret}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (a random name when none is given) and return its URL."""
        import psycopg

        name = name or "t_" + secrets.token_hex(6)
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ValueError(f"database name {name!r}: use lower-case letters, digits and _")
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(
                    host="127.0.0.1", port=self.port, user=self.user, password=self.password,
                    dbname="postgres", autocommit=True, connect_timeout=10,
                ) as conn:  # fmt: skip
                    conn.execute(f'CREATE DATABASE "{name}"')
                return self.url(name)
            except psycopg.OperationalError as err:
                # CREATE DATABASE copies template1 and fails while another session is connected to it
                if "being accessed by other users" not in str(err) or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


__all__ = ["PostgresUnavailable", "TemporaryPostgres", "find_postgres_bindir"]
