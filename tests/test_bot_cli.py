"""canirun-bot's command line: settings from the environment, invite, run failures, health."""

from __future__ import annotations

import asyncio
import base64
import threading
import urllib.parse

import discord
import pytest
import yarl
from fakediscord import FakeDiscord

from bot import __main__ as cli
from bot.config import ConfigError, Settings, application_id_from_token, load_settings

APP_ID = 987654321098765432
TOKEN = base64.urlsafe_b64encode(str(APP_ID).encode()).decode().rstrip("=") + ".GhIjKl.secret-part"


def test_settings_from_the_environment(clean_env, tmp_path):
    clean_env.setenv("DISCORD_TOKEN", TOKEN)
    clean_env.setenv("CANIRUN_DB", str(tmp_path / "x.sqlite3"))
    clean_env.setenv("CANIRUN_LOG_LEVEL", "debug")
    clean_env.setenv("CANIRUN_SHARD_COUNT", "8")
    clean_env.setenv("CANIRUN_SHARD_IDS", "0-2, 5")
    clean_env.setenv("CANIRUN_MESSAGE_CONTENT", "true")
    s = load_settings()
    assert s.token() == TOKEN
    assert s.db == tmp_path / "x.sqlite3"
    assert s.log_level == "DEBUG"
    assert (s.shard_count, s.shard_ids) == (8, [0, 1, 2, 5])
    assert s.message_content
    assert TOKEN not in repr(s) and TOKEN not in str(s.model_dump())


def test_bad_settings_are_one_line(clean_env):
    clean_env.setenv("CANIRUN_SHARD_IDS", "0,1")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "SHARD_COUNT" in str(info.value) and "\n" not in str(info.value)
    clean_env.setenv("CANIRUN_SHARD_COUNT", "1")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "outside" in str(info.value)
    clean_env.delenv("CANIRUN_SHARD_IDS")
    clean_env.setenv("CANIRUN_LOG_LEVEL", "chatty")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "CANIRUN_LOG_LEVEL" in str(info.value)


def test_application_id_from_token():
    assert application_id_from_token(TOKEN) == APP_ID
    assert application_id_from_token("garbage") is None
    assert application_id_from_token("") is None


def test_invite_prints_the_server_and_the_user_install_links(clean_env, capsys):
    clean_env.setenv("DISCORD_TOKEN", TOKEN)
    assert cli.main(["invite"]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert lines[0].startswith("Add it to a server") and lines[2].startswith(
        "Add it to your account"
    )
    server, user = (urllib.parse.parse_qs(urllib.parse.urlparse(u).query) for u in lines[1::2])
    assert server["client_id"] == user["client_id"] == [str(APP_ID)]
    assert server["permissions"] == ["274877991936"]
    assert server["scope"] == ["bot applications.commands"]
    assert server["integration_type"] == ["0"]
    # a user install has no bot user and no permissions: only the commands
    assert user["scope"] == ["applications.commands"] and user["integration_type"] == ["1"]
    assert "permissions" not in user
    perms = discord.Permissions(274877991936)
    assert perms.view_channel and perms.send_messages and perms.send_messages_in_threads
    assert perms.embed_links and perms.read_message_history
    assert not perms.administrator and not perms.mention_everyone


def test_invite_with_an_application_id_and_no_token(clean_env, capsys):
    clean_env.setenv("CANIRUN_APPLICATION_ID", "42")
    assert cli.main(["invite"]) == 0
    assert "client_id=42" in capsys.readouterr().out


def test_invite_without_anything_fails_clearly(clean_env, capsys):
    assert cli.main(["invite"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("canirun-bot: no application id") and err.count("\n") == 1


def test_a_missing_token_exits_with_one_line(clean_env, capsys):
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("canirun-bot: DISCORD_TOKEN is not set") and err.count("\n") == 1


class FakeInThread:
    """The fake Discord on its own loop, for code that calls asyncio.run itself."""

    def __init__(self, **kw):
        self.loop = asyncio.new_event_loop()
        self.fake = FakeDiscord(**kw)
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.fake.start(), self.loop).result(5)
        return self.fake

    def __exit__(self, *exc):
        asyncio.run_coroutine_threadsafe(self.fake.stop(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


def test_a_rejected_token_exits_with_one_line(clean_env, capsys, tmp_path):
    with FakeInThread(token="the-real-token") as fake:
        clean_env.setattr(discord.http.Route, "BASE", fake.base)
        clean_env.setattr(
            discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url)
        )
        clean_env.setenv("DISCORD_TOKEN", "a-wrong-token")
        clean_env.setenv("CANIRUN_DB", str(tmp_path / "db.sqlite3"))
        clean_env.setattr(cli, "setup_logging", lambda settings: None)
        assert cli.main(["run"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("canirun-bot: Discord rejected the token") and err.count("\n") == 1
    assert "a-wrong-token" not in err


def test_health(clean_env, capsys, tmp_path):
    import time

    from bot import heartbeat

    clean_env.setenv("DISCORD_TOKEN", TOKEN)
    clean_env.setenv("CANIRUN_DB", str(tmp_path / "db.sqlite3"))
    beat = tmp_path / "beat"
    clean_env.setenv("CANIRUN_HEARTBEAT_FILE", str(beat))
    clean_env.setenv("CANIRUN_HEARTBEAT_MAX_AGE", "60")
    # no running bot has written a heartbeat: unhealthy, unless asked not to look
    assert cli.main(["health"]) == 1
    assert "no gateway heartbeat yet" in capsys.readouterr().err
    assert cli.main(["health", "--no-gateway"]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    heartbeat.write(beat, time.time() - 5)
    assert cli.main(["health"]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    heartbeat.write(beat, time.time() - 90)
    assert cli.main(["health"]) == 1
    assert "no gateway connection for 90 s" in capsys.readouterr().err
    heartbeat.write(beat, time.time())
    (tmp_path / "db.sqlite3").unlink()
    (tmp_path / "db.sqlite3-wal").unlink(missing_ok=True)
    (tmp_path / "db.sqlite3-shm").unlink(missing_ok=True)
    (tmp_path / "db.sqlite3").write_bytes(b"junk" * 500)
    assert cli.main(["health"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("canirun-bot: unhealthy:") and "db.sqlite3" in err
    clean_env.delenv("DISCORD_TOKEN")
    clean_env.setenv("CANIRUN_DB", str(tmp_path / "other.sqlite3"))
    assert cli.main(["health"]) == 1
    assert "DISCORD_TOKEN" in capsys.readouterr().err


def test_sync_clear_needs_a_guild(clean_env, capsys):
    clean_env.setenv("DISCORD_TOKEN", TOKEN)
    assert cli.main(["sync", "--clear"]) == 2
    assert "--clear needs --guild" in capsys.readouterr().err


def test_settings_class_defaults(clean_env):
    s = Settings()
    assert s.discord_token is None and s.shard_ids is None and not s.message_content
    with pytest.raises(ConfigError):
        s.token()
