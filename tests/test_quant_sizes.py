"""A file the catalog lists no size for is estimated from what the listed files of its kind weigh."""

import statistics

import pytest

from fitengine.memory import weights


def _listed_moe_bpw(cat, quant_id: str) -> list[float]:
    """Bits per weight of every listed file of this quant on a MoE released in 16 or 8 bits."""
    out = []
    for m in cat.models.values():
        if m.moe is None or m.native_quant is not None or m.native_bulk:
            continue
        params_b = m.params_b + ((m.mtp.params_b or 0.0) if m.mtp else 0.0)
        for repo in m.gguf:
            size = repo.quants.get(quant_id)
            if size:
                out.append(size * 8 / params_b)
    return out


def test_a_mix_s_moe_figure_stays_near_the_listed_moe_files(cat):
    fitted = [q for q in cat.quants.values() if q.moe_bpw is not None]
    assert fitted
    for q in fitted:
        listed = _listed_moe_bpw(cat, q.id)
        assert len(listed) >= 3, q.id
        assert q.moe_bpw == pytest.approx(statistics.median(listed), abs=0.25), q.id


def test_unsloth_dynamic_quants_weigh_less_on_a_moe_than_on_a_dense_model(cat):
    # the mixes squeeze the routed experts only: on a MoE the whole file is lighter per weight
    for q in cat.quants.values():
        if q.moe_bpw is not None:
            assert q.moe_bpw < q.bpw, q.id


def test_mimo_v25_ud_iq4_xs_unlisted_is_estimated_near_the_150_gb_users_download(cat):
    # https://github.com/ggml-org/llama.cpp/pull/22493: "MiMo-V2.5-UD-IQ4_XS-*.gguf (~150GB)";
    # estimated as if the catalog listed none of its files
    mimo = cat.models["mimo-v2.5"].model_copy(update={"gguf": []})
    w = weights(mimo, cat.quants["UD-IQ4_XS"])
    assert not w.exact
    assert 140 <= w.total / 1e9 <= 160


def test_a_dense_model_keeps_the_dense_figure(cat):
    model = cat.models["qwen3.6-27b"].model_copy(update={"gguf": []})
    w = weights(model, cat.quants["UD-IQ4_XS"])
    assert w.total / 1e9 == pytest.approx(26.9 * cat.quants["UD-IQ4_XS"].bpw / 8, rel=0.05)


def test_a_moe_released_in_a_low_bit_format_keeps_the_dense_figure(cat):
    # gpt-oss ships its experts in MXFP4: no mix squeezes them further
    model = cat.models["gpt-oss-120b"].model_copy(update={"gguf": []})
    q = cat.quants["UD-Q4_K_XL"]
    assert weights(model, q).total / 1e9 == pytest.approx(
        (model.params_b + ((model.mtp.params_b or 0.0) if model.mtp else 0.0)) * q.bpw / 8,
        rel=0.01,
    )


def test_a_moe_with_listed_files_keeps_the_dense_figure_for_the_others(cat):
    # GLM-4.5-Air's own UD-Q4_K_XL is 5.51 bpw: far above the median, so its other mixes are
    # not guessed lighter from other models' files
    air = cat.models["glm-4.5-air"]
    q = cat.quants["UD-Q3_K_XL"]
    assert not any(repo.quants.get(q.id) for repo in air.gguf)
    assert weights(air, q).total / 1e9 == pytest.approx(air.params_b * q.bpw / 8, rel=0.02)


# llama-bench's model sizes of files the catalog lists no size for (sensura-san/llm-bench, the
# Raspberry Pi 4 runs of 2025-11-22, e.g. https://github.com/sensura-san/llm-bench/blob/8cb600e616843facd2c72d18c456ed58a5211010/results/gemma3-270m-instruct_Q4_0_2025-11-22T02-33-09Z.json):
# a tied output projection at Q8_0 (640 and 1,152 wide: no 256-weight blocks) or Q6_K (2,048)
@pytest.mark.parametrize(
    "model, quant, mib",
    [
        ("gemma-3-270m", "Q4_0", 224.00),
        ("gemma-3-270m", "IQ4_NL", 224.84),
        ("gemma-3-1b", "Q4_0", 680.82),
        ("gemma-3-1b", "IQ4_NL", 685.04),
        ("llama-3.2-1b", "Q4_0", 727.75),
        ("llama-3.2-1b", "Q4_K_M", 762.81),
    ],
)
def test_an_estimate_weighs_the_output_projection_at_its_own_type(cat, model, quant, mib):
    m = cat.models[model].model_copy(update={"gguf": []})
    w = weights(m, cat.quants[quant])
    assert not w.exact
    assert w.total / 2**20 == pytest.approx(mib, rel=0.03)


def test_the_reference_model_keeps_the_scoreboard_figure(cat):
    # the mixes' bpw are LLaMA 3 8B's whole files: the split by tensor gives them back
    m = cat.models["llama-3.1-8b"].model_copy(update={"gguf": []})
    for q in ("Q4_0", "Q4_K_M", "IQ2_XXS", "Q8_0"):
        qt = cat.quants[q]
        assert weights(m, qt).total == pytest.approx(m.params_b * 1e9 * qt.bpw / 8, rel=0.01), q
