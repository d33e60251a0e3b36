"""Speculative decoding: Leviathan et al.'s expected tokens and speed-up, worked by hand, and the
llama-server flags that turn it on."""

from __future__ import annotations

import itertools

import pytest

from fitengine import speculative as S


def test_expected_tokens_by_hand():
    # 3 drafts at alpha 0.8: 1 + 0.8 + 0.64 + 0.512 = 2.952 tokens per target step
    assert S.expected_tokens(0.8, 3) == pytest.approx(2.952)
    # one draft: the target's own token plus the draft half the time
    assert S.expected_tokens(0.5, 1) == pytest.approx(1.5)


def test_the_ends_of_the_acceptance_range():
    assert S.expected_tokens(0.0, 5) == 1.0  # every draft rejected: only the target's token
    assert S.expected_tokens(1.0, 5) == 6.0  # every draft accepted, plus the target's token
    assert S.expected_tokens(0.7, 0) == 1.0  # no drafting at all


def test_speedup_by_hand():
    # 2.952 tokens for 3 draft steps at 5% of a target step plus one check: 2.952 / 1.15
    assert S.speedup(0.8, 3, draft_cost=0.05) == pytest.approx(2.952 / 1.15)
    # a check dearer than a decode step (a MoE reading more experts) eats into it
    assert S.speedup(0.8, 3, draft_cost=0.05, verify_cost=1.5) == pytest.approx(2.952 / 1.65)


def test_a_drafter_that_is_never_right_only_costs_time():
    assert S.speedup(0.0, 4, draft_cost=0.1) == pytest.approx(1 / 1.4)
    assert S.best(0.0, draft_cost=0.1).n_draft == 0
    assert S.best(0.0, draft_cost=0.1).flags == ()


@pytest.mark.parametrize(
    ("alpha", "n"), list(itertools.product([0.0, 0.1, 0.35, 0.6, 0.85, 0.99, 1.0], range(9)))
)
def test_expected_tokens_stays_between_one_and_all_drafts(alpha, n):
    e = S.expected_tokens(alpha, n)
    assert 1.0 <= e <= n + 1
    assert S.expected_tokens(min(alpha + 0.05, 1.0), n) >= e  # better drafts never hurt
    assert S.expected_tokens(alpha, n + 1) >= e  # nor do more of them, before their cost


def test_best_picks_a_longer_draft_for_a_better_drafter():
    weak, strong = S.best(0.5, draft_cost=0.05), S.best(0.9, draft_cost=0.05)
    assert 1 <= weak.n_draft < strong.n_draft
    assert strong.speedup > weak.speedup > 1.0
    # best really is the maximum over the lengths it searched
    assert strong.speedup == max(S.speedup(0.9, n, 0.05) for n in range(1, S.MAX_DRAFT + 1))


def test_flags_for_mtp_heads_and_for_a_draft_model():
    assert S.flags(3) == ("--spec-type", "draft-mtp", "--spec-draft-n-max", "3")
    assert S.flags(8, draft_model="draft.gguf") == (
        "--spec-type",
        "draft-simple",
        "--spec-draft-model",
        "draft.gguf",
        "--spec-draft-n-max",
        "8",
    )
    assert S.best(0.8, 0.05).flags == S.flags(S.best(0.8, 0.05).n_draft)


def test_a_draft_from_the_hub_on_the_gpu_with_the_targets_cache_type():
    flags = " ".join(S.draft_flags(4, hf="org/Draft-GGUF:Q8_0", kv_type="q8_0", gpu=True))
    assert flags == (
        "--spec-type draft-simple --spec-draft-hf org/Draft-GGUF:Q8_0 --spec-draft-n-max 4"
        " --spec-draft-ngl all --spec-draft-type-k q8_0 --spec-draft-type-v q8_0"
    )
    # on a CPU there are no layers to place, and an f16 cache is llama.cpp's default
    assert S.draft_flags(4, path="./d.gguf") == (
        "--spec-type",
        "draft-simple",
        "--spec-draft-model",
        "./d.gguf",
        "--spec-draft-n-max",
        "4",
    )


def test_no_flag_uses_a_name_llama_cpp_removed():
    # tools/server/README.md (late 2026): --draft / --draft-n / --draft-max / --draft-min are
    # refused as removed; -md / -ngld / -devd still work as aliases, the --spec-* names are primary
    removed = {"--draft", "--draft-n", "--draft-max", "--draft-min", "--draft-n-min"}
    aliases = {"-md", "--model-draft", "-ngld", "--gpu-layers-draft", "-hfd", "--draft-p-min"}
    for flags in (
        S.flags(3),
        S.flags(5, draft_model="d.gguf"),
        S.draft_flags(5, hf="o/r:Q4_0", kv_type="q4_0", gpu=True),
    ):
        assert not (set(flags) & (removed | aliases)), flags
        assert all(f.startswith("--spec-") for f in flags if f.startswith("-"))


def test_best_length_is_the_search_over_the_checks_cost():
    alpha, draft = 0.85, 0.1

    def verify(n: int) -> float:  # a check that grows with the drafted tokens
        return 1.0 + 0.05 * n

    n, gain = S.best_length(alpha, draft, verify)
    every = [S.speedup(alpha, k, draft, verify(k)) for k in range(1, S.MAX_DRAFT + 1)]
    assert gain == pytest.approx(max(every))
    assert n == every.index(max(every)) + 1
    # a drafter as dear as the target never pays
    assert S.best_length(alpha, 1.0, verify) == (0, 1.0)


def test_llama_cpp_acceptance_rate_converts_to_per_token_alpha():
    # at one draft llama.cpp's accepted / drafted is alpha itself
    assert S.acceptance_from_rate(0.7, 1) == pytest.approx(0.7, abs=1e-9)
    # at 3 drafts and alpha 0.8 a step accepts 0.8 + 0.64 + 0.512 = 1.952 of 3 drafted tokens
    assert S.acceptance_from_rate(1.952 / 3, 3) == pytest.approx(0.8, abs=1e-9)


@pytest.mark.parametrize(
    "call",
    [
        lambda: S.expected_tokens(1.2, 3),
        lambda: S.expected_tokens(0.5, -1),
        lambda: S.speedup(0.5, 2, draft_cost=-0.1),
        lambda: S.speedup(0.5, 2, draft_cost=0.1, verify_cost=0),
        lambda: S.acceptance_from_rate(0.5, 0),
    ],
)
def test_impossible_inputs_are_refused(call):
    with pytest.raises(ValueError):
        call()


def test_mtp_with_several_blocks_drafts_at_most_one_token_per_block():
    # Step 3.5 Flash ships three MTP blocks, which llama.cpp chains once each (PR #24340)
    from fitengine import analyze

    r = analyze("step-3.5-flash", "m3-ultra-256gb")
    assert r.speculative is not None and 1 <= r.speculative.draft_tokens <= 3


def test_the_dense_qwen_27bs_offer_mtp():
    from fitengine import analyze

    for model in ("qwen3.6-27b", "qwen3.8-27b"):
        r = analyze(model, "rtx-3090")
        assert r.speculative is not None and r.speculative.method == "mtp"
        assert "--spec-type draft-mtp" in r.speculative.flags


def test_a_looped_mtp_layer_drafts_no_longer_than_its_acceptance_was_measured_at():
    from fitengine import analyze

    # Qwen3.8 27B's 84% was measured at --spec-draft-n-max 2: five drafted tokens read 70 tok/s
    # on a 7900 XTX where people measure ~44 at 2 and less beyond
    sp = analyze(
        "qwen3.8-27b", "rx-7900-xtx", quant="Q4_K_M", context=131072, kv_type="q8_0"
    ).speculative
    assert sp is not None and sp.draft_tokens <= 2
    # and the flags load the repo whose file carries the MTP layer
    assert sp.flags.startswith("-hf ") and "MTP" in sp.flags.split()[1]
