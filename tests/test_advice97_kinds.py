"""Round advice97: context questions said the ways development had not covered, each pinned with
phrasings of its own (not the bench's words).

1. A setting past the model's native window run by choice ("num_ctx 65536" on Qwen3 14B's 40K)
   is answered at that setting, YaRN set for it; the answer reaches further with rope scaling only
   when the asker hit a limit ("I can only get 48k", "keeps running out of context").
2. A window changed ("num_ctx 8192 -> 32768", "--max-model-len from 32768 to 131072", "ctx
   16k→64k"): the new one is asked, not the old one (nor none, as "from ... to" read before).
3. A window said in words ("100 thousand tokens", "half a million tokens of context", "a 1
   million token context"): the window, not only "the window is the topic".
4. A document said in pages ("a 300 page pdf", "a 100-page contract"): a window that holds it,
   ~650 tokens a page, and a reply; a few pages stay in the default window. A whole codebase or a long meeting
   is a long input too: the answer runs the longest window that fits.
5. A window said for each of several users ("8 users with 32k context each", "32k context per
   user, 10 users"): that many windows at once, as "8 concurrent users" reads.
"""

import pytest

from fitengine import ask
from fitengine.catalog import default_catalog
from fitengine.nlq import parse

CAT = default_catalog()


# --------------------------------------------------------------------------- 1. YaRN only on a hit


@pytest.mark.parametrize(
    "text, setting",
    [
        ("My 4090 runs Qwen3 14B with num_ctx 65536 in a Modelfile", 65536),
        ("Qwen2.5 14B on a 3090 with --ctx-size 49152", 49152),
    ],
)
def test_a_setting_past_the_native_window_by_choice_stays_at_that_setting(text, setting):
    q = parse(text)
    assert q.context == setting and q.context_setting and not q.context_limit_hit
    r = ask(text).reports[0]
    m = CAT.models[r.model.id]
    assert m.context < setting and m.rope_scaling is not None
    assert r.fit != "wont_fit"
    assert r.context == setting  # YaRN set for their window, not stretched to x4


@pytest.mark.parametrize(
    "text",
    [
        "Qwen3 14B on a 4090 keeps running out of context at num_ctx 65536",
        "qwen3 14b on a 5090: I can only get 48k context, I need more",
    ],
)
def test_a_window_hit_past_the_native_one_reaches_the_rope_scaled_window(text):
    q = parse(text)
    assert q.context_limit_hit
    r = ask(text).reports[0]
    m = CAT.models[r.model.id]
    rope = m.rope_scaling
    assert rope is not None and r.context > q.context
    assert r.context <= rope.factor * rope.original_context


# --------------------------------------------------------------------------- 2. a window changed


@pytest.mark.parametrize(
    "text, window",
    [
        ("went num_ctx 8192 -> 32768 with qwen3.6 27b on a 4090 and now it spills to RAM", 32768),
        ("vllm on 2x 3090: --max-model-len from 32768 to 131072 for qwen3.6 27b", 131072),
        ("gemma 4 31b on a 5090, context 16k→64k and prefill got slow", 65536),
    ],
)
def test_a_window_changed_asks_the_new_one(text, window):
    assert parse(text).context == window


def test_a_context_sweep_is_still_no_window():
    q = parse("llama-bench of qwen3.6 27b on a 3090, ctx 4096 to 65536")
    assert q.context is None


# --------------------------------------------------------------------------- 3. tokens in words


@pytest.mark.parametrize(
    "text, window",
    [
        ("can a 3090 hold qwen3.6 27b with 100 thousand tokens of context?", 100_000),
        ("qwen3.6 35b a3b on a 4090 with a context of one hundred thousand tokens", 100_000),
        ("gpt-oss 120b on a DGX Spark with half a million tokens of context", 500_000),
        ("nemotron 3 nano with a 1 million token context on a 5090?", 1_000_000),
    ],
)
def test_a_window_said_in_words_is_read(text, window):
    assert parse(text).context == window


def test_a_thousand_of_something_else_is_no_window():
    assert parse("two thousand dollars for a 5090 to run qwen3.6 27b?").context is None


# --------------------------------------------------------------------------- 4. pages, long inputs


@pytest.mark.parametrize(
    "text, pages",
    [
        ("I want gemma 4 31b on my 5090 to read a 300 page pdf", 300),
        ("qwen3.6 27b on a 4090 for a 120-page contract review", 120),
    ],
)
def test_a_document_in_pages_asks_a_window_that_holds_it(text, pages):
    q = parse(text)
    assert q.context is None  # the text says no window: the answer counts one
    assert q.document_tokens == pages * 650 + 4096  # the document and room for a reply
    r = ask(text).reports[0]
    assert r.fit != "wont_fit" and r.context >= pages * 650


def test_a_few_pages_keep_the_default_window():
    q = parse("summarize a 5 page letter with qwen3.5 9b on a 3060")
    assert q.context is None and q.document_tokens is None


def test_a_benchmark_flag_is_no_page_count():
    q = parse("llama-bench -p 512 -pg 512,128 with qwen3.5 9b on a 3060")
    assert q.document_tokens is None and q.context is None


@pytest.mark.parametrize(
    "text",
    [
        "could qwen3.6 35b a3b on my 4090 take in my whole codebase in one prompt?",
        "gemma 4 12b on a 16GB 4060 Ti to summarise an hour-long meeting recording",
    ],
)
def test_a_long_input_without_a_size_runs_the_longest_window(text):
    q = parse(text)
    assert q.context_topic and q.context is None
    r = ask(text).reports[0]
    assert r.fit != "wont_fit" and r.context >= 65536


# --------------------------------------------------------------------------- 5. a window per user


@pytest.mark.parametrize(
    "text, users",
    [
        ("serving qwen3.6 27b to 6 users with 32k context each on 2x 3090", 6),
        ("vllm, qwen3.6 35b a3b on a 5090: 64k context per user, 4 users", 4),
    ],
)
def test_a_window_for_each_user_holds_that_many(text, users):
    q = parse(text)
    assert q.parallel == users and q.context is not None


def test_memory_each_card_is_no_user_count():
    assert parse("2x 3090 with 24GB each, qwen3.6 27b at 32k context").parallel is None
