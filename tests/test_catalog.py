"""The catalog: every entry loads, the counts and coverage the project promises, names that never
point at two entries, and errors that name the file, the entry and the field."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from fitengine.catalog import Catalog, CatalogError, _load_entries, catalog_dir
from fitengine.resolve import normalize

# --------------------------------------------------------------------------- loading and counts


def test_every_file_loads_on_its_own():
    from fitengine.catalog import Hardware, Model

    root = catalog_dir()
    for kind, cls in (("models", Model), ("hardware", Hardware)):
        files = sorted((root / kind).glob("*.yaml"))
        assert files, kind
        for f in files:
            assert _load_entries(f, cls), f"{f.name} has no entries"


def test_counts(cat):
    assert len(cat.models) >= 150
    assert len(cat.hardware) >= 200
    assert set(cat.workloads) == {"chat", "coding", "agentic", "reasoning", "rag"}


QUANTS_REQUIRED = [
    "F32",
    "F16",
    "BF16",
    "Q8_0",
    "Q6_K",
    "Q5_K_M",
    "Q5_K_S",
    "Q5_0",
    "Q4_K_M",
    "Q4_K_S",
    "Q4_0",
    "IQ4_XS",
    "IQ4_NL",
    "Q3_K_L",
    "Q3_K_M",
    "Q3_K_S",
    "IQ3_M",
    "IQ3_XS",
    "IQ3_XXS",
    "Q2_K",
    "IQ2_M",
    "IQ2_S",
    "IQ2_XS",
    "IQ2_XXS",
    "IQ1_M",
    "IQ1_S",
    "MXFP4",
]


def test_quant_types(cat):
    missing = [q for q in QUANTS_REQUIRED if q not in cat.quants]
    assert not missing, missing
    ud_xl = [q for q in cat.quants if re.fullmatch(r"UD-.+_XL", q)]
    assert len(ud_xl) >= 4, ud_xl
    for q in cat.quants.values():
        assert q.bpw > 0 and 0 <= q.quality <= 100, q.id
    # the quality figure ranks the types the way llama.cpp's KL-divergence tables do
    order = ["F16", "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_M", "Q2_K", "IQ1_S"]
    qualities = [cat.quants[q].quality for q in order]
    assert qualities == sorted(qualities, reverse=True), dict(zip(order, qualities, strict=True))
    bpws = [cat.quants[q].bpw for q in order]
    assert bpws == sorted(bpws, reverse=True), dict(zip(order, bpws, strict=True))


def test_every_gguf_quant_is_a_known_type(cat):
    unknown = [
        (m.id, g.repo, q)
        for m in cat.models.values()
        for g in m.gguf
        for q in g.quants
        if q not in cat.quants
    ]
    assert not unknown, unknown


def test_workloads_are_consistent(cat):
    model_tags = {t for m in cat.models.values() for t in m.tags}
    for w in cat.workloads.values():
        assert w.good_decode_tok_s >= w.min_decode_tok_s, w.id
        assert w.cached_prefix <= w.prompt_tokens + w.depth, w.id
        assert w.min_context >= w.prompt_tokens + w.output_tokens, w.id
        assert set(w.model_tags) <= model_tags, w.id  # tags some model has
        assert not set(w.aliases) & set(cat.workloads), w.id  # an alias never hides an id


# --------------------------------------------------------------------------- names


def _collisions(entries) -> list[str]:
    """Normalised names (and the same without spaces) that belong to two entries."""
    plain: dict[str, set[str]] = defaultdict(set)
    compact: dict[str, set[str]] = defaultdict(set)
    for e in entries.values():
        for raw in (e.id, e.name, *e.aliases):
            key = normalize(raw)
            plain[key].add(e.id)
            compact[key.replace(" ", "")].add(e.id)
    out = [f"{k!r}: {sorted(v)}" for k, v in plain.items() if len(v) > 1]
    out += [f"{k!r} (no spaces): {sorted(v)}" for k, v in compact.items() if len(v) > 1]
    return out


def test_no_name_or_alias_points_at_two_models(cat):
    assert not _collisions(cat.models)


def test_no_name_or_alias_points_at_two_devices(cat):
    assert not _collisions(cat.hardware)


def test_repos_and_ollama_tags_belong_to_one_model(cat):
    owner: dict[str, set[str]] = defaultdict(set)
    for m in cat.models.values():
        for repo in (m.hf_repo, *(g.repo for g in m.gguf)):
            owner[repo.lower()].add(m.id)
        if m.ollama:
            owner[f"ollama:{m.ollama}"].add(m.id)
    shared = {k: v for k, v in owner.items() if len(v) > 1}
    assert not shared, shared


def test_ids_follow_the_conventions(cat):
    for mid in cat.models:
        assert re.fullmatch(r"[a-z0-9][a-z0-9.\-]*", mid) and "--" not in mid, mid
    for hid in cat.hardware:
        assert re.fullmatch(r"[a-z0-9][a-z0-9.\-]*", hid) and "--" not in hid, hid


def test_a_matrix_unit_device_that_runs_fp32_kernels_states_its_fp32_rate(cat):
    # a compute path bound by FP32 (SYCL's default SGEMM) falls back on half the fp16 figure, which
    # is the shader cores' FP32 rate only where fp16_tflops is not a matrix-unit rate
    fp32_backends = {
        p.backend
        for p in cat.compute_paths.values()
        if "fp32" in (p.quantized.peak, p.unquantized.peak)
    }
    assert fp32_backends == {"sycl"}
    for h in cat.hardware.values():
        if h.tensor_cores and fp32_backends & set(h.backends):
            assert h.fp32_tflops and h.fp32_tflops < h.fp16_tflops, h.id


def test_every_gpu_states_its_shader_cores_fp32_rate_with_its_source(cat):
    # a one-token decode's matrix-vector kernels (mmvq, mul_mv) run on the shader cores whatever
    # matrix units the device has: their rate is the FP32 one, never the tensor figure
    for h in cat.hardware.values():
        if h.kind == "cpu":
            continue
        assert h.fp32_tflops, h.id
        assert h.fp32_tflops <= h.fp16_tflops * 1.01, h.id
        assert h.fp32_source or "fp32" in (h.source or "").lower(), h.id
        if h.clock_mhz and h.kind != "apple":
            # 2 FLOP (an FMA) per shader per clock: a shader count a GPU could have
            shaders = h.fp32_tflops * 1e6 / (2 * h.clock_mhz)
            assert 64 <= shaders <= 25_000, (h.id, shaders)


def test_memory_options_contain_the_default(cat):
    for h in cat.hardware.values():
        if h.memory_options_gb:
            assert h.memory_gb in h.memory_options_gb, h.id


# --------------------------------------------------------------------------- bad entries

GOOD_MODEL = """\
- id: tiny-1b
  name: Tiny 1B
  family: tiny
  params_b: 1.0
  layers: 2
  hidden_size: 64
  heads: 4
  kv_heads: 4
  head_dim: 16
  vocab: 1000
  context: 4096
  attention:
    - {kind: full, layers: 2}
  hf_repo: example/tiny-1b
  source: test
"""

GOOD_HW = """\
- id: tiny-gpu
  name: Tiny GPU
  vendor: other
  kind: gpu
  form: desktop
  memory_gb: 8
  bandwidth_gbps: 100
  fp16_tflops: 10
  arch: test
  backends: [vulkan]
  source: test
"""


def _write(root: Path, kind: str, name: str, text: str) -> None:
    (root / kind).mkdir(parents=True, exist_ok=True)
    (root / kind / name).write_text(text, encoding="utf-8")


def test_good_entries_load_from_any_directory(tmp_path):
    _write(tmp_path, "models", "tiny.yaml", GOOD_MODEL)
    _write(tmp_path, "hardware", "tiny.yaml", GOOD_HW)
    c = Catalog.load(tmp_path)
    assert list(c.models) == ["tiny-1b"] and list(c.hardware) == ["tiny-gpu"]


@pytest.mark.parametrize(
    ("kind", "text", "entry", "field"),
    [
        ("models", GOOD_MODEL.replace("layers: 2\n", "layers: -2\n", 1), "tiny-1b", "layers"),
        ("models", GOOD_MODEL.replace("  context: 4096\n", ""), "tiny-1b", "context"),
        ("models", GOOD_MODEL.replace("kind: full", "kind: fulll"), "tiny-1b", "attention.0.kind"),
        ("models", GOOD_MODEL + "  colour: blue\n", "tiny-1b", "colour"),
        ("hardware", GOOD_HW.replace("kind: gpu", "kind: tpu"), "tiny-gpu", "kind"),
        (
            "hardware",
            GOOD_HW.replace("bandwidth_gbps: 100", "bandwidth_gbps: fast"),
            "tiny-gpu",
            "bandwidth_gbps",
        ),
        ("hardware", GOOD_HW.replace("[vulkan]", "[opencl]"), "tiny-gpu", "backends.0"),
    ],
)
def test_a_bad_entry_names_file_entry_and_field(tmp_path, kind, text, entry, field):
    _write(tmp_path, kind, "broken.yaml", text)
    with pytest.raises(CatalogError) as exc:
        Catalog.load(tmp_path)
    msg = str(exc.value)
    assert "broken.yaml" in msg, msg
    assert f"entry {entry!r}" in msg, msg
    assert f"field {field}:" in msg, msg


def test_an_entry_that_does_not_add_up_is_named(tmp_path):
    # the attention groups cover 3 layers, the model has 2: a whole-entry check
    text = GOOD_MODEL.replace("{kind: full, layers: 2}", "{kind: full, layers: 3}")
    _write(tmp_path, "models", "broken.yaml", text)
    with pytest.raises(CatalogError, match=r"broken\.yaml: entry 'tiny-1b': .*3 layers"):
        Catalog.load(tmp_path)


def test_a_duplicate_id_is_named(tmp_path):
    _write(tmp_path, "models", "a.yaml", GOOD_MODEL)
    _write(tmp_path, "models", "b.yaml", GOOD_MODEL)
    with pytest.raises(CatalogError, match="duplicate model id 'tiny-1b'"):
        Catalog.load(tmp_path)


def test_a_file_that_is_not_a_list_is_named(tmp_path):
    _write(tmp_path, "hardware", "odd.yaml", "id: x\n")
    with pytest.raises(CatalogError, match=r"odd\.yaml"):
        Catalog.load(tmp_path)


# --------------------------------------------------------------------------- coverage

# every group needs at least one id matching each pattern
MODEL_GROUPS = {
    "Llama 1": [r"llama-1-\d+b"],
    "Llama 2": [r"llama-2-\d+b"],
    "Llama 3": [r"llama-3-\d+b"],
    "Llama 3.1": [r"llama-3\.1-\d+b"],
    "Llama 3.2": [r"llama-3\.2-\d+b"],
    "Llama 3.3": [r"llama-3\.3-70b"],
    "Llama 4": [r"llama-4-scout-17b-16e", r"llama-4-maverick-17b-128e"],
    "Qwen 1.5": [r"qwen1\.5-\d+b"],
    "Qwen 2": [r"qwen2-\d+b"],
    "Qwen 2.5": [r"qwen2\.5-\d+b"],
    "Qwen 2.5 Coder": [r"qwen2\.5-coder-32b"],
    "QwQ": [r"qwq-32b"],
    "Qwen 3 dense": [r"qwen3-32b", r"qwen3-8b"],
    "Qwen 3 MoE": [r"qwen3-30b-a3b", r"qwen3-235b-a22b"],
    "Qwen 3 Coder": [r"qwen3-coder-30b-a3b", r"qwen3-coder-480b-a35b"],
    "Qwen 3 Next": [r"qwen3-next-80b-a3b"],
    "Qwen 3.5": [
        r"qwen3\.5-0\.8b",
        r"qwen3\.5-9b",
        r"qwen3\.5-27b",
        r"qwen3\.5-35b-a3b",
        r"qwen3\.5-397b-a17b",
    ],
    "Qwen 3.6": [r"qwen3\.6-27b", r"qwen3\.6-35b-a3b"],
    "Qwen 3 Coder Next": [r"qwen3-coder-next"],
    "Mistral": [r"mistral-7b", r"mistral-nemo-12b", r"mistral-small-3(\.\d)?-24b"],
    "Mixtral": [r"mixtral-8x7b", r"mixtral-8x22b"],
    "Devstral": [r"devstral-.*"],
    "Magistral": [r"magistral-.*"],
    "Gemma": [r"gemma-2-\d+b", r"gemma-3-\d+b", r"gemma-3n-e\d+b"],
    "Phi": [r"phi-3-.*", r"phi-3\.5-.*", r"phi-4-.*"],
    "DeepSeek": [r"deepseek-v2", r"deepseek-v3", r"deepseek-r1"],
    "DeepSeek R1 distills": [r"deepseek-r1-distill-qwen-\d+b", r"deepseek-r1-distill-llama-\d+b"],
    "Kimi": [r"kimi-k2", r"kimi-linear-48b-a3b"],
    "GLM": [r"glm-4-\d+b", r"glm-4\.5", r"glm-4\.5-air", r"glm-4\.6", r"glm-4\.7-flash"],
    "gpt-oss": [r"gpt-oss-20b", r"gpt-oss-120b"],
    "Command R": [r"command-r-35b", r"command-r-plus-104b"],
    "Granite": [r"granite-.*"],
    "Nemotron": [r".*nemotron.*"],
    "Falcon-H1": [r"falcon-h1-.*"],
    "Jamba": [r"jamba-.*"],
    "OLMo": [r"olmo.*"],
    "SmolLM": [r"smollm.*"],
    "Yi": [r"yi-.*"],
}

HARDWARE_GROUPS = {
    "GTX 10": [r"gtx-10[5-8]0.*"],
    "GTX 16": [r"gtx-16[56]0.*"],
    "RTX 20 desktop": [r"rtx-20[6-8]0(-.*)?"],
    "RTX 20 laptop": [r"rtx-20[5-8]0-laptop"],
    "RTX 30 desktop": [r"rtx-30[5-9]0(-ti|-\d+gb)?"],
    "RTX 30 laptop": [r"rtx-30[5-8]0(-ti)?-laptop"],
    "RTX 40 desktop": [r"rtx-40[6-9]0(-.*)?"],
    "RTX 40 laptop": [r"rtx-40[5-9]0-laptop"],
    "RTX 50 desktop": [r"rtx-50[5-9]0(-.*)?"],
    "RTX 50 laptop": [r"rtx-50[5-9]0(-ti)?-laptop"],
    "Quadro RTX": [r"quadro-rtx-\d+"],
    "RTX A-series": [r"rtx-a\d+"],
    "RTX Ada": [r"rtx-\d+-ada"],
    "RTX PRO Blackwell": [r"rtx-pro-\d+-blackwell"],
    "Pascal/Volta/Turing datacenter": [r"p40", r"p100-.*", r"v100-.*", r"t4"],
    "Ampere datacenter": [
        r"a10",
        r"a40",
        r"a100-40gb-pcie",
        r"a100-80gb-pcie",
        r"a100-40gb-sxm",
        r"a100-80gb-sxm",
    ],
    "Ada datacenter": [r"l4", r"l40", r"l40s"],
    "Hopper": [r"h100-pcie", r"h100-sxm", r"h100-nvl", r"h200", r"gh200-.*"],
    "Blackwell datacenter": [r"b200"],
    "Jetson Orin": [r"jetson-.*orin.*"],
    "DGX Spark": [r"dgx-spark"],
    "RX 6000": [r"rx-6\d00(-.*)?"],
    "RX 7000": [r"rx-7\d00(-.*)?"],
    "RX 9000": [r"rx-9\d{3}(-.*)?"],
    "Radeon Pro": [r"radeon-pro-.*"],
    "Radeon AI PRO": [r"radeon-ai-pro-.*"],
    "Instinct": [
        r"mi50-.*",
        r"mi100",
        r"mi210",
        r"mi250x?",
        r"mi300x",
        r"mi325x",
        r"mi350x",
        r"mi355x",
    ],
    "AMD APUs": [r"radeon-8060s", r"radeon-780m", r"radeon-890m"],
    "Arc A": [r"arc-a\d+.*"],
    "Arc B": [r"arc-b\d+.*"],
    "Apple M1": [r"m1", r"m1-pro-.*", r"m1-max-.*", r"m1-ultra-.*"],
    "Apple M2": [r"m2", r"m2-pro-.*", r"m2-max-.*", r"m2-ultra-.*"],
    "Apple M3": [r"m3", r"m3-pro-.*", r"m3-max-.*", r"m3-ultra-.*"],
    "Apple M4": [r"m4", r"m4-pro-.*", r"m4-max-.*"],
    "CPU systems": [
        r"cpu-ddr4-2ch",
        r"cpu-ddr4-4ch",
        r"cpu-ddr4-8ch",
        r"cpu-ddr5-2ch",
        r"cpu-ddr5-4ch",
        r"cpu-ddr5-8ch",
        r"cpu-ddr5-12ch",
    ],
}

# ids other helpers write code and tests against (the brief's conventions)
CONVENTION_IDS = {
    "model": [
        "llama-3.1-8b",
        "llama-3.3-70b",
        "llama-2-7b",
        "llama-1-65b",
        "llama-4-scout-17b-16e",
        "qwen2.5-7b",
        "qwen2.5-coder-32b",
        "qwq-32b",
        "qwen3-32b",
        "qwen3-30b-a3b",
        "qwen3-235b-a22b",
        "qwen3-coder-30b-a3b",
        "qwen3-next-80b-a3b",
        "qwen3.5-27b",
        "qwen3.5-35b-a3b",
        "qwen3.6-27b",
        "qwen3-coder-next",
        "mistral-7b",
        "mistral-nemo-12b",
        "mistral-small-3.1-24b",
        "mixtral-8x7b",
        "mixtral-8x22b",
        "gemma-3-27b",
        "gemma-3n-e4b",
        "phi-4-14b",
        "deepseek-v3",
        "deepseek-r1",
        "deepseek-r1-distill-qwen-14b",
        "deepseek-r1-distill-llama-70b",
        "kimi-k2",
        "kimi-linear-48b-a3b",
        "glm-4.5-air",
        "gpt-oss-20b",
        "gpt-oss-120b",
        "command-r-35b",
    ],
    "hardware": [
        "rtx-3090",
        "rtx-3090-ti",
        "rtx-4090",
        "rtx-4090-laptop",
        "rtx-4060-ti-16gb",
        "gtx-1080-ti",
        "rtx-a6000",
        "rtx-6000-ada",
        "rtx-pro-6000-blackwell",
        "a100-80gb-sxm",
        "a100-40gb-pcie",
        "h100-sxm",
        "l40",
        "l40s",
        "p40",
        "t4",
        "jetson-agx-orin-64gb",
        "dgx-spark",
        "rx-7900-xtx",
        "rx-9070-xt",
        "radeon-8060s",
        "radeon-780m",
        "mi300x",
        "arc-a770-16gb",
        "arc-b580",
        "m1",
        "m2-max-38c",
        "m3-pro-18c",
        "m4-pro-20c",
        "m3-ultra-80c",
        "cpu-ddr4-2ch",
        "cpu-ddr5-2ch",
        "cpu-ddr5-12ch",
        "ryzen-9-7950x",
        "epyc-9654",
        "core-i9-14900k",
    ],
}


def _missing(groups: dict[str, list[str]], ids) -> list[str]:
    return [
        f"{group}: {pattern}"
        for group, patterns in groups.items()
        for pattern in patterns
        if not any(re.fullmatch(pattern, i) for i in ids)
    ]


def test_required_model_families(cat):
    assert not _missing(MODEL_GROUPS, cat.models)


def test_required_hardware_groups(cat):
    assert not _missing(HARDWARE_GROUPS, cat.hardware)


def test_convention_ids_exist(cat):
    assert not [i for i in CONVENTION_IDS["model"] if i not in cat.models]
    assert not [i for i in CONVENTION_IDS["hardware"] if i not in cat.hardware]


# --------------------------------------------------------------------------- architecture facts


def _full_layers(model) -> int:
    return sum(g.layers for g in model.attention if g.kind == "full")


def test_qwen35_family_is_three_deltanet_layers_to_one_full_attention_layer(cat):
    # full_attention_interval 4 in every Qwen3.5 / 3.6 / 3.8 config, MoE or dense
    family = [m for m in cat.models.values() if re.match(r"qwen3\.[568]-", m.id)]
    assert len(family) >= 10
    for m in family:
        linear = sum(g.layers for g in m.attention if g.kind == "linear")
        assert (_full_layers(m), linear) == (m.layers // 4, 3 * m.layers // 4), m.id


def test_qwen35_27b_keeps_a_kv_cache_on_its_16_full_attention_layers_only(cat):
    from fitengine.memory import kv_bytes, kv_layer_bytes

    m = cat.models["qwen3.5-27b"]
    per_layer = kv_layer_bytes(m, 32768, "f16", 1)
    grows = [a != b for a, b in zip(per_layer, kv_layer_bytes(m, 65536, "f16", 1), strict=True)]
    assert sum(grows) == 16  # the 48 Gated DeltaNet layers keep a fixed state
    # 16 layers x 2 (K, V) x 4 kv heads x 256 head dim x 2 bytes = 64 KiB per token; x 32768 tokens
    # = 2,147,483,648 B (2 GiB). DeltaNet state: 48 layers x (3 x (2 x 16 x 128 + 48 x 128) + 48 x
    # 128 x 128) x 4 bytes = 48 x 3,268,608 B = 156,893,184 B (the catalog rounds 3.117 MiB to 3.12).
    assert kv_bytes(m, 32768) == pytest.approx(2_147_483_648 + 156_893_184, rel=1e-3)
    # (approx: the layers' bytes are summed in the stack's order, kinds interleaved)
    assert kv_bytes(m, 65536) - kv_bytes(m, 32768) == pytest.approx(2_147_483_648, rel=1e-12)


def test_qwen35_35b_a3b_kv_and_routed_experts_follow_the_config(cat):
    from fitengine.memory import kv_bytes

    m = cat.models["qwen3.5-35b-a3b"]
    # 10 full layers x 2 x 2 kv heads x 256 x 2 bytes x 32768 = 671,088,640 B (640 MiB);
    # 30 DeltaNet layers x (3 x (4096 + 4096) + 32 x 128 x 128) x 4 B = 30 x 2,195,456 B
    assert kv_bytes(m, 32768) == pytest.approx(671_088_640 + 30 * 2_195_456, rel=1e-3)
    # routed experts: 256 experts x 40 layers x 3 matrices x 2048 hidden x 512 expert FFN
    assert m.moe.expert_params_b == pytest.approx(256 * 40 * 3 * 2048 * 512 / 1e9, abs=0.01)
    assert (m.moe.active, m.moe.shared) == (8, 1)


def test_qwen3_coder_next_has_the_qwen3_next_shapes(cat):
    from fitengine.memory import kv_bytes_per_token

    coder, base = cat.models["qwen3-coder-next"], cat.models["qwen3-next-80b-a3b"]

    def shape(m):
        return (m.layers, m.hidden_size, m.heads, m.kv_heads, m.head_dim, m.vocab)

    assert shape(coder) == shape(base)
    assert _full_layers(coder) == _full_layers(base) == 12
    per_token = 12 * 2 * 2 * 256 * 2
    assert kv_bytes_per_token(coder) == pytest.approx(per_token, rel=1e-12)
    assert kv_bytes_per_token(base) == pytest.approx(per_token, rel=1e-12)
    assert (coder.moe.experts, coder.moe.active, coder.moe.shared) == (512, 10, 1)
