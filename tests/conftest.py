"""Fixtures shared by the test files."""

from __future__ import annotations

import os

import pytest
from fakediscord import discord_env_fixture  # noqa: F401  (the `discord_env` fixture)
from fakehub import fake_hub  # noqa: F401  (the `fake_hub` fixture)

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
        if name.startswith("CANIRUN_") or name.startswith("DISCORD_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch
