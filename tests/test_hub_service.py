"""Resolving references against the fake Hub (tests/fakehub.py): what is requested, what is
cached, and a clear error (never a traceback, never the token) for every way the Hub fails."""

from __future__ import annotations

import json
import logging

import pytest
from fakehub import FakeFile
from hubfixtures import fixture

from fitengine.hub import (
    GatedRepo,
    HubService,
    HubSettings,
    HubUnavailable,
    NotAModel,
    RateLimited,
    RepoNotFound,
)
from fitengine.request import BadInput

TOKEN = "hf_FAKEtoken0123456789"
LLAMA = "hubtest/Meta-Llama-3.1-8B-Instruct-GGUF"
MIB = 1024 * 1024


def service(**overrides) -> HubService:
    return HubService(HubSettings.from_env(**overrides))


async def resolve(text: str, **overrides):
    async with service(**overrides) as svc:
        return await svc.resolve(svc.parse(text))


async def test_a_gguf_repo_becomes_a_model_from_its_header(fake_hub):
    fake_hub.add_fixture(fixture("llama"))
    hm = await resolve(f"hf.co/{LLAMA}")
    assert hm.how == "gguf" and hm.quant == "Q4_K_M"
    assert hm.file.first == "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf"
    m = hm.model
    assert (m.layers, m.kv_heads, m.vocab) == (32, 8, 128256)
    assert m.gguf[0].quants["Q4_K_M"] == pytest.approx(4.92)
    assert m.hf_repo == "meta-llama/Llama-3.1-8B-Instruct"  # from general.base_model
    assert "GGUF header" in hm.provenance()


async def test_the_header_is_read_in_doubling_ranges_through_the_cdn(fake_hub):
    fake_hub.add_fixture(fixture("llama"))  # a 8.8 MB header (tokenizer and merges)
    await resolve(LLAMA)
    hub = [r for r in fake_hub.requests if r.site == "hub"]
    cdn = [r.headers["Range"] for r in fake_hub.requests if r.site == "cdn"]
    assert [r.path.split("/")[3] for r in hub] == ["hubtest", "resolve"] or len(hub) == 2
    assert cdn == [
        f"bytes=0-{2 * MIB - 1}",
        f"bytes={2 * MIB}-{4 * MIB - 1}",
        f"bytes={4 * MIB}-{8 * MIB - 1}",
        f"bytes={8 * MIB}-{16 * MIB - 1}",
    ]  # one redirect, then the CDN location is reused for the next ranges


async def test_a_warm_cache_makes_no_request(fake_hub):
    fake_hub.add_fixture(fixture("moe"))
    first = await resolve("hubtest/GLM-4.5-Air-GGUF")
    cold = fake_hub.count()
    assert first.requests == cold > 0
    again = await resolve("hubtest/GLM-4.5-Air-GGUF")  # a new process: the SQLite file
    other = await resolve("https://huggingface.co/hubtest/GLM-4.5-Air-GGUF")
    assert fake_hub.count() == cold and again.requests == other.requests == 0
    assert again.model == first.model


async def test_split_parts_are_all_read_and_summed(fake_hub):
    fake_hub.add_fixture(fixture("compressed"))  # DeepSeek V4 Flash, 4 parts
    hm = await resolve("hubtest/DeepSeek-V4-Flash-GGUF")
    assert hm.file.size == 155 * 10**9 and len(hm.file.paths) == 4
    assert hm.model.moe.moe_layers == 43 and not hm.notes
    assert {g.compress_ratio for g in hm.model.attention} == {None, 4, 128}


async def test_the_token_goes_to_the_hub_and_never_to_the_cdn(fake_hub, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    fake_hub.tokens.add(TOKEN)
    fake_hub.add_fixture(fixture("mla"))
    await resolve("hubtest/DeepSeek-V2-Lite-Chat-GGUF")
    hub = [r for r in fake_hub.requests if r.site == "hub"]
    cdn = [r for r in fake_hub.requests if r.site == "cdn"]
    assert hub and cdn
    assert all(r.headers.get("Authorization") == f"Bearer {TOKEN}" for r in hub)
    assert all("Authorization" not in r.headers for r in cdn)


async def test_a_gated_repo_says_how_to_get_access(fake_hub, monkeypatch, caplog):
    fake_hub.add_fixture(fixture("gemma3"), gated=True)
    repo = "hubtest/google_gemma-3-27b-it-GGUF"
    with pytest.raises(GatedRepo, match=r"gated: accept its terms .* set HF_TOKEN"):
        await resolve(repo)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    fake_hub.tokens.add(TOKEN)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(GatedRepo, match="HF_TOKEN has no access") as exc:
        await resolve(repo)
    assert TOKEN not in str(exc.value) and TOKEN not in caplog.text
    fake_hub.accepted[repo] = {TOKEN}
    hm = await resolve(repo)
    assert hm.model.layers == 62


async def test_a_missing_or_private_repo_is_not_found(fake_hub):
    with pytest.raises(RepoNotFound, match=r"no model repo nobody/Nothing-GGUF .*HF_TOKEN"):
        await resolve("nobody/Nothing-GGUF")


async def test_a_rate_limit_says_when_to_retry(fake_hub):
    fake_hub.add_fixture(fixture("llama"))
    fake_hub.fail("/api/models/", 429, Retry_After=7)
    with pytest.raises(RateLimited, match="try again in 7 s") as exc:
        await resolve(LLAMA)
    assert exc.value.retry_after == 7


async def test_a_slow_hub_times_out_with_a_sentence(fake_hub):
    fake_hub.add_fixture(fixture("llama"))
    fake_hub.delay("/api/models/", 2.0)
    with pytest.raises(HubUnavailable, match="did not answer in time"):
        await resolve(LLAMA, read_timeout_s=0.2)


async def test_a_slow_cdn_is_bounded_by_the_deadline(fake_hub):
    fake_hub.add_fixture(fixture("llama"))
    fake_hub.delay("/blob/", 1.0, site="cdn", times=5)
    with pytest.raises(HubUnavailable, match="longer than"):
        await resolve(LLAMA, deadline_s=0.5)


async def test_a_server_error_is_retried_once(fake_hub):
    fake_hub.add_fixture(fixture("mla"))
    fake_hub.fail("/api/models/", 503)
    hm = await resolve("hubtest/DeepSeek-V2-Lite-Chat-GGUF")
    assert hm.how == "gguf"
    fake_hub.add_fixture(fixture("llama"))
    fake_hub.fail("/api/models/", 502, times=2)
    with pytest.raises(HubUnavailable, match="not answering"):
        await resolve(LLAMA)


async def test_a_dropped_connection_is_a_network_error(fake_hub):
    fake_hub.add_fixture(fixture("mla"))
    fake_hub.reset("/api/models/", times=2)  # aiohttp itself retries a dropped request once
    with pytest.raises(HubUnavailable, match="could not reach"):
        await resolve("hubtest/DeepSeek-V2-Lite-Chat-GGUF")


async def test_an_unreadable_header_falls_back_on_config_json(fake_hub):
    cfg = {"num_hidden_layers": 28, "hidden_size": 1024, "num_attention_heads": 16}
    cfg |= {"num_key_value_heads": 8, "head_dim": 128, "vocab_size": 151936}
    cfg |= {"max_position_embeddings": 40960, "tie_word_embeddings": True}
    fake_hub.add_repo(
        "hubtest/Broken-GGUF",
        {
            "Broken-Q4_K_M.gguf": FakeFile(b"not a gguf file at all" * 10, 500_000_000),
            "config.json": FakeFile(json.dumps(cfg).encode(), 600, lfs=False),
        },
        gguf_total=600_000_000,
    )
    hm = await resolve("hubtest/Broken-GGUF")
    assert hm.how == "config" and hm.model.layers == 28
    assert any("GGUF header could not be read" in n for n in hm.notes)
    assert hm.model.params_b == pytest.approx(0.6)


async def test_the_base_models_config_when_the_repo_has_none(fake_hub):
    cfg = {"num_hidden_layers": 2, "hidden_size": 512, "num_attention_heads": 8}
    cfg |= {"vocab_size": 32000, "max_position_embeddings": 4096}
    fake_hub.add_repo(
        "base/Tiny", {"config.json": FakeFile(json.dumps(cfg).encode(), 90, lfs=False)}
    )
    fake_hub.add_repo(
        "hubtest/Tiny-GGUF",
        {"Tiny-Q8_0.gguf": FakeFile(b"GGUF" + bytes(8), 100_000_000)},
        card={"base_model": "base/Tiny"},
        gguf_total=94_000_000,
    )
    hm = await resolve("hubtest/Tiny-GGUF")
    assert hm.how == "config" and hm.model.layers == 2
    assert "of base/Tiny" in hm.read_from["attention"]


async def test_a_safetensors_repo_is_estimated_and_marked(fake_hub):
    cfg = {"num_hidden_layers": 36, "hidden_size": 4096, "num_attention_heads": 32}
    cfg |= {"num_key_value_heads": 8, "vocab_size": 151936, "max_position_embeddings": 40960}
    fake_hub.add_repo(
        "newlab/Fresh-8B",
        {
            "config.json": FakeFile(json.dumps(cfg).encode(), 700, lfs=False),
            "model-00001-of-00002.safetensors": FakeFile(b"", 5_000_000_000),
            "model-00002-of-00002.safetensors": FakeFile(b"", 3_200_000_000),
        },
        safetensors_total=8_190_000_000,
    )
    hm = await resolve("newlab/Fresh-8B")
    assert hm.how == "safetensors" and hm.file is None and hm.quant is None
    assert hm.model.gguf == [] and hm.model.params_b == pytest.approx(8.19)
    assert "estimated" in hm.provenance() and any("no GGUF files" in n for n in hm.notes)


async def test_a_repo_with_nothing_to_read_is_said(fake_hub):
    fake_hub.add_repo("hubtest/Docs", {"README.md": FakeFile(b"# hi", 4, lfs=False)})
    with pytest.raises(NotAModel):
        await resolve("hubtest/Docs")


async def test_an_unknown_quant_lists_the_ones_there(fake_hub):
    fake_hub.add_fixture(fixture("llama"))
    with pytest.raises(BadInput, match=r"no IQ1_S file .*Q4_K_M"):
        await resolve(f"{LLAMA}:IQ1_S")


async def test_a_header_over_the_cap_is_not_read(fake_hub):
    fake_hub.add_fixture(fixture("llama"))
    with pytest.raises(NotAModel, match="larger than 4 MiB"):
        await resolve(LLAMA, header_cap_bytes=4 * MIB)
    assert fake_hub.count("cdn") == 2  # 2 MiB, then up to the 4 MiB cap: no further read


async def test_a_catalog_repo_keeps_its_reviewed_entry_with_the_listings_sizes(fake_hub, cat):
    fx = fixture("llama")
    files = {p: FakeFile(h, s) for p, (h, s) in fx.files.items()}
    fake_hub.add_repo("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", files)
    hm = await resolve("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q8_0")
    assert hm.how == "catalog" and hm.model.id == "llama-3.1-8b" and hm.quant == "Q8_0"
    assert fake_hub.count("cdn") == 0  # the catalog has the architecture: no header read
    assert hm.model.gguf[0].repo == "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF"
    # the original weights' repo of a catalog model: no request at all
    before = fake_hub.count()
    hm = await resolve("meta-llama/Llama-3.1-8B-Instruct")
    assert hm.model is cat.models["llama-3.1-8b"] and fake_hub.count() == before
    hm = await resolve("hf.co/meta-llama/Llama-3.1-8B-Instruct:q8_0")
    assert hm.quant == "Q8_0" and hm.how == "catalog" and fake_hub.count() == before


async def test_offline_answers_from_the_cache_only(fake_hub, monkeypatch):
    fake_hub.add_fixture(fixture("mla"))
    await resolve("hubtest/DeepSeek-V2-Lite-Chat-GGUF")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    before = fake_hub.count()
    assert (await resolve("hubtest/DeepSeek-V2-Lite-Chat-GGUF")).model.layers == 27
    with pytest.raises(HubUnavailable, match="offline"):
        await resolve("hubtest/Meta-Llama-3.1-8B-Instruct-GGUF")
    assert fake_hub.count() == before


async def test_search_lists_gguf_repos_most_downloaded_first(fake_hub):
    for key, downloads in (("llama", 50), ("mla", 900), ("moe", 10)):
        fake_hub.add_fixture(fixture(key), downloads=downloads)
    fake_hub.add_repo("hubtest/NotGGUF", {"config.json": FakeFile(b"{}", 2, lfs=False)})
    async with service() as svc:
        assert await svc.search("hubtest", cache_only=True) == []  # autocomplete: never waits
        hits = await svc.search("hubtest")
        assert [h.repo for h in hits] == [
            "hubtest/DeepSeek-V2-Lite-Chat-GGUF",
            "hubtest/Meta-Llama-3.1-8B-Instruct-GGUF",
            "hubtest/GLM-4.5-Air-GGUF",
        ]
        before = fake_hub.count()
        assert await svc.search("HUBTEST", cache_only=True) == hits
        assert fake_hub.count() == before


async def test_a_slow_search_gives_up_within_its_deadline(fake_hub):
    fake_hub.delay("/api/models", 2.0, times=2)
    async with service(search_deadline_s=0.3) as svc:
        assert await svc.search("qwen") == []


async def test_two_questions_about_one_repo_at_once_share_one_read(fake_hub):
    import asyncio

    fake_hub.add_fixture(fixture("mla"))
    async with service() as svc:
        ref = svc.parse("hubtest/DeepSeek-V2-Lite-Chat-GGUF")
        a, b = await asyncio.gather(svc.resolve(ref), svc.resolve(ref.with_quant("Q8_0")))
    assert a.model == b.model and (a.quant, b.quant) == ("Q4_K_M", "Q8_0")
    assert fake_hub.count("hub") == 2 and fake_hub.count("cdn") == 1  # listing, redirect, header


async def test_a_cache_file_used_by_several_questions_at_once_is_opened_once(tmp_path, monkeypatch):
    """The first uses of the cache file wait for one connection: each opening its own found the
    other's write lock, gave the file up for memory, and the repo was read twice."""
    import asyncio

    import aiosqlite

    from fitengine.hub.cache import SQLiteCache

    opened = []
    connect = aiosqlite.connect

    def counting(*args, **kwargs):
        opened.append(args[0])
        return connect(*args, **kwargs)

    monkeypatch.setattr(aiosqlite, "connect", counting)
    cache = SQLiteCache(tmp_path / "hub-cache.sqlite3")
    try:
        await asyncio.gather(*(cache.get(f"k{i}") for i in range(8)), cache.put("k", "v", 60))
        assert len(opened) == 1 and cache._fallback is None
        assert await cache.get("k") == "v"
    finally:
        await cache.close()
