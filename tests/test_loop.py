"""A looped transformer (Inkling 2 Mini): 24 physical layers, the core 6-17 run three times a
token with the same weights. The file holds each layer once, llama.cpp's -ngl and --n-cpu-moe
count its 24 blocks, but every pass keeps a KV cache of its own and reads the core's weights
again. Each figure is worked out by hand from the entry's shapes."""

import pytest
from pydantic import ValidationError

from fitengine import constants as C
from fitengine.catalog import Loop, Model
from fitengine.engine import _read_bytes, _wp_setup, make_setup, workpoint
from fitengine.memory import Placement, full_offload, kv_bytes, kv_layer_bytes, place, weights
from fitengine.speed import active_bytes, matmul_params

CTX = 32768
# one visit's conv state: 3 taps x 6,656 values x 4 bytes, as the entry rounds it
STATE = 0.076 * C.MIB
# one attention visit: 8 KV heads x (128 K + 128 V) x 2 bytes (f16) per cached token
PER_TOKEN = 8 * 256 * 2


@pytest.fixture
def ink(cat):
    return cat.models["inkling-2-mini"]


def test_the_core_is_visited_once_per_pass(ink):
    assert ink.loop == Loop(first=6, last=17, passes=3)
    assert ink.visits == 6 + 12 * 3 + 6 == 48
    assert ink.visits_in(0, 6) == 6  # the prelude, once
    assert ink.visits_in(18, 24) == 6  # the coda, once
    assert ink.visits_in(10, 20) == 8 * 3 + 2  # core layers 10-17 thrice, coda 18-19 once
    assert ink.layer_of_visit()[18] == 6  # the second pass starts again at the core's first


def test_a_loop_must_lie_inside_the_model_and_its_groups_cover_the_visits(ink):
    data = ink.model_dump()
    with pytest.raises(ValidationError, match="past the model's last"):
        Model(**{**data, "loop": {"first": 6, "last": 24, "passes": 3}})
    with pytest.raises(ValidationError, match="comes after its last"):
        Model(**{**data, "loop": {"first": 17, "last": 6, "passes": 3}})
    with pytest.raises(ValidationError, match="passes"):
        Model(**{**data, "loop": {"first": 6, "last": 17, "passes": 1}})
    # the groups cover 48 visits: two passes of the core are 36
    with pytest.raises(ValidationError, match="48 layers, the model has 36 layer visits"):
        Model(**{**data, "loop": {"first": 6, "last": 17, "passes": 2}})


def test_each_pass_keeps_its_own_cache(ink):
    """8 global visits grow with the context; 40 sliding visits keep their 1,024-token window
    plus one 512-token ubatch; all 48 keep a short-convolution state."""
    full = 8 * PER_TOKEN * CTX  # 1 GiB
    sliding = 40 * PER_TOKEN * (1024 + 512)
    assert kv_bytes(ink, CTX) == pytest.approx(full + sliding + 48 * STATE)
    assert full == 1024**3
    # with 24 layers and no loop it would be half the global cache
    flat = ink.model_copy(
        update={
            "loop": None,
            "attention": [g.model_copy(update={"layers": g.layers // 2}) for g in ink.attention],
        }
    )
    assert kv_bytes(flat, CTX) == pytest.approx(kv_bytes(ink, CTX) / 2)


def test_a_looped_layer_holds_the_caches_of_all_its_passes(ink):
    """Global layers 3, 9, 15, 21 (one per 6-layer block): 9 and 15 are in the core and hold
    three caches, 3 and 21 one; a sliding core layer holds three windows."""
    kv = kv_layer_bytes(ink, CTX)
    assert len(kv) == 24  # one entry per block llama.cpp places
    one_global = PER_TOKEN * CTX + STATE
    one_sliding = PER_TOKEN * (1024 + 512) + STATE
    assert kv[3] == pytest.approx(one_global)
    assert kv[9] == pytest.approx(3 * one_global)
    assert kv[15] == pytest.approx(3 * one_global)
    assert kv[21] == pytest.approx(one_global)
    assert kv[0] == pytest.approx(one_sliding)
    assert kv[6] == pytest.approx(3 * one_sliding)


def test_weights_are_the_physical_layers_once(cat, ink):
    q = cat.quants["UD-Q4_K_XL"]
    w = weights(ink, q)
    assert w.n_layers == w.moe_layers == 24
    # 24 layers of non-expert weights and 24 of experts make the file with its two tables
    assert w.layers(24) + w.embed + w.output == pytest.approx(w.total)


def test_offload_counts_llama_cpps_24_blocks(cat, ink):
    hw = cat.hardware["rtx-4060"]
    setup = make_setup(hw, gpus=1)
    p = place(ink, cat.quants["UD-Q4_K_XL"], setup.device, 1, CTX, "q8_0")
    assert p.kind == "moe_offload"
    assert 0 < p.n_cpu_moe <= 24
    assert p.gpu_layers == 25  # every block and the output layer


def _split(cat, ink, gpu_layers, n_cpu_moe):
    setup = make_setup(cat.hardware["rtx-3090"], gpus=1)
    total = weights(ink, cat.quants["UD-Q4_K_XL"]).total
    p = Placement(kind="partial_offload", gpu_layers=gpu_layers, n_cpu_moe=n_cpu_moe)
    p.weights_total = total
    base = _wp_setup(ink, setup, "f16", cat)
    gpu, ram, ram_layers, _, output, _ = _read_bytes(ink, setup, p, base)
    per_visit = (active_bytes(ink, total) - output) / 24
    return gpu, ram, ram_layers, per_visit, output, total


def test_a_token_reads_the_core_once_per_pass(cat, ink):
    gpu, ram, ram_layers, per_visit, output, *_ = _split(cat, ink, 25, 0)
    assert gpu == pytest.approx(48 * per_visit + output)  # twice the layers' active weights
    assert ram == 0 and ram_layers == 0


def test_layers_left_in_ram_are_read_there_once_per_pass(cat, ink):
    # -ngl 6: the coda (18-23) on the GPU; the prelude and the core's three passes from RAM
    gpu, ram, ram_layers, per_visit, output, *_ = _split(cat, ink, 6, 0)
    assert gpu == pytest.approx(6 * per_visit)
    assert ram == pytest.approx((6 + 36) * per_visit + output)
    assert ram_layers == 42


def test_experts_left_in_ram_are_read_there_once_per_pass(cat, ink):
    # --n-cpu-moe 10: the experts of layers 0-9, visited 6 + 4 x 3 = 18 times a token
    gpu, ram, ram_layers, per_visit, output, total = _split(cat, ink, 25, 10)
    experts = ink.moe.expert_params_b * 1e9 * total / (ink.params_b * 1e9)
    picked = experts * 8 / 128 / 24  # one layer's picked experts
    assert ram == pytest.approx(18 * picked)
    assert gpu == pytest.approx(48 * per_visit + output - 18 * picked)
    assert ram_layers == 18


def test_fixed_costs_and_arithmetic_are_per_visit(cat, ink):
    setup = make_setup(cat.hardware["rtx-3090"], gpus=1)
    qt = cat.quants["UD-Q4_K_XL"]
    p = full_offload(ink, qt, setup.device, 1, CTX, "f16", True)
    p.kind = "gpu"
    wp = workpoint(ink, setup, p, "f16", "UD-Q4_K_XL", True, cat)
    assert wp.layers == wp.moe_layers == 48
    table = ink.vocab * ink.hidden_size
    body = matmul_params(ink, output=False)
    # the layers multiply twice what one pass over 24 layers would; the logits once
    assert wp.flops_per_token == pytest.approx(2 * (2 * body + table))
    assert wp.pp_flops_per_token == pytest.approx(2 * 2 * body)
    # a prefill ubatch reads the core's weights again at each later pass
    layer = (p.weights_total - 2 * table * p.weights_total / (ink.params_b * 1e9)) / 24
    on_gpu = sum(d.weights for d in p.devices)
    assert wp.weights_bytes_gpu == pytest.approx(on_gpu + 24 * layer)


def test_the_loop_makes_it_slower_than_its_weights_alone_say(cat, ink):
    from fitengine import analyze

    looped = analyze("inkling-2-mini", "rtx-3090", quant="UD-Q4_K_XL", context=8192)
    small = analyze("qwen3-30b-a3b", "rtx-3090", quant="UD-Q4_K_XL", context=8192)
    # about 3B active read once would be as fast as Qwen3-30B-A3B; read twice it is not
    assert looped.decode_tok_s < small.decode_tok_s
