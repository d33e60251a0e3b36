"""The name matcher's candidate keys (names.key_weights, names.by_weight) are the ones the plain
form picks: every key sharing a strong free word, weighted by a get-and-add per word and ranked by
a stable sort of (key, weight) pairs, so the same keys are scored in the same order. The keys of
the rare words first (rare_first) are a part of them with the same weights and order, and every
key left out weighs less than the bound returned: the names chosen are the same."""

from __future__ import annotations

from operator import itemgetter

from hypothesis import given, settings
from hypothesis import strategies as st

from fitengine.catalog import default_catalog
from fitengine.nlq import names, parse
from fitengine.nlq.index import index_for
from fitengine.nlq.names import _strong, _weight, by_weight, key_weights

IDX = index_for(default_catalog())
# catalog words (the one-letter code words and numbers that pull in hundreds of keys among them)
# and words no key has
WORDS = [*sorted(IDX.postings), "the", "with", "gb", "zzz", "b", "x"]


def plain_weights(run_toks, used, codes):
    cand: set[int] = set()
    for j, t in enumerate(run_toks):
        if not used[j] and _strong(t, codes[j]):
            cand.update(IDX.postings.get(t, ()))
    if not cand:
        return None
    acc: dict[int, float] = {}
    for j, t in enumerate(run_toks):
        if used[j]:
            continue
        w = _weight(t, codes[j])
        for ki in IDX.postings.get(t, ()):
            if ki in cand:
                acc[ki] = acc.get(ki, IDX.tiebreak[ki]) + w
    return acc


runs = st.integers(1, 8).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from(WORDS), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
    )
)


@settings(max_examples=400, deadline=None)
@given(runs)
def test_candidates_and_their_order_equal_the_plain_form(run):
    run_toks, used, codes = run
    got = key_weights(IDX, run_toks, used, codes)
    plain = plain_weights(run_toks, used, codes)
    assert (got is None) == (plain is None)
    if got is not None:
        acc, rest = got
        assert rest is None
        # the same weights to the bit, in the same order, and the same ranking
        assert list(acc.items()) == list(plain.items())
        ranked = [ki for ki, _ in sorted(plain.items(), key=itemgetter(1), reverse=True)[:64]]
        assert by_weight(acc) == ranked


def test_a_one_letter_code_word_still_finds_its_chip():
    # "m" of "m4" names hundreds of keys: the chip (the variant sold with 128 GB) still wins
    q = parse("is gpt oss 120b usable on an M4 Max 128GB with 64k ctx?", default_catalog())
    assert q.hardware is not None and q.hardware.id == "m4-max-40c"


@settings(max_examples=400, deadline=None)
@given(runs)
def test_the_rare_words_keys_come_first_and_the_rest_weigh_less(run):
    run_toks, used, codes = run
    got = key_weights(IDX, run_toks, used, codes, rare_first=True)
    plain = plain_weights(run_toks, used, codes)
    assert (got is None) == (plain is None)
    if got is None:
        return
    acc, rest = got
    # the same weights to the bit, in the order of the full weighing
    assert list(acc.items()) == [(ki, w) for ki, w in plain.items() if ki in acc]
    if rest is None:
        assert acc == plain
        return
    left_out = [w for ki, w in plain.items() if ki not in acc]
    assert left_out and max(left_out) < rest
    # so the keys weighing more than the bound lead the full ranking, in the same order
    heavy = [ki for ki in by_weight(acc) if acc[ki] > rest]
    assert by_weight(plain)[: len(heavy)] == heavy


# pieces of names as people write them, a one-letter code word and a number among them
PIECES = [
    *sorted({w for m in default_catalog().models for w in m.split("-")}),
    *sorted({w.lower() for h in default_catalog().hardware.values() for w in h.name.split()}),
    "m4", "m3", "max", "pro", "4", "14b", "128gb", "24gb", "on", "with", "my", "a", "2x",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=10))
def test_parses_are_the_same_without_the_rare_words_first(words):
    text = " ".join(words)
    cat = default_catalog()
    fast = parse(text, cat).model_dump()
    saved = names.RARE_KEYS
    names.RARE_KEYS = 10**9  # every word rare: all keys weighed at once, as before
    try:
        plain = parse(text, cat).model_dump()
    finally:
        names.RARE_KEYS = saved
    assert fast == plain
