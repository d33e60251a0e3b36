"""Fixtures shared by the test files."""

from __future__ import annotations

import os

import pytest
from fakediscord import discord_env_fixture  # noqa: F401  (the `discord_env` fixture)

from fitengine.catalog import Catalog, default_catalog


@pytest.fixture(scope="session")
def cat() -> Catalog:
    return default_catalog()


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No CANIRUN_* or DISCORD_* variable from the environment, and no stray .env file."""
    for name in list(os.environ):
        if name.startswith("CANIRUN_") or name.startswith("DISCORD_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch
