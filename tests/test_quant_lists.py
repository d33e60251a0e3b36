"""The quant files a catalogued GGUF repo lists: what the repo publishes, down to the 2-3 bit files
that put a dense 24-32B model whole on a 12-16 GB card, with the sizes the repo gives them."""

from __future__ import annotations

import pytest

from fitengine.engine import estimate

# Qwen2.5-72B's FFN width (29568) is not a multiple of 256, so llama-quantize falls back to bigger
# types for ffn_down and its i-quant files run ~0.5 bpw above the type (catalog/quants.yaml)
_WIDE_I_QUANTS = {"qwen2.5-72b"}


def test_a_dense_32b_on_a_16gb_card_has_a_3_bit_file_that_fits_whole(cat):
    # bartowski's Qwen3-32B IQ3_XXS (12.82 GB) runs on the GPU alone where Q3_K_M (15.97 GB),
    # the smallest 3-bit file the catalog once listed, spills into system RAM
    iq3 = estimate("qwen3-32b", "rtx-4060-ti-16gb", quant="IQ3_XXS", kv_type="q8_0", context=8192)
    q3 = estimate("qwen3-32b", "rtx-4060-ti-16gb", quant="Q3_K_M", kv_type="q8_0", context=8192)
    assert iq3.run.placement.kind == "gpu"
    assert q3.run.placement.kind != "gpu"
    assert iq3.run.decode > q3.run.decode


def test_a_listed_k_or_i_quant_file_weighs_about_its_type_s_bits_per_weight(cat):
    # a size read from the wrong column, or in GiB, shows up as a file far from params x bpw;
    # dense files of 12B and more sit at 0.92-1.10 of it (the type's figure is an 8B model's,
    # whose embeddings weigh more; Qwen3.6-27B's Gated DeltaNet tensors keep more bits)
    for m in cat.models.values():
        if m.moe or m.native_quant or m.params_b < 12:
            continue
        params_b = m.params_b + ((m.mtp.params_b or 0.0) if m.mtp else 0.0)
        for repo in m.gguf:
            for quant, size in repo.quants.items():
                q = cat.quants.get(quant)
                if not size or q is None or q.family not in ("i", "k"):
                    continue
                if q.family == "i" and m.id in _WIDE_I_QUANTS:
                    continue
                ratio = size / (params_b * q.bpw / 8)
                assert 0.9 <= ratio <= 1.12, (m.id, repo.repo, quant, size, round(ratio, 3))


@pytest.mark.parametrize(
    ("model", "repo", "quant"),
    [
        # the files of the brief's 12-16 GB card: each named by its repo's own listing
        ("mistral-small-3-24b", "bartowski/Mistral-Small-24B-Instruct-2501-GGUF", "IQ3_M"),
        ("qwen3-32b", "unsloth/Qwen3-32B-GGUF", "UD-IQ3_XXS"),
        ("qwen3.6-27b", "bartowski/Qwen_Qwen3.6-27B-GGUF", "IQ3_M"),
        ("glm-4.7-flash", "unsloth/GLM-4.7-Flash-GGUF", "UD-IQ3_XXS"),
    ],
)
def test_the_repos_3_bit_files_are_listed_with_their_sizes(cat, model, repo, quant):
    sizes = {r.repo: r.quants for r in cat.models[model].gguf}
    assert sizes[repo].get(quant)
