"""Round advice66: a served datacenter setup's quant table has the formats a vLLM or SGLang
server loads from the model's own repo (catalog/setups.yaml server_weight_formats), not only the
GGUF files the catalog knows. Llama 2 70B on four A100 40GB was answered at Q5_K_M because its
GGUF repo's 8-bit file is split into parts the catalog does not list, so advice53's 8-bit floor
had no row to pick (bench/advice_questions.yaml a42-mg-llama2-70b-4xa100-40)."""

from __future__ import annotations

import pytest

from fitengine.engine import _server_bpw, verdict


@pytest.mark.parametrize(
    ("model", "hardware", "gpus"),
    [
        ("llama-2-70b", "a100-40gb-sxm", 4),
        ("codellama-70b", "h100-sxm", 2),
        ("falcon-40b", "a100-80gb-pcie", 2),
        ("llama-1-65b", "l40s", 4),
    ],
)
def test_a_server_runs_the_8_bit_row_even_without_a_catalogued_gguf(model, hardware, gpus):
    v = verdict(model, hardware, gpus=gpus)
    assert _server_bpw(v.req) is not None
    ids = {c.quant.id for c in v.table.configs}
    assert {"Q8_0", "BF16"} <= ids
    assert v.run.quant.id == "Q8_0", (model, hardware, v.run.quant.id)
    assert v.run.fit == "runs_well"


@pytest.mark.parametrize(
    ("model", "hardware", "gpus"),
    [
        ("llama-2-70b", "rtx-3090", 2),
        ("llama-2-70b", "v100-sxm2", 4),
        ("codellama-70b", "rtx-4090", 3),
    ],
)
def test_cards_run_with_llama_cpp_keep_the_catalogued_files(model, hardware, gpus):
    # desktop cards and older datacenter cards in home labs: GGUF files only, as before
    v = verdict(model, hardware, gpus=gpus)
    assert _server_bpw(v.req) is None
    assert "BF16" not in {c.quant.id for c in v.table.configs}


@pytest.mark.parametrize(
    ("model", "gpus"), [("gpt-oss-120b", 2), ("gpt-oss-20b", 2), ("deepseek-v4-flash", 4)]
)
def test_a_model_released_in_fewer_bits_is_served_as_released(model, gpus):
    # its native row (MXFP4) is the served format already: no 16-bit copy is added
    v = verdict(model, "h100-sxm", gpus=gpus)
    assert v.req.model.native_quant == "MXFP4"
    assert "BF16" not in {c.quant.id for c in v.table.configs}
    assert v.run.quant.id in ("MXFP4", "MXFP4_MOE") or v.run.quant.bpw >= 7.5
