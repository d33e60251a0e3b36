"""Secrets and privacy (issue 13): a token that is not one is refused in one line, and a run at
DEBUG writes no token of any kind (the bot's, interactions', webhooks', Hugging Face's) and no
text anyone wrote, whatever discord.py, the hub client or our code logs."""

from __future__ import annotations

import functools
import io
import logging
import sys

import pytest
from fakediscord import TOKEN

import bot.__main__ as cli
from bot.redact import REDACTED, Redactor, redact

HF_TOKEN = "hf_" + "Zq7" * 12  # shaped like a real one, so the patterns are tested too
SAID = ("zebra-quartz-17", "pelican-mosaic-42", "walrus-nebula-93")  # what people wrote


@pytest.mark.parametrize(
    "token",
    [TOKEN[:20] + "\n" + TOKEN[20:], TOKEN + "\nMORE", f'"{TOKEN}"', "Bot " + TOKEN, "tök€n-x"],
)
def test_a_malformed_token_is_one_line_without_the_token(clean_env, capsys, tmp_path, token):
    clean_env.setenv("DISCORD_TOKEN", token)
    clean_env.setenv("CANIRUN_DB", str(tmp_path / "db.sqlite3"))
    for command in (["run"], ["sync"]):
        assert cli.main(command) == 2
        err = capsys.readouterr().err
        assert (
            err.startswith("canirun-bot: DISCORD_TOKEN is not a bot token") and err.count("\n") == 1
        )
        assert TOKEN[:20] not in err and "Traceback" not in err


def test_the_redactor_keeps_secrets_and_payloads_out():
    f = Redactor([TOKEN, HF_TOKEN])
    record = logging.LogRecord(
        "discord.http",
        logging.DEBUG,
        __file__,
        1,
        "%s %s with %s has returned %s",
        (
            "POST",
            "https://x/api/v10/interactions/1/aW50ZXJhY3Rpb24tdG9rZW4/callback",
            '{"content": "zebra"}',
            204,
        ),
        None,
    )
    f.filter(record)
    line = record.getMessage()
    assert "aW50ZXJhY3Rpb24tdG9rZW4" not in line and "zebra" not in line and REDACTED in line
    record = logging.LogRecord(
        "discord.gateway",
        logging.DEBUG,
        __file__,
        1,
        "WebSocket Event: %s",
        ({"op": 0, "t": "MESSAGE_CREATE", "s": 3, "d": {"content": "zebra", "token": "t"}},),
        None,
    )
    f.filter(record)
    assert record.getMessage() == "WebSocket Event: <payload op=0 t=MESSAGE_CREATE s=3>"
    # aiosqlite's DEBUG line for each statement: the call, never the parameters bound to the SQL
    run = functools.partial(print, "SELECT * FROM rigs WHERE name_key = ?", ("zebra desk",))
    record = logging.LogRecord(
        "aiosqlite", logging.DEBUG, __file__, 1, "executing %s", (run,), None
    )
    f.filter(record)
    assert record.getMessage() == "executing <call print>"
    assert redact(f"Authorization: Bearer {HF_TOKEN}") == f"Authorization: Bearer {REDACTED}"
    assert redact(HF_TOKEN) == REDACTED
    try:
        raise ValueError(f"bad header {TOKEN}")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, sys.exc_info())
    f.filter(record)
    assert TOKEN not in record.exc_text and "boom" in record.getMessage()


@pytest.fixture
def debug_log(monkeypatch, discord_env):
    """Logging as `canirun-bot run` sets it up at DEBUG (bot/__main__.setup_logging), written to
    a buffer; the root logger is put back afterwards."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    buffer = io.StringIO()
    monkeypatch.setenv("HF_TOKEN", HF_TOKEN)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # the hub runs, and never leaves the machine
    monkeypatch.setattr(sys, "stderr", buffer)
    settings = discord_env.settings(log_level="DEBUG")
    cli.setup_logging(settings)
    monkeypatch.setattr(sys, "stderr", sys.__stderr__)
    try:
        yield settings, buffer
    finally:
        for h in root.handlers:
            if h not in saved[1]:
                root.removeHandler(h)
        root.setLevel(saved[0])


async def test_a_debug_run_logs_no_token_and_no_text_anyone_wrote(discord_env, debug_log):
    settings, buffer = debug_log
    env = discord_env
    guild = env.fake.add_guild()
    bot = await env.start_bot(settings)
    channel = guild["channels"][0]
    alice = env.fake.user(name="alice")

    # slash commands, an autocomplete, a menu on a card: interaction and webhook tokens
    it = await env.fake.slash(
        "fit", {"model": "qwen3-8b", "hardware": "rtx-3090"}, user=alice, channel=channel
    )
    await env.fake.answered(it)
    message = env.fake.original(it)
    await env.view_ready(message)
    menu = message["components"][0]["components"][0]
    sel = await env.fake.select(message, menu["custom_id"], ["Q4_K_M"], user=alice, channel=channel)
    await env.fake.answered(sel)
    ac = await env.fake.autocomplete(
        "fit", {"model": SAID[0], "hardware": ""}, "model", user=alice, channel=channel
    )
    await env.fake.answered(ac)
    unknown = await env.fake.slash(
        "fit", {"model": SAID[1], "hardware": "rtx-3090"}, user=alice, channel=channel
    )
    await env.fake.answered(unknown)

    # chat: a mention, a DM, a Hugging Face link, and a question whose answer fails
    await env.fake.user_message(
        channel, alice, f"can my 3090 run qwen3 8b? {SAID[0]}", mention_bot=True
    )
    dm = env.fake.add_dm(alice)
    await env.fake.user_message(
        dm, alice, f"what about https://huggingface.co/unsloth/Qwen3-8B-GGUF {SAID[1]}"
    )
    await env.fake.wait_until(lambda: len(env.fake.bot_messages()) >= 2, timeout=10)

    async def broken(text):
        raise RuntimeError("the engine broke")

    bot.engine.ask = broken
    bob = env.fake.user(name="bob")
    await env.fake.user_message(channel, bob, f"and a 4090? {SAID[2]}", mention_bot=True)
    await env.fake.wait_until(lambda: len(env.fake.bot_messages()) >= 3, timeout=10)
    # the hub client logging its header would be caught too
    logging.getLogger("fitengine.hub.client").debug("GET with Authorization: Bearer %s", HF_TOKEN)

    log = buffer.getvalue()
    assert "WebSocket Event" in log and "has returned" in log  # discord.py's DEBUG lines are there
    assert "ask() failed for message" in log  # and the failed answer was logged
    secrets = [TOKEN, HF_TOKEN, *(i.token for i in env.fake.interactions.values())]
    leaked = [s[:12] for s in secrets if s in log]
    assert not leaked, f"tokens in the log: {leaked}"
    assert not [s for s in SAID if s in log], "text people wrote is in the log"


def test_the_database_password_is_a_secret_too(monkeypatch):
    from bot.redact import environment_secrets

    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:s3cret%2Fpass@db:5432/canirun")
    f = Redactor(environment_secrets())
    record = logging.LogRecord(
        "bot.storage", logging.ERROR, __file__, 1, "login %s failed", ("s3cret/pass",), None
    )
    f.filter(record)
    assert "s3cret" not in record.getMessage()
