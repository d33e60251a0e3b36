"""A question about "a quantized KV cache" with no type named sizes the window of each usual
type (f16, q8_0, q4_0) with the flags that set it, whatever type the text says it runs now
(review10, kind 4: "how much more context with a quantized KV cache" answered at f16 only)."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.nlq import parse

MISTRAL = (
    "4090 24GB, Mistral-Small-3.1-24B-Instruct-2503 Q4_K_M (14GB): with an f16 KV cache all 43 "
    "layers fit at 20480 context, but at 24576 only 40 of 43. With a quantized KV cache I should "
    "be able to get a bigger context without layers in RAM, how much?"
)


def test_a_quantized_cache_asked_about_is_each_usual_type():
    q = parse(MISTRAL)
    assert q.kv_type is None and q.kv_types_asked == ["f16", "q8_0", "q4_0"]
    # a type named stays the one asked about
    q = parse("qwen 3.5 9b on a 5070, 200k context (8 bit KV cache quantization)")
    assert q.kv_type == "q8_0" and not q.kv_types_asked


def test_each_cache_type_is_sized_with_its_flags(cat):
    msg = ask(MISTRAL, cat).message
    assert "f16 holds up to" in msg
    assert "q8_0 holds up to" in msg and "-ctk q8_0 -ctv q8_0" in msg
    assert "q4_0 holds up to" in msg
