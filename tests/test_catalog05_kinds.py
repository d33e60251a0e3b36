"""Old models out of today's lists (round catalog05): the catalog marks a model replaced
(Model.superseded, with the reason in its entry) by one rule applied to every entry, and a list of
the best models for a setup names today's models first wherever a newer one of its kind runs.

The rule: released before 2025, and a model released since, of its kind (Model.may_replace: a
general model, or a specialist of the same kind), stock llama.cpp can load, at most 4/3 its size
(advise.SUPERSEDE_SIZE), uncensored only for an uncensored one, scores higher on the published
quality index (an estimate does not count): then whatever memory runs the old one runs the newer,
better one."""

from __future__ import annotations

import pytest

from fitengine import ask
from fitengine.advise import SUPERSEDE_SIZE, _past
from fitengine.catalog import default_catalog
from fitengine.quality import model_quality

BEFORE = "2025"


def _successor(m, cat):
    """The best model the rule finds replacing `m`, or None."""
    if not m.released or m.released >= BEFORE:
        return None
    mine = model_quality(m, cat).value
    best = None
    for n in cat.models.values():
        if n.pending_llama_cpp is not None or not n.released or n.released < BEFORE:
            continue
        if ("uncensored" in n.tags) != ("uncensored" in m.tags) or not n.may_replace(m):
            continue
        if n.params_b > m.params_b / SUPERSEDE_SIZE:
            continue
        q = model_quality(n, cat)
        if q.estimated or q.value <= mine:
            continue
        if best is None or q.value > model_quality(best, cat).value:
            best = n
    return best


def test_every_entry_is_marked_by_the_rule_and_says_why():
    """Each entry carries `superseded` exactly when the rule holds for it, and the line names
    its release and the newer model that replaces it (no entry hand-picked, none left out)."""
    cat = default_catalog()
    wrong = []
    for m in cat.models.values():
        n = _successor(m, cat)
        if (n is None) != (m.superseded is None):
            wrong.append((m.id, n.id if n else None, m.superseded))
        elif n is not None and not (m.released in m.superseded and n.name in m.superseded):
            wrong.append((m.id, n.id, m.superseded))
    assert not wrong, wrong
    # the rule reaches the 2024 generations people still name out of habit
    for old in ("qwen2.5-3b", "falcon3-3b", "exaone-3.5-2.4b", "llama-3.1-8b", "gemma-2-9b"):
        assert cat.models[old].superseded, old
    # and leaves today's and the 2025 ones (their own family's newer release handles those)
    for current in ("qwen3.5-2b", "gemma-4-e2b", "qwen3-4b-instruct-2507", "gpt-oss-20b"):
        assert cat.models[current].superseded is None, current


def _top(text: str, n: int = 5) -> list:
    """The catalog entries of the answer's first `n` models."""
    cat = default_catalog()
    ids: list[str] = []
    for r in ask(text).reports:
        if r.model.id not in ids:
            ids.append(r.model.id)
    return [cat.models[i] for i in ids[:n]]


@pytest.mark.parametrize(
    "text",
    [
        "my laptop's nvidia card only has 2.5 GB of video memory, which language model should I run",
        "best LLM I can run on a GPU with under 3 gigs of VRAM?",
    ],
)
def test_a_tiny_card_lists_no_2024_model_beside_todays(text):
    """Under 3 GB of VRAM Qwen3.5 2B, LFM2.5 1.2B and the like fit: Qwen2.5 3B, Falcon3 3B and
    EXAONE 3.5 2.4B (2024, each beaten on the index by a newer model no bigger) are not in the
    first five."""
    top = _top(text)
    assert top and not any(_past(m) for m in top), [m.id for m in top]
    assert top[0].released >= "2026", top[0].id


@pytest.mark.parametrize(
    "text",
    [
        "what's the strongest model for an 8 GB RTX 4060",
        "which model should I run on a 12gb 3060",
        "good local model for a 16GB 4060 Ti?",
        "best llm for one 24 GB 3090",
        "what should I run on my 32GB RTX 5090",
        "best model for a Mac mini with 16GB",
        "MacBook Pro M4 Max 64GB, which LLM is the best",
        "best model for a 128GB M4 Max",
    ],
)
def test_common_setups_keep_todays_families_first(text):
    """A common card or Mac: the first is a 2026 model, the next two are today's too (released
    within the last year and a half: gpt-oss-20b of August 2025 counts), and no model the catalog
    marks replaced is in the first five."""
    top = _top(text)
    assert len(top) >= 3, text
    assert top[0].released >= "2026", [m.id for m in top]
    assert all((m.released or "") >= "2025-06" for m in top[:3]), [m.id for m in top]
    assert not any(_past(m) for m in top), [m.id for m in top]


def test_an_old_family_asked_for_still_answers():
    """A mark orders a list, it removes nothing: the largest Llama for a 24 GB card is still a
    Llama (every one of them 2024 or older, or replaced)."""
    top = _top("what's the best llama model for my 24GB RTX 3090")
    assert top and top[0].family == "llama", [m.id for m in top]
