"""End to end: what an answer says beyond its card's own verdict reaches Discord (a measured speed
judged, what was not estimated), never only the card."""

from __future__ import annotations


async def ask_in_dm(env, text):
    user = env.fake.user(name="alice")
    dm = env.fake.add_dm(user)
    message = await env.fake.user_message(dm, user, text)

    def replies():
        return [
            m
            for m in env.fake.bot_messages(dm["id"])
            if (m.get("message_reference") or {}).get("message_id") == message["id"]
        ]

    return (await env.fake.wait_until(replies, timeout=20))[0]["embeds"][0]


async def test_a_measured_speed_is_judged_on_the_fit_card(discord_env):
    await discord_env.start_bot()
    embed = await ask_in_dm(
        discord_env, "qwen3 30b a3b on my 3090, I get 90 tok/s, is that normal?"
    )
    assert embed["title"].startswith("Qwen3 30B-A3B on NVIDIA GeForce RTX 3090")
    assert "You see 90 tok/s" in embed["description"]


async def test_what_is_not_estimated_leads_the_list_card(discord_env):
    await discord_env.start_bot()
    embed = await ask_in_dm(discord_env, "can my 3090 run SDXL?")
    assert embed["description"].startswith("I estimate language models run with llama.cpp")
