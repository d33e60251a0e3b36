"""Hugging Face repo references in a question ("can unsloth/Qwen3-8B-GGUF:Q4_K_M run on a 3090?",
a pasted link): the detector is fitengine.hub.refs (one parser for every entry point); here their
spans are taken before any name is matched, and the repos become the question's models.

The parser does no I/O: a repo's model is named by its repo id, which the caller reads
(fitengine.hub) and passes to answers.ask(models=...)."""

from __future__ import annotations

import re

from ..hub.refs import find_refs
from ..resolve import release_format_re
from . import patterns as P
from .choose import MAX_COMPARED
from .query import ModelRef, Query
from .spans import name_quant
from .state import Mention, State

RepoRef = tuple[int, ModelRef]  # (where the reference starts, the model it names)


def extract_repo_refs(st: State) -> list[RepoRef]:
    """Take every repo reference's span; a quant after ':' is the question's quant; a link to
    another site is said in `ignored`, never read."""
    out: list[RepoRef] = []
    for f in find_refs(st.text):
        if f.ref is not None and _local_file(st.text[f.start : f.end]):
            continue  # "models/llama-2-13b.Q4_K_M.gguf": a file on disk, read by name
        if f.ref is not None and f.ref.repo_id.lower() in P.LANG.container_images:
            st.mask.take(f.start, f.end)  # "vllm/vllm-openai:latest": a program's image
            continue
        tag = OLLAMA_LIBRARY_RE.match(st.text, f.start) if f.ref is None else None
        if tag is not None:
            # "https://ollama.com/library/gemma2:27b-text-q3_K_M": the model's Ollama tag, read
            # by name as if typed (the page itself is not read)
            st.mask.take(f.start, tag.end())
            continue
        st.mask.take(f.start, f.end)
        if f.ref is None:
            st.ignored.append(f"{st.text[f.start : f.end][:80]} ({f.error})")
            continue
        out.append((f.start, _catalog_ref(st, f.ref) or _repo_ref(f.ref)))
        want = (f.ref.quant or "").upper().replace("-", "_")
        quant = next(
            (q for q in st.idx.catalog.quants if q.upper().replace("-", "_") == want), None
        )
        if quant is None:
            # no ":QUANT": the one the file's or the repo's name says ("...-4bit", "...-AWQ")
            quant = name_quant(st, f.ref.file or f.ref.name)
            if quant and (m := P.SERVING_FORMAT_RE.search((f.ref.file or f.ref.name).lower())):
                st.repo_formats[f.start] = P.LANG.serving_formats[m.group()]
        if quant:
            st.quants.append((f.start, quant))
    return out


# a link to a model's page in Ollama's library: what follows is its tag
OLLAMA_LIBRARY_RE = re.compile(r"https?://(?:www\.)?ollama\.com/library/", re.I)


def _repo_ref(ref) -> ModelRef:
    return ModelRef(id=ref.repo_id, name=ref.repo_id, params_b=0.0)


def _catalog_ref(st: State, ref) -> ModelRef | None:
    """A catalog model's original repo, or another release format of the same weights under any
    owner ("meta-llama/Meta-Llama-3-70B-Instruct", "nvidia/Qwen3-235B-A22B-FP4"): the catalog
    entry, as fitengine.hub would answer it, so a question asked without the Hub (the batch, the
    bench) reads the model too. A GGUF repo or a file stays the Hub's to read: its files' sizes are
    the answer's."""
    if ref.file or "gguf" in ref.name.lower():
        return None
    plain = release_format_re().sub("", ref.name).strip().lower()
    eid = st.idx.repo_names.get(plain)
    if eid is None:
        return None
    m = st.idx.catalog.models[eid]
    return ModelRef(id=m.id, name=m.name, params_b=m.params_b)


def _local_file(said: str) -> bool:
    """A bare OWNER/NAME that ends in a model file's extension is a path on disk, not a repo (a
    repo's name never ends in ".gguf"; a link to a file in a repo starts with its host)."""
    low = said.lower()
    return not low.startswith(("http", "hf.co/", "huggingface.co/", "www.")) and low.endswith(
        (".gguf", ".bin", ".safetensors")
    )


def place_repo_models(
    st: State, q: Query, refs: list[RepoRef], models: list[Mention], compare: bool
) -> None:
    """The repos and the catalog names, in the order the question gives them."""
    cat = st.idx.catalog
    named = [
        (
            m.start,
            ModelRef(id=m.eid, name=cat.models[m.eid].name, params_b=cat.models[m.eid].params_b),
        )
        for m in models
        if m.eid
    ]
    ordered = [ref for _, ref in sorted([*named, *refs], key=lambda x: x[0])]
    q.model = ordered[0]
    q.model_b = ordered[1] if compare and len(ordered) > 1 else None
    q.more_models = ordered[2:MAX_COMPARED] if compare else []
