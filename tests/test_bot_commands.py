"""End to end: slash commands, autocomplete and card menus through the real discord.py client
against the fake Discord (tests/fakediscord.py)."""

from __future__ import annotations

import asyncio

import pytest
from fakediscord import ADMIN_PERMISSIONS

import fitengine
from bot import cards, respond


def card_json(report) -> dict:
    return cards.report_card(report).to_dict()


def strip_volatile(embed: dict) -> dict:
    return {k: v for k, v in embed.items() if k not in ("type", "flags")}


async def test_fit_returns_the_expected_card(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    user = env.fake.user(name="alice")
    it = await env.fake.slash(
        "fit",
        {"model": "llama-3.1-8b", "hardware": "rtx-3090"},
        user=user,
        channel=guild["channels"][0],
    )
    await env.fake.answered(it)
    assert it.response_type == 4, it.errors
    data = it.response["data"]
    expected = card_json(fitengine.analyze("llama-3.1-8b", "rtx-3090", gpus=1))
    assert strip_volatile(data["embeds"][0]) == strip_volatile(expected)

    embed = data["embeds"][0]
    assert embed["title"] == "Llama 3.1 8B Instruct on NVIDIA GeForce RTX 3090"
    report = fitengine.analyze("llama-3.1-8b", "rtx-3090")
    assert embed["color"] == cards.GRADE_COLOURS[report.grade]
    assert embed["description"].startswith(cards.verdict(report))
    # public, no pings; menus for quant, workload and mode, then the buttons
    assert not data.get("flags")
    assert data["allowed_mentions"] == {"parse": []}
    rows = data["components"]
    assert [row["components"][0]["type"] for row in rows[:3]] == [3, 3, 3]
    quant_menu, workload_menu, mode_menu = (row["components"][0] for row in rows[:3])
    assert {o["value"] for o in quant_menu["options"]} == {q.quant for q in report.quants}
    assert [o["value"] for o in quant_menu["options"] if o.get("default")] == [report.quant]
    assert [o["value"] for o in workload_menu["options"] if o.get("default")] == ["chat"]
    assert [o["value"] for o in mode_menu["options"] if o.get("default")] == ["balanced"]
    buttons = [b["label"] for b in rows[3]["components"]]
    assert buttons == ["Run it", "Compare with my rig"]
    # the state rides in each custom_id (no menu is kept in the bot's memory)
    assert all(
        c["custom_id"].startswith(("fq:", "fw:", "fo:", "fx:", "fr:"))
        for r in rows
        for c in r["components"]
    )
    assert all(len(c["custom_id"]) <= 100 for r in rows for c in r["components"])


async def test_autocomplete_answers_at_most_25_choices(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    user = env.fake.user()
    channel = guild["channels"][0]
    for name, options, focused in [
        ("fit", {"model": "", "hardware": ""}, "model"),
        ("fit", {"model": "qwen", "hardware": ""}, "model"),
        ("fit", {"model": "llama-3.1-8b", "hardware": "rtx"}, "hardware"),
        ("fit", {"model": "llama-3.1-8b", "hardware": "rtx-3090", "quant": "q"}, "quant"),
        ("fit", {"model": "x", "hardware": "y", "workload": ""}, "workload"),
        ("model", {"name": "x" * 6000}, "name"),
        ("hardware", {"name": "\x00\x01<@&1> **"}, "name"),
    ]:
        it = await env.fake.autocomplete(name, options, focused, user=user, channel=channel)
        await env.fake.answered(it)
        assert it.response_type == 8, (name, options, it.errors)
        assert it.choices is not None and len(it.choices) <= 25
    # the empty prefix offers a full page, a prefix narrows to matching entries
    it = await env.fake.autocomplete(
        "fit", {"model": "qwen3", "hardware": ""}, "model", user=user, channel=channel
    )
    await env.fake.answered(it)
    assert it.choices and all("qwen" in c["value"] for c in it.choices[:5])
    # answered from memory: well under Discord's 3 seconds
    slowest = max(
        r.at - env.fake.interactions[int(r.path.split("/")[2])].created
        for r in env.fake.requests_to("POST", r"/callback$")
    )
    assert slowest < 0.5


async def test_quant_menu_edits_the_card_and_gives_others_their_own_copy(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    alice, bob = env.fake.user(name="alice"), env.fake.user(name="bob")
    channel = guild["channels"][0]
    it = await env.fake.slash(
        "fit", {"model": "llama-3.1-8b", "hardware": "rtx-3090"}, user=alice, channel=channel
    )
    await env.fake.answered(it)
    message = env.fake.original(it)
    await env.view_ready(message)
    quant_menu = message["components"][0]["components"][0]
    before = message["embeds"]

    # someone else: their own private copy with the change; the card is untouched
    other = await env.fake.select(
        message, quant_menu["custom_id"], ["Q4_K_M"], user=bob, channel=channel
    )
    await env.fake.answered(other)
    assert other.response_type == 4, other.errors
    data = other.response["data"]
    assert data["flags"] & 64
    expected = card_json(fitengine.analyze("llama-3.1-8b", "rtx-3090", gpus=1, quant="Q4_K_M"))
    assert strip_volatile(data["embeds"][0]) == strip_volatile(expected)
    assert message["embeds"] == before
    # the copy's menus are bob's: his click edits his copy in place
    copy = env.fake.original(other)
    bob_menu = copy["components"][1]["components"][0]
    again = await env.fake.select(
        copy, bob_menu["custom_id"], ["coding"], user=bob, channel=channel
    )
    await env.fake.answered(again)
    assert again.response_type == 7, again.errors
    assert [
        o["value"] for o in copy["components"][1]["components"][0]["options"] if o.get("default")
    ] == ["coding"]

    # the owner: the card is edited in place (UPDATE_MESSAGE) with the new quant
    mine = await env.fake.select(
        message, quant_menu["custom_id"], ["Q4_K_M"], user=alice, channel=channel
    )
    await env.fake.answered(mine)
    assert mine.response_type == 7, mine.errors
    assert strip_volatile(message["embeds"][0]) == strip_volatile(expected)
    new_menu = message["components"][0]["components"][0]
    assert [o["value"] for o in new_menu["options"] if o.get("default")] == ["Q4_K_M"]

    # then the workload menu, on the edited card, and the mode menu
    workload_menu = message["components"][1]["components"][0]
    again = await env.fake.select(
        message, workload_menu["custom_id"], ["coding"], user=alice, channel=channel
    )
    await env.fake.answered(again)
    assert again.response_type == 7, again.errors
    expected = fitengine.analyze(
        "llama-3.1-8b", "rtx-3090", gpus=1, quant="Q4_K_M", workload="coding"
    )
    assert strip_volatile(message["embeds"][0]) == strip_volatile(card_json(expected))
    mode_menu = message["components"][2]["components"][0]
    again = await env.fake.select(
        message, mode_menu["custom_id"], ["interactive"], user=alice, channel=channel
    )
    await env.fake.answered(again)
    expected = fitengine.analyze(
        "llama-3.1-8b", "rtx-3090", quant="Q4_K_M", workload="coding", mode="interactive"
    )
    assert strip_volatile(message["embeds"][0]) == strip_volatile(card_json(expected))


async def test_menus_work_after_a_restart_and_without_a_time_limit(discord_env):
    """The card was posted by one process; another one (a restart, a deploy) answers the click."""
    env = discord_env
    guild = env.fake.add_guild()
    first = await env.start_bot()
    alice, bob = env.fake.user(name="alice"), env.fake.user(name="bob")
    channel = guild["channels"][0]
    it = await env.fake.slash(
        "fit", {"model": "qwen3-32b", "hardware": "2x rtx 3090"}, user=alice, channel=channel
    )
    await env.fake.answered(it)
    message = env.fake.original(it)
    await env.stop_bot(first)
    second = await env.start_bot()
    assert second is not first
    quant_menu = message["components"][0]["components"][0]
    click = await env.fake.select(
        message, quant_menu["custom_id"], ["Q8_0"], user=alice, channel=channel
    )
    await env.fake.answered(click)
    assert click.response_type == 7, click.errors
    expected = fitengine.analyze("qwen3-32b", "rtx-3090", gpus=2, quant="Q8_0")
    assert strip_volatile(message["embeds"][0]) == strip_volatile(card_json(expected))
    # someone else, after the restart: a private copy
    click = await env.fake.select(
        message, quant_menu["custom_id"], ["Q4_K_M"], user=bob, channel=channel
    )
    await env.fake.answered(click)
    assert click.response_type == 4 and click.response["data"]["flags"] & 64
    # the bot keeps nothing per card: no view is stored for the message
    assert int(message["id"]) not in second._connection._view_store._views


async def test_run_it_sends_the_commands_privately(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    alice, bob = env.fake.user(name="alice"), env.fake.user(name="bob")
    channel = guild["channels"][0]
    it = await env.fake.slash(
        "fit", {"model": "qwen3-32b", "hardware": "rtx-3090"}, user=alice, channel=channel
    )
    await env.fake.answered(it)
    message = env.fake.original(it)
    run = next(c for c in message["components"][3]["components"] if c["label"] == "Run it")
    for who in (alice, bob):
        click = await env.fake.click(message, run["custom_id"], user=who, channel=channel)
        await env.fake.answered(click)
        data = click.response["data"]
        assert data["flags"] & 64
        report = fitengine.analyze("qwen3-32b", "rtx-3090")
        assert data["content"] == cards.commands_text(report)
        assert "llama-server" in data["content"] and data["content"].count("```") == 6


async def test_a_wont_fit_card_offers_what_runs_instead(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    alice = env.fake.user(name="alice")
    channel = guild["channels"][0]
    it = await env.fake.slash(
        "fit", {"model": "gpt-oss-120b", "hardware": "rtx-4090"}, user=alice, channel=channel
    )
    await env.fake.answered(it)
    message = env.fake.original(it)
    report = fitengine.analyze("gpt-oss-120b", "rtx-4090")
    steps = message["components"][4]["components"]
    labels = [b["label"] for b in steps]
    assert labels == ["With 48 GB RAM", "With 3 GPUs", "Try OpenAI gpt-oss-20b"]
    assert [s.kind for s in report.next_steps] == ["more_ram", "more_gpus", "smaller_sibling"]
    # each button opens that setup: more RAM, more GPUs, the smaller sibling
    expected = [
        fitengine.analyze("gpt-oss-120b", "rtx-4090", ram_gb=48, quant="MXFP4", kv_type="f16"),
        fitengine.analyze("gpt-oss-120b", "rtx-4090", gpus=3, quant="MXFP4", kv_type="f16"),
        fitengine.analyze("gpt-oss-20b", "rtx-4090", quant="MXFP4", kv_type="f16"),
    ]
    for i, want in enumerate(expected):
        if i:  # a fresh card: the click replaced the last one's buttons
            it = await env.fake.slash(
                "fit",
                {"model": "gpt-oss-120b", "hardware": "rtx-4090"},
                user=alice,
                channel=channel,
            )
            await env.fake.answered(it)
            message = env.fake.original(it)
        button = message["components"][4]["components"][i]
        click = await env.fake.click(message, button["custom_id"], user=alice, channel=channel)
        await env.fake.answered(click)
        assert click.response_type == 7, click.errors
        assert strip_volatile(message["embeds"][0]) == strip_volatile(card_json(want))
        assert want.fit != "wont_fit"


async def test_unknown_name_offers_did_you_mean_buttons(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    user = env.fake.user()
    channel = guild["channels"][0]
    typo = "rtx 3099"
    with pytest.raises(fitengine.NotFound) as info:
        fitengine.analyze("llama-3.1-8b", typo)
    suggestions = info.value.suggestions[:5]
    assert suggestions
    it = await env.fake.slash(
        "fit", {"model": "llama-3.1-8b", "hardware": typo}, user=user, channel=channel
    )
    await env.fake.answered(it)
    data = it.response["data"]
    assert data["flags"] & 64
    assert "Did you mean" in data["content"] and suggestions[0].id in data["content"]
    buttons = data["components"][0]["components"]
    assert [b["label"] for b in buttons] == [s.name for s in suggestions]
    # the button re-runs /fit with the suggestion and posts the card
    message = env.fake.original(it)
    await env.view_ready(message)
    click = await env.fake.click(message, buttons[0]["custom_id"], user=user, channel=channel)
    await env.fake.answered(click)
    assert click.response_type == 4, click.errors
    embed = click.response["data"]["embeds"][0]
    expected = fitengine.analyze("llama-3.1-8b", suggestions[0].id)
    assert embed["title"] == f"Llama 3.1 8B Instruct on {expected.hardware.name}"


async def test_model_and_hardware_cards(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    user = env.fake.user()
    channel = guild["channels"][0]
    it = await env.fake.slash("model", {"name": "llama 3.1 8b"}, user=user, channel=channel)
    await env.fake.answered(it)
    assert it.response["data"]["embeds"][0]["title"] == "Llama 3.1 8B Instruct"
    it = await env.fake.slash("hardware", {"name": "rtx3090"}, user=user, channel=channel)
    await env.fake.answered(it)
    assert it.response["data"]["embeds"][0]["title"] == "NVIDIA GeForce RTX 3090"
    it = await env.fake.slash("hardware", {"name": "zzzz qqqq"}, user=user, channel=channel)
    await env.fake.answered(it)
    assert it.response["data"]["flags"] & 64
    assert "don't know" in it.response["data"]["content"]


async def test_quants_command_and_bad_input(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    user = env.fake.user()
    channel = guild["channels"][0]
    it = await env.fake.slash(
        "quants", {"model": "llama-3.1-8b", "hardware": "rtx-3090"}, user=user, channel=channel
    )
    await env.fake.answered(it)
    desc = it.response["data"]["embeds"][0]["description"]
    assert "Q4_K_M" in desc and "Q8_0" in desc
    # a context that is not a number: one friendly ephemeral sentence
    it = await env.fake.slash(
        "fit",
        {"model": "llama-3.1-8b", "hardware": "rtx-3090", "context": "lots"},
        user=user,
        channel=channel,
    )
    await env.fake.answered(it)
    assert it.response["data"]["flags"] & 64
    assert "couldn't read" in it.response["data"]["content"]


async def test_slow_engine_defers_then_edits(discord_env, monkeypatch):
    env = discord_env
    env.fake.interaction_deadline = 0.3
    monkeypatch.setattr(respond, "DEFER_AFTER", 0.05)
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    real = bot.engine.analyze

    async def slow(*args, **kw):
        await asyncio.sleep(0.5)  # longer than the (shortened) deadline
        return await real(*args, **kw)

    bot.engine.analyze = slow
    it = await env.fake.slash(
        "fit",
        {"model": "llama-3.1-8b", "hardware": "rtx-3090"},
        user=env.fake.user(),
        channel=guild["channels"][0],
    )
    await env.fake.answered(it)
    assert it.response_type == 5  # deferred within the deadline
    assert it.edits and it.edits[-1]["embeds"][0]["title"].startswith("Llama 3.1 8B")
    message = env.fake.original(it)
    assert message["embeds"] and message["components"]


async def test_cooldown_gives_a_friendly_ephemeral_answer(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    user = env.fake.user()
    channel = guild["channels"][0]
    answers = []
    for _ in range(7):
        it = await env.fake.slash(
            "fit", {"model": "llama-3.1-8b", "hardware": "rtx-3090"}, user=user, channel=channel
        )
        answers.append(await env.fake.answered(it))
    last = answers[-1].response["data"]
    assert last["flags"] & 64 and "Slow down" in last["content"]
    assert all(a.response["data"].get("embeds") for a in answers[:6])


async def test_settings_are_admin_only(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    channel = guild["channels"][0]
    it = await env.fake.slash(
        "settings", {"enabled": False}, subcommand="chat", user=env.fake.user(), channel=channel
    )
    await env.fake.answered(it)
    assert it.response["data"]["flags"] & 64
    assert "Manage Server" in it.response["data"]["content"]
    it = await env.fake.slash(
        "settings",
        {"enabled": False},
        subcommand="chat",
        user=env.fake.user(),
        channel=channel,
        permissions=ADMIN_PERMISSIONS,
    )
    await env.fake.answered(it)
    fields = {f["name"]: f["value"] for f in it.response["data"]["embeds"][0]["fields"]}
    assert fields["Chat answers"] == "off"


async def test_commands_sync_and_are_valid(discord_env):
    """`canirun-bot sync` over HTTP only; the fake checks every name, description and option."""
    from bot.__main__ import sync_commands

    env = discord_env
    settings = env.settings()
    names = await sync_commands(settings, 1234, guild_ready_timeout=0.05)
    assert set(names) >= {
        "fit", "quants", "bestmodel", "besthardware", "compare", "model", "hardware", "help",
        "settings", "rig", "about", "Can it run?",
    }  # fmt: skip
    guild_commands = env.fake.commands[1234]
    fit = next(c for c in guild_commands if c["name"] == "fit")
    assert [o["name"] for o in fit["options"]][:2] == ["model", "hardware"]
    assert all(o.get("autocomplete") for o in fit["options"][:2])
    settings_cmd = next(c for c in guild_commands if c["name"] == "settings")
    assert int(settings_cmd["default_member_permissions"]) == 1 << 5
    assert settings_cmd["contexts"] == [0]
    assert settings_cmd["integration_types"] == [0]
    assert sorted(fit["integration_types"]) == [0, 1]
    assert sorted(fit["contexts"]) == [0, 1, 2]
    # "Can it run?" is a message context menu, and with /rig works for a user install too
    menu = next(c for c in guild_commands if c["name"] == "Can it run?")
    assert menu["type"] == 3 and sorted(menu["integration_types"]) == [0, 1]
    rig = next(c for c in guild_commands if c["name"] == "rig")
    assert sorted(rig["integration_types"]) == [0, 1] and sorted(rig["contexts"]) == [0, 1, 2]
    assert {o["name"] for o in rig["options"]} == {"set", "show", "use", "clear"}
    # never a gateway connection for a sync
    assert not env.fake.identifies
    # global sync
    await sync_commands(settings, None, guild_ready_timeout=0.05)
    assert {c["name"] for c in env.fake.commands[None]} == set(names)


async def test_bestmodel_besthardware_and_compare(discord_env):
    from fitengine import advise

    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    user = env.fake.user()
    channel = guild["channels"][0]

    it = await env.fake.slash("bestmodel", {"hardware": "rtx-3090"}, user=user, channel=channel)
    await env.fake.answered(it)
    embed = it.response["data"]["embeds"][0]
    best = advise.best_models("rtx-3090", gpus=1)
    assert embed["title"] == "Best models for NVIDIA GeForce RTX 3090"
    assert best and best[0].model.name in embed["description"]

    it = await env.fake.slash(
        "besthardware", {"model": "llama-3.3-70b", "context": "8k"}, user=user, channel=channel
    )
    await env.fake.answered(it)
    embed = it.response["data"]["embeds"][0]
    hw = advise.best_hardware("llama-3.3-70b", context=8192)
    assert embed["title"].startswith("Hardware for Llama 3.3 70B")
    assert hw and cards.hardware_label(hw[0].hardware) in embed["description"]

    it = await env.fake.slash(
        "compare",
        {"model": "qwen3-32b", "hardware_a": "rtx-3090", "hardware_b": "rtx-4090"},
        user=user,
        channel=channel,
    )
    await env.fake.answered(it)
    embed = it.response["data"]["embeds"][0]
    assert [f["name"] for f in embed["fields"]] == [
        "NVIDIA GeForce RTX 3090",
        "NVIDIA GeForce RTX 4090",
    ]
    # the catalog-scanning commands share a per-user budget (3 per 30 s)
    it = await env.fake.slash("bestmodel", {"hardware": "rtx-4090"}, user=user, channel=channel)
    await env.fake.answered(it)
    assert "Slow down" in it.response["data"]["content"]


async def test_a_bug_gets_an_apology_and_is_logged_with_the_interaction(discord_env, caplog):
    env = discord_env
    guild = env.fake.add_guild()
    bot = await env.start_bot()

    async def broken(*args, **kw):
        raise ZeroDivisionError("boom")

    bot.engine.analyze = broken
    user = env.fake.user()
    it = await env.fake.slash(
        "fit",
        {"model": "llama-3.1-8b", "hardware": "rtx-3090"},
        user=user,
        channel=guild["channels"][0],
    )
    await env.fake.answered(it)
    data = it.response["data"]
    assert data["flags"] & 64 and "Something went wrong" in data["content"]
    (record,) = [r for r in caplog.records if "unhandled error" in r.getMessage()]
    assert "command='fit'" in record.getMessage() and f"user={user['id']}" in record.getMessage()
    assert record.exc_info and record.exc_info[0] is ZeroDivisionError


async def test_any_slash_input_gets_a_sane_answer(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    user = env.fake.user()
    channel = guild["channels"][0]
    nasty = (
        "**@everyone** <@&123456789012345678> \x00\x1b[2J\u202e [x](http://evil) ```" + "z" * 9900
    )
    for options in [
        {"model": nasty, "hardware": "rtx-3090"},
        {"model": "llama-3.1-8b", "hardware": nasty},
        {"model": "llama-3.1-8b", "hardware": "rtx-3090", "quant": nasty},
        {"model": "llama-3.1-8b", "hardware": "rtx-3090", "workload": nasty},
        {"model": "llama-3.1-8b", "hardware": "rtx-3090", "context": nasty},
        {"model": "llama-3.1-8b", "hardware": "rtx-3090", "gpus": 64, "ram": 0.5},
    ]:
        it = await env.fake.slash("fit", options, user=user, channel=channel)
        await env.fake.answered(it)
        data = it.response["data"]
        assert data["allowed_mentions"] == {"parse": []}
        if data.get("embeds"):
            continue  # a card (the engine accepted the input)
        content = data["content"]
        assert data["flags"] & 64 and content and len(content) <= 2000
        assert "@everyone" not in content and "<@&123456789012345678>" not in content
        assert "\x00" not in content and "\u202e" not in content and "[x](" not in content
    # system RAM reaches the engine
    it = await env.fake.slash(
        "fit",
        {"model": "llama-3.3-70b", "hardware": "rtx-3090", "ram": 128.0},
        user=env.fake.user(),
        channel=channel,
    )
    await env.fake.answered(it)
    expected = fitengine.analyze("llama-3.3-70b", "rtx-3090", gpus=1, ram_gb=128.0)
    assert strip_volatile(it.response["data"]["embeds"][0]) == strip_volatile(card_json(expected))
