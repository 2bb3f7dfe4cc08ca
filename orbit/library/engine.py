"""Opening a library database: which URL, the engine's settings, the schema, errors in one line.

Which database
    An explicit URL, else ``$ORBIT_DATABASE_URL``, else the SQLite file
    ``orbit.db`` in the user's data folder (``$XDG_DATA_HOME/orbit``, by
    default ``~/.local/share/orbit``; the platform's equivalent elsewhere).
    A plain path is a SQLite file; ``postgresql://`` and ``postgres://`` URLs
    use psycopg 3.
SQLite
    WAL mode (readers never wait for a writer), foreign keys on, a busy
    timeout, and writes in ``BEGIN IMMEDIATE`` transactions, so writers
    queue instead of failing half-way.
PostgreSQL
    psycopg 3, connections checked before use (a restarted server is
    survived), the design row locked with ``SELECT … FOR UPDATE`` by writers.
Schema
    Created or upgraded with the Alembic migrations in ``migrations/`` when
    a database is first opened, under a lock (``BEGIN IMMEDIATE`` on SQLite,
    an advisory lock on PostgreSQL) so that processes starting together
    migrate once.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import URL, Connection, Engine, make_url

from .errors import DatabaseUnavailable, LibraryError
from .schema import SCHEMA_REVISION

ENV_VAR = "ORBIT_DATABASE_URL"
"""The environment variable naming the database when no URL is given."""
BUSY_TIMEOUT_S = 60.0
"""How long a SQLite writer waits for another writer before giving up."""
CONNECT_TIMEOUT_S = 10
"""How long to wait for a PostgreSQL server to answer."""
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
_MIGRATION_LOCK = 0x0B17_D351_6E00
"""PostgreSQL advisory lock key held while the schema is created or upgraded."""


# ------------------------------------------------------------------ URLs
def default_path() -> Path:
    """``orbit.db`` in the user's data folder (``$XDG_DATA_HOME/orbit`` on Linux).

    >>> default_path().name
    'orbit.db'
    """
    import platformdirs

    return platformdirs.user_data_path("orbit", appauthor=False) / "orbit.db"


def resolve_url(url: str | os.PathLike | URL | None = None) -> URL:
    """The database URL to use: ``url``, else ``$ORBIT_DATABASE_URL``, else the default SQLite file.

    A path (anything without ``://``) is a SQLite file; ``postgresql://``
    and ``postgres://`` get the psycopg 3 driver.

    Raises
    ------
    DatabaseUnavailable
        For a URL that cannot be parsed or an in-memory SQLite database.

    Examples
    --------
    >>> resolve_url("/tmp/team.db").render_as_string()
    'sqlite:////tmp/team.db'
    >>> resolve_url("postgres://ana:secret@db.example/orbit").render_as_string(hide_password=True)
    'postgresql+psycopg://ana:***@db.example/orbit'
    """
    if url is None or (isinstance(url, str) and not url.strip()):
        url = os.environ.get(ENV_VAR, "").strip() or default_path()
    if isinstance(url, URL):
        parsed = url
    else:
        text = os.fspath(url).strip() if isinstance(url, (str, os.PathLike)) else str(url)
        if "://" not in text:
            path = Path(text).expanduser()
            return URL.create("sqlite", database=str(path.resolve() if not path.is_absolute() else path))
        try:
            parsed = make_url(text)
        except (exc.ArgumentError, ValueError):
            shown = text.split("@")[-1] if "@" in text else text
            raise DatabaseUnavailable(
                shown, "not a database URL: use a file path, sqlite:///FILE or postgresql://USER@HOST/DB"
            ) from None
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise DatabaseUnavailable(
            parsed.render_as_string(), "an in-memory database keeps nothing: give a file, e.g. sqlite:///orbit.db"
        )
    return parsed


def describe(url: URL) -> str:
    """How errors name the database: the SQLite file, or the URL with its password masked.

    >>> describe(resolve_url("postgresql://ana:secret@db.example/orbit"))
    'postgresql+psycopg://ana:***@db.example/orbit'
    """
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


# ------------------------------------------------------------------ errors
def one_line(err: BaseException, url: URL | None = None) -> str:
    """The driver's message on one line, with the URL's password (if any) masked."""
    orig = getattr(err, "orig", None) or err
    text = " ".join(str(orig).split()) or type(orig).__name__
    if url is not None and url.password:
        text = text.replace(str(url.password), "***")
    return text


def retryable(err: exc.DBAPIError) -> bool:
    """A conflict that another attempt can get past: a busy SQLite file, a PostgreSQL deadlock or lock timeout."""
    if isinstance(err, exc.IntegrityError):
        return True
    code = getattr(getattr(err, "orig", None), "sqlstate", None)
    if code in ("40001", "40P01", "55P03"):
        return True
    text = str(getattr(err, "orig", err)).lower()
    return "database is locked" in text or "database table is locked" in text


@contextlib.contextmanager
def database_errors(url: URL, doing: str = "use") -> Iterator[None]:
    """Turn driver errors into one-line :class:`DatabaseUnavailable` errors naming the database."""
    try:
        yield
    except LibraryError:
        raise
    except exc.DBAPIError as err:
        if doing == "open":
            message = f"cannot open the database: {one_line(err, url)}"
        else:
            message = f"database error: {one_line(err, url)}"
        raise DatabaseUnavailable(describe(url), message) from None
    except exc.SQLAlchemyError as err:
        raise DatabaseUnavailable(describe(url), f"database error: {one_line(err, url)}") from None


# ------------------------------------------------------------------ engines
def create_engine(url: URL) -> Engine:
    """An engine for ``url`` with the settings above (SQLite: the folder is created).

    Raises
    ------
    DatabaseUnavailable
        When the SQLite folder cannot be created or the driver is missing.
    """
    try:
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        kwargs = {}
        if url.get_backend_name() == "postgresql":
            kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "orbit"}
        return sa.create_engine(url, pool_pre_ping=True, **kwargs)
    except (exc.NoSuchModuleError, ImportError, exc.ArgumentError) as err:
        raise DatabaseUnavailable(describe(url), f"cannot use this database: {one_line(err, url)}") from None


def _sqlite_engine(url: URL) -> Engine:
    path = Path(str(url.database))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DatabaseUnavailable(
            str(path), f"cannot create the folder {str(path.parent)!r}: {err.strerror or err}"
        ) from None
    if path.is_dir():
        raise DatabaseUnavailable(str(path), "is a folder, not a database file")
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # SQLAlchemy, not the sqlite3 module, says when transactions begin (see _on_begin)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            mode = _switch_to_wal(cursor)
            if str(mode).lower() != "wal":  # pragma: no cover - only on file systems without WAL
                raise DatabaseUnavailable(str(path), f"cannot switch the database to WAL mode (it is in {mode!r})")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        # writers take the write lock first, so that two writers never both read and then one fails
        write = conn.get_execution_options().get("orbit_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _switch_to_wal(cursor) -> str:
    """``PRAGMA journal_mode = WAL``, retried: on a new file, connections switching at once get
    "database is locked" at once, without SQLite's busy handler waiting for them."""
    import sqlite3

    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return str(cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def writing(conn: Connection) -> Connection:
    """``conn`` marked for writing: its transactions begin with ``BEGIN IMMEDIATE`` on SQLite."""
    return conn.execution_options(orbit_write=True)


# ------------------------------------------------------------------ schema
def alembic_config(connection: Connection | None = None):
    """The Alembic configuration of the library's migrations (running on ``connection``)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    cfg.attributes["connection"] = connection
    return cfg


def current_revision(conn: Connection, label: str = "") -> str | None:
    """The schema revision of the database on ``conn`` (``None`` for a database without Orbit's tables)."""
    inspector = sa.inspect(conn)
    if not inspector.has_table(VERSION_TABLE):
        if inspector.has_table("designs"):
            raise DatabaseUnavailable(
                label, "the database has a table 'designs' that Orbit did not create: use a database of its own"
            )
        return None
    return conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def known_revisions() -> list[str]:
    """The revisions of the shipped migrations, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def ensure_schema(engine: Engine, url: URL) -> None:
    """Create or upgrade the schema to :data:`~orbit.library.schema.SCHEMA_REVISION` (once, under a lock).

    Raises
    ------
    DatabaseUnavailable
        When the database cannot be reached, or its schema is newer than this Orbit.
    """
    label = describe(url)
    with database_errors(url, "open"):
        with engine.connect() as conn:
            revision = current_revision(conn, label)
        if revision == SCHEMA_REVISION:
            return
        with _migrating(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            revision = current_revision(conn, label)
            if revision == SCHEMA_REVISION:
                return
            if revision is not None and revision not in known_revisions():
                raise DatabaseUnavailable(
                    label,
                    f"the database's schema (revision {revision}) is newer than this Orbit's "
                    f"({SCHEMA_REVISION}): upgrade Orbit to use it",
                )
            from alembic import command

            command.upgrade(alembic_config(conn), SCHEMA_REVISION)


@contextlib.contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A write transaction for migrations.

    On SQLite, foreign keys are off while it runs, as SQLite's procedure for
    rebuilding a table requires (it can only be switched outside a
    transaction), and checked before it commits.
    """
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")
        try:
            with writing(conn).begin():
                yield conn
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:  # pragma: no cover - would be a bug in a migration
                        raise DatabaseUnavailable(
                            describe(engine.url), f"a migration broke {len(broken)} references: {broken[:3]}"
                        )
        finally:
            if sqlite:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys = ON")


def upgrade_to(engine: Engine, revision: str) -> None:
    """Migrate the database to ``revision`` (tests build old databases with it)."""
    from alembic import command

    with _migrating(engine) as conn:
        command.upgrade(alembic_config(conn), revision)


def new_revision(message: str) -> Path:
    """Draft the next migration from the difference between ``schema.py`` and the current head.

    For developers: a temporary SQLite database is brought to the head, then
    Alembic's autogenerate writes ``migrations/versions/NNNN_*.py`` (review
    and edit it; a test checks that the migrations build exactly ``schema.py``).
    """
    import tempfile

    from alembic import command

    revisions = known_revisions()
    next_id = f"{int(revisions[-1]) + 1:04d}" if revisions else "0001"
    with tempfile.TemporaryDirectory() as tmp:
        url = resolve_url(Path(tmp) / "draft.db")
        engine = create_engine(url)
        try:
            with _migrating(engine) as conn:
                command.upgrade(alembic_config(conn), "heads")
                script = command.revision(
                    alembic_config(conn),
                    message=message,
                    autogenerate=True,
                    rev_id=next_id,
                )
        finally:
            engine.dispose()
    return Path(script.path)


__all__ = [
    "ENV_VAR",
    "create_engine",
    "database_errors",
    "default_path",
    "describe",
    "ensure_schema",
    "resolve_url",
]
