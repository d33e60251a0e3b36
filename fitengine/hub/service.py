"""A Hub repo reference -> a validated catalog Model, with what was read and from where.

    listing   the repo's files and sizes (one API call): exact GGUF sizes, split files summed
    header    the GGUF header of one file (HTTP Range reads, doubling), every split part's
              tensor list; the architecture is the same for every quant of a repo
    fallback  config.json of the repo or of its base_model when no header can be read; a
              safetensors-only repo is estimated from its parameter count and config, marked
    catalog   a repo the catalog already describes keeps its reviewed entry, with the listing's
              exact file sizes

Everything read is cached per repo (cache.py), so a second question about any quant of the same
repo makes no request. The engine gets a plain Model: it never knows where the entry came from.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from ..catalog import MTP, Catalog, GGUFRepo, Model, RopeScaling, default_catalog
from .cache import Cache, MemoryCache, SQLiteCache
from .config_map import layout_from_config
from .errors import (
    FileTooShort,
    GatedRepo,
    HubError,
    HubUnavailable,
    NotAModel,
    RateLimited,
    TooLarge,
)
from .files import NoSuchQuant, QuantFile, RepoFiles, pick, read_listing
from .gguf_map import Layout, NotReadable, layout_from_gguf
from .refs import HubRef, _valid_name, parse_ref
from .settings import HubSettings

if TYPE_CHECKING:
    from .client import HubClient

How = Literal["gguf", "config", "safetensors", "catalog"]
CACHE_VERSION = 1
_LATER_SPLIT_FIRST = 256 * 1024  # later split parts hold only their tensor list


@dataclass(frozen=True)
class HubHit:
    """A search result: a GGUF repo and how often it was downloaded (last 30 days)."""

    repo: str
    downloads: int = 0


@dataclass
class RepoEntry:
    """What was read about one repo at one revision (the cached unit)."""

    repo: str
    sha: str | None
    how: How
    model: dict[str, Any]  # Model fields (gguf left out: rebuilt from `files`)
    files: list[dict[str, Any]]  # QuantFile as dicts, listing order
    notes: list[str] = field(default_factory=list)
    read_from: dict[str, str] = field(default_factory=dict)
    header_bytes: int = 0  # bytes of GGUF header read (0: none)
    catalog_id: str | None = None

    def to_json(self) -> str:
        return json.dumps({"v": CACHE_VERSION, **self.__dict__}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> RepoEntry | None:
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict) or data.pop("v", None) != CACHE_VERSION:
            return None
        try:
            return cls(**data)
        except TypeError:
            return None

    def quant_files(self) -> RepoFiles:
        out = RepoFiles()
        for f in self.files:
            qf = QuantFile(f["label"], tuple(f["paths"]), f["size"], f["complete"])
            if qf.label and qf.label not in out.quants:
                out.quants[qf.label] = qf
            else:
                out.unlabelled.append(qf)
        return out


@dataclass(frozen=True)
class HubModel:
    """The answer to "which model is this reference": a catalog Model the engine can analyze,
    the quant file the reference means, and what was read to build it."""

    model: Model
    ref: HubRef
    repo: str
    revision: str | None
    how: How
    quant: str | None  # the catalog quant id of `file` (None: the engine recommends one)
    file: QuantFile | None
    notes: tuple[str, ...] = ()
    read_from: Mapping[str, str] = field(default_factory=dict)
    other_files: tuple[str, ...] = ()  # GGUF quants in the repo that canirun does not model
    requests: int = 0  # HTTP requests this resolution made (0: all from the cache)

    def provenance(self) -> str:
        """One sentence: where the figures come from."""
        return provenance_text(self.source_json())

    def source_json(self) -> dict[str, Any]:
        return {
            "kind": "huggingface",
            "model_id": self.model.id,
            "repo": self.repo,
            "revision": self.revision,
            "read": self.how,
            "file": self.file.first if self.file else None,
            "file_size_gb": round(self.file.size / 1e9, 3) if self.file else None,
            "parts": len(self.file.paths) if self.file else 0,
            "quant": self.quant,
            "read_from": dict(self.read_from),
            "not_read": list(self.notes),
            "other_files": list(self.other_files),
        }


def provenance_text(src: Mapping[str, Any]) -> str:
    """One sentence from a source_json(): where a card's figures come from."""
    repo, file = src.get("repo"), src.get("file")
    if src.get("read") == "catalog":
        where = f"the catalog entry {src.get('model_id')}"
        if file:
            where += f", with the exact file sizes listed in {repo}"
        return f"Figures from {where}."
    what = {
        "gguf": "its GGUF header",
        "config": "its config.json (the GGUF header could not be read)",
        "safetensors": "its parameter count and config.json (no GGUF files: sizes estimated)",
    }.get(str(src.get("read")), "its files")
    shown = ""
    if file:
        parts = f", {src['parts']} parts" if (src.get("parts") or 0) > 1 else ""
        shown = f" {file.rsplit('/', 1)[-1]} ({src.get('file_size_gb') or 0:.2f} GB{parts});"
    return f"Figures from the repo's files: hf.co/{repo}:{shown} architecture from {what}."


def hub_model_id(repo: str) -> str:
    slug = re.sub(r"[^a-z0-9.]+", "-", repo.lower()).strip("-.")
    return f"hf-{slug}"


class HubService:
    """Resolves references and searches the Hub, through one cache and one client."""

    def __init__(
        self,
        settings: HubSettings | None = None,
        *,
        cache: Cache | None = None,
        catalog: Catalog | None = None,
        client: HubClient | None = None,
    ):
        self.settings = settings or HubSettings.from_env()
        if cache is None:
            path = self.settings.cache_path
            cache = SQLiteCache(path) if path is not None else MemoryCache()
        self.cache = cache
        self._catalog = catalog
        self._client = client
        self._by_repo: dict[str, tuple[Model, bool]] | None = None
        self._inflight: dict[str, asyncio.Future[RepoEntry]] = {}
        self._reads: asyncio.Semaphore | None = None

    @property
    def catalog(self) -> Catalog:
        return self._catalog or default_catalog()

    @property
    def client(self) -> HubClient:
        if self._client is None:
            from .client import HubClient  # aiohttp: only when a request is to be made

            self._client = HubClient(self.settings)
        return self._client

    @property
    def requests(self) -> int:
        return self._client.requests if self._client is not None else 0

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
        await self.cache.close()

    async def __aenter__(self) -> HubService:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    def parse(self, text: str) -> HubRef | None:
        return parse_ref(text, extra_hosts=frozenset({self.settings.host}))

    # ------------------------------------------------------------------ the catalog's repos

    def _catalog_repo(self, repo: str) -> tuple[Model, bool] | None:
        """The catalog entry whose original (False) or GGUF (True) repo this is."""
        if self._by_repo is None:
            index: dict[str, tuple[Model, bool]] = {}
            for m in self.catalog.models.values():
                index.setdefault(m.hf_repo.lower(), (m, False))
                for g in m.gguf:
                    index.setdefault(g.repo.lower(), (m, True))
            self._by_repo = index
        return self._by_repo.get(repo.lower())

    # ------------------------------------------------------------------ resolve

    async def resolve(self, ref: HubRef) -> HubModel:
        start = self.requests
        known = self._catalog_repo(ref.repo_id)
        if known is not None and not known[1] and not ref.file:
            # the original weights of a catalog model: the reviewed entry says it all
            return self._catalog_only(ref, known[0], [])
        key = f"repo:{self.settings.endpoint}:{ref.repo_id}@{ref.revision}"
        entry = RepoEntry.from_json(await self.cache.get(key) or "")
        if entry is None:
            if self.settings.offline:
                if known is not None:
                    return self._catalog_only(ref, known[0], ["offline: the catalog entry as is"])
                raise HubUnavailable(
                    f"canirun is offline (HF_HUB_OFFLINE) and has not read {ref.repo_id} before."
                )
            # two questions about one repo at once share one read
            task = self._inflight.get(key)
            if task is None:
                task = asyncio.ensure_future(self._read_and_cache(key, ref, known))
                self._inflight[key] = task
                task.add_done_callback(lambda _: self._inflight.pop(key, None))
            try:
                entry = await asyncio.shield(task)
            except (HubUnavailable, RateLimited) as exc:
                if known is None:
                    raise
                return self._catalog_only(ref, known[0], [f"the Hub could not be read: {exc}"])
        return self._hub_model(ref, entry, self.requests - start)

    async def _read_and_cache(
        self, key: str, ref: HubRef, known: tuple[Model, bool] | None
    ) -> RepoEntry:
        if self._reads is None:
            self._reads = asyncio.Semaphore(self.settings.reads_at_once)
        async with self._reads:
            try:
                entry = await asyncio.wait_for(
                    self._read_repo(ref, known[0] if known else None), self.settings.deadline_s
                )
            except TimeoutError:
                raise HubUnavailable(
                    f"reading {ref.repo_id} took longer than {self.settings.deadline_s:.0f} s; "
                    "try again."
                ) from None
        await self.cache.put(key, entry.to_json(), self.settings.ttl_s)
        return entry

    def _catalog_only(self, ref: HubRef, m: Model, notes: list[str]) -> HubModel:
        quant = None
        if ref.quant:
            quant = next((q for q in self.catalog.quants if q.upper() == ref.quant.upper()), None)
        return HubModel(m, ref, ref.repo_id, None, "catalog", quant, None, tuple(notes))

    def _hub_model(self, ref: HubRef, entry: RepoEntry, requests: int) -> HubModel:
        files = entry.quant_files()
        chosen: QuantFile | None = None
        if files.gguf:
            try:
                chosen = pick(files, ref.quant, ref.file)
            except NoSuchQuant as exc:
                from ..request import BadInput

                raise BadInput(f"{ref.repo_id}: {exc}") from None
        elif ref.quant or ref.file:
            from ..request import BadInput

            raise BadInput(f"{ref.repo_id} has no GGUF files to pick {ref.quant or ref.file} from.")
        known = self.catalog.quants
        sizes = {
            label: (qf.size / 1e9 if qf.complete and qf.size > 0 else None)
            for label, qf in files.quants.items()
            if label in known
        }
        other = tuple(label for label in files.quants if label not in known)
        other += tuple(qf.first.rsplit("/", 1)[-1] for qf in files.unlabelled)
        fields = dict(entry.model)
        repos = [GGUFRepo(repo=entry.repo, quants=sizes)] if sizes else []
        if entry.catalog_id and entry.catalog_id in self.catalog.models:
            base = self.catalog.models[entry.catalog_id]
            rest = [g for g in base.gguf if g.repo.lower() != entry.repo.lower()]
            model = base.model_copy(update={"gguf": repos + rest})
        else:
            model = Model.model_validate({**fields, "gguf": repos})
        notes = list(entry.notes)
        quant = chosen.label if chosen is not None and chosen.label in known else None
        if chosen is not None and quant is None:
            notes.append(
                f"{chosen.label or chosen.first.rsplit('/', 1)[-1]} is not a quant type canirun "
                "models: the card shows the quants it knows"
            )
        if chosen is not None and not chosen.complete:
            notes.append(f"not every part of the {chosen.label} files is listed: size unknown")
        return HubModel(
            model=model,
            ref=ref,
            repo=entry.repo,
            revision=entry.sha,
            how=entry.how,
            quant=quant,
            file=chosen,
            notes=tuple(notes),
            read_from=dict(entry.read_from),
            other_files=other,
            requests=requests,
        )

    async def _read_repo(self, ref: HubRef, known: Model | None) -> RepoEntry:
        client = self.client
        info = await client.model_info(ref)
        repo = str(info.get("id") or info.get("modelId") or ref.repo_id)
        if not _repo_ok(repo):
            repo = ref.repo_id
        sha = info.get("sha") if isinstance(info.get("sha"), str) else None
        siblings = info.get("siblings") if isinstance(info.get("siblings"), list) else []
        files = read_listing(s for s in siblings if isinstance(s, Mapping))
        file_dicts = [
            {"label": q.label, "paths": list(q.paths), "size": q.size, "complete": q.complete}
            for q in files.gguf
        ]
        if known is not None and files.gguf:
            return RepoEntry(
                repo,
                sha,
                "catalog",
                {},
                file_dicts,
                [],
                {"sizes": "the repo's file list"},
                0,
                known.id,
            )
        notes: list[str] = []
        layout: Layout | None = None
        how: How = "gguf"
        header_bytes = 0
        if files.gguf:
            try:  # the quant asked for (its header is the one read), else llama.cpp's pick
                target = pick(files, ref.quant, ref.file)
            except NoSuchQuant:
                target = pick(files)  # said when the quant is picked (_hub_model)
            try:
                layout, header_bytes = await self._read_gguf(ref, sha, info, target)
            except (FileTooShort, TooLarge, NotReadable) as exc:
                notes.append(f"the GGUF header could not be read: {exc}")
            except HubError as exc:
                if isinstance(exc, GatedRepo | RateLimited | HubUnavailable):
                    raise
                notes.append(f"the GGUF header could not be read: {exc}")
            how = "gguf" if layout is not None else "config"
        else:
            how = "safetensors"
            if not (files.has_safetensors or files.has_config):
                raise NotAModel(
                    f"{repo} has no GGUF files and no model weights canirun can read a size from."
                )
            notes.append(
                "no GGUF files in this repo: quant sizes are estimated from its parameters"
            )
        if layout is None:
            layout = await self._config_layout(ref, sha, info, files, notes)
        notes = layout.notes + notes
        fields = model_fields(
            repo, layout, files, endpoint=self.settings.endpoint, catalog=self.catalog
        )
        try:
            Model.model_validate({**fields, "gguf": []})
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise NotAModel(
                f"{repo}: what was read does not make a model ({where}: {err['msg']})."
            ) from None
        return RepoEntry(repo, sha, how, fields, file_dicts, notes, layout.read_from, header_bytes)

    async def _read_gguf(
        self, ref: HubRef, sha: str | None, info: Mapping[str, Any], target: QuantFile
    ) -> tuple[Layout, int]:
        client = self.client
        header, nbytes = await client.read_header(ref, target.first, revision=sha)
        tensors = list(header.tensors)
        complete = target.complete
        rest = target.paths[1:]
        if len(rest) >= self.settings.max_split_files:
            complete, rest = False, ()
        if rest:
            limit = asyncio.Semaphore(4)
            # a later part holds only its tensor list: a share of what is left of the budget
            share = max(_LATER_SPLIT_FIRST, (self.settings.headers_cap_bytes - nbytes) // len(rest))

            async def one(path: str):
                async with limit:
                    return await client.read_header(
                        ref, path, first=_LATER_SPLIT_FIRST, revision=sha, cap=share
                    )

            parts = await asyncio.gather(*(one(p) for p in rest), return_exceptions=True)
            for part in parts:
                if isinstance(part, GatedRepo | RateLimited | HubUnavailable):
                    raise part
                if isinstance(part, BaseException):
                    complete = False
                    continue
                tensors += part[0].tensors
                nbytes += part[1]
        gguf = info.get("gguf") if isinstance(info.get("gguf"), Mapping) else {}
        hint = gguf.get("total") if isinstance(gguf.get("total"), int) else None
        return (
            layout_from_gguf(header.metadata, tensors, tensors_complete=complete, params_hint=hint),
            nbytes,
        )

    async def _config_layout(
        self, ref: HubRef, sha: str | None, info: Mapping[str, Any], files: RepoFiles, notes
    ) -> Layout:
        st = info.get("safetensors") if isinstance(info.get("safetensors"), Mapping) else {}
        gg = info.get("gguf") if isinstance(info.get("gguf"), Mapping) else {}
        hint = st.get("total") if isinstance(st.get("total"), int) else gg.get("total")
        hint = hint if isinstance(hint, int) else None
        sources: list[tuple[HubRef, str | None, str]] = []
        if files.has_config:
            sources.append((ref, sha, ref.repo_id))
        for base in _base_models(info):
            owner, name = base.split("/", 1)
            sources.append((HubRef(owner, name), None, base))
        last: Exception | None = None
        for src, rev, label in sources:
            try:
                raw = await self.client.read_file(src, "config.json", 2_000_000, revision=rev)
                cfg = json.loads(raw)
                if not isinstance(cfg, Mapping):
                    raise ValueError("not an object")
                layout = layout_from_config(cfg, params_hint=hint)
            except (HubUnavailable, RateLimited):
                raise
            except (HubError, ValueError, NotReadable) as exc:
                last = exc
                notes.append(f"config.json of {label} could not be read: {exc}")
                continue
            layout.read_from = {k: f"{v} of {label}" for k, v in layout.read_from.items()}
            return layout
        if isinstance(last, GatedRepo):
            raise last
        raise NotAModel(
            f"{ref.repo_id}: neither a GGUF header nor a config.json could be read"
            + (f" ({notes[-1]})" if notes else "")
            + "."
        )

    # ------------------------------------------------------------------ search

    async def search(self, text: str, limit: int = 5, *, cache_only: bool = False) -> list[HubHit]:
        """GGUF repos whose name matches `text`, most downloaded first. Bounded in time; an
        empty list when the Hub is slow, down or offline (a search is a courtesy, not an
        answer). `cache_only` never makes a request (autocomplete)."""
        q = " ".join((text or "").split())[:100]
        if len(q) < 2:
            return []
        key = f"search:{self.settings.endpoint}:{q.lower()}"
        cached = await self.cache.get(key)
        if cached is not None:
            return _hits(cached)[:limit]
        if cache_only or self.settings.offline:
            return []
        try:
            hits = await asyncio.wait_for(self._search(q, limit), self.settings.search_deadline_s)
        except (TimeoutError, HubError):
            return []
        await self.cache.put(
            key, json.dumps([[h.repo, h.downloads] for h in hits]), self.settings.search_ttl_s
        )
        return hits[:limit]

    async def _search(self, q: str, limit: int) -> list[HubHit]:
        hits: list[HubHit] = []
        for query in dict.fromkeys([q, q.replace(" ", "-")]):
            for d in await self.client.search(query, limit=max(limit, 10)):
                repo = d.get("id") or d.get("modelId")
                if isinstance(repo, str) and _repo_ok(repo):
                    downloads = d.get("downloads") if isinstance(d.get("downloads"), int) else 0
                    hits.append(HubHit(repo, downloads))
            if hits:
                break
        seen: set[str] = set()
        unique = [h for h in hits if not (h.repo in seen or seen.add(h.repo))]
        return sorted(unique, key=lambda h: -h.downloads)


def model_fields(
    repo: str, layout: Layout, files: RepoFiles, *, endpoint: str, catalog: Catalog
) -> dict[str, Any]:
    """Catalog Model fields (all but `gguf`) for a repo, from what was read about it."""
    f = dict(layout.fields)
    source = f"{endpoint}/{repo}"
    if not f.get("params_b"):
        # last resort: the picked file's size at its quant's bits per weight
        qf = pick(files) if files.gguf else None
        qt = catalog.quants.get(qf.label) if qf is not None else None
        if qf is None or qt is None or qf.size <= 0:
            raise NotAModel(f"{repo}: no parameter count could be read or estimated.")
        f["params_b"] = qf.size * 8 / qt.bpw / 1e9
        layout.notes.append(
            f"parameter count estimated from the {qf.label} file size at {qt.bpw} bits/weight"
        )
    if f.get("active_params_b"):
        f["active_params_b"] = max(min(f["active_params_b"], f["params_b"]), 1e-3)
    else:
        f.pop("active_params_b", None)
    if rope := f.pop("rope_scaling", None):
        f["rope_scaling"] = RopeScaling(**rope, source=source).model_dump()
    if mtp := f.pop("mtp", None):
        f["mtp"] = MTP(**mtp, source=source).model_dump()
    name = layout.general_name or repo.split("/", 1)[1]
    family = (layout.basename or layout.arch or "hf").lower()
    tags = ["moe"] if f.get("moe") else []
    if any(g.get("kind") == "linear" for g in f.get("attention", [])):
        tags.append("hybrid")
    return {
        "id": hub_model_id(repo),
        "name": repo,
        "family": re.sub(r"[^a-z0-9.-]+", "-", family)[:40] or "hf",
        "hf_repo": layout.base_repo if layout.base_repo and _repo_ok(layout.base_repo) else repo,
        "aliases": [name] if name != repo else [],
        "tags": tags,
        "source": source,
        **f,
    }


def _repo_ok(repo: str) -> bool:
    parts = repo.split("/")
    return len(parts) == 2 and all(_valid_name(p) for p in parts)


def _base_models(info: Mapping[str, Any]) -> list[str]:
    card = info.get("cardData") if isinstance(info.get("cardData"), Mapping) else {}
    base = card.get("base_model")
    items = base if isinstance(base, list) else [base]
    return [b for b in items if isinstance(b, str) and _repo_ok(b)][:2]


def _hits(text: str) -> list[HubHit]:
    try:
        data = json.loads(text)
        return [HubHit(str(r), int(d)) for r, d in data]
    except (ValueError, TypeError):
        return []
