"""The bot's engine wrapper outside the test fixture's environment."""

from __future__ import annotations

from bot.engine import Engine


def test_the_hub_client_uses_the_bots_cache_file_when_no_variable_says_otherwise(
    monkeypatch, tmp_path
):
    """Production has no CANIRUN_HUB_CACHE: the bot passes its own file (this once raised a
    TypeError on every chat answer)."""
    monkeypatch.delenv("CANIRUN_HUB_CACHE", raising=False)
    engine = Engine(hub_cache=tmp_path / "bot.sqlite3")
    assert engine.hub.settings.cache_path == tmp_path / "bot.sqlite3"
