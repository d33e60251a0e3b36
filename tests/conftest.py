"""Fixtures shared by the test files."""

from __future__ import annotations

import os

import pytest
from fakediscord import discord_env_fixture  # noqa: F401  (the `discord_env` fixture)
from fakehub import fake_hub  # noqa: F401  (the `fake_hub` fixture)
from pgserver import REQUIRE_ENV, PostgresServer, Unavailable, required

from fitengine.catalog import Catalog, default_catalog


@pytest.fixture(autouse=True)
def _no_hub(monkeypatch):
    """No test reaches the real Hugging Face: offline, a cache in memory, no token. The
    `fake_hub` fixture turns the network back on, pointed at 127.0.0.1."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("CANIRUN_HUB_CACHE", "memory")
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def cat() -> Catalog:
    return default_catalog()


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No CANIRUN_* or DISCORD_* variable from the environment, and no stray .env file."""
    for name in list(os.environ):
        if name.startswith("CANIRUN_") or name.startswith("DISCORD_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server started from the packaged binaries for this test session.
    Where none can be started the tests that need it skip with the reason, unless
    CANIRUN_REQUIRE_POSTGRES=1 (CI sets it) turns that into a failure."""
    try:
        server = PostgresServer().start()
    except Unavailable as exc:
        if required():
            pytest.fail(f"{REQUIRE_ENV}=1 but PostgreSQL cannot be started: {exc}")
        pytest.skip(f"PostgreSQL cannot be started here: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres_server):
    """A new, empty database on the session's server (dropped after the test)."""
    name = postgres_server.create_database()
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """Each storage test runs twice: on an SQLite file and on a PostgreSQL database."""
    from bot.storage import parse_database_url, sqlite_target

    if request.param == "sqlite":
        return sqlite_target(tmp_path / "state" / "bot.sqlite3")
    return parse_database_url(request.getfixturevalue("pg_url"))
