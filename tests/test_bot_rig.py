"""End to end: "my rig" (saved per user, several named, used by every command and by chat), the
"Can it run?" message context menu, lists that page and open their rows, compare with my rig."""

from __future__ import annotations

import sqlite3

import fitengine
from bot import cards
from bot.state import to_base36


def strip_volatile(embed: dict) -> dict:
    return {k: v for k, v in embed.items() if k not in ("type", "flags")}


def card_json(report, **kw) -> dict:
    return strip_volatile(cards.report_card(report, **kw).to_dict())


async def rig_set(env, user, channel, **options):
    it = await env.fake.slash("rig", options, subcommand="set", user=user, channel=channel)
    await env.fake.answered(it)
    assert it.response_type == 4, it.errors
    assert it.response["data"]["flags"] & 64  # private
    return it.response["data"]


async def test_a_saved_rig_is_used_by_every_command(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    alice = env.fake.user(name="alice")
    channel = guild["channels"][0]

    # no rig yet: a command without hardware says how to save one
    it = await env.fake.slash("fit", {"model": "qwen3-32b"}, user=alice, channel=channel)
    await env.fake.answered(it)
    assert it.response["data"]["flags"] & 64 and "/rig set" in it.response["data"]["content"]

    data = await rig_set(env, alice, channel, hardware="2x 3090", ram=64.0)
    text = data["embeds"][0]["description"]
    assert "**main**: 2× NVIDIA GeForce RTX 3090, 64 GB RAM (your default)" in text

    it = await env.fake.slash("fit", {"model": "qwen3-32b"}, user=alice, channel=channel)
    await env.fake.answered(it)
    embed = it.response["data"]["embeds"][0]
    expected = fitengine.analyze("qwen3-32b", "rtx-3090", gpus=2, ram_gb=64)
    assert embed["title"] == "Qwen3 32B on 2× NVIDIA GeForce RTX 3090"
    assert embed["description"].startswith("On your rig “main”.\n" + cards.verdict(expected))

    it = await env.fake.slash("quants", {"model": "qwen3-32b"}, user=alice, channel=channel)
    await env.fake.answered(it)
    assert it.response["data"]["embeds"][0]["title"].endswith("on 2× NVIDIA GeForce RTX 3090")

    it = await env.fake.slash("bestmodel", {}, user=alice, channel=channel)
    await env.fake.answered(it)
    assert it.response["data"]["embeds"][0]["title"] == "Best models for 2× NVIDIA GeForce RTX 3090"

    it = await env.fake.slash(
        "compare", {"model": "qwen3-32b", "hardware_a": "rtx-4090"}, user=alice, channel=channel
    )
    await env.fake.answered(it)
    names = [f["name"] for f in it.response["data"]["embeds"][0]["fields"]]
    assert names == ["NVIDIA GeForce RTX 4090", "Your rig “main”: 2× NVIDIA GeForce RTX 3090"]

    # another person has no rig: rigs are per user
    bob = env.fake.user(name="bob")
    it = await env.fake.slash("fit", {"model": "qwen3-32b"}, user=bob, channel=channel)
    await env.fake.answered(it)
    assert "/rig set" in it.response["data"]["content"]


async def test_several_named_rigs_per_user_across_servers_and_dms(discord_env):
    env = discord_env
    one, two = env.fake.add_guild(), env.fake.add_guild()
    await env.start_bot()
    alice = env.fake.user(name="alice")
    await rig_set(env, alice, one["channels"][0], hardware="rtx 4090 + rtx 3090", ram=128.0)
    await rig_set(
        env, alice, two["channels"][0], hardware="m2 max 96gb", name="laptop", backend="metal"
    )
    dm = env.fake.add_dm(alice)
    it = await env.fake.slash("rig", {}, subcommand="show", user=alice, channel=dm)
    await env.fake.answered(it)
    shown = it.response["data"]["embeds"][0]["description"]
    assert (
        "**main** · default: NVIDIA GeForce RTX 4090 + NVIDIA GeForce RTX 3090, 128 GB RAM" in shown
    )
    assert "**laptop**: Apple M2 Max (38-core GPU) 96GB (metal)" in shown

    # a named rig in the hardware option, offered by autocomplete
    it = await env.fake.autocomplete(
        "fit", {"model": "qwen3-32b", "hardware": "lap"}, "hardware", user=alice, channel=dm
    )
    await env.fake.answered(it)
    assert it.choices[0]["value"] == "rig:laptop" and "Your rig “laptop”" in it.choices[0]["name"]
    it = await env.fake.slash(
        "fit", {"model": "qwen3-32b", "hardware": "rig:laptop"}, user=alice, channel=dm
    )
    await env.fake.answered(it)
    expected = fitengine.analyze("qwen3-32b", "m2-max", vram_gb=96, backend="metal")
    assert it.response["data"]["embeds"][0]["title"] == f"Qwen3 32B on {expected.hardware.name}"

    # the default moves; clearing one rig leaves the other; "all" deletes everything
    it = await env.fake.slash("rig", {"name": "laptop"}, subcommand="use", user=alice, channel=dm)
    await env.fake.answered(it)
    it = await env.fake.slash("fit", {"model": "qwen3-32b"}, user=alice, channel=dm)
    await env.fake.answered(it)
    assert "Apple M2 Max" in it.response["data"]["embeds"][0]["title"]
    it = await env.fake.slash("rig", {"name": "laptop"}, subcommand="clear", user=alice, channel=dm)
    await env.fake.answered(it)
    assert "Your default is now **main**" in it.response["data"]["embeds"][0]["description"]
    it = await env.fake.slash("rig", {"name": "all"}, subcommand="clear", user=alice, channel=dm)
    await env.fake.answered(it)
    assert (
        "Deleted everything stored about you (1 saved item)"
        in (it.response["data"]["embeds"][0]["description"])
    )
    assert await env.bots[-1].store.rigs(int(alice["id"])) == []


async def test_a_rig_is_kept_in_the_bots_database_across_a_restart(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    alice = env.fake.user(name="alice")
    channel = guild["channels"][0]
    await rig_set(env, alice, channel, hardware="rtx 4090", ram=64.0, name="desk")
    await env.stop_bot(bot)

    # the bot's own storage (an SQLite file here, PostgreSQL with DATABASE_URL), nothing else
    with sqlite3.connect(env.db_path) as db:
        rows = db.execute("SELECT user_id, name, is_default FROM rigs").fetchall()
    db.close()
    assert rows == [(int(alice["id"]), "desk", 1)]

    await env.start_bot()
    it = await env.fake.slash("fit", {"model": "qwen3-32b"}, user=alice, channel=channel)
    await env.fake.answered(it)
    assert it.response["data"]["embeds"][0]["description"].startswith("On your rig “desk”.")
    it = await env.fake.slash(
        "rig", {"name": "all"}, subcommand="clear", user=alice, channel=channel
    )
    await env.fake.answered(it)
    with sqlite3.connect(env.db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM rigs").fetchone() == (0,)
    db.close()


async def test_rig_set_reads_hardware_as_fit_does_and_refuses_nonsense(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    alice = env.fake.user(name="alice")
    channel = guild["channels"][0]
    it = await env.fake.slash(
        "rig", {"hardware": "rtx 3099"}, subcommand="set", user=alice, channel=channel
    )
    await env.fake.answered(it)
    assert "Did you mean" in it.response["data"]["content"]
    assert await env.bots[-1].store.rigs(int(alice["id"])) == []
    it = await env.fake.slash(
        "rig",
        {"hardware": "rtx 3090", "name": "all"},
        subcommand="set",
        user=alice,
        channel=channel,
    )
    await env.fake.answered(it)
    assert "kept for `/rig clear all`" in it.response["data"]["content"]
    data = await rig_set(env, alice, channel, hardware="24gb")
    assert "a GPU with 24 GB" in data["embeds"][0]["description"]
    assert "add `ram:`" in data["embeds"][0]["description"]


async def test_chat_uses_the_rig_when_the_question_names_no_hardware(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    alice = env.fake.user(name="alice")
    channel = guild["channels"][0]
    await rig_set(env, alice, channel, hardware="rtx 4090", ram=64.0)
    dm = env.fake.add_dm(alice)

    async def ask(text):
        message = await env.fake.user_message(dm, alice, text)

        def replies():
            return [
                m
                for m in env.fake.bot_messages(dm["id"])
                if (m.get("message_reference") or {}).get("message_id") == message["id"]
            ]

        return (await env.fake.wait_until(replies))[0]["embeds"][0]

    expected = fitengine.analyze("qwen3-32b", "rtx-4090", ram_gb=64)
    for text in ("can my rig run qwen3 32b?", "will qwen3 32b run?", "can I run qwen3 32b"):
        embed = await ask(text)
        assert embed["title"] == "Qwen3 32B on NVIDIA GeForce RTX 4090", text
        assert cards.verdict(expected) in embed["description"]
    assert (await ask("what can my pc run?"))["title"] == "Best models for NVIDIA GeForce RTX 4090"
    # a question about hardware, or one naming other hardware, is not about the rig
    assert (await ask("what gpu do I need for qwen3 32b"))["title"].startswith("Hardware for")
    assert "RTX 3090" in (await ask("can a 3090 run qwen3 32b"))["title"]


async def test_can_it_run_answers_someone_elses_message_privately(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    alice, bob = env.fake.user(name="alice"), env.fake.user(name="bob")
    channel = guild["channels"][0]
    # bob's message is not addressed to the bot: without Message Content the gateway blanks it,
    # but the context menu's interaction carries its text
    message = await env.fake.user_message(channel, bob, "will llama 3.3 70b run on a 3090?")
    assert not bot.intents.message_content
    it = await env.fake.message_command("Can it run?", message, user=alice, channel=channel)
    await env.fake.answered(it)
    data = it.response["data"]
    assert data["flags"] & 64, "private to the person who clicked"
    assert data["embeds"][0]["title"] == "Llama 3.3 70B Instruct on NVIDIA GeForce RTX 3090"
    # the card's menus are alice's; nothing is posted for everyone
    owner = to_base36(int(alice["id"]))
    assert all(
        c["custom_id"].split(":")[1] == owner for r in data["components"] for c in r["components"]
    )
    assert all(m["flags"] & 64 for m in env.fake.bot_messages(channel["id"]))

    # a message that names no hardware: answered on the clicker's rig
    await rig_set(env, alice, channel, hardware="2x 4090", ram=128.0)
    message = await env.fake.user_message(channel, bob, "anyone running qwen3 32b locally?")
    it = await env.fake.message_command("Can it run?", message, user=alice, channel=channel)
    await env.fake.answered(it)
    assert it.response["data"]["embeds"][0]["title"] == "Qwen3 32B on 2× NVIDIA GeForce RTX 4090"
    empty = await env.fake.user_message(channel, bob, "")
    it = await env.fake.message_command("Can it run?", empty, user=alice, channel=channel)
    await env.fake.answered(it)
    assert "no text" in it.response["data"]["content"]


async def test_compare_with_my_rig(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    alice, bob = env.fake.user(name="alice"), env.fake.user(name="bob")
    channel = guild["channels"][0]
    await rig_set(env, bob, channel, hardware="m4 max 128gb")
    it = await env.fake.slash(
        "fit", {"model": "llama-3.3-70b", "hardware": "rtx-3090"}, user=alice, channel=channel
    )
    await env.fake.answered(it)
    message = env.fake.original(it)
    compare = next(
        c for c in message["components"][3]["components"] if c["label"] == "Compare with my rig"
    )
    # alice has no rig: a tip; bob has one: both side by side, privately
    click = await env.fake.click(message, compare["custom_id"], user=alice, channel=channel)
    await env.fake.answered(click)
    assert "/rig set" in click.response["data"]["content"]
    click = await env.fake.click(message, compare["custom_id"], user=bob, channel=channel)
    await env.fake.answered(click)
    data = click.response["data"]
    assert data["flags"] & 64
    names = [f["name"] for f in data["embeds"][0]["fields"]]
    assert names[0] == "This card: NVIDIA GeForce RTX 3090"
    assert names[1].startswith("Your rig “main”: Apple M4 Max")
    # and a button to open the model on bob's rig
    assert data["components"][0]["components"][0]["label"].startswith("Open on my rig")


async def test_lists_page_and_open_their_rows(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    alice, bob = env.fake.user(name="alice"), env.fake.user(name="bob")
    channel = guild["channels"][0]
    it = await env.fake.slash("bestmodel", {"hardware": "rtx-3090"}, user=alice, channel=channel)
    await env.fake.answered(it)
    message = env.fake.original(it)
    embed = message["embeds"][0]
    best = fitengine.best_models("rtx-3090", limit=20)
    assert embed["description"].startswith(f"*{cards.MODELS_RANKING}*")
    assert embed["footer"]["text"].endswith(f"page 1 of {-(-len(best) // 5)}")
    menu, (next_button,) = (
        message["components"][0]["components"][0],
        message["components"][1]["components"],
    )
    assert [o["value"] for o in menu["options"]] == [r.model.id for r in best[:5]]
    assert next_button["label"] == "Next ▶"

    # a row opens its card, privately, for whoever picks it
    pick = await env.fake.select(
        message, menu["custom_id"], [best[1].model.id], user=bob, channel=channel
    )
    await env.fake.answered(pick)
    data = pick.response["data"]
    assert data["flags"] & 64
    assert data["embeds"][0]["title"] == f"{best[1].model.name} on NVIDIA GeForce RTX 3090"

    # the owner pages in place; someone else gets their own copy of the next page
    click = await env.fake.click(message, next_button["custom_id"], user=alice, channel=channel)
    await env.fake.answered(click)
    assert click.response_type == 7, click.errors
    assert best[5].model.name in message["embeds"][0]["description"]
    assert message["components"][1]["components"][0]["label"] == "◀ Previous"
    nxt = message["components"][1]["components"][-1]
    click = await env.fake.click(message, nxt["custom_id"], user=bob, channel=channel)
    await env.fake.answered(click)
    assert click.response["data"]["flags"] & 64
    assert best[10].model.name in click.response["data"]["embeds"][0]["description"]


async def test_besthardware_consumer_only_and_cheapest_first(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    alice = env.fake.user(name="alice")
    channel = guild["channels"][0]
    it = await env.fake.slash(
        "besthardware",
        {"model": "llama-3.3-70b", "consumer_only": True, "sort": "price"},
        user=alice,
        channel=channel,
    )
    await env.fake.answered(it)
    embed = it.response["data"]["embeds"][0]
    rows = fitengine.best_hardware("llama-3.3-70b", consumer_only=True, order="price", limit=20)
    assert embed["description"].startswith(f"*{cards.HARDWARE_RANKING_PRICE} Consumer parts only.*")
    assert cards.hardware_label(rows[0].hardware) in embed["description"]
    assert "$" in embed["description"]
    assert not any(r.hardware.kind == "gpu" and "H100" in r.hardware.name for r in rows)
    # a row opens the card for that setup
    menu = it.response["data"]["components"][0]["components"][0]
    message = env.fake.original(it)
    pick = await env.fake.select(
        message, menu["custom_id"], [menu["options"][0]["value"]], user=alice, channel=channel
    )
    await env.fake.answered(pick)
    title = pick.response["data"]["embeds"][0]["title"]
    assert title == f"Llama 3.3 70B Instruct on {cards.hardware_label(rows[0].hardware)}"


async def test_cards_are_plain_text_where_the_bot_may_not_embed_links(discord_env):
    from fakediscord import BOT_PERMISSIONS, EMBED_LINKS

    env = discord_env
    guild = env.fake.add_guild()
    channel = guild["channels"][1]
    env.fake.set_bot_channel_denials(channel, EMBED_LINKS)  # before the bot reads the server
    await env.start_bot()
    alice = env.fake.user(name="alice")
    assert not int(env.fake.app_permissions(channel)) & EMBED_LINKS
    assert int(BOT_PERMISSIONS) & EMBED_LINKS
    it = await env.fake.slash(
        "fit", {"model": "llama-3.1-8b", "hardware": "rtx-3090"}, user=alice, channel=channel
    )
    await env.fake.answered(it)
    data = it.response["data"]
    report = fitengine.analyze("llama-3.1-8b", "rtx-3090")
    assert not data.get("embeds") and data["content"].startswith(
        f"**{report.model.name} on NVIDIA GeForce RTX 3090**\n{cards.verdict(report)}"
    )
    assert data["components"]  # the menus still work
    # a chat answer there: plain text too (the channel's overwrite denies Embed Links)
    message = await env.fake.user_message(
        channel, alice, "can a 3090 run llama 3.1 8b?", mention_bot=True
    )

    def replies():
        return [
            m
            for m in env.fake.bot_messages(channel["id"])
            if (m.get("message_reference") or {}).get("message_id") == message["id"]
        ]

    reply = (await env.fake.wait_until(replies))[0]
    assert not reply["embeds"] and cards.verdict(report) in reply["content"]
