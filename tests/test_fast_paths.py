"""The engine's shortcuts give exactly what the long way gives (they exist for latency only)."""

import copy
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from fitengine.answers import _with_models
from fitengine.engine import BadInput, analyze, forget_decodes, make_setup
from fitengine.fit import safe_context_where
from fitengine.hub.refs import _LINK_RE, _link_matches
from fitengine.memory import (
    _fill,
    _gpu_loads,
    _min_free,
    _overlap,
    _place,
    _placed,
    compute_buffer,
    fill_split,
    fit_margin,
    fits_on_gpu,
    full_offload,
    full_offload_free,
    kv_layer_bytes,
    kv_prefix,
    kv_prefix_at,
    place,
    weights,
)
from fitengine.nlq import patterns as P
from fitengine.quality import model_quality


def _cases(cat, n, seed):
    rng = random.Random(seed)
    models = sorted(cat.models)
    hws = sorted(h for h in cat.hardware if not h.startswith("generic"))
    quants = sorted(cat.quants)
    out = []
    while len(out) < n:
        m = cat.models[rng.choice(models)]
        hw = cat.hardware[rng.choice(hws)]
        count = rng.choice([1, 1, 2, 3, 4, 8]) if hw.kind == "gpu" else 1
        try:
            setup = make_setup(hw, gpus=count, vram_gb=rng.choice([None, None, 8, 24, 96]))
        except BadInput:
            continue
        ctx = rng.choice([512, 4096, 32768, 131072, m.context])
        out.append(
            (m, cat.quants[rng.choice(quants)], setup, ctx, rng.choice(["f16", "q8_0", "q4_0"]))
        )
    return out


def test_min_free_is_the_placements_min_free(cat):
    rng = random.Random(3)
    for m, q, setup, ctx, kvt in _cases(cat, 150, 1):
        w = weights(m, q)
        kv = kv_prefix(kv_layer_bytes(m, ctx, kvt, 1))
        compute = compute_buffer(m, ctx, True)
        for ngl in {0, 1, m.layers // 2, m.layers, m.layers + 1, rng.randrange(m.layers + 2)}:
            for n_cpu_moe in {0, 1, w.moe_layers, rng.randrange(w.moe_layers + 1)}:
                p = _place(w, kv, compute, setup.device, setup.count, ngl, n_cpu_moe)
                free = _min_free(w, kv, compute, setup.device, setup.count, ngl, n_cpu_moe)
                assert free == p.min_free


def test_a_split_ruled_out_by_the_total_is_one_the_fill_does_not_find(cat):
    # fill_split says None without filling when the layers outgrow all the GPUs together: the
    # fill, GPU by GPU, finds no split either (with the margin kept or without it)
    rng = random.Random(5)
    ruled_out = 0
    for m, q, setup, ctx, kvt in _cases(cat, 600, 4):
        if setup.count == 1:
            continue
        dev, count = setup.device, setup.count
        w = weights(m, q)
        kv = kv_prefix(kv_layer_bytes(m, ctx, kvt, 1))
        compute = compute_buffer(m, ctx, True)
        caps = [dev.usable_of(i) for i in range(count)]
        for n_cpu_moe in {0, 1, w.moe_layers, rng.randrange(w.moe_layers + 1)}:
            split = fill_split(w, kv, compute, dev, count, n_cpu_moe)
            long_way = None
            for keep in (fit_margin(dev), 0.0):
                targets = [c - keep for c in caps]
                long_way = _fill(w, kv, compute, targets, caps[-1], count, n_cpu_moe)
                if long_way is not None:
                    break
            assert split == long_way
            ruled_out += long_way is None
    assert ruled_out > 50  # the cases reach the shortcut


@given(st.lists(st.integers(-5, 200), min_size=4, max_size=4))
def test_overlap_is_the_max_min_formula(bounds):
    a0, a1, b0, b1 = bounds
    assert _overlap(a0, a1, b0, b1) == max(0, min(a1, b1) - max(a0, b0))


def test_full_offload_free_and_fits_on_gpu_match_the_placements(cat):
    for m, q, setup, ctx, kvt in _cases(cat, 300, 2):
        dev, count = setup.device, setup.count
        free = full_offload_free(m, q, dev, count, ctx, kvt, True, 1)
        assert free == full_offload(m, q, dev, count, ctx, kvt, True, 1).min_free
        fits = fits_on_gpu(m, q, dev, count, ctx, kvt, True, 1)
        assert fits == place(m, q, dev, count, ctx, kvt, True, 1).fits_gpu


def test_a_kept_placement_is_the_one_worked_out_afresh(cat):
    for m, q, setup, ctx, kvt in _cases(cat, 300, 6):
        dev, count = setup.device, setup.count
        kept = place(m, q, dev, count, ctx, kvt, True, 1)
        assert kept == _placed(m, q, dev, count, ctx, kvt, True, 1)
        # an equal device of another question (a new object) finds it too
        again = place(m, q, make_setup(setup.hw, gpus=count).device, count, ctx, kvt, True, 1)
        assert again is kept or setup.device != make_setup(setup.hw, gpus=count).device


def _forget_all():
    place.cache_clear()
    safe_context_where.cache_clear()
    forget_decodes()


def test_reports_from_what_the_engine_kept_are_the_ones_worked_out_afresh(cat):
    # placements, safe contexts and decodes kept from other questions (the same setup, another
    # context or quant asked, another KV type) change no figure of a report
    cases = _cases(cat, 60, 7)
    asked = [
        dict(model=m, hardware=setup.hw, gpus=setup.count, context=ctx, kv_type=kvt, quant=q.id)
        for m, q, setup, ctx, kvt in cases
    ] + [
        dict(model=m, hardware=setup.hw, gpus=setup.count, context=min(ctx, m.context))
        for m, q, setup, ctx, kvt in cases
    ]

    def reports() -> list[str]:
        out = []
        for kw in asked:
            try:
                out.append(analyze(catalog=cat, **kw).model_dump_json())
            except BadInput as exc:
                out.append(str(exc))
        return out

    _forget_all()
    warm = reports()  # each question finds what the ones before it kept
    again = reports()  # every question finds its own
    afresh = []
    for kw in asked:
        _forget_all()
        try:
            afresh.append(analyze(catalog=cat, **kw).model_dump_json())
        except BadInput as exc:
            afresh.append(str(exc))
    assert warm == afresh
    assert again == afresh


def test_kv_prefix_at_is_the_prefix_of_the_layer_bytes(cat):
    m = cat.models["gemma-3-27b"]
    for ctx in (512, 8192, 131072):
        assert list(kv_prefix_at(m, ctx, "f16", 1)) == kv_prefix(kv_layer_bytes(m, ctx, "f16", 1))


def test_memo_hits_for_equal_large_contexts(cat):
    # a context is a new int object each question: the cache must hit on its value
    m = cat.models["llama-3.1-8b"]
    a = kv_layer_bytes(m, int("65536"), "f16", 1)
    assert kv_layer_bytes(m, int("65536"), "f16", 1) is a


def _hub_copy(cat, source: str, name: str, scores: bool = False):
    update = {"id": name, "name": name}
    if not scores:
        update["scores"] = []
    return cat.models[source].model_copy(update=update)


def test_a_catalog_with_a_repos_model_rates_models_as_one_indexed_afresh(cat):
    for scores in (False, True):
        name = f"hubtest/fast-paths-{scores}-GGUF"
        derived = _with_models(cat, {name: _hub_copy(cat, "qwen3-32b", name, scores)})
        fresh = copy.copy(derived)  # a catalog of its own: indexed from scratch
        for m in [derived.models[name], *list(cat.models.values())[::7]]:
            for task in ("overall", "coding", "creative"):
                assert model_quality(m, derived, task) == model_quality(m, fresh, task)


def test_the_same_repo_read_again_gets_the_same_catalog_copy(cat):
    name = "hubtest/fast-paths-again-GGUF"
    first = _with_models(cat, {name: _hub_copy(cat, "qwen3-32b", name)})
    again = _with_models(cat, {name: _hub_copy(cat, "qwen3-32b", name)})  # equal, not the same
    other = _with_models(cat, {name: _hub_copy(cat, "qwen3-14b", name)})
    assert again is first and other is not first
    assert other.models[name].params_b == cat.models["qwen3-14b"].params_b
    assert name not in cat.models  # the shared catalog is never changed


def test_every_wish_phrase_holds_a_literal_of_its_prefilter():
    for wish, rx in P.WISHES:
        for phrase in wish.phrases:
            text = phrase.replace("*", "s")
            assert rx.search(text), phrase
            assert any(lit in text for lit in P.NEEDS[rx]), phrase
            assert P.found(rx, f"so {text} please")


_LINKY = st.lists(
    st.sampled_from(
        [
            *"aZ09/:._-@+)('\"`,;!?<>",
            " ",
            "\n",
            "\u00a0",
            "\u2003",
            "https://",
            "http://",
            "hf.co/",
            "huggingface.co/",
            "www.",
            "unsloth",
            "Qwen3-8B-GGUF",
            ":Q4_K_M",
            "tok/s",
        ]
    ),
    max_size=40,
).map("".join)


@given(_LINKY)
@settings(max_examples=400, deadline=None)
def test_links_are_found_word_by_word_as_in_the_whole_text(text):
    whole = [(m.span(), m.group()) for m in _LINK_RE.finditer(text)]
    assert [(m.span(), m.group()) for m in _link_matches(text)] == whole


def _gpu_loads_with_min_max(w, kv, compute, count, ngl, n_cpu_moe, split=None):
    """memory._gpu_loads as it read with min() and max()."""
    L = w.n_layers
    on_gpu = min(ngl, L)
    experts_ram_end = L - w.moe_layers + min(n_cpu_moe, w.moe_layers)
    dev_compute = compute if on_gpu else 0.0
    base, extra = divmod(on_gpu, count)
    loads, a = [], L - on_gpu
    for d_i in range(count):
        n = split[d_i] if split is not None else base + (1 if d_i >= count - extra else 0)
        b = a + n
        experts_on_gpu = max(0, min(b, L) - max(a, experts_ram_end))
        buffer = compute if d_i == 0 else dev_compute
        loads.append((n * w.per_layer + experts_on_gpu * w.expert_per_layer, kv[b] - kv[a], buffer))
        a = b
    if ngl > L:
        last_weights, last_kv, _ = loads[-1]
        loads[-1] = (last_weights + w.output, last_kv, dev_compute)
    return loads


def test_gpu_loads_without_min_and_max_are_the_loads_with_them(cat):
    rng = random.Random(5)
    for m, q, _setup, ctx, kvt in _cases(cat, 200, 4):
        w = weights(m, q)
        kv = kv_prefix(kv_layer_bytes(m, ctx, kvt, 1))
        compute = compute_buffer(m, ctx, True)
        L = m.layers
        for _ in range(6):
            count, ngl = rng.choice([2, 3, 4, 8]), rng.randrange(L + 2)
            n_cpu_moe = rng.randrange(L + 3)
            split = None
            if rng.random() < 0.4:
                cuts = sorted(rng.randrange(min(ngl, L) + 1) for _ in range(count - 1))
                split = tuple(b - a for a, b in zip([0, *cuts], [*cuts, min(ngl, L)], strict=True))
            got = _gpu_loads(w, kv, compute, count, ngl, n_cpu_moe, split)
            assert got == _gpu_loads_with_min_max(w, kv, compute, count, ngl, n_cpu_moe, split)
