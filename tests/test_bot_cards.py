"""Cards are pure: built from engine reports, always inside Discord's limits."""

from __future__ import annotations

import discord
import pytest
from fakediscord import validate_components, validate_message

import fitengine
from bot import cards
from bot.cogs.fit import parse_context
from bot.views import CardView, quant_select_options, workload_select_options


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


def test_report_card_content(report):
    embed = cards.report_card(report)
    assert embed.title == "Llama 3.1 8B Instruct on NVIDIA GeForce RTX 3090"
    assert embed.colour.value == cards.GRADE_COLOURS[report.grade]
    assert f"grade **{report.grade}**" in embed.description
    assert report.fit_label in embed.description
    fields = {f.name: f.value for f in embed.fields}
    assert f"{cards.fmt_tok_s(report.decode_tok_s)} tok/s" in fields["Speed"]
    assert "TTFT" in fields["Speed"]
    assert cards.fmt_tokens(report.safe_context) in fields["Context"]
    assert report.quant in fields["Quant"]
    assert cards.fmt_gb(report.memory.total_gb) in fields["Memory"]
    assert all(w.name in fields["Workloads"] for w in report.workloads)
    assert fields["Run with llama.cpp"] == f"```sh\n{report.commands.llama_cpp}\n```"
    assert fields["Docker"].startswith("```sh\ndocker run")
    assert all(a in fields["Assumes"] for a in report.assumptions)
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
    # a clipped command stays a closed code block
    for field in embed.fields:
        if field.value.startswith("```"):
            assert field.value.endswith("\n```") and field.value.count("```") == 2
    assert_valid(cards.quants_card(big))
    assert_valid(cards.compare_card([big] * 30))
    assert_valid(cards.best_models_card("H" * 500, [big] * 50, workload="w" * 300))
    assert_valid(cards.best_hardware_card("M" * 500, [big] * 50))
    view = CardView(1, engine=None, report=big, params={})
    assert_valid(embed, view=view)
    quant_options = quant_select_options(big)
    assert len(quant_options) == 25
    assert big.quant in {o.value for o in quant_options}
    assert big.recommended_quant in {o.value for o in quant_options}
    assert [o.value for o in quant_options if o.default] == [big.quant]
    assert len(workload_select_options(big)) == 25


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
