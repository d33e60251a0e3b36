"""QA pass: canirun-bot when Discord cannot be reached gives one line, not a traceback."""

from __future__ import annotations

import base64

import discord
import pytest

from bot import __main__ as cli

APP_ID = 987654321098765432
TOKEN = base64.urlsafe_b64encode(str(APP_ID).encode()).decode().rstrip("=") + ".GhIjKl.secret-part"


@pytest.fixture
def offline(monkeypatch, tmp_path):
    for name in list(__import__("os").environ):
        if name.startswith("CANIRUN_") or name.startswith("DISCORD_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("CANIRUN_DB", str(tmp_path / "db.sqlite3"))
    monkeypatch.setattr(cli, "setup_logging", lambda settings: None)
    # nothing listens on port 1: the connection is refused at once
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:1/api/v10")
    return monkeypatch


@pytest.mark.parametrize("argv", [["run"], ["sync", "--guild", "1"]])
def test_unreachable_discord_is_one_line(offline, capsys, argv):
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("canirun-bot: could not reach Discord") and err.count("\n") == 1
    assert "Traceback" not in err and "secret-part" not in err
