"""Hostile and careless input (issue 13): what once crashed canirun, and the limits that keep
every input cheap. Each test names the input that broke and what a user must get instead."""

from __future__ import annotations

import json
import time

import pytest

from fitengine import (
    BadInput,
    analyze,
    ask,
    complete_hardware,
    complete_models,
    parse,
    resolve_hardware,
    resolve_model,
)
from fitengine.advise import models_of_size
from fitengine.cli import main
from fitengine.units import MAX_TOKENS, k_tokens

HUGE = "9" * 400  # past 308 digits a number is an infinite float


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "text",
    [
        f"can my 3090 run qwen3 32b at ctx {HUGE}",
        f"qwen3 8b on a 4090 at {HUGE}k context",
        f"qwen3 8b on a 4090 -c {HUGE}",
        f"qwen3 8b on a 4090 at {HUGE} tokens",
        f"{HUGE}b model on a 3090",
        "0b model on a 3090",
        f"qwen3 8b on a 3090 with {HUGE} gb of ram",
        f"qwen3 8b at {HUGE} bpw on a 3090",
        # found by bench/fuzz.py: a CPU family with RAM named, of entries sold in one size
        "122.416gb.64b+':147.044%_NaN)radxa q8b/794155881165b\ncpux",
        "ctx\n0K qwen3 8b on a 3090",
        "128ctx rtx 2060 laptop)32K@inf\nllama4:128x17b+nvidia rtx 3050 laptop",
    ],
)
def test_a_number_of_hundreds_of_digits_is_answered_not_a_crash(text):
    a = ask(text)
    assert a.message
    # the answer is JSON a strict reader takes: no Infinity, no 400-digit integer
    json.loads(a.model_dump_json(), parse_constant=pytest.fail)
    assert a.query.context is None or a.query.context <= MAX_TOKENS + 1


def test_a_context_too_large_for_a_float_reads_as_more_than_any_model_takes():
    assert k_tokens(float(HUGE), "k") == MAX_TOKENS + 1
    assert k_tokens(float(HUGE), None) == MAX_TOKENS + 1
    assert k_tokens(float("nan"), "m") == MAX_TOKENS + 1
    assert k_tokens(32, "k") == 32768 and k_tokens(100, "k") == 100_000


def test_no_context_below_256_tokens_is_read():
    assert parse("qwen3 8b on a 3090 at ctx 0k").context is None


def test_a_json_number_of_400_digits_for_memory_is_a_bad_value():
    from fitengine.cli import answer_line

    line = '{"model": "qwen3-8b", "hardware": "3090", "ram_gb": 1%s}' % ("0" * 400)
    assert answer_line(line, 1)["error"]["type"] == "bad_value"


def test_models_of_no_size_are_none():
    assert models_of_size(0.0) == []
    assert models_of_size(float("inf")) == []


# --------------------------------------------------------------------------- glued words


@pytest.mark.parametrize("text", ["qwencoder3", "rtxgeforce3090", "3qwencoder", "gemmaqwen3"])
def test_two_catalog_words_glued_to_a_number_resolve_without_a_crash(text):
    resolve_model(text)
    resolve_hardware(text)
    assert len(complete_models(text)) <= 25
    assert len(complete_hardware(text)) <= 25


def test_glued_catalog_words_still_find_the_entry():
    assert resolve_hardware("rtxgeforce3090").entry.id == "rtx-3090"
    assert resolve_model("qwencoder3 30b").entry.id == "qwen3-coder-30b-a3b"


def test_glued_words_through_fit_batch_and_ask(capsys):
    code, _, err = run(capsys, "fit", "qwencoder3", "rtxgeforce3090")
    assert code == 0 and "internal error" not in err
    code, out, err = run(capsys, "fit", "qwencoder3", "3090", "--json")
    assert code == 0 and "internal error" not in out + err and json.loads(out)
    assert ask("can my rtxgeforce3090 run qwencoder3?").message


# --------------------------------------------------------------------------- input caps


LONG = "qwen3 32b rtx 3090 " * 3400  # 64,600 characters


@pytest.mark.parametrize(
    "call",
    [
        lambda: resolve_model(LONG),
        lambda: resolve_hardware(LONG),
        lambda: complete_models(LONG),
        lambda: complete_hardware(LONG),
        lambda: parse(LONG),
        lambda: ask(LONG),
    ],
)
def test_the_library_reads_a_bounded_start_of_a_64k_text(call):
    t = time.perf_counter()
    call()
    assert time.perf_counter() - t < 1.0


@pytest.mark.parametrize("field", ["model", "hardware", "quant", "workload", "backend", "mode"])
def test_analyze_refuses_a_name_longer_than_the_cli_takes(field):
    kw = {"model": "qwen3-32b", "hardware": "rtx-3090", field: "x" * 64_000}
    model, hardware = kw.pop("model"), kw.pop("hardware")
    t = time.perf_counter()
    with pytest.raises(BadInput, match="too long"):
        analyze(model, hardware, **kw)
    assert time.perf_counter() - t < 0.1


# --------------------------------------------------------------------------- the --json contract


@pytest.mark.parametrize(
    "argv, field",
    [
        (["--context", "-1"], "context"),
        (["--vram", "NaN"], "vram"),
        (["--ram", "1e308"], "ram"),
        (["--gpus", "x"], "gpus"),
        (["--quant"], "quant"),
        (["--no-such-option"], None),
    ],
)
def test_an_argument_error_with_json_is_an_error_object_on_stdout(capsys, argv, field):
    code, out, err = run(capsys, "fit", "qwen3-32b", "3090", *argv, "--json")
    assert code == 2
    error = json.loads(out)["error"]
    assert error["type"] == "bad_value" and error["message"] and error["suggestions"] == []
    assert error.get("field") == field
    assert err.count("\n") == 1  # and the one line on stderr, as without --json


def test_a_missing_argument_with_json_is_an_error_object(capsys):
    code, out, _ = run(capsys, "ask", "--json")
    assert code == 2 and json.loads(out)["error"]["type"] == "bad_value"


def test_without_json_an_argument_error_prints_nothing_on_stdout(capsys):
    code, out, err = run(capsys, "fit", "qwen3-32b", "3090", "--context", "-1")
    assert code == 2 and out == "" and "context must be" in err


@pytest.mark.parametrize("ident", ["\ud800", "a\udfffb", "😀", "plain"])
def test_a_batch_id_comes_back_as_sent(capsys, monkeypatch, ident):
    import io
    import sys

    line = json.dumps({"id": ident, "model": "qwen3-8b", "hardware": "3090"}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line.encode()), "utf-8"))
    code, out, _ = run(capsys, "batch")
    assert code == 0
    assert json.loads(out)["id"] == ident


async def test_the_bots_autocomplete_answers_glued_words(discord_env):
    """It raised KeyError and never answered (Discord then shows "loading options failed")."""
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    user, channel = env.fake.user(), guild["channels"][0]
    for options, focused in [
        ({"model": "qwencoder3", "hardware": ""}, "model"),
        ({"model": "qwen3-8b", "hardware": "rtxgeforce3090"}, "hardware"),
    ]:
        it = await env.fake.autocomplete("fit", options, focused, user=user, channel=channel)
        await env.fake.answered(it)
        assert it.response_type == 8 and it.choices, it.errors


async def test_the_bot_reads_the_hub_with_its_own_database_as_cache(monkeypatch, tmp_path):
    """With CANIRUN_DB set and CANIRUN_HUB_CACHE not (a default deployment), every chat answer
    failed: the hub settings got cache_path twice (TypeError)."""
    from bot.engine import Engine

    monkeypatch.delenv("CANIRUN_HUB_CACHE", raising=False)
    engine = Engine(hub_cache=tmp_path / "bot.sqlite3")
    try:
        assert engine.hub.settings.cache_path == tmp_path / "bot.sqlite3"
    finally:
        await engine.close()
