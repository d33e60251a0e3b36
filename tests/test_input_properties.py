"""Whatever people type (issue 13): the question parser, the name resolver and the CLI/batch
contract hold on inputs hypothesis draws, from any Unicode to catalog words glued to numbers of
hundreds of digits. bench/fuzz.py runs the same generators a hundred thousand times."""

from __future__ import annotations

import contextlib
import io
import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz import ERROR_TYPES, messy_text, name_text, option_value
from fitengine import (
    ask,
    complete_hardware,
    complete_models,
    parse,
    resolve_hardware,
    resolve_model,
)
from fitengine.cli import answer_line, main, to_json
from fitengine.constants import MAX_GPUS
from fitengine.resolve import MAX_COMPLETIONS, MAX_SUGGESTIONS
from fitengine.units import MAX_TOKENS

EXAMPLES = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANY_TEXT = st.text(max_size=300) | messy_text()


def strict(payload) -> object:
    """The payload as a strict JSON reader takes it (no NaN, no Infinity)."""
    return json.loads(
        to_json(payload), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c))
    )


# --------------------------------------------------------------------------- parser


@EXAMPLES
@given(ANY_TEXT)
def test_the_parser_reads_anything_into_numbers_in_range(text):
    q = parse(text)
    assert q.context is None or 0 < q.context <= MAX_TOKENS + 1
    for gb in (q.vram_gb, q.ram_gb, q.vram_gb_b):
        assert gb is None or (gb > 0 and math.isfinite(gb))
    assert q.model_size_b is None or (q.model_size_b > 0 and math.isfinite(q.model_size_b))
    assert q.gpus is None or 1 <= q.gpus <= MAX_GPUS
    strict(q.model_dump(mode="json"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_every_question_gets_an_answer(text):
    a = ask(text)
    assert a.message.strip()
    strict(a.model_dump(mode="json"))  # as the CLI writes it (to_json)


# --------------------------------------------------------------------------- resolver


@EXAMPLES
@given(name_text())
def test_the_resolver_answers_any_name(text):
    for resolve in (resolve_model, resolve_hardware):
        r = resolve(text)
        assert 0.0 <= r.score <= 100.0
        assert len(r.suggestions) <= MAX_SUGGESTIONS
        assert all(0.0 <= s.score <= 100.0 for s in r.suggestions)
    for complete in (complete_models, complete_hardware):
        found = complete(text)
        assert len(found) <= MAX_COMPLETIONS
        assert len({s.id for s in found}) == len(found)


def _catalog_words() -> list[str]:
    from fitengine import default_catalog
    from fitengine.resolve import normalize

    cat = default_catalog()
    names = [e.name for e in (*cat.models.values(), *cat.hardware.values())]
    return sorted({w for n in names for w in normalize(n).split() if w.isalpha() and len(w) > 2})


CATALOG_WORDS = st.sampled_from(_catalog_words())


@EXAMPLES
@given(CATALOG_WORDS, CATALOG_WORDS, st.integers(0, 10**6), st.booleans())
def test_two_catalog_words_glued_to_a_number_resolve(a, b, n, number_first):
    """'qwencoder3', 'rtxgeforce3090': a KeyError for nearly every pair once."""
    text = f"{n}{a}{b}" if number_first else f"{a}{b}{n}"
    for resolve in (resolve_model, resolve_hardware, complete_models, complete_hardware):
        resolve(text)


# --------------------------------------------------------------------------- CLI and batch

BATCH_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40) | name_text(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
BATCH_KEYS = st.sampled_from(
    [
        "model",
        "hardware",
        "quant",
        "context",
        "gpus",
        "vram_gb",
        "ram_gb",
        "kv_type",
        "setup",
        "workload",
        "mode",
        "parallel",
        "backend",
        "depth",
        "prompt_tokens",
        "parse",
        "ask",
        "xyz",
    ]
)


@EXAMPLES
@given(
    st.dictionaries(BATCH_KEYS, BATCH_VALUES, max_size=5),
    st.none() | st.text(max_size=12) | st.integers(),
)
def test_a_batch_line_is_one_strict_json_object_with_its_id(obj, ident):
    if ident is not None:
        obj["id"] = ident
    raw = json.dumps(obj)
    out = strict(answer_line(raw, 7))
    assert isinstance(out, dict)
    if "error" in out:
        assert out["error"]["type"] in ERROR_TYPES and out["error"]["message"]
    if ident is not None:
        assert out["id"] == ident


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["--context", "--vram", "--ram", "--gpus", "--parallel", "--depth", "--quant"]),
    option_value(),
)
def test_fit_with_json_prints_one_json_value_whatever_the_options(option, value):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["fit", "qwen3-8b", "rtx-3090", option, value, "--json"])
    assert code in (0, 2), err.getvalue()
    payload = strict(json.loads(out.getvalue()))
    assert ("error" in payload) == (code == 2)
    if code == 2:
        assert payload["error"]["type"] in ERROR_TYPES
