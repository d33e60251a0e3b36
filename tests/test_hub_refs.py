"""Model references: every form people paste, one parser, and nothing that lets text choose which
host or path is requested."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fitengine.hub.client import HubClient
from fitengine.hub.files import pick, quant_label, read_listing
from fitengine.hub.refs import HubRef, RefError, find_refs, parse_ref
from fitengine.hub.settings import HubSettings, Secret


@pytest.mark.parametrize(
    "text, repo, quant, file, rev",
    [
        ("hf.co/unsloth/Qwen3-8B-GGUF:Q4_K_M", "unsloth/Qwen3-8B-GGUF", "Q4_K_M", None, "main"),
        ("hf.co/unsloth/Qwen3-8B-GGUF", "unsloth/Qwen3-8B-GGUF", None, None, "main"),
        ("huggingface.co/bartowski/Foo-GGUF:iq4_xs", "bartowski/Foo-GGUF", "iq4_xs", None, "main"),
        ("unsloth/Qwen3-8B-GGUF", "unsloth/Qwen3-8B-GGUF", None, None, "main"),
        ("unsloth/Qwen3-8B-GGUF:UD-Q4_K_XL", "unsloth/Qwen3-8B-GGUF", "UD-Q4_K_XL", None, "main"),
        (
            "https://huggingface.co/unsloth/Qwen3-8B-GGUF",
            "unsloth/Qwen3-8B-GGUF",
            None,
            None,
            "main",
        ),
        (
            "https://huggingface.co/unsloth/Qwen3-8B-GGUF/blob/main/Qwen3-8B-Q4_K_M.gguf",
            "unsloth/Qwen3-8B-GGUF",
            None,
            "Qwen3-8B-Q4_K_M.gguf",
            "main",
        ),
        (
            "https://huggingface.co/u/R-GGUF/resolve/abc123/UD-Q4_K_XL/R-UD-Q4_K_XL-00001-of-00003.gguf?download=true",
            "u/R-GGUF",
            None,
            "UD-Q4_K_XL/R-UD-Q4_K_XL-00001-of-00003.gguf",
            "abc123",
        ),
        ("https://hf.co/u/R-GGUF/tree/main/UD-Q2_K_XL", "u/R-GGUF", "UD-Q2_K_XL", None, "main"),
        ("https://huggingface.co/u/R-GGUF/discussions/4", "u/R-GGUF", None, None, "main"),
        ("https://huggingface.co/u/R-GGUF/blob/main/README.md", "u/R-GGUF", None, None, "main"),
    ],
)
def test_every_form_names_the_repo(text, repo, quant, file, rev):
    ref = parse_ref(text)
    assert ref is not None
    assert (ref.repo_id, ref.quant, ref.file, ref.revision) == (repo, quant, file, rev)


@pytest.mark.parametrize(
    "text",
    [
        "https://evil.example/unsloth/Qwen3-8B-GGUF",
        "https://huggingface.co.evil.example/a/b",
        "https://huggingface.co:8443/a/b",
        "ftp://huggingface.co/a/b",
        "https://huggingface.co/datasets/a/b",
        "https://huggingface.co/spaces/a/b",
        "https://huggingface.co/a",
        "https://huggingface.co/a/b/blob/../../x.gguf",
        "https://huggingface.co/a/b/resolve/..%2F..%2Fetc/x.gguf",
        "hf.co/a",
        "hf.co/a/b/c",
        "https://user:pw@evil.example/a/b",
    ],
)
def test_anything_but_a_hub_model_repo_is_refused(text):
    with pytest.raises(RefError):
        parse_ref(text)


@pytest.mark.parametrize(
    "text", ["llama-3.1-8b", "qwen3:32b", "rtx 3090", "Qwen3 32B", "a/b/c", "../x", "a..b/c"]
)
def test_plain_names_are_not_references(text):
    assert parse_ref(text) is None


def test_the_configured_endpoint_host_is_accepted():
    ref = parse_ref("https://hub.internal/a/b-GGUF", extra_hosts=frozenset({"hub.internal"}))
    assert ref is not None and ref.repo_id == "a/b-GGUF"


def test_urls_are_rebuilt_on_the_endpoint():
    client = HubClient(HubSettings(endpoint="https://mirror.test"))
    ref = parse_ref("https://huggingface.co/u/R-GGUF/blob/main/sub/R-Q4_K_M.gguf")
    assert client._file_url(ref, ref.file) == (
        "https://mirror.test/u/R-GGUF/resolve/main/sub/R-Q4_K_M.gguf"
    )
    assert client._api_url(ref) == "https://mirror.test/api/models/u/R-GGUF?blobs=true"


@given(st.text(max_size=300))
def test_any_text_parses_or_is_refused_never_crashes(text):
    try:
        ref = parse_ref(text)
    except RefError:
        return
    if ref is not None:
        for part in (ref.owner, ref.name):
            assert "/" not in part and ".." not in part and part.strip() == part


@given(st.text(max_size=300))
def test_free_text_never_crashes(text):
    for found in find_refs(text):
        assert 0 <= found.start < found.end <= len(text)
        assert (found.ref is None) != (found.error is None)


def test_questions_find_repo_ids_and_links():
    q = "can unsloth/Qwen3.6-27B-GGUF run on my 3090/4090? or https://hf.co/google/gemma-3-27b-it"
    refs = [f.ref.repo_id for f in find_refs(q) if f.ref]
    assert refs == ["unsloth/Qwen3.6-27B-GGUF", "google/gemma-3-27b-it"]


@pytest.mark.parametrize(
    "text", ["is 3090/4090 better", "chat/coding workloads", "q4/q8", "rtx-3090/rtx-4090"]
)
def test_slashes_in_questions_are_not_repos(text):
    assert [f for f in find_refs(text) if f.ref] == []


def test_a_link_elsewhere_in_a_question_is_said_not_fetched():
    found = find_refs("what about https://evil.example/a/b ?")
    assert len(found) == 1 and found[0].ref is None and "Hugging Face" in found[0].error


def test_the_token_never_shows():
    s = HubSettings(token=Secret("hf_secret_value"))
    assert "hf_secret_value" not in repr(s) and "hf_secret_value" not in str(s.token)


# --------------------------------------------------------------------------- file lists


LISTING = [
    {"rfilename": "README.md", "size": 100},
    {"rfilename": "mmproj-F16.gguf", "size": 800_000_000},
    {"rfilename": "Model-Q8_0.gguf", "size": 8_540_000_000},
    {"rfilename": "Model-Q4_K_M.gguf", "size": 4_920_000_000},
    {"rfilename": "Model-UD-Q4_K_XL.gguf", "size": 5_000_000_000},
    {"rfilename": "Model-Q4_K_L.gguf", "size": 5_300_000_000},
    {"rfilename": "BF16/Model-BF16-00002-of-00002.gguf", "size": 6_000_000_000},
    {"rfilename": "BF16/Model-BF16-00001-of-00002.gguf", "size": 10_000_000_000},
    {"rfilename": "Q2_K/Model-Q2_K-00001-of-00002.gguf", "size": 1_000_000_000},
    {"rfilename": "imatrix_unsloth.gguf", "size": 5_000_000},
]


def test_split_files_are_one_quant_with_their_sizes_summed():
    files = read_listing(LISTING)
    bf16 = files.quants["BF16"]
    assert bf16.size == 16_000_000_000 and bf16.complete
    assert bf16.paths == (
        "BF16/Model-BF16-00001-of-00002.gguf",
        "BF16/Model-BF16-00002-of-00002.gguf",
    )
    assert not files.quants["Q2_K"].complete  # one of two parts listed
    assert "mmproj" not in " ".join(q.first for q in files.gguf)
    assert "imatrix" not in " ".join(q.first for q in files.gguf)


def test_the_default_pick_is_llama_cpps():
    files = read_listing(LISTING)
    assert pick(files).label == "Q4_K_M"
    no_q4 = read_listing([x for x in LISTING if "Q4_K_M" not in x["rfilename"]])
    assert pick(no_q4).label == "Q8_0"
    neither = read_listing(
        [{"rfilename": "a-IQ2_M.gguf", "size": 1}, {"rfilename": "a-Q6_K.gguf", "size": 2}]
    )
    assert pick(neither).label == "IQ2_M"


def test_a_named_quant_matches_like_llama_cpps_tag():
    files = read_listing(LISTING)
    assert pick(files, "q8_0").label == "Q8_0"
    assert pick(files, "Q4_K_XL").label == "UD-Q4_K_XL"
    assert pick(files, path="Model-Q4_K_L.gguf").label == "Q4_K_L"
    with pytest.raises(LookupError, match="no IQ1_S file"):
        pick(files, "IQ1_S")


@pytest.mark.parametrize(
    "name, label",
    [
        ("Qwen3-8B-Q4_K_M.gguf", "Q4_K_M"),
        ("gemma-3-27b-it-qat-UD-Q4_K_XL.gguf", "UD-Q4_K_XL"),
        ("Meta-Llama-3.1-8B-Instruct-f16.gguf", "F16"),
        ("gpt-oss-20b-MXFP4.gguf", "MXFP4"),
        ("UD-IQ1_S/Kimi-K2.6-UD-IQ1_S-00001-of-00006.gguf", "UD-IQ1_S"),
        ("model.Q5_K_S.gguf", "Q5_K_S"),
        ("ggml-model.gguf", None),
    ],
)
def test_quant_labels_from_file_names(name, label):
    assert quant_label(name) == label


def test_hubref_text_is_llama_cpps_form():
    assert HubRef("u", "R-GGUF", "Q4_K_M").text == "hf.co/u/R-GGUF:Q4_K_M"
