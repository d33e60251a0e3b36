"""End to end, with a fake Discord and a fake Hub: /fit and chat take Hugging Face repos and links,
acknowledge at once while the repo is read (defer, then edit), show that the figures come from the
repo's files, and autocomplete never waits for the Hub."""

from __future__ import annotations

import asyncio
import time

from hubfixtures import fixture

QWEN = "hubtest/Qwen3.6-27B-GGUF"


async def start(env, fake_hub, *keys: str):
    for key in keys:
        fake_hub.add_fixture(fixture(key), downloads=1000)
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    return guild, bot, env.fake.user(name="alice")


async def reply_to(env, channel, message) -> dict:
    """The bot's reply to a chat message."""

    def replies():
        return [
            m
            for m in env.fake.bot_messages(channel["id"])
            if (m.get("message_reference") or {}).get("message_id") == message["id"]
        ]

    return (await env.fake.wait_until(replies, timeout=20))[0]


def source_line(embed: dict) -> str:
    """The card's line saying where its figures come from."""
    return next(line for line in embed["description"].split("\n") if line.startswith("*Source:"))


async def test_fit_a_repo_defers_then_edits_in_a_card_saying_where_figures_come_from(
    discord_env, fake_hub
):
    env = discord_env
    guild, _bot, alice = await start(env, fake_hub, "hybrid")
    channel = guild["channels"][0]
    it = await env.fake.slash(
        "fit", {"model": f"hf.co/{QWEN}", "hardware": "rtx-3090"}, user=alice, channel=channel
    )
    await env.fake.answered(it, timeout=20)
    assert it.response_type == 5 and not it.errors  # "thinking..." at once, before the Hub
    card = it.edits[-1]["embeds"][0]
    assert card["title"] == f"{QWEN} on NVIDIA GeForce RTX 3090"
    source = source_line(card)
    assert source.startswith(
        "*Source: Figures from the repo's files: hf.co/hubtest/Qwen3.6-27B-GGUF:"
    )
    assert "Qwen3.6-27B-Q4_K_M.gguf" in source and "GGUF header" in source
    message = env.fake.original(it)
    run = next(c for c in message["components"][3]["components"] if c["label"] == "Run it")
    commands = await env.fake.click(message, run["custom_id"], user=alice, channel=channel)
    await env.fake.answered(commands)
    assert f"-hf {QWEN}:Q4_K_M" in commands.response["data"]["content"]

    # the quant menu lists the repo's quants; picking one reads nothing from the Hub again
    quant_menu = message["components"][0]["components"][0]
    assert {"UD-Q4_K_XL", "IQ4_XS", "Q4_K_M"} <= {o["value"] for o in quant_menu["options"]}
    before = fake_hub.count()
    pick = await env.fake.select(
        message, quant_menu["custom_id"], ["IQ4_XS"], user=alice, channel=channel
    )
    await env.fake.answered(pick)
    assert pick.response_type == 7, pick.errors
    assert ": IQ4_XS at ~" in message["embeds"][0]["description"].split("\n")[0]
    assert source_line(message["embeds"][0]) and fake_hub.count() == before

    # a second /fit for the same repo: answered from the cache, no deferral needed
    again = await env.fake.slash(
        "fit", {"model": f"{QWEN}:IQ4_XS", "hardware": "rtx-4090"}, user=alice, channel=channel
    )
    await env.fake.answered(again)
    assert again.response_type == 4 and fake_hub.count() == before


async def test_chat_reads_a_repo_named_in_a_question(discord_env, fake_hub):
    env = discord_env
    guild, _bot, alice = await start(env, fake_hub, "moe")
    channel = guild["channels"][0]
    message = await env.fake.user_message(
        channel,
        alice,
        "can https://huggingface.co/hubtest/GLM-4.5-Air-GGUF run on 2x 3090 with 64gb ram?",
        mention_bot=True,
    )

    sent = await reply_to(env, channel, message)
    card = sent["embeds"][0]
    assert card["title"].startswith("hubtest/GLM-4.5-Air-GGUF on 2× NVIDIA GeForce RTX 3090")
    assert source_line(card).startswith("*Source: Figures from the repo's files")
    assert "2 parts" in source_line(card)


async def test_hub_failures_are_one_friendly_sentence(discord_env, fake_hub):
    env = discord_env
    guild, _bot, alice = await start(env, fake_hub)
    fake_hub.add_fixture(fixture("gemma3"), gated=True)
    channel = guild["channels"][0]
    it = await env.fake.slash(
        "fit",
        {"model": "hubtest/google_gemma-3-27b-it-GGUF", "hardware": "rtx-3090"},
        user=alice,
        channel=channel,
    )
    await env.fake.answered(it, timeout=20)
    text = (it.followups or [{}])[-1].get("content") or it.edits[-1].get("content", "")
    assert "gated" in text and "HF_TOKEN" in text
    it = await env.fake.slash(
        "fit",
        {"model": "https://evil.example/a/b", "hardware": "rtx-3090"},
        user=alice,
        channel=channel,
    )
    await env.fake.answered(it)
    assert it.response_type == 4 and it.response["data"]["flags"] & 64
    assert "Only Hugging Face links" in it.response["data"]["content"]


async def test_autocomplete_offers_hub_repos_without_waiting_for_the_hub(discord_env, fake_hub):
    env = discord_env
    guild, bot, alice = await start(env, fake_hub, "hybrid", "llama")
    channel = guild["channels"][0]

    async def complete(text: str):
        t = time.perf_counter()
        it = await env.fake.autocomplete(
            "fit", {"model": text, "hardware": ""}, "model", user=alice, channel=channel
        )
        await env.fake.answered(it)
        assert it.response_type == 8, it.errors
        return it.choices, time.perf_counter() - t

    first, _ = await complete("hubtest")  # nothing searched yet: the catalog only, at once
    assert all("Hugging Face" not in c["name"] for c in first)
    await env.fake.wait_until(lambda: not bot.engine._searching, timeout=5)
    later, _ = await complete("hubtest")
    assert [c["value"] for c in later if "Hugging Face" in c["name"]] == [
        "hubtest/Qwen3.6-27B-GGUF",
        "hubtest/Meta-Llama-3.1-8B-Instruct-GGUF",
    ]
    # a slow Hub: autocomplete still answers from memory, well within Discord's 3 s
    fake_hub.delay("/api/models", 5.0, times=3)
    _, took = await complete("hubtest/qwe")
    assert took < 1.0
    choices, took = await complete("qwen3.6 slow")
    assert took < 1.0 and len(choices) <= 25
    # a pasted reference is offered as it is
    pasted, _ = await complete(f"hf.co/{QWEN}:Q4_K_M")
    assert pasted[0]["value"] == f"hf.co/{QWEN}:Q4_K_M"
    await asyncio.sleep(0)


async def test_chat_says_a_repo_it_could_not_read_and_answers_from_the_catalog(
    discord_env, fake_hub
):
    env = discord_env
    guild, _bot, alice = await start(env, fake_hub)
    fake_hub.add_fixture(fixture("gemma3"), gated=True)
    channel = guild["channels"][0]
    message = await env.fake.user_message(
        channel,
        alice,
        "how fast is https://huggingface.co/hubtest/google_gemma-3-27b-it-GGUF on my 3090?",
        mention_bot=True,
    )

    sent = await reply_to(env, channel, message)
    said = sent.get("content") or ""
    said += " ".join(e.get("description") or "" for e in sent.get("embeds") or [])
    assert "Could not read hubtest/google_gemma-3-27b-it-GGUF from Hugging Face" in said
    assert "gated" in said
    # the gated repo holds a catalog model's weights: its reviewed entry answers
    assert sent["embeds"][0]["title"].startswith("Gemma 3 27B IT on NVIDIA GeForce RTX 3090")
