"""The free-text parser: accuracy targets on the evaluation set, and the behaviours it promises."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import get_args

import pytest

from fitengine.nlq import Intent, Query, parse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.nlq import TARGET_FIELDS, accuracy, evaluate, load_items, split_of

# --------------------------------------------------------------------------- the evaluation set


def test_eval_set_is_large_and_labelled_with_known_fields():
    items = load_items()
    assert len(items) >= 200
    allowed = {
        "text",
        "model",
        "model_b",
        "hardware",
        "hardware_b",
        "gpus",
        "quant",
        "context",
        "vram_gb",
        "ram_gb",
        "kv_type",
        "workload",
        "intent",
    }
    for it in items:
        assert set(it) <= allowed, it
        assert it["intent"] in set(get_args(Intent)) - {"unclear"}
    held = [i for i in items if split_of(i["text"]) == "heldout"]
    assert 0.25 < len(held) / len(items) < 0.42


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_eval_targets(split, cat):
    items = [i for i in load_items() if split_of(i["text"]) == split]
    res = evaluate(items, cat)
    for field in TARGET_FIELDS:
        acc = accuracy(res["stats"], field)
        assert acc >= 0.95, f"{split} {field}: {acc:.1%}"
    assert accuracy(res["stats"], "intent") >= 0.90


# --------------------------------------------------------------------------- behaviours


def p(text: str) -> Query:
    return parse(text)


def ids(q: Query):
    return (q.model.id if q.model else None, q.hardware.id if q.hardware else None)


def test_query_json_shape():
    d = p("can i run qwen2.5-coder 32b on 2x3090 at q4km with 32k").model_dump(mode="json")
    assert d["model"] == {"id": "qwen2.5-coder-32b", "name": d["model"]["name"], "params_b": 32.76}
    assert set(d["hardware"]) == {"id", "name"}
    assert d["gpus"] == 2 and d["quant"] == "Q4_K_M" and d["context"] == 32768
    assert d["intent"] == "fit"
    for k in ("vram_gb", "ram_gb", "kv_type", "model_b", "hardware_b"):
        assert d[k] is None


@pytest.mark.parametrize(
    ("text", "gpus", "hw"),
    [
        ("2x3090 llama 3.3 70b", 2, "rtx-3090"),
        ("dual 4090s for qwen2.5 72b", 2, "rtx-4090"),
        ("3 x 7900 XTX for qwen3 235b", 3, "rx-7900-xtx"),
        ("rtx3090*4 + gpt-oss-120b", 4, "rtx-3090"),
        ("4 p40s running llama 3.3 70b", 4, "p40"),
        ("3090 x2 nvlink, llama 3.3 70b", 2, "rtx-3090"),
        ("two 3060s for qwen2.5 32b", 2, "rtx-3060"),
        ("DeepSeek-V3 on 8xH200", 8, "h200"),
        ("2xa6000 llama 3.3 70b", 2, "rtx-a6000"),
    ],
)
def test_gpu_counts(text, gpus, hw):
    q = p(text)
    assert q.gpus == gpus and q.hardware.id == hw


def test_counts_are_not_read_from_model_names():
    q = p("mixtral 8x7b on a 3090")
    assert q.model.id == "mixtral-8x7b" and q.gpus is None


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("4060 laptop, what models can i run", "rtx-4060-laptop"),
        ("my laptop has a 3060M", "rtx-3060-laptop"),
        ("rtx 4070 mobile, best coding model?", "rtx-4070-laptop"),
    ],
)
def test_laptops(text, hw):
    assert p(text).hardware.id == hw


@pytest.mark.parametrize(
    ("text", "hw", "mem"),
    [
        ("M2 Max 64GB, llama 3.3 70b q4?", {"m2-max-38c", "m2-max-30c"}, 64),
        ("MBP M1 Max 32gb - qwen2.5 coder 32b", {"m1-max-32c", "m1-max-24c"}, 32),
        ("mac mini m4 16gb what's the best model", {"m4"}, 16),
        ("macbook pro m3 max 36gb", {"m3-max-30c"}, 36),  # only the 30-core comes with 36 GB
    ],
)
def test_apple(text, hw, mem):
    q = p(text)
    assert q.hardware.id in hw and q.vram_gb == mem


def test_memory_alone_and_cpu_only():
    q = p("12gb vram what's the best model")
    assert q.hardware is None and q.vram_gb == 12 and q.intent == "best_model_for_hw"
    q = p("8gb card, best coding model?")
    assert q.vram_gb == 8 and q.workload == "coding"
    q = p("no gpu, 32gb ram")
    assert q.hardware.id == "cpu-ddr5-2ch" and q.ram_gb == 32 and q.cpu_only and q.vram_gb is None
    q = p("cpu only with 64gb ddr4, qwen3 30b a3b speed?")
    assert q.hardware.id == "cpu-ddr4-2ch" and q.ram_gb == 64


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("qwen3 32b Q4KM", "Q4_K_M"),
        ("llama 3.1 8b 4bit", "Q4_K_M"),
        ("llama 3.1 8b q8", "Q8_0"),
        ("llama 3.1 8b fp16", "F16"),
        ("qwen2.5 32b IQ4_XS", "IQ4_XS"),
        ("llama 3.3 70b 5.0 bpw", "Q4_K_M"),  # nearest k/i quant by bits per weight
        ("llama 3.3 70b at 6.5bpw", "Q6_K"),
    ],
)
def test_quants(text, quant):
    assert p(text).quant == quant


def test_kv_cache_type_is_not_the_weights_quant():
    q = p("qwen2.5 14b q6_k with q8_0 kv cache on 4080")
    assert q.quant == "Q6_K" and q.kv_type == "q8_0"


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("qwen3 32b on 3090 32k", 32768),
        ("llama 3.1 8b 128k context", 131072),
        ("qwen3 14b with 40k ctx", 40000),
        ("-c 16384 qwen3 32b", 16384),
        ("qwen3 14b with 40960 context", 40960),
    ],
)
def test_context(text, ctx):
    assert p(text).context == ctx


def test_full_context_is_the_models_native_context(cat):
    q = p("llama 3.1 8b full context on a 3090")
    assert q.full_context and q.context == cat.models["llama-3.1-8b"].context


@pytest.mark.parametrize(
    "text",
    [
        "qwen3.6 35b a3b on a 5090 with -c 0",  # llama.cpp: 0 = loaded from the model
        "OOM with long context: Qwen3.6-35B-A3B on a 5090, max-model-len -1",  # vLLM
    ],
)
def test_a_context_flag_of_zero_asks_for_the_models_own_window(text, cat):
    q = p(text)
    assert q.full_context and q.context == cat.models["qwen3.6-35b-a3b"].context


def test_the_models_native_window_said_beside_the_ask_is_not_the_ask():
    q = p("qwen3.8-27b on a 5090: beyond the native 262,144 context with YaRN, say 600K tokens?")
    assert q.context == 600000
    assert p("qwen3.8-27b on a 5090: its native 262k context is enough?").context == 262144


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "qwen3.6 35b a3b on a 12gb card: raising --n-cpu-moe from 8 to 30 doubled decode",
            [8, 30],
        ),
        ("glm 4.5 air on a 3090 with -ncmoe 24", [24]),
        ("gpt-oss-20b on a mac with --n-cpu-moe=12", [12]),
    ],
)
def test_the_n_cpu_moe_someone_runs_is_read(text, said):
    assert p(text).n_cpu_moe_said == said


def test_a_context_flag_with_a_size_is_that_size():
    assert p("qwen3.6 35b a3b on a 5090 with -c 65536").context == 65536


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("What about deepseek v4 non flash? Would it work on a M3 Ultra?", "deepseek-v4-pro"),
        ("deepseek v4 flash on a M3 Ultra?", "deepseek-v4-flash"),
    ],
)
def test_a_variant_ruled_out_leaves_its_sibling(text, model):
    assert p(text).model.id == model


def test_a_device_ruled_out_is_not_the_one_read():
    # "non-pro non-blackwell": never the RTX PRO 6000 Blackwell the words would otherwise match
    q = p("GLM-4.5-Air using 2x RTX 6000 non-pro non-blackwell GPUs sm86 arch")
    assert q.hardware is None or "blackwell" not in q.hardware.id


@pytest.mark.parametrize(
    "text",
    [
        "13600k + 3090, 64gb ram. llama 3.3 70b?",
        "ubuntu 24.04, driver 550, 3090: llama 3.3 70b tok/s?",
        "bought a 3090 in 2021, now llama 3.3 70b",
        "1000w psu with a 3090 enough for llama 3.3 70b?",
        "llama.cpp b4500 with cuda 12.4 on my 3090, llama 3.3 70b speed?",
    ],
)
def test_numbers_that_are_not_names(text):
    q = p(text)
    assert ids(q) == ("llama-3.3-70b", "rtx-3090") and q.gpus is None


def test_ryzen_7900x_is_not_a_radeon():
    q = p("Ryzen 7900X + 7900 XTX for qwen3 32b")
    assert q.hardware.id == "rx-7900-xtx"
    q = p("ryzen 9 7900x, no gpu, 64gb ddr5. qwen3 8b?")
    assert q.hardware.id == "ryzen-9-7900x" and q.cpu_only and q.ram_gb == 64


def test_usage_figures_are_ignored():
    q = p("22GB of VRAM was used when loading gemma 3 27b on my 3090")
    assert q.vram_gb is None and ids(q) == ("gemma-3-27b", "rtx-3090")


def test_numbers_are_identity():
    assert p("can a 3080 run qwen3 8b").hardware.id == "rtx-3080"
    assert p("qwen2.5 14b on a 4090").model.id == "qwen2.5-14b"


def test_versions_default_to_newest_and_say_so():
    q = p("what GPU do I need for llama 70b")
    assert q.model.id == "llama-3.3-70b" and q.intent == "best_hw_for_model"
    assert q.assumed and "Llama 3.3 70B" in q.assumed[0]


def test_unsure_offers_choices():
    q = p("llama on a 3090")
    assert q.model is None and q.intent == "unclear"
    assert q.unsure and q.unsure[0].kind == "model" and len(q.unsure[0].suggestions) >= 2
    q = p("can I run foobar-13b on a 4090")
    assert q.intent == "unclear" and q.unsure[0].kind == "model"


@pytest.mark.parametrize("text", ["hello", "thanks!", "lol", "?", "", "   "])
def test_non_questions(text):
    q = p(text)
    assert q.intent == "help" and q.model is None and q.hardware is None


def test_intents():
    assert p("what can I run on my M3 Pro 18gb").intent == "best_model_for_hw"
    assert p("3090 vs 4090 for qwen3 32b").intent == "compare"
    q = p("qwen3 32b or gemma 3 27b on my 4090?")
    assert q.intent == "compare" and q.model_b.id == "gemma-3-27b"
    q = p("m4 max vs 5090 for gpt oss 120b")
    assert q.hardware_b is not None and q.intent == "compare"
    assert p("how many 3090s for deepseek v3 q4").intent == "best_hw_for_model"


def test_long_text_is_bounded():
    big = ("my setup is a 3090 with 64gb ram and I like llama 3.3 70b. " * 200)[:10_000]
    t0 = time.perf_counter()
    q = p(big)
    assert time.perf_counter() - t0 < 0.5  # a smoke bound; bench/latency.py measures
    assert q.hardware.id == "rtx-3090"
