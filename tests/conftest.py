"""Shared test settings and helpers (kept small and generic)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


# ---------------------------------------------------------------- databases for the library tests
@pytest.fixture(autouse=True)
def _throwaway_library(tmp_path_factory, monkeypatch):
    """Every test gets a fresh, empty design library (the app and the CLI never touch the user's own)."""
    monkeypatch.setenv("ORBIT_DATABASE_URL", str(tmp_path_factory.mktemp("library") / "orbit.db"))


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL cluster for the test session.

    Skips when PostgreSQL is not installed, except under ORBIT_REQUIRE_POSTGRES=1 (CI), where it fails.
    """
    from orbit.library.pgcluster import PostgresUnavailable, TemporaryPostgres

    try:
        cluster = TemporaryPostgres()
        cluster.start()
    except PostgresUnavailable as err:
        if os.environ.get("ORBIT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"ORBIT_REQUIRE_POSTGRES=1 but {err}")
        pytest.skip(str(err))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database: a SQLite file, or a new database on the session's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'orbit.db'}"
    return request.getfixturevalue("postgres").create_database()


@pytest.fixture(autouse=True)
def _import_memory_in_tmp(tmp_path, monkeypatch):
    """The app's import step remembers settings per header set: never in the real home during tests."""
    monkeypatch.setenv("ORBIT_IMPORT_MEMORY", str(tmp_path / "imports.json"))


# ---------------------------------------------------------------- the shared HR export
SHARED_HR_EXPORT = Path(__file__).resolve().parents[2] / "shared" / "data" / "oracle_hr_sample.csv"


@pytest.fixture(scope="session")
def hr_export(tmp_path_factory) -> Path:
    """The Oracle HR sample next to the repository, else a file of the same shape made here (never a skip)."""
    if SHARED_HR_EXPORT.exists():
        return SHARED_HR_EXPORT
    from orgshapes import oracle_like_hr_export

    path = tmp_path_factory.mktemp("hr") / "oracle_hr_sample.csv"
    path.write_text(oracle_like_hr_export(), encoding="utf-8")
    return path
