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
    questions  what the CLI and the bot share: a model argument or a question's repos read, the
               Hub's repos offered for an unknown name
    cli        the synchronous hook `canirun fit|batch|ask` call, `canirun hub import|search`
    entry      a HubModel as a catalog YAML entry (canirun hub import)
"""

from importlib import import_module

_EXPORTS = {
    "GatedRepo": "errors",
    "HubError": "errors",
    "HubUnavailable": "errors",
    "NotAModel": "errors",
    "RateLimited": "errors",
    "RepoNotFound": "errors",
    "Found": "refs",
    "HubRef": "refs",
    "RefError": "refs",
    "find_refs": "refs",
    "parse_ref": "refs",
    "HubHit": "service",
    "HubModel": "service",
    "HubService": "service",
    "HubSettings": "settings",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    # imported on first use: `canirun --version` and the question parser stay light
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'fitengine.hub' has no attribute {name!r}")
