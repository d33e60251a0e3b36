"""End to end: natural-language answers in DMs, on mentions and in opted-in channels; never to
bots, never pinging anyone."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from fakediscord import FLAG_GATEWAY_MESSAGE_CONTENT

import fitengine
from bot import cards


class ScriptedAsk:
    """Stands in for fitengine.ask() where a test is about the chat plumbing, not the parsing:
    a question naming a 3090 gets a real analyze() report, anything else is "unclear"."""

    def __init__(self):
        self.texts: list[str] = []

    async def __call__(self, text: str, rig=None):
        self.texts.append(text)
        query = fitengine.parse("")
        if "3090" in text:
            report = fitengine.analyze("llama-3.1-8b", "rtx-3090")
            return SimpleNamespace(
                intent="fit",
                reports=[report],
                message="Yes, it runs well.",
                suggestions=[],
                query=query,
                assumed=[],
            )
        return SimpleNamespace(
            intent="unclear",
            reports=[],
            message="Which model and hardware?",
            suggestions=[],
            query=query,
            assumed=[],
        )


async def start(env, **settings):
    guild = env.fake.add_guild()
    bot = await env.start_bot(env.settings(**settings) if settings else None)
    ask = ScriptedAsk()
    bot.engine.ask = ask
    return guild, bot, ask


def replies_to(env, message):
    return [
        m
        for m in env.fake.bot_messages(message["channel_id"])
        if (m.get("message_reference") or {}).get("message_id") == message["id"]
    ]


async def wait_reply(env, message):
    return (await env.fake.wait_until(lambda: replies_to(env, message)))[0]


async def settle(env):
    """Give the bot time to (wrongly) answer before asserting it did not."""
    import asyncio

    await asyncio.sleep(0.1)


def assert_no_pings(reply, *, created=True):
    assert reply["allowed_mentions"]["parse"] == []
    if created:  # an edit cannot ping the replied-to author again
        assert reply["allowed_mentions"].get("replied_user") is False
    assert not reply["allowed_mentions"].get("users") and not reply["allowed_mentions"].get("roles")


async def test_a_mention_gets_a_card_without_pings(discord_env):
    env = discord_env
    guild, _bot, ask = await start(env)
    channel = guild["channels"][0]
    user = env.fake.user(name="alice")
    message = await env.fake.user_message(
        channel,
        user,
        "can my 3090 run llama 3.1 8b? @everyone <@&123456789012345678>",
        mention_bot=True,
        mention_everyone=True,
        mention_roles=["123456789012345678"],
    )
    reply = await wait_reply(env, message)
    assert reply["embeds"][0]["title"] == "Llama 3.1 8B Instruct on NVIDIA GeForce RTX 3090"
    report = fitengine.analyze("llama-3.1-8b", "rtx-3090")
    assert reply["embeds"][0]["description"].startswith(cards.verdict(report))
    assert not reply["content"]
    assert_no_pings(reply)
    # the bot's own mention is stripped before asking the engine
    assert ask.texts == ["can my 3090 run llama 3.1 8b? @everyone <@&123456789012345678>"]
    # typing shown while working, before the reply
    typing = env.fake.requests_to("POST", rf"/channels/{channel['id']}/typing$")
    post = env.fake.requests_to("POST", rf"/channels/{channel['id']}/messages$")
    assert typing and typing[0].at <= post[0].at
    # the card's menus are there
    assert [row["components"][0]["type"] for row in reply["components"]] == [3, 3, 3, 2]


async def test_a_dm_gets_a_card_without_pings(discord_env):
    env = discord_env
    _, _bot, _ask = await start(env)
    user = env.fake.user(name="bob")
    dm = env.fake.add_dm(user)
    message = await env.fake.user_message(dm, user, "will a 3090 run it")
    reply = await wait_reply(env, message)
    assert reply["embeds"] and reply["embeds"][0]["title"].endswith("RTX 3090")
    assert_no_pings(reply)


async def test_an_unclear_question_gets_a_clarification(discord_env):
    env = discord_env
    guild, _bot, _ask = await start(env)
    user = env.fake.user()
    message = await env.fake.user_message(guild["channels"][0], user, "hmm?", mention_bot=True)
    reply = await wait_reply(env, message)
    assert reply["embeds"][0]["title"] == "Not sure what you mean"
    assert "Which model" in reply["embeds"][0]["description"]


async def test_a_bare_mention_gets_help(discord_env):
    env = discord_env
    guild, _bot, ask = await start(env)
    message = await env.fake.user_message(
        guild["channels"][0], env.fake.user(), "", mention_bot=True
    )
    reply = await wait_reply(env, message)
    assert reply["embeds"][0]["title"].startswith("canirun")
    assert ask.texts == []


async def test_unaddressed_messages_are_ignored_without_opt_in(discord_env):
    env = discord_env
    guild, _bot, ask = await start(env)
    message = await env.fake.user_message(
        guild["channels"][0], env.fake.user(), "can a 3090 run llama 3.1 8b?"
    )
    await settle(env)
    assert not replies_to(env, message) and not ask.texts


async def test_opted_in_channel_without_the_intent_sees_blank_content(discord_env):
    env = discord_env
    guild, bot, ask = await start(env)
    channel = guild["channels"][1]
    await bot.store.set_channel(int(guild["id"]), int(channel["id"]), True)
    message = await env.fake.user_message(channel, env.fake.user(), "can a 3090 run llama 3.1 8b?")
    await settle(env)
    assert not replies_to(env, message) and not ask.texts


async def test_opted_in_channel_with_the_intent_answers_questions_only(discord_env):
    env = discord_env
    env.fake.app_flags = FLAG_GATEWAY_MESSAGE_CONTENT
    guild, bot, ask = await start(env, message_content=True)
    listen, other = guild["channels"][1], guild["channels"][0]
    await bot.store.set_channel(int(guild["id"]), int(listen["id"]), True)
    user = env.fake.user()
    chatter = await env.fake.user_message(listen, user, "good morning all")
    question = await env.fake.user_message(listen, user, "can a 3090 run llama 3.1 8b?")
    elsewhere = await env.fake.user_message(other, user, "can a 3090 run llama 3.1 8b?")
    reply = await wait_reply(env, question)
    assert_no_pings(reply)
    await settle(env)
    assert not replies_to(env, chatter)  # not a question for the bot: stays quiet
    assert not replies_to(env, elsewhere)  # not an opted-in channel
    assert ask.texts == ["good morning all", "can a 3090 run llama 3.1 8b?"]
    # no "typing..." in an opted-in channel for messages that were not addressed to the bot
    assert not env.fake.requests_to("POST", r"/typing$")


@pytest.mark.parametrize("who", ["bot", "self"])
async def test_never_answers_bots_or_itself(discord_env, who):
    env = discord_env
    guild, _bot, ask = await start(env)
    author = env.fake.user(name="other-bot", bot=True) if who == "bot" else env.fake.bot_user
    dm = env.fake.add_dm(author)
    m1 = await env.fake.user_message(
        guild["channels"][0], author, "can a 3090 run llama?", mention_bot=True
    )
    m2 = await env.fake.user_message(dm, author, "can a 3090 run llama?")
    await settle(env)
    assert not replies_to(env, m1) and not replies_to(env, m2) and not ask.texts


async def test_chat_can_be_turned_off_per_server(discord_env):
    env = discord_env
    guild, bot, ask = await start(env)
    await bot.store.set_chat(int(guild["id"]), False)
    message = await env.fake.user_message(
        guild["channels"][0], env.fake.user(), "3090?", mention_bot=True
    )
    await settle(env)
    assert not replies_to(env, message) and not ask.texts


async def test_any_input_gets_a_sane_reply(discord_env):
    env = discord_env
    guild, bot, ask = await start(env)
    user = env.fake.user()
    nasty = "3090 \x00\x1b[31m\u202e **[click](http://evil)** ```" + "@everyone " * 1000
    message = await env.fake.user_message(guild["channels"][0], user, nasty, mention_bot=True)
    reply = await wait_reply(env, message)
    assert reply["embeds"]
    assert_no_pings(reply)
    (text,) = ask.texts
    assert len(text) <= bot.settings.chat_max_chars
    assert "\x00" not in text and "\u202e" not in text and "\x1b" not in text


async def test_chat_cooldown_warns_once_then_stays_quiet(discord_env):
    env = discord_env
    guild, _bot, ask = await start(env, chat_cooldown=60.0)
    user = env.fake.user()
    channel = guild["channels"][0]
    first = await env.fake.user_message(channel, user, "3090 llama?", mention_bot=True)
    await wait_reply(env, first)
    second = await env.fake.user_message(channel, user, "3090 again?", mention_bot=True)
    warning = await wait_reply(env, second)
    assert "One question at a time" in warning["content"]
    assert_no_pings(warning)
    third = await env.fake.user_message(channel, user, "3090 again!", mention_bot=True)
    await settle(env)
    assert not replies_to(env, third)
    assert len(ask.texts) == 1
    # someone else is not slowed down
    other = await env.fake.user_message(channel, env.fake.user(), "3090?", mention_bot=True)
    assert (await wait_reply(env, other))["embeds"]


async def test_the_menu_edits_a_chat_card_in_place(discord_env):
    env = discord_env
    guild, _bot, _ask = await start(env)
    user = env.fake.user()
    channel = guild["channels"][0]
    message = await env.fake.user_message(channel, user, "3090 llama 8b?", mention_bot=True)
    reply = await wait_reply(env, message)
    await env.view_ready(reply)
    menu = reply["components"][0]["components"][0]
    it = await env.fake.select(reply, menu["custom_id"], ["Q4_K_M"], user=user, channel=channel)
    await env.fake.answered(it)
    assert it.response_type == 7, it.errors
    edited = env.fake.messages[int(reply["id"])]
    assert ": Q4_K_M at ~" in edited["embeds"][0]["description"].split("\n")[0]
    assert_no_pings(edited, created=False)


async def test_real_questions_through_the_engine(discord_env):
    from fitengine.answers import ask

    env = discord_env
    env.fake.add_guild()
    await env.start_bot()
    user = env.fake.user()
    dm = env.fake.add_dm(user)
    question = "can an rtx 3090 run llama 3.1 8b at 32k?"
    message = await env.fake.user_message(dm, user, question)
    reply = await wait_reply(env, message)
    answer = ask(question)
    assert reply["embeds"][0]["title"] == "Llama 3.1 8B Instruct on NVIDIA GeForce RTX 3090"
    assert cards.verdict(answer.reports[0]) in reply["embeds"][0]["description"]
    assert_no_pings(reply)
    # the menus keep what the question pinned down (32k context)
    await env.view_ready(reply)
    menu = reply["components"][1]["components"][0]
    it = await env.fake.select(reply, menu["custom_id"], ["coding"], user=user, channel=dm)
    await env.fake.answered(it)
    assert it.response_type == 7, it.errors
    edited = env.fake.messages[int(reply["id"])]
    assert "32K" in edited["embeds"][0]["description"].split("\n")[0]

    for question, title in [
        ("what can I run on a 4090?", "Best models for"),
        ("3090 vs 4090 for qwen3 32b", "Qwen3 32B:"),
        ("hello there", "How to ask"),
    ]:
        message = await env.fake.user_message(dm, user, question)
        reply = await wait_reply(env, message)
        assert reply["embeds"][0]["title"].startswith(title), question
        assert_no_pings(reply)


async def test_a_missing_typing_permission_does_not_stop_the_answer(discord_env):
    env = discord_env
    guild, _bot, _ask = await start(env)
    channel = guild["channels"][0]
    env.fake.fail_next("POST", r"/typing$", 403, 50013)
    message = await env.fake.user_message(channel, env.fake.user(), "3090?", mention_bot=True)
    reply = await wait_reply(env, message)
    assert reply["embeds"]


async def test_an_engine_bug_is_logged_and_apologised_for(discord_env, caplog):
    env = discord_env
    guild, bot, _ask = await start(env)

    async def broken(text, rig=None):
        raise RuntimeError("boom")

    bot.engine.ask = broken
    message = await env.fake.user_message(
        guild["channels"][0], env.fake.user(), "3090?", mention_bot=True
    )
    reply = await wait_reply(env, message)
    assert "Something went wrong" in reply["content"]
    assert_no_pings(reply)
    assert any("ask() failed" in r.getMessage() and r.exc_info for r in caplog.records)


async def test_a_mention_of_the_bots_role_counts(discord_env):
    env = discord_env
    env.fake.app_flags = FLAG_GATEWAY_MESSAGE_CONTENT
    guild, _bot, ask = await start(env, message_content=True)
    role = guild["bot_role_id"]
    user = env.fake.user()
    message = await env.fake.user_message(
        guild["channels"][0], user, f"<@&{role}> can a 3090 run it?", mention_roles=[role]
    )
    reply = await wait_reply(env, message)
    assert reply["embeds"] and ask.texts == ["can a 3090 run it?"]


async def test_a_role_mention_without_the_intent_gets_a_tip(discord_env):
    env = discord_env
    guild, _bot, ask = await start(env)
    role = guild["bot_role_id"]
    message = await env.fake.user_message(
        guild["channels"][0], env.fake.user(), f"<@&{role}> 3090?", mention_roles=[role]
    )
    reply = await wait_reply(env, message)
    assert "mention me" in reply["content"] and not ask.texts
    assert_no_pings(reply)


async def test_an_upgrade_question_gets_the_machine_had_and_each_option_side_by_side(discord_env):
    """The chat answer goes through fitengine.ask like the CLI's: the card names each machine by
    what it adds, the lead says which to pick."""
    env = discord_env
    guild = env.fake.add_guild()
    bot = await env.start_bot()

    async def real_ask(text, rig=None):
        return fitengine.ask(text)

    bot.engine.ask = real_ask
    channel = guild["channels"][0]
    user = env.fake.user(name="carol")
    text = "I have a 3090, would a second 3090 or a 4090 be better for llama 3.3 70b?"
    message = await env.fake.user_message(channel, user, text, mention_bot=True)
    reply = await wait_reply(env, message)
    embed = reply["embeds"][0]
    names = [f["name"] for f in embed["fields"]]
    assert len(names) == 3 and names[0].startswith("now: ")
    assert names[1].startswith("+ NVIDIA GeForce RTX 3090: ")
    assert "Pick + NVIDIA GeForce RTX 3090" in embed["description"]
    assert_no_pings(reply)
