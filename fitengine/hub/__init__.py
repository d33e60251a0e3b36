"""Any model on Hugging Face: a repo reference -> a catalog Model, read from the repo's files.

The only part of canirun that does network I/O; the engine gets a plain `Model` and never knows
where it came from.

    refs       parse_ref / find_refs: hf.co/OWNER/REPO:QUANT, OWNER/REPO, Hub links (pure)
    files      the repo's GGUF quants with exact sizes; llama.cpp's -hf file choice (pure)
    gguf_header, gguf_map, config_map
               a GGUF header / a config.json -> Model fields (pure)
    client     the HTTP client (aiohttp): API routes and ranged reads, token only to the Hub
    cache      get/put with an expiry (SQLite through aiosqlite)
    service    HubService: resolve(ref) -> HubModel, search(text) -> [HubHit]
    entry      a HubModel as a catalog YAML entry (canirun hub import)
"""

from .errors import GatedRepo, HubError, HubUnavailable, NotAModel, RateLimited, RepoNotFound
from .refs import Found, HubRef, RefError, find_refs, parse_ref
from .service import HubHit, HubModel, HubService
from .settings import HubSettings

__all__ = [
    "Found",
    "GatedRepo",
    "HubError",
    "HubHit",
    "HubModel",
    "HubRef",
    "HubService",
    "HubSettings",
    "HubUnavailable",
    "NotAModel",
    "RateLimited",
    "RefError",
    "RepoNotFound",
    "find_refs",
    "parse_ref",
]
