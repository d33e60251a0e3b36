"""Kinds of model swap fixed in round advice77 (real questions: bench/advice_questions.yaml a77- ids
and the a72 "llama3:7b" question): an Ollama tag's base name with a size none of its tags has
("llama3:7b", "qwen3 7b") read as nothing and answered with an unrelated list, where a regular
reads the family's nearest size and says so; a family said bare beside "ollama" read as the tag
`ollama run` pulls even when the file named is an i-quant no library tag ships (a Hub file: "Gemma 3
IQ4 XS ... 4090 24g" is the 27B, not gemma3:4b); MLX run as `mlx_lm` / `mlx_vlm` (a Mac) not read
as a Mac."""

from __future__ import annotations

import pytest

from fitengine import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("llama3:7b on 8gb", "llama-3-8b"),
        ("qwen3 7b on my 3060", "qwen3-8b"),
        ("Qwen3-7B on a 4060", "qwen3-8b"),
        ("qwen2.5:13b on a 3060 12gb", "qwen2.5-14b"),
        ("codellama:33b on a 3090", "codellama-34b"),
        ("qwen2.5-coder 34b on a 3090", "qwen2.5-coder-32b"),
        ("llama3.1 7b on a 4060 ti 16gb", "llama-3.1-8b"),
    ],
)
def test_tag_size_the_family_lacks_is_its_nearest_size(text: str, model: str) -> None:
    q = parse(text)
    assert q.model is not None and q.model.id == model
    assert not [u for u in q.unsure if u.kind == "model"]
    assert any("nearest size" in a for a in q.assumed)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("qwen3:8b on a 3060", "qwen3-8b"),  # a size the family has: as said, nothing assumed
        ("deepseek-r1:7b on a 3060", "deepseek-r1-distill-qwen-7b"),
    ],
)
def test_tag_size_the_family_has_is_unchanged(text: str, model: str) -> None:
    q = parse(text)
    assert q.model is not None and q.model.id == model
    assert not any("nearest size" in a for a in q.assumed)


@pytest.mark.parametrize(
    "text",
    [
        "can I run qwen3 3b",
        "gemma3 9b on 12gb",
        # a size a newer line has, that the catalog lacks, is not moved to a near one
        "Qwen3VL-32B on a 4090",
        "Unable to run Qwen3-36B-AWQ-Int4 on 4x RTX 3090 GPUs",
    ],
)
def test_size_far_from_every_tag_stays_unknown(text: str) -> None:
    # 3 for 4, 9 for 12: another model, not a size misremembered
    q = parse(text)
    assert q.model is None
    assert [u for u in q.unsure if u.kind == "model"]


@pytest.mark.parametrize(
    ("text", "not_model"),
    [
        # a family word alone means its newest models, not the old line its bare tag pulls
        ("today I'll try the new Qwen 30B coder", "qwen1.5-32b"),
        ("qwen 30b on a 3090", "qwen1.5-32b"),
        # a variant word after the size names another model
        ("qwen2.5 34b coder on a 3090", "qwen2.5-32b"),
    ],
)
def test_no_nearest_size_for_a_bare_family_or_a_variant(text: str, not_model: str) -> None:
    q = parse(text)
    assert q.model is None or q.model.id != not_model
    assert not any("nearest size" in a for a in q.assumed)


def test_llama3_7b_question_answers_the_model() -> None:
    a = ask(
        "llama3:7b cache size set\n\nI installed two NVIDIA RTX 2080 TI graphics cards in an "
        "experimental deployment and successfully ran the llama3:7b model. I want to know how "
        "to adjust the cache size."
    )
    assert a.reports and a.reports[0].model.id == "llama-3-8b"


GEMMA_4090 = (
    "ollama v0.6.2 gemma 3 OOM: Killed process\n\n### What is the issue?\n\nGemma 3 IQ4 XS,  "
    "num_ctx 32k,  num_predict 32k.  nvidia 4090 24g, 128g RAM"
)


@pytest.mark.parametrize(
    ("text", "bigger_than"),
    [
        (GEMMA_4090, "gemma-3-4b"),
        ("qwen3 IQ4_XS in ollama on a 3090 with 64gb ram", "qwen3-8b"),
        ("ollama with gemma3 IQ3_M on my rtx 5090", "gemma-3-4b"),
    ],
)
def test_i_quant_with_ollama_is_a_hub_file_of_the_size_the_setup_holds(
    text: str, bigger_than: str
) -> None:
    q = parse(text)
    assert q.model is not None and q.model.id != bigger_than
    assert q.model.params_b > 10
    assert any("biggest of the family" in a for a in q.assumed)


@pytest.mark.parametrize(
    "text",
    [
        "ollama: gemma 3 on my 4090",
        "started using ollama with llama3 on a 3090 q4_K_M",
        "ollama run qwen3 on a 3090, Q4_K_M",
    ],
)
def test_ollama_tag_quant_keeps_the_tag_pulled(text: str) -> None:
    q = parse(text)
    assert q.model is not None and q.model.params_b < 10


@pytest.mark.parametrize(
    "text",
    [
        "我那128g内存执行python -m mlx_vlm.generate 跑qwen3 235b提示内存不够",
        "python -m mlx_lm.generate --model qwen3-30b-a3b with 64gb",
        "mlx_lm.server with gemma 3 27b, 32gb",
    ],
)
def test_mlx_module_names_say_a_mac(text: str) -> None:
    assert parse(text).mac
