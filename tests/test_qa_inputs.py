"""QA pass: messy input a user types, and catalog facts a run command depends on.

Each test pins a problem found by using the product: the input, and what a user must get."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import pytest

from fitengine import NotFound, analyze, default_catalog, resolve_hardware
from fitengine.cli import _placement_line, main

# --------------------------------------------------------------------------- helpers


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- catalog facts

# Hugging Face took files of at most 50 GB when TheBloke uploaded; bigger quants are
# .gguf-split-a/-b parts to be joined with `cat`, which `llama-server -hf repo:QUANT` cannot load
HF_OLD_FILE_LIMIT_GB = 50.0


def test_no_thebloke_quant_is_a_split_file():
    cat = default_catalog()
    for m in cat.models.values():
        for repo in m.gguf:
            if not repo.repo.startswith("TheBloke/"):
                continue
            for quant, size in repo.quants.items():
                est = size if size is not None else m.params_b * cat.quants[quant].bpw / 8
                assert est < HF_OLD_FILE_LIMIT_GB, (m.id, repo.repo, quant, est)


def test_split_only_quants_get_no_hf_command():
    r = analyze("llama-2-70b", "h100-sxm", quant="Q8_0")
    assert "-hf TheBloke" not in r.commands.llama_cpp
    r = analyze("falcon-180b", "h100-sxm", gpus=4, quant="Q4_K_M")
    assert "-hf" not in r.commands.llama_cpp


def test_gpt_oss_120b_quants_are_all_about_63_gb():
    """Its experts stay MXFP4 in every GGUF: a "Q2_K" is no smaller, so it never fits a
    64 GB Mac's GPU share as the bits-per-weight table would suggest."""
    m = default_catalog().models["gpt-oss-120b"]
    for repo in m.gguf:
        for quant, size in repo.quants.items():
            assert size is not None and 60 < size < 70, (repo.repo, quant, size)
    r = analyze("gpt-oss-120b", "m2-max-38c", vram_gb=64)
    assert all(q.memory_gb > 60 for q in r.quants)
    assert r.fit != "runs_well"


def test_phi3_mini_commands_use_a_repo_whose_files_carry_the_quant_name():
    m = default_catalog().models["phi-3-mini"]
    assert "microsoft/Phi-3-mini-4k-instruct-gguf" not in {r.repo for r in m.gguf}


# --------------------------------------------------------------------------- name resolution


@pytest.mark.parametrize(
    "text, expected",
    [
        ("4090s", "rtx-4090"),
        ("3090s", "rtx-3090"),
        ("rtx 4090s", "rtx-4090"),
        ("5070s", "rtx-5070"),
    ],
)
def test_plural_gpu_names(text, expected):
    assert resolve_hardware(text).entry.id == expected


@pytest.mark.parametrize(
    "text, plausible",
    [("2080S", {"rtx-2080", "rtx-2080-super"}), ("4070s", {"rtx-4070", "rtx-4070-super"})],
)
def test_glued_s_that_may_mean_super_is_a_question(text, plausible):
    r = resolve_hardware(text)
    assert r.entry is None
    assert plausible <= {s.id for s in r.suggestions}


@pytest.mark.parametrize("text", ["intel uhd 620", "intel 620", "nvidia 7900 xtx", "amd 4090"])
def test_a_named_vendor_rules_out_the_others(text):
    """ "intel uhd 620" was silently the AMD Radeon PRO V620."""
    r = resolve_hardware(text)
    assert r.entry is None or r.entry.vendor in text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("intel arc b580", "arc-b580"),
        ("amd ryzen ai max 395", "radeon-8060s"),
        ("nvidia dgx spark", "dgx-spark"),
        ("apple m2 max", "m2-max-38c"),
        ("amd radeon 780m", "radeon-780m"),
        ("l40s", "l40s"),
        ("radeon 8060s", "radeon-8060s"),
    ],
)
def test_vendor_words_still_resolve(text, expected):
    assert resolve_hardware(text).entry.id == expected


# --------------------------------------------------------------------------- the CLI


def test_unquoted_names_are_split_where_both_resolve(capsys):
    code, out, err = run(capsys, "fit", "llama", "3.3", "70b", "2x", "3090", "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["model"]["id"] == "llama-3.3-70b"
    assert (d["hardware"]["id"], d["hardware"]["count"]) == ("rtx-3090", 2)


def test_unquoted_names_that_name_no_hardware(capsys):
    code, _, err = run(capsys, "fit", "mixtral", "foo", "bar")
    assert code == 2 and "hardware 'foo bar'" in err and "Traceback" not in err
    code, _, err = run(capsys, "fit", "gpt", "oss", "120b")
    assert code == 2 and "Tell me the hardware" in err
    code, _, err = run(capsys, "fit", "zzq", "yyq", "xxq")
    assert code == 2 and "quotes" in err


@pytest.mark.parametrize("text", ["12gb", "12 GB", "12gb vram", "a 12GB card"])
def test_a_memory_amount_is_hardware(capsys, text):
    code, out, err = run(capsys, "fit", "llama-3.1-8b", text, "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["hardware"]["id"] == "generic-gpu" and d["hardware"]["memory_gb"] == 12


def test_dual_plural_is_two_gpus(capsys):
    code, out, err = run(capsys, "fit", "llama-3.1-8b", "dual 4090s", "--json")
    assert code == 0, err
    d = json.loads(out)
    assert (d["hardware"]["id"], d["hardware"]["count"]) == ("rtx-4090", 2)


def test_a_count_on_a_single_device_is_an_error_not_ignored(capsys):
    code, out, err = run(capsys, "fit", "llama-3.1-8b", "2x 780m")
    assert code == 2 and out == ""
    assert "single device" in err


@pytest.mark.parametrize(
    "argv, words",
    [
        (("--ram", "0"), "ram must be more than 0 GB"),
        (("--parallel", "0"), "parallel must be at least 1"),
    ],
)
def test_values_that_describe_no_setup(capsys, argv, words):
    code, _, err = run(capsys, "fit", "llama-3.1-8b", "rtx-4090", *argv)
    assert code == 2 and words in err


@pytest.mark.parametrize("kv, expected", [("q8", "q8_0"), ("Q4", "q4_0"), ("fp16", "f16")])
def test_kv_type_short_names(capsys, kv, expected):
    code, out, err = run(capsys, "fit", "llama-3.1-8b", "rtx-4090", "--kv-type", kv, "--json")
    assert code == 0, err
    assert json.loads(out)["kv_type"] == expected


def test_vram_in_go(capsys):
    code, out, err = run(capsys, "fit", "llama-3.1-8b", "--vram", "32Go", "--json")
    assert code == 0, err
    assert json.loads(out)["hardware"]["memory_gb"] == 32


def test_one_layer_is_singular():
    r = SimpleNamespace(
        placement=SimpleNamespace(kind="partial_offload", gpu_layers=1),
        hardware=SimpleNamespace(count=1),
    )
    assert _placement_line(r).startswith("1 layer on the GPU")


def test_batch_takes_a_memory_amount_and_a_plural(tmp_path, capsys):
    lines = [
        {"model": "llama-3.1-8b", "hardware": "12gb"},
        {"model": "llama-3.1-8b", "hardware": "dual 3090s"},
        {"model": "llama-3.1-8b", "hardware": "rtx-4090", "parallel": 0},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    code, out, _ = run(capsys, "batch", str(path))
    assert code == 0
    a, b, c = (json.loads(x) for x in out.splitlines())
    assert a["hardware"]["id"] == "generic-gpu" and a["hardware"]["memory_gb"] == 12
    assert (b["hardware"]["id"], b["hardware"]["count"]) == ("rtx-3090", 2)
    assert c["error"]["type"] == "bad_value" and c["error"]["field"] == "parallel"


# --------------------------------------------------------------------------- the bot's engine


@pytest.fixture
def bot_engine():
    from bot.engine import Engine

    return Engine()


def test_bot_fit_reads_counts_and_memory(bot_engine):
    async def go():
        a = await bot_engine.analyze("llama-3.3-70b", "2x3090", gpus=1)
        b = await bot_engine.analyze("llama-3.3-70b", "dual 3090", gpus=1)
        c = await bot_engine.analyze("llama-3.1-8b", "12gb", gpus=1)
        return a, b, c

    a, b, c = asyncio.run(go())
    assert (a.hardware.id, a.hardware.count) == ("rtx-3090", 2)
    assert (b.hardware.id, b.hardware.count) == ("rtx-3090", 2)  # was silently one 3090
    assert (c.hardware.id, c.hardware.memory_gb) == ("generic-gpu", 12)


def test_bot_fit_count_conflict_is_a_friendly_error(bot_engine):
    from fitengine import BadInput

    with pytest.raises(BadInput, match="2 GPUs"):
        asyncio.run(bot_engine.analyze("llama-3.1-8b", "2x3090", gpus=3))
    with pytest.raises(BadInput, match="single device"):
        asyncio.run(bot_engine.analyze("llama-3.1-8b", "2x 780m", gpus=1))


def test_bot_bestmodel_takes_typed_names(bot_engine):
    """best_models() takes catalog ids: typed names used to give an empty "nothing fits"."""

    async def go(hw):
        return await bot_engine.best_models(hw, gpus=1)

    assert asyncio.run(go("12gb"))
    two = asyncio.run(go("2x3090"))
    assert two and all(r.hardware.count == 2 for r in two)
    big = asyncio.run(go("m3 ultra 512gb"))
    assert big and big[0].hardware.memory_gb == 512
    assert any(r.model.params_b > 200 for r in big)  # not the 12 GB default budget


def test_bot_bestmodel_unknown_name_offers_suggestions(bot_engine):
    with pytest.raises(NotFound) as exc:
        asyncio.run(bot_engine.best_models("4070s", gpus=1))
    assert exc.value.query == "4070s"
    assert {"rtx-4070", "rtx-4070-super"} <= {s.id for s in exc.value.suggestions}


def test_bot_compare_reads_counts(bot_engine):
    a, b = asyncio.run(bot_engine.compare_hardware("llama-3.3-70b", "2x3090", "m2 max 96gb"))
    assert (a.hardware.id, a.hardware.count) == ("rtx-3090", 2)
    assert (b.hardware.id, b.hardware.memory_gb) == ("m2-max-38c", 96)


def test_full_width_text_resolves():
    """Full-width characters from CJK input methods read as the ASCII they show."""
    from fitengine import resolve_model

    assert resolve_model("ｑｗｅｎ３ ３２ｂ").entry.id == "qwen3-32b"
    assert resolve_hardware("ＲＴＸ ４０９０").entry.id == "rtx-4090"


def test_on_shared_memory_what_the_gpu_leaves_is_run_by_the_cpu_not_in_system_ram():
    # a Mac's or a Strix Halo's "system RAM" is the GPU's own memory: the placement says who
    # runs the experts, not that they sit in some other RAM
    from bot.cards import placement_text

    placement = SimpleNamespace(kind="moe_offload", n_cpu_moe=12, ram_needed_gb=5.9)
    mac = SimpleNamespace(placement=placement, hardware=SimpleNamespace(count=1, kind="apple"))
    card = SimpleNamespace(placement=placement, hardware=SimpleNamespace(count=1, kind="gpu"))
    assert "run by the CPU from the same memory" in _placement_line(mac)
    assert "in system RAM" in _placement_line(card)
    assert "system RAM" not in placement_text(mac) and "system RAM" in placement_text(card)


def test_what_was_ignored_is_said_without_nested_parentheses():
    """ "(ignored 1tb (storage or a bandwidth))" read as a typo: the reason follows a colon."""
    from fitengine.answers import ask

    a = ask("rtx 3060 12gb, 1tb nvme. can i run qwen3 14b")
    assert "(ignored 1tb: storage or a bandwidth)" in a.message
    assert "))" not in a.message
