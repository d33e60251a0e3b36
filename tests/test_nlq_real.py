"""The real-phrasing question set (tests/data/nlq_real.yaml) is well-formed: every item says where
it was posted, labels only known fields, and names catalog entries, unknown: names or pending ids."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.nlq import REAL_FILE, UNKNOWN, is_unknown, load_items, split_of

ENTITY_FIELDS = {
    "model": "models",
    "model_b": "models",
    "hardware": "hardware",
    "hardware_b": "hardware",
}
NUMBER_FIELDS = {"gpus", "vram_gb", "ram_gb", "context", "model_size_b"}
ALLOWED = {
    *ENTITY_FIELDS,
    *NUMBER_FIELDS,
    "text",
    "source",
    "setup",
    "quant",
    "kv_type",
    "workload",
    "intent",
    "pending",
}
INTENTS = {"fit", "best_model_for_hw", "best_hw_for_model", "best_hw", "compare", "help"}
KV_TYPES = {"f32", "f16", "bf16", "q8_0", "q5_1", "q5_0", "iq4_nl", "q4_1", "q4_0"}
SOURCE_RE = re.compile(r"^https?://[^\s/]+\.[^\s/]+/\S+$")


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return load_items(REAL_FILE)


def _ids(label) -> list:
    return label if isinstance(label, list) else [label]


def test_large_enough_and_split_by_hash(items):
    assert len(items) >= 400
    held = [i for i in items if split_of(i["text"]) == "heldout"]
    assert 0.25 < len(held) / len(items) < 0.42


def test_every_item_has_its_text_and_source(items):
    for it in items:
        assert isinstance(it.get("text"), str) and it["text"].strip(), it
        assert len(it["text"]) <= 800, it["text"][:80]
        assert SOURCE_RE.match(it.get("source", "")), it


def test_texts_are_unique(items):
    dup = [t for t, n in Counter(i["text"] for i in items).items() if n > 1]
    assert not dup


def test_labels_use_known_fields_and_values(items, cat):
    quants, workloads = set(cat.quants), set(cat.workloads)
    for it in items:
        assert set(it) <= ALLOWED, (set(it) - ALLOWED, it["text"][:60])
        assert any(k not in ("text", "source", "pending") for k in it), it["text"][:60]
        for f in NUMBER_FIELDS & set(it):
            for v in _ids(it[f]):
                assert v == "max" if f == "context" and isinstance(v, str) else v > 0, it
        if "intent" in it:
            assert it["intent"] in INTENTS, it
        if "kv_type" in it:
            assert set(_ids(it["kv_type"])) <= KV_TYPES, it
        if "quant" in it:
            assert set(_ids(it["quant"])) <= quants, it
        if "workload" in it:
            assert it["workload"] in workloads, it
        for d in it.get("setup", []):
            assert set(d) <= {"hardware", "count", "vram_gb"} and "hardware" in d, it
            assert len(it["setup"]) >= 2, it


def test_ids_exist_or_are_unknown_or_pending(items, cat):
    index = {"models": cat.models, "hardware": cat.hardware}
    for it in items:
        pairs = [(f, it[f]) for f in ENTITY_FIELDS if f in it]
        pairs += [("hardware", d["hardware"]) for d in it.get("setup", [])]
        for f, label in pairs:
            kind = ENTITY_FIELDS[f]
            if is_unknown(label):
                assert len(label) > len(UNKNOWN), it
                continue
            missing = [x for x in _ids(label) if x not in index[kind]]
            assert not missing or it.get("pending") is True, (missing, it["text"][:60])


def test_a_repo_reference_is_scored_as_the_model_it_names(cat):
    """The parser hands a Hugging Face repo to the Hub reader: the repo of a catalog model (its
    name without a format tail) is that model, and a repo named for an unknown: model is that
    model, not a miss."""
    from bench.nlq import check_field
    from fitengine.nlq import parse

    exl3 = "on a 3090: https://huggingface.co/someone/Seed-OSS-36B-Instruct-exl3-3.5bpw-hb6"
    assert check_field({"text": exl3, "model": "seed-oss-36b"}, parse(exl3), "model", cat)
    finetune = "someone/Nautilus-RP-18B-v2-GGUF on my 4070"
    item = {"text": finetune, "model": "unknown:Nautilus-RP-18B-v2"}
    assert check_field(item, parse(finetune), "model", cat)
    assert not check_field(
        {"text": finetune, "model": "unknown:Other-7B"}, parse(finetune), "model", cat
    )
