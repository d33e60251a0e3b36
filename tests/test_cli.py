"""The canirun command line: the card, --json, catalog search, batch, ask, exit codes.

Most tests call main(argv) in-process (fast); two run `python -m fitengine` as a subprocess.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fitengine import analyze
from fitengine.cli import (
    BATCH_ALL_KEYS,
    MAX_TOKENS,
    UsageError,
    fmt_gb,
    fmt_ms,
    fmt_tok_s,
    main,
    parse_count,
    parse_gb,
    parse_tokens,
)

ROOT = Path(__file__).resolve().parent.parent
HAVE_NLQ = importlib.util.find_spec("fitengine.nlq") is not None
HAVE_ASK = importlib.util.find_spec("fitengine.answers") is not None


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_batch(capsys, monkeypatch, data: bytes | str, *argv: str) -> tuple[int, list[dict], str]:
    raw = data.encode() if isinstance(data, str) else data
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    code, out, err = run(capsys, "batch", *argv)
    return code, [json.loads(line) for line in out.splitlines()], err


# --------------------------------------------------------------------------- value parsing


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("32768", 32768),
        ("32k", 32768),
        ("32K", 32768),
        ("128K", 131072),
        ("1.5k", 1536),
        ("1M", 1048576),
        ("32,768", 32768),
        (" 8k ", 8192),
        ("4096 tokens", 4096),
        (8192, 8192),
        (8192.0, 8192),
    ],
)
def test_parse_tokens(text, tokens):
    assert parse_tokens(text) == tokens


@pytest.mark.parametrize(
    "text", ["", "k", "32q", "-5", "1e5", "∞", "NaN", True, None, [], 1.5, float("inf"), "99999M"]
)
def test_parse_tokens_rejects(text):
    with pytest.raises(UsageError):
        parse_tokens(text)


def test_parse_tokens_cap():
    assert parse_tokens("10M") == MAX_TOKENS
    with pytest.raises(UsageError):
        parse_tokens(MAX_TOKENS + 1)


def test_parse_gb_and_count():
    assert parse_gb("24") == 24.0
    assert parse_gb("24GB") == 24.0
    assert parse_gb(12.5) == 12.5
    assert parse_count("2x") == 2
    assert parse_count("x2") == 2
    assert parse_count("two") == 2  # the words the question parser reads, too
    assert parse_count(3) == 3
    for bad in ("x", "-1", float("nan"), True, [24]):
        with pytest.raises(UsageError):
            parse_gb(bad)
    for bad in ("many", 1.5, True, None):
        with pytest.raises(UsageError):
            parse_count(bad)


# --------------------------------------------------------------------------- fit


def test_fit_card_has_the_key_numbers(capsys):
    r = analyze("llama-3.1-8b", "rtx-3090", context=32768)
    code, out, err = run(capsys, "fit", "llama-3.1-8b", "rtx-3090", "--context", "32k")
    assert code == 0, err
    assert err == ""
    assert r.model.name in out and r.hardware.name in out
    assert r.fit_label.upper() in out
    assert f"grade {r.grade} ({r.score}/100)" in out
    assert fmt_tok_s(r.decode_tok_s) in out
    assert fmt_tok_s(r.prefill_tok_s) in out
    assert fmt_ms(r.ttft_ms) in out
    assert f"{r.safe_context:,} tokens" in out
    assert "context 32,768" in out
    for v in (r.memory.total_gb, r.memory.weights_gb, r.memory.kv_cache_gb):
        assert fmt_gb(v) in out
    assert f"recommended: {r.recommended_quant}" in out
    for q in r.quants:
        assert q.quant in out
    for w in r.workloads:
        assert w.name in out and w.reason in out
    assert r.commands.llama_cpp in out
    assert r.commands.docker in out
    for a in r.assumptions:
        assert a in out


def test_fit_card_multi_gpu_devices(capsys):
    r = analyze("llama-3.3-70b", "rtx-3090", gpus=2)
    code, out, _ = run(capsys, "fit", "llama-3.3-70b", "rtx-3090", "--gpus", "2")
    assert code == 0
    assert "2× NVIDIA GeForce RTX 3090" in out
    for d in r.placement.devices:
        assert d.name in out
        assert f"{d.total_gb / (2**30 / 1e9):.2f}" in out  # as memory is sold
    assert "split across 2 GPUs" in out


def test_the_card_shows_memory_as_it_is_sold_never_above_the_machines(capsys):
    """A 512 GB Mac holds 512 GiB: the card counts in that unit (said on the Memory line), so
    its usable memory reads under 512, not the 541 decimal GB the report counts."""
    r = analyze("kimi-k2.5", "m3-ultra-80c", vram_gb=512, quant="UD-Q2_K_XL")
    code, out, _ = run(
        capsys, "fit", "kimi-k2.5", "m3-ultra-80c", "--vram", "512", "--quant", "UD-Q2_K_XL"
    )
    assert code == 0 and r.memory.available_gb > 512
    line = next(x for x in out.splitlines() if x.startswith("Memory:"))
    usable = float(line.split(" needed, ")[1].split(" GB")[0])
    assert usable <= 512 and "2³⁰ bytes" in line
    gib = 2**30 / 1e9
    assert f"{r.memory.total_gb / gib:.2f} GB needed" in line


def test_a_unified_memory_card_shows_one_pool_not_a_second_ram(capsys):
    # a Mac's 128 GB: the GPU's share of it and the rest of the same memory
    code, out, _ = run(capsys, "fit", "gpt-oss-120b", "m4-max-40c", "--vram", "128")
    assert code == 0
    assert "GPU share" in out and "rest of the same memory" in out
    assert "    system RAM" not in out


def test_fit_card_offload_and_warnings(capsys):
    r = analyze("qwen3-30b-a3b", "rtx-3060", context=32768)
    code, out, _ = run(capsys, "fit", "qwen3-30b-a3b", "rtx-3060", "-c", "32768")
    assert code == 0
    assert f"--n-cpu-moe {r.placement.n_cpu_moe}" in out
    assert "system RAM" in out
    for w in r.warnings:
        assert w in out


def test_fit_card_wont_fit(capsys):
    code, out, _ = run(capsys, "fit", "deepseek-v3", "rtx-4090")
    assert code == 0  # a "won't fit" is an answer
    assert "WON'T FIT" in out
    assert "does not fit" in out
    assert "none fits" in out


def test_fit_card_apple_and_cpu(capsys):
    code, out, _ = run(capsys, "fit", "llama-3.1-8b", "m2-max-38c", "--brief")
    assert code == 0
    assert "metal" in out and "docker" not in out
    assert "Quants" not in out and "Workloads" not in out
    code, out, _ = run(capsys, "fit", "llama-3.1-8b", "cpu-ddr5-2ch", "--ram", "64")
    assert code == 0
    assert "CPU only" in out


def test_fit_json_is_the_report(capsys):
    argv = ["fit", "qwen2.5-7b", "rtx 4090", "--quant", "q5_k_m", "--context", "8k", "--json"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    want = analyze("qwen2.5-7b", "rtx 4090", quant="q5_k_m", context=8192)
    assert json.loads(out) == want.model_dump(mode="json")


def test_fit_all_options_pass_through(capsys):
    argv = [
        "fit",
        "llama-3.1-8b",
        "rtx-4090",
        "--quant=Q4_K_M",
        "--context=16k",
        "--gpus=2",
        "--ram=64",
        "--kv-type=q8_0",
        "--workload=coding",
        "--mode=interactive",
        "--prompt-tokens=4k",
        "--depth=2k",
        "--backend=vulkan",
        "--parallel=2",
        "--json",
    ]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    want = analyze(
        "llama-3.1-8b",
        "rtx-4090",
        quant="Q4_K_M",
        context=16384,
        gpus=2,
        ram_gb=64,
        kv_type="q8_0",
        workload="coding",
        mode="interactive",
        prompt_tokens=4096,
        depth=2048,
        backend="vulkan",
        parallel=2,
    )
    assert json.loads(out) == want.model_dump(mode="json")


def test_fit_without_hardware_uses_vram(capsys):
    code, out, _ = run(capsys, "fit", "llama-3.1-8b", "--vram", "12", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["hardware"]["id"] == "generic-gpu"
    assert d["hardware"]["memory_gb"] == 12


@pytest.mark.parametrize(
    "text, name, count",
    [
        ("2x3090", "3090", 2),
        ("2 x RTX 3090", "RTX 3090", 2),
        ("rtx 3090 x2", "rtx 3090", 2),
        ("dual 3090", "3090", 2),
        ("4x A100 80GB", "A100 80GB", 4),
        ("rtx 3090", "rtx 3090", None),
        ("ryzen 9 7950x", "ryzen 9 7950x", None),
        ("dual-channel DDR5", "dual-channel DDR5", None),
        ("quad core i7", "quad core i7", None),
    ],
)
def test_gpu_count_in_the_hardware_name(text, name, count):
    from fitengine.cli import _with_gpu_count

    assert _with_gpu_count(text, None) == (name, count)


def test_fit_reads_2x_in_the_hardware(capsys):
    code, out, _ = run(capsys, "fit", "llama-3.3-70b", "2x3090", "--json")
    assert code == 0
    assert json.loads(out) == analyze("llama-3.3-70b", "rtx-3090", gpus=2).model_dump(mode="json")
    code, _, err = run(capsys, "fit", "llama-3.3-70b", "2x3090", "--gpus", "3")
    assert code == 2 and "2 GPUs" in err


# --------------------------------------------------------------------------- errors and exit codes


def test_unknown_model_exits_2_with_suggestions(capsys):
    code, out, err = run(capsys, "fit", "llama 70b", "rtx-3090")
    assert code == 2
    assert out == ""
    assert "I don't know the model 'llama 70b'" in err
    assert "did you mean" in err
    assert "llama-3.3-70b" in err
    assert "Traceback" not in err


def test_unknown_hardware_exits_2(capsys):
    code, _, err = run(capsys, "fit", "llama-3.1-8b", "gtx 9999 xyz")
    assert code == 2
    assert "hardware" in err


def test_json_error_goes_to_stdout_too(capsys):
    code, out, err = run(capsys, "fit", "llama-3.1-8b", "rtx-3090", "--gpus", "0", "--json")
    assert code == 2
    assert json.loads(out)["error"]["type"] == "bad_input"
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["fit", "llama-3.1-8b", "rtx-3090", "--gpus", "0"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--gpus", "x"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--gpus", "99999999999999999999"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--context", "0"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--context", "-5"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--context", "lots"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--context", "9" * 400],
        ["fit", "llama-3.1-8b", "rtx-3090", "--vram", "0"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--vram", "1e999"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--ram", "-4"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--quant", "Q9_Z"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--kv-type", "q3"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--mode", "turbo"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--workload", "gaming"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--backend", "metal"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--parallel", "1000"],
        ["fit", "llama-3.1-8b", "radeon-780m", "--gpus", "2"],
        ["fit", "llama-3.1-8b"],
        ["fit", "llama-3.1-8b", ""],
        ["fit", "", "rtx-3090"],
        ["fit", "   ", "   "],
        ["fit", "x" * 5000, "rtx-3090"],
        ["fit", "\x00\x01", "rtx-3090"],
        ["fit", "🦙", "🎮"],
        ["fit", "--", "-1", "-2"],
        ["fit"],
        ["fit", "a", "b", "c"],
        ["fit", "llama-3.1-8b", "rtx-3090", "--bogus"],
        ["nonsense"],
        [],
        ["models", "x" * 5000],
        ["hardware", "zzzzqqqq"],
        ["batch", "/no/such/file.jsonl"],
    ],
)
def test_junk_exits_2_with_one_line_never_internal(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2, err
    assert "internal error" not in err
    assert "Traceback" not in err
    assert err.strip()


def test_version_and_help(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("canirun ")
    code, out, _ = run(capsys, "fit", "--help")
    assert code == 0
    assert "--context" in out and "--vram" in out


def test_internal_error_is_one_line(capsys, monkeypatch):
    import fitengine.engine

    def boom(*a, **k):
        raise RuntimeError("kaput")

    monkeypatch.setattr(fitengine.engine, "analyze", boom)
    monkeypatch.delenv("CANIRUN_DEBUG", raising=False)
    code, _, err = run(capsys, "fit", "llama-3.1-8b", "rtx-3090")
    assert code == 1
    assert err.strip() == "canirun: internal error: RuntimeError: kaput (please report it)"
    assert "Traceback" not in err


# --------------------------------------------------------------------------- catalog search


def test_models_search(capsys):
    code, out, _ = run(capsys, "models", "qwen3", "30b")
    assert code == 0
    assert out.splitlines()[0].startswith("qwen3-30b-a3b")
    code, out, _ = run(capsys, "models", "llama", "--json")
    rows = json.loads(out)
    assert rows and all({"id", "name", "family", "params_b", "score"} <= set(r) for r in rows)


def test_models_list_grouped_by_family(capsys):
    from fitengine import default_catalog

    code, out, _ = run(capsys, "models")
    assert code == 0
    cat = default_catalog()
    families = {m.family for m in cat.models.values()}
    for f in families:
        assert f"\n{f} (" in "\n" + out
    for mid in cat.models:
        assert mid in out
    code, out, _ = run(capsys, "models", "--json")
    assert len(json.loads(out)) == len(cat.models)


def test_hardware_search_and_list(capsys):
    code, out, _ = run(capsys, "hardware", "3090")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()]
    assert ids[:2] == ["rtx-3090", "rtx-3090-ti"]
    assert "rtx-3080" not in ids  # numbers are identity: close hits only
    code, out, _ = run(capsys, "hardware", "--json")
    rows = json.loads(out)
    assert {"id", "name", "vendor", "kind", "memory_gb", "bandwidth_gbps"} <= set(rows[0])
    code, out, _ = run(capsys, "hardware")
    assert "\nnvidia (" in out and "\napple (" in out


# --------------------------------------------------------------------------- batch


def test_batch_one_answer_per_line_in_order(capsys, monkeypatch):
    lines = [
        {"id": "a", "model": "llama-3.1-8b", "hardware": "rtx-3090"},
        "",
        "not json",
        [1, 2, 3],
        {"id": "b", "model": "llama 70b", "hardware": "rtx-3090"},
        {"id": "c", "model": "qwen3-30b-a3b", "hardware": "rtx 3060", "context": "32k"},
        {"id": 4, "model": "llama-3.1-8b", "hardware": "rtx-3090", "gpus": "lots"},
        {"modle": "llama-3.1-8b"},
        {"id": 5.5, "model": "llama-3.3-70b", "vram_gb": 24, "ram_gb": 64},
        "   ",
        {"model": "llama-3.1-8b", "hardware": "rtx-3090", "gpus": 0},
        {"id": "z", "model": "mistral-7b", "hardware": "m2-max-38c", "quant": "Q8_0"},
    ]
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    code, out, err = run_batch(capsys, monkeypatch, text)
    assert code == 0, err
    assert len(out) == len(lines)
    assert out[0]["id"] == "a" and out[0]["model"]["id"] == "llama-3.1-8b"
    assert out[1]["error"]["type"] == "empty_line"
    assert out[2]["error"]["type"] == "invalid_json"
    assert out[3]["error"]["type"] == "not_an_object"
    assert out[4]["id"] == "b" and out[4]["error"]["type"] == "not_found"
    assert out[5]["id"] == "c" and out[5]["context"] == 32768
    assert out[6]["id"] == 4 and out[6]["error"]["field"] == "gpus"
    assert out[7]["error"]["type"] == "bad_value"
    assert "model" in [s["id"] for s in out[7]["error"]["suggestions"]]
    assert out[8]["id"] == 5.5 and out[8]["hardware"]["id"] == "generic-gpu"
    assert out[9]["error"]["type"] == "empty_line"
    assert out[10]["error"]["type"] == "bad_input"
    assert out[11]["id"] == "z" and out[11]["quant"] == "Q8_0"
    for i, o in enumerate(out, 1):
        if "error" in o:
            assert o["error"]["line"] == i


JUNK_LINES = [
    b"",
    b"\r",
    b"{",
    b"}",
    b"{}",
    b"[]",
    b"0",
    b"true",
    b'"model"',
    b"\xff\xfe\x00",
    b"\x00\x00\x00",
    b"NaN",
    b"{" * 100_000,
    b"[" * 100_000,
    b'{"model": ' + b"9" * 5000 + b"}",
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "context": 1e400}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "vram_gb": NaN}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "vram_gb": -Infinity}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "gpus": 1e300}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "gpus": true}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "gpus": [2]}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "context": {"k": 1}}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "depth": 99999999999999999999999}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "prompt_tokens": -1}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "quant": 4}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "kv_type": null, "mode": ""}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "backend": "cpu ", "workload": "RAG"}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "parallel": 65}',
    b'{"model": "llama-3.1-8b", "hardware": 3090}',
    b'{"model": ["llama"], "hardware": "rtx-3090"}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "id": {"x": 1}}',
    b'{"model": null, "hardware": null}',
    b'{"hardware": "rtx-3090"}',
    b'{"model": "llama-3.1-8b"}',
    b'{"model": "llama-3.1-8b", "vram_gb": 0.1}',
    b'{"model": "llama-3.1-8b", "vram_gb": 5000}',
    b'{"model": "' + b"a" * 100_000 + b'", "hardware": "rtx-3090"}',
    b'{"model": "\\u0000", "hardware": "\\ud800"}',
    b'{"parse": "a", "ask": "b"}',
    b'{"parse": "a", "model": "llama-3.1-8b"}',
    b'{"parse": 42}',
    b'{"ask": ""}',
    b'{"parse": "' + b"x" * 20_000 + b'"}',
    b'{"model": "llama-3.1-8b", "hardware": "rtx-3090", "model": "x"}',
    '{"model": "лама", "hardware": "显卡"}'.encode(),
    b"\xef\xbb\xbf{}",
]


def test_batch_junk_gets_error_objects_and_goes_on(capsys, monkeypatch):
    good = b'{"model": "llama-3.1-8b", "hardware": "rtx-3090"}'
    data = b"\n".join([good, *JUNK_LINES, good]) + b"\n"
    code, out, err = run_batch(capsys, monkeypatch, data)
    assert code == 0, err
    assert len(out) == len(JUNK_LINES) + 2
    assert "error" not in out[0] and "error" not in out[-1]
    for i, o in enumerate(out[1:-1]):
        assert set(o) <= {"error", "id"}, (JUNK_LINES[i][:80], o)
        e = o["error"]
        assert e["type"] != "internal", (JUNK_LINES[i][:80], e)
        assert e["message"] and len(e["message"]) < 400
        assert isinstance(e["suggestions"], list)


def test_batch_without_trailing_newline_and_crlf(capsys, monkeypatch):
    data = b'{"model": "llama-3.1-8b", "hardware": "rtx-3090"}\r\n{"model": "mistral-7b", "hardware": "rtx-3090"}'
    code, out, _ = run_batch(capsys, monkeypatch, data)
    assert code == 0
    assert [o["model"]["id"] for o in out] == ["llama-3.1-8b", "mistral-7b"]


def test_batch_keys_are_the_analyze_options():
    import inspect

    params = set(inspect.signature(analyze).parameters) - {"catalog"}
    assert set(BATCH_ALL_KEYS) - {"id", "parse", "ask"} == params


def test_batch_from_file(capsys, tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"model": "llama-3.1-8b", "hardware": "rtx-3090"}\n\n')
    code, out, _ = run(capsys, "batch", str(f))
    assert code == 0
    rows = [json.loads(x) for x in out.splitlines()]
    assert len(rows) == 2 and rows[1]["error"]["type"] == "empty_line"


def test_batch_is_fast(capsys, monkeypatch):
    from fitengine import default_catalog

    default_catalog()  # loading the catalog is not what this measures
    models = ["llama-3.1-8b", "qwen3-30b-a3b", "llama-3.3-70b", "gpt-oss-20b", "mistral-7b"]
    hardware = ["rtx-3090", "rtx-4090", "m2-max-38c", "cpu-ddr5-2ch", "rtx-3060"]
    lines = [
        json.dumps({"model": models[i % 5], "hardware": hardware[(i // 5) % 5], "id": i})
        for i in range(1000)
    ]
    # CPU time, not wall time: the batch runs in this process, and what this pins is the work per
    # line, which a busy machine (other test workers on two cores) would otherwise stretch.
    t = time.process_time()
    code, out, _ = run_batch(capsys, monkeypatch, "\n".join(lines) + "\n")
    elapsed = time.process_time() - t
    assert code == 0
    assert [o["id"] for o in out] == list(range(1000))
    assert elapsed < 10, f"1000 lines took {elapsed:.1f} s of CPU time"


@pytest.mark.skipif(not HAVE_NLQ, reason="fitengine.nlq not available")
def test_batch_parse_lines(capsys, monkeypatch):
    data = (
        json.dumps({"id": 1, "parse": "can my 3090 run qwen3 32b at q4 with 32k?"})
        + "\n"
        + json.dumps({"parse": "   "})
        + "\n"
    )
    code, out, _ = run_batch(capsys, monkeypatch, data)
    assert code == 0
    assert out[0]["id"] == 1
    assert out[0]["hardware"]["id"] == "rtx-3090"
    assert out[0]["model"]["id"] == "qwen3-32b"
    assert out[0]["context"] == 32768
    assert out[1]["error"]["type"] == "bad_value"


ASK_KEYS = {"query", "intent", "answer", "message", "suggestions", "assumed"}


def test_batch_ask_lines(capsys, monkeypatch):
    data = json.dumps({"id": "q", "ask": "can my 3090 run llama 3.1 8b?"}) + "\n"
    code, out, _ = run_batch(capsys, monkeypatch, data)
    assert code == 0 and len(out) == 1
    if HAVE_ASK:
        assert set(out[0]) == ASK_KEYS | {"id"}
        assert out[0]["answer"]["model"]["id"] == "llama-3.1-8b"
    else:
        assert out[0]["error"]["type"] == "unavailable"


# --------------------------------------------------------------------------- ask


def test_ask_command(capsys):
    code, out, err = run(capsys, "ask", "can", "my", "3090", "run", "llama", "3.1", "8b?")
    if not HAVE_ASK:
        assert code == 2
        assert "not available" in err and "Traceback" not in err
        return
    assert code == 0, err
    r = analyze("llama-3.1-8b", "rtx-3090")
    assert fmt_tok_s(r.decode_tok_s) in out  # a fit question gets the full card
    assert r.commands.llama_cpp in out
    code, out, err = run(capsys, "ask", "can my 3090 run llama 3.1 8b?", "--json")
    assert code == 0, err
    d = json.loads(out)
    assert set(d) == ASK_KEYS
    assert d["intent"] == "fit"
    assert d["query"]["hardware"]["id"] == "rtx-3090"
    assert d["answer"] == r.model_dump(mode="json")


@pytest.mark.skipif(not HAVE_ASK, reason="fitengine.answers not available")
def test_ask_list_answers(capsys):
    code, out, err = run(capsys, "ask", "what can I run on my M3 Pro 18GB?", "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["intent"] == "best_model_for_hw"
    assert isinstance(d["answer"], list) and d["answer"]
    assert all("fit" in r and "model" in r for r in d["answer"])
    code, out, err = run(capsys, "ask", "what can I run on my M3 Pro 18GB?")
    assert code == 0 and out.strip()


@pytest.mark.skipif(not HAVE_ASK, reason="fitengine.answers not available")
@pytest.mark.parametrize("text", ["", "   ", "?", "asdf qwerty", "🦙" * 100, "x" * 20_000])
def test_ask_junk_never_internal(capsys, text):
    code, _, err = run(capsys, "ask", text)
    assert code in (0, 2)
    assert "internal error" not in err


# --------------------------------------------------------------------------- as a program


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("CANIRUN_DEBUG", None)
    return env


def test_subprocess_fit_and_exit_codes():
    ok = subprocess.run(
        [sys.executable, "-m", "fitengine", "fit", "llama-3.1-8b", "rtx-3090", "--json"],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["model"]["id"] == "llama-3.1-8b"
    bad = subprocess.run(
        [sys.executable, "-m", "fitengine", "fit", "llama 70b", "rtx-3090"],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=120,
    )
    assert bad.returncode == 2
    assert "did you mean" in bad.stderr and "Traceback" not in bad.stderr
    assert bad.stdout == ""


def test_subprocess_batch():
    data = b'{"model": "llama-3.1-8b", "hardware": "rtx-3090"}\n\xff\n[1]\n{"model": "x y z q"}\n'
    p = subprocess.run(
        [sys.executable, "-m", "fitengine", "batch"],
        input=data,
        capture_output=True,
        env=_env(),
        cwd=ROOT,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert p.stderr == b""
    rows = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert len(rows) == 4
    assert rows[0]["fit"] in ("runs_well", "tight")
    assert [r["error"]["type"] for r in rows[1:]] == ["invalid_json", "not_an_object", "not_found"]
