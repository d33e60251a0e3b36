"""The Hub client's settings, from the environment the way huggingface_hub reads it.

HF_ENDPOINT (default https://huggingface.co), HF_TOKEN (or the older HUGGING_FACE_HUB_TOKEN) for
gated and private repos, HF_HUB_OFFLINE=1 (or CANIRUN_OFFLINE=1) for no network at all.
CANIRUN_HUB_CACHE: the cache file (default ~/.cache/canirun/hub.sqlite3; "memory" keeps it in
the process). CANIRUN_HUB_TTL: seconds a read stays fresh (default a day).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_ENDPOINT = "https://huggingface.co"
MIB = 1024 * 1024
_TRUE = {"1", "true", "yes", "on"}


class Secret:
    """A token that never shows itself in a repr, a log line or an error."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)


@dataclass(frozen=True)
class HubSettings:
    endpoint: str = DEFAULT_ENDPOINT
    token: Secret | None = field(default=None, repr=False)
    offline: bool = False
    cache_path: Path | None = None  # None: in memory
    ttl_s: float = 24 * 3600.0
    search_ttl_s: float = 6 * 3600.0
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 10.0
    deadline_s: float = 30.0  # one whole resolution (listing + header reads)
    search_deadline_s: float = 3.0  # a search for an unknown name, never longer
    header_first_bytes: int = 2 * MIB
    header_cap_bytes: int = 32 * MIB  # one file's header (tokenizers make them several MB)
    headers_cap_bytes: int = 64 * MIB  # all the split parts of one quant together
    reads_at_once: int = 4  # repos read at the same time (each holds its header in memory)
    json_cap_bytes: int = 16 * MIB
    max_split_files: int = 64
    user_agent: str = "canirun (+https://github.com/canirun)"

    @property
    def host(self) -> str:
        return (urlsplit(self.endpoint).hostname or "").lower()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> HubSettings:
        env = os.environ if env is None else env
        endpoint = (env.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).strip().rstrip("/")
        if urlsplit(endpoint).scheme not in ("http", "https") or not urlsplit(endpoint).hostname:
            endpoint = DEFAULT_ENDPOINT
        token = (env.get("HF_TOKEN") or env.get("HUGGING_FACE_HUB_TOKEN") or "").strip()
        offline = any(
            (env.get(k) or "").strip().lower() in _TRUE
            for k in ("HF_HUB_OFFLINE", "CANIRUN_OFFLINE")
        )
        cache = env.get("CANIRUN_HUB_CACHE")
        if cache is None:
            base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
            cache_path: Path | None = Path(base) / "canirun" / "hub.sqlite3"
        elif cache.strip().lower() in ("", "memory", "none"):
            cache_path = None
        else:
            cache_path = Path(cache)
        kw: dict = {"cache_path": cache_path}  # an override replaces it (the bot's own file)
        if ttl := (env.get("CANIRUN_HUB_TTL") or "").strip():
            with contextlib.suppress(ValueError):
                kw["ttl_s"] = max(0.0, float(ttl))
        kw.update(overrides)
        return cls(
            endpoint=endpoint,
            token=Secret(token) if token else None,
            offline=offline,
            **kw,
        )
