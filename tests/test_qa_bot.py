"""QA pass: canirun-bot when Discord cannot be reached gives one line, not a traceback."""

from __future__ import annotations

import base64

import discord
import pytest

from bot import __main__ as cli

APP_ID = 987654321098765432
TOKEN = base64.urlsafe_b64encode(str(APP_ID).encode()).decode().rstrip("=") + ".GhIjKl.secret-part"


@pytest.fixture
def offline(clean_env, tmp_path):
    clean_env.setenv("DISCORD_TOKEN", TOKEN)
    clean_env.setenv("CANIRUN_DB", str(tmp_path / "db.sqlite3"))
    clean_env.setattr(cli, "setup_logging", lambda settings: None)
    # nothing listens on port 1: the connection is refused at once
    clean_env.setattr(discord.http.Route, "BASE", "http://127.0.0.1:1/api/v10")
    return clean_env


@pytest.mark.parametrize("argv", [["run"], ["sync", "--guild", "1"]])
def test_unreachable_discord_is_one_line(offline, capsys, argv):
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("canirun-bot: could not reach Discord") and err.count("\n") == 1
    assert "Traceback" not in err and "secret-part" not in err
