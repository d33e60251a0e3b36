"""Cards are pure: built from engine reports, always inside Discord's limits."""

from __future__ import annotations

import discord
import pytest
from fakediscord import validate_components, validate_message

import fitengine
from bot import cards
from bot.cogs.fit import parse_context
from bot.components import fit_view, quant_options, workload_options
from bot.state import FitState


@pytest.fixture(scope="module")
def report():
    return fitengine.analyze("llama-3.1-8b", "rtx-3090")


def extreme_report(base) -> fitengine.Report:
    """The same report with every text at or beyond what Discord accepts."""
    data = base.model_dump(mode="json")
    long = "Ŵ" * 300 + "😀" * 50
    data["model"]["name"] = "M" * 400 + "*_~`|>@everyone"
    data["hardware"]["name"] = "H" * 400
    data["hardware"]["count"] = 16
    data["reason"] = "r" * 5000
    data["warnings"] = [f"warning {i} " + long for i in range(40)]
    data["assumptions"] = [f"assumption {i} " + long for i in range(60)]
    data["commands"] = {
        "llama_cpp": "llama-server " + "--flag ```value``` " * 400,
        "docker": "docker run " + "x" * 5000,
        "ollama": "ollama run " + "y" * 3000,
    }
    device = data["placement"]["devices"][0]
    data["placement"]["kind"] = "multi_gpu"
    data["placement"]["devices"] = [dict(device, name=f"GPU {i} " + long) for i in range(16)]
    workload = data["workloads"][0]
    data["workloads"] = [
        dict(workload, id=f"w{i}-" + "x" * 150, name=f"Workload {i} " + long) for i in range(40)
    ]
    row = data["quants"][0]
    data["quants"] = [dict(row, quant=f"Q{i}_" + "K" * 95) for i in range(40)]
    data["quant"] = data["quants"][30]["quant"]
    data["recommended_quant"] = data["quants"][35]["quant"]
    data["workload"] = data["workloads"][39]["id"]
    return fitengine.Report.model_validate(data)


def assert_valid(*embeds: discord.Embed, content: str | None = None, view=None):
    payload = {"content": content, "embeds": [e.to_dict() for e in embeds]}
    if view is not None:
        payload["components"] = view.to_components()
    assert validate_message(payload) == []


def test_report_card_leads_with_one_sentence(report):
    embed = cards.report_card(report)
    assert embed.title == "Llama 3.1 8B Instruct on NVIDIA GeForce RTX 3090"
    assert embed.colour.value == cards.GRADE_COLOURS[report.grade]
    first, *body = embed.description.split("\n")
    # the verdict: fit and grade, quant, speed, context and memory in one sentence
    assert first.startswith(f"{cards.FIT_ICONS[report.fit]} **{report.fit_label}**")
    assert f"grade **{report.grade}**" in first
    assert report.quant in first and f"~{cards.fmt_tok_s(report.decode_tok_s)} tok/s" in first
    assert cards.fmt_context(report.context) in first
    assert (
        f"{cards.fmt_gb(report.memory.total_gb)} of {cards.fmt_gb(report.memory.available_gb)}"
        in first
    )
    assert first.endswith(".")
    text = "\n".join(body)
    assert "first token" in text and "Memory:" in text
    assert all(w.name.split()[0] in text for w in report.workloads)
    # a compact body: no fields, no code blocks (the commands are behind a button)
    assert not embed.fields and "```" not in embed.description
    assert cards.embed_total(embed) < 800
    # the unit, said once
    assert embed.footer.text.count("GB =") == 1 and "2³⁰" in embed.footer.text
    assert_valid(embed)


def test_sizes_are_in_gb_as_memory_is_sold(report):
    """A 24 GB card holds 24 GB on the card: the report's decimal GB are converted."""
    assert cards.fmt_gb(25.77) == "24.0 GB"
    assert cards.fmt_gb(report.memory.available_gb) == "23.6 GB"
    assert cards.fmt_sold(24) == "24 GB" and cards.fmt_sold(22.5) == "22.5 GB"


def test_a_wont_fit_card_says_what_runs_instead():
    report = fitengine.analyze("gpt-oss-120b", "rtx-4090")
    assert report.fit == "wont_fit" and report.next_steps
    embed = cards.report_card(report)
    assert embed.description.startswith("🔴 **Won't fit**")
    assert "**What runs instead**" in embed.description
    assert all(cards.engine_text(s.text) in embed.description for s in report.next_steps[:3])
    assert_valid(embed)


def test_commands_are_short_lines_in_their_own_blocks(report):
    text = cards.commands_text(report)
    assert cards.dlen(text) <= 2000
    blocks = text.split("```")[1::2]
    # llama.cpp, Ollama, Docker (and llama.cpp with the draft model that pays here)
    assert len(blocks) == 3 + (report.speculative_draft is not None)
    for block in blocks:
        lines = block.removeprefix("sh\n").strip().split("\n")
        # short lines, or one flag with its (unbreakable) value
        assert all(len(line) <= 48 or line.strip().count(" -") == 0 for line in lines), lines
        # one command: continuations join the lines
        assert all(line.endswith(" \\") for line in lines[:-1])
    joined = blocks[0].removeprefix("sh\n").strip().replace(" \\\n  ", " ")
    assert joined == report.commands.llama_cpp
    wont = fitengine.analyze("gpt-oss-120b", "rtx-4090")
    text = cards.commands_text(wont)
    assert "does not fit" in text and wont.next_steps[-1].command.split()[0] in text


def test_a_draft_model_on_offer_is_on_the_card_and_under_run_it(report):
    coder = fitengine.analyze("qwen2.5-coder-32b", "rtx-3090", workload="coding", kv_type="q8_0")
    draft = coder.speculative_draft
    assert draft is not None
    embed = cards.report_card(coder)
    speed = f"with a draft model ~{cards.fmt_tok_s(draft.decode_tok_s)} tok/s"
    assert speed in embed.description
    assert_valid(embed)
    # Run it: the draft, what it takes, and its whole command in a block of its own
    text = cards.commands_text(coder)
    assert cards.dlen(text) <= 2000
    assert draft.draft_name in text and "not in Ollama" in text
    blocks = text.split("```")[1::2]
    assert len(blocks) == 4  # llama.cpp, Ollama, Docker, llama.cpp with the draft
    assert blocks[-1].removeprefix("sh\n").strip().replace(" \\\n  ", " ") == draft.command
    # a setup with no draft that pays says nothing of one (four requests at once)
    plain = fitengine.analyze("llama-3.1-8b", "rtx-3090", parallel=4)
    assert report.speculative_draft is not None and plain.speculative_draft is None
    assert "draft" not in cards.report_card(plain).description
    assert "draft" not in cards.commands_text(plain)


def test_quants_list_does_not_wrap_on_a_phone(report):
    grades = {q.quant: "A" for q in report.quants}
    embed = cards.quants_card(report, grades)
    lines = embed.description.split("\n")
    assert all(
        cards.dlen(line.replace("**", "").replace("__", "")) <= cards.PHONE_LINE for line in lines
    )
    rows = [line for line in lines[3:] if line.startswith(tuple(cards.FIT_ICONS.values()))]
    assert len(rows) == len(report.quants) > 3
    for line in rows:
        visible = line.replace("**", "").replace("__", "")
        assert cards.dlen(visible) <= cards.PHONE_LINE, visible
        assert " GB · " in visible and (" tok/s" in visible or "won't run" in visible)
        assert visible.endswith(" · A")
    rec = next(line for line in rows if report.recommended_quant in line)
    assert cards.RECOMMENDED in rec
    assert_valid(embed)


def test_colour_follows_the_grade(report):
    for grade, colour in cards.GRADE_COLOURS.items():
        graded = report.model_copy(update={"grade": grade})
        assert cards.report_card(graded).colour.value == colour
    ungraded = report.model_copy(update={"grade": None, "fit": "wont_fit"})
    assert cards.report_card(ungraded).colour.value == cards.FIT_COLOURS["wont_fit"]


def test_cards_at_the_limits_stay_valid(report):
    big = extreme_report(report)
    embed = cards.report_card(big)
    assert_valid(embed)
    assert cards.embed_total(embed) <= 6000
    assert len(embed.title) <= 256 and embed.title.endswith("…")
    # clipped commands stay closed code blocks
    assert cards.commands_text(big).count("```") % 2 == 0
    assert_valid(cards.quants_card(big))
    assert_valid(cards.compare_card([big] * 30))
    assert_valid(cards.best_models_card("H" * 500, [big] * 50, workload="w" * 300))
    assert_valid(cards.best_hardware_card("M" * 500, [big] * 50))
    catalog = fitengine.default_catalog()
    state = FitState.from_report(report, catalog)
    view = fit_view(1, state, big, catalog)
    assert_valid(embed, view=view)
    options = quant_options(big)
    assert len(options) == 25
    assert big.quant in {o.value for o in options}
    assert big.recommended_quant in {o.value for o in options}
    assert [o.value for o in options if o.default] == [big.quant]
    assert len(workload_options(big)) == 25
    assert cards.dlen(cards.commands_text(big)) <= 2000
    assert cards.dlen(cards.as_text([embed])) <= 2000


def test_fit_limits_on_anything():
    embed = discord.Embed(title="t" * 1000, description="d" * 9000)
    for _ in range(40):
        embed.add_field(name="n" * 300, value=f"```\n{'v' * 2000}\n```")
    embed.set_footer(text="f" * 3000)
    embed.set_author(name="a" * 300)
    cards.fit_limits(embed)
    assert_valid(embed)
    assert len(embed.fields) <= 25


def test_component_validation_catches_oversize_menus():
    options = [{"label": "x" * 101, "value": str(i)} for i in range(26)]
    rows = [{"type": 1, "components": [{"type": 3, "custom_id": "a", "options": options}]}]
    errors = validate_components(rows)
    assert any("options: 26" in e for e in errors)
    assert any(".label" in e for e in errors)


def test_user_text_is_defused():
    nasty = (
        "@everyone <@&123456789012345678> **bold** `code` [x](http://evil) \x00\x07\u202e"
        + "z" * 10_000
    )
    safe = cards.user_text(nasty, 100)
    assert "@everyone" not in safe and "<@&123456789012345678>" not in safe
    assert "\\*\\*bold\\*\\*" in safe
    assert "\x00" not in safe and "\u202e" not in safe
    assert cards.dlen(safe) <= 100
    assert cards.engine_text("[x](http://evil) @here") == "[x]\u200b(http://evil) @\u200bhere"


def test_clip_counts_utf16():
    text = "😀" * 100
    clipped = cards.clip(text, 51)
    assert cards.dlen(clipped) <= 51 and clipped.endswith("…")
    assert cards.clip("short", 10) == "short"


def test_not_found_text():
    s = fitengine.Suggestion("rtx-3090", "NVIDIA GeForce RTX 3090", 90.0)
    text = cards.not_found_text("hardware", "rtx 3099 @everyone", [s])
    assert "Did you mean **NVIDIA GeForce RTX 3090** (`rtx-3090`)?" in text
    assert "@everyone" not in text
    assert "help" in cards.not_found_text("model", "x", [])


def test_catalog_cards():
    catalog = fitengine.default_catalog()
    for model in catalog.models.values():
        assert_valid(cards.model_card(model))
    for hw in catalog.hardware.values():
        assert_valid(cards.hardware_card(hw))


def test_formatting():
    assert cards.fmt_tok_s(None) == "–"
    assert cards.fmt_tok_s(123.4) == "123"
    assert cards.fmt_tok_s(12.34) == "12.3"
    assert cards.fmt_tok_s(1.234) == "1.23"
    assert cards.fmt_ms(850) == "850 ms"
    assert cards.fmt_ms(2400) == "2.4 s"
    assert cards.fmt_ms(90_000) == "1.5 min"
    assert cards.fmt_tokens(32768) == "32K"
    assert cards.fmt_tokens(1000) == "1,000"
    assert cards.fmt_context(8448) == "8.2K" and cards.fmt_context(1048576) == "1M"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [("8192", 8192), ("32k", 32768), ("128K", 131072), ("1m", 1048576), (" 4k tokens", 4096)],
)
def test_parse_context(text, tokens):
    assert parse_context(text) == tokens


@pytest.mark.parametrize("text", ["", "lots", "-5", "0", "10g", "9" * 30])
def test_parse_context_rejects(text):
    with pytest.raises(ValueError):
        parse_context(text)


def test_a_long_context_asked_shows_the_full_window_on_the_card():
    from fitengine import ask

    r = ask("minimax m2.1 on an m3 ultra 256gb at 146k context, how fast?").reports[0]
    line = cards.speed_line(r)
    assert "with 146K filled" in line and "a prompt that fills it reads in" in line
