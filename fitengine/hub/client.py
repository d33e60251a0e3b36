"""The only network code of canirun: three Hub API routes and ranged file reads.

    GET {endpoint}/api/models/{owner}/{repo}[/revision/{rev}]?blobs=true   file list with sizes
    GET {endpoint}/api/models?search=...&filter=gguf&sort=downloads...     search
    GET {endpoint}/{owner}/{repo}/resolve/{rev}/{path}  (Range: bytes=a-b)  a file, or its start

URLs are built here from a parsed HubRef, never taken from user text. Redirects are followed by
hand so the token goes only to the endpoint's own origin: the Hub answers /resolve with a 302 to
its CDN (a signed URL), and that request is made without Authorization, as huggingface_hub does.
Every body is read up to a cap; every request has a timeout; every failure becomes a HubError.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import aiohttp

from .errors import (
    FileTooShort,
    GatedRepo,
    HubError,
    HubUnavailable,
    RateLimited,
    RepoNotFound,
    TooLarge,
)
from .gguf_header import Header, HeaderReader, NotGGUF, Truncated
from .refs import HubRef
from .settings import HubSettings

log = logging.getLogger(__name__)

_REDIRECTS = (301, 302, 303, 307, 308)
_MAX_HOPS = 5
_RETRY_STATUS = (502, 503, 504)


def _origin(url: str) -> tuple[str, str, int | None]:
    u = urlsplit(url)
    port = u.port or (443 if u.scheme == "https" else 80 if u.scheme == "http" else None)
    return u.scheme, (u.hostname or "").lower(), port


class HubClient:
    """One aiohttp session against one endpoint; counts the requests it makes."""

    def __init__(self, settings: HubSettings, session: aiohttp.ClientSession | None = None):
        self.settings = settings
        self._session = session
        self._own_session = session is None
        self.requests = 0
        # the CDN location a file resolved to, reused for its next ranges (a signed URL lives
        # for hours; one resolution is seconds)
        self._located: dict[tuple[str, str, str], str] = {}

    async def __aenter__(self) -> HubClient:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None and self._own_session:
            await self._session.close()
        self._session = None

    def _sess(self) -> aiohttp.ClientSession:
        if self._session is None:
            s = self.settings
            timeout = aiohttp.ClientTimeout(
                total=None, connect=s.connect_timeout_s, sock_read=s.read_timeout_s
            )
            self._session = aiohttp.ClientSession(
                timeout=timeout, headers={"User-Agent": s.user_agent}, trust_env=True
            )
            self._own_session = True
        return self._session

    # ------------------------------------------------------------------ URLs

    def _api_url(self, ref: HubRef) -> str:
        base = f"{self.settings.endpoint}/api/models/{quote(ref.owner)}/{quote(ref.name)}"
        if ref.revision != "main":
            base += f"/revision/{quote(ref.revision, safe='')}"
        return base + "?blobs=true"

    def _file_url(self, ref: HubRef, path: str, revision: str | None = None) -> str:
        rev = quote(revision or ref.revision, safe="")
        return (
            f"{self.settings.endpoint}/{quote(ref.owner)}/{quote(ref.name)}/resolve/{rev}/"
            f"{quote(path, safe='/')}"
        )

    # ------------------------------------------------------------------ requests

    async def _get(
        self,
        url: str,
        *,
        what: str,
        repo: str | None,
        cap: int,
        headers: dict[str, str] | None = None,
        locate: tuple[str, str, str] | None = None,
    ) -> tuple[int, bytes]:
        """GET with redirects followed by hand (the token only to the endpoint's origin), one
        retry on a 502/503/504, the body read up to `cap` bytes."""
        for attempt in (1, 2):
            try:
                return await self._get_once(url, what, repo, cap, headers or {}, locate)
            except _Retry:
                if attempt == 2:
                    raise HubUnavailable(
                        f"Hugging Face is not answering right now ({what}); try again later."
                    ) from None
                await asyncio.sleep(0.3)
        raise AssertionError("unreachable")

    async def _get_once(self, url, what, repo, cap, headers, locate) -> tuple[int, bytes]:
        endpoint = _origin(self.settings.endpoint)
        if locate is not None and locate in self._located:
            url = self._located[locate]
        for _ in range(_MAX_HOPS + 1):
            h = dict(headers)
            if self.settings.token and _origin(url) == endpoint:
                h["Authorization"] = f"Bearer {self.settings.token.reveal()}"
            try:
                async with self._sess().get(url, headers=h, allow_redirects=False) as r:
                    self.requests += 1
                    log.debug("GET %s %s -> %s", what, urlsplit(url).path[:120], r.status)
                    if r.status in _REDIRECTS:
                        loc = r.headers.get("Location")
                        nxt = urljoin(url, loc) if loc else ""
                        if urlsplit(nxt).scheme not in ("http", "https"):
                            raise HubUnavailable(
                                f"Hugging Face sent an unusable redirect ({what})."
                            )
                        url = nxt
                        continue
                    if r.status >= 400:
                        body = await r.content.read(4096)
                        raise self._error(r.status, r.headers, body, what, repo)
                    if locate is not None and _origin(url) != endpoint:
                        self._located[locate] = url
                    return r.status, await self._read(r, cap, what)
            except (TimeoutError, aiohttp.ServerTimeoutError):
                raise HubUnavailable(
                    f"Hugging Face did not answer in time ({what}); try again later."
                ) from None
            except aiohttp.ClientError:
                raise HubUnavailable(f"could not reach Hugging Face ({what}).") from None
        raise HubUnavailable(f"too many redirects from Hugging Face ({what}).")

    @staticmethod
    async def _read(r: aiohttp.ClientResponse, cap: int, what: str) -> bytes:
        chunks: list[bytes] = []
        got = 0
        async for chunk in r.content.iter_chunked(64 * 1024):
            chunks.append(chunk)
            got += len(chunk)
            if got >= cap:
                break  # a server that ignored Range: keep what was asked for, drop the rest
        return b"".join(chunks)[:cap]

    def _error(self, status: int, headers, body: bytes, what: str, repo: str | None) -> Exception:
        code = headers.get("X-Error-Code", "")
        message = headers.get("X-Error-Message", "")
        name = repo or "that repo"
        token = bool(self.settings.token)
        if status in _RETRY_STATUS:
            return _Retry()
        if code == "GatedRepo" or (status == 403 and "gated" in message.lower()):
            if token:
                return GatedRepo(
                    f"{name} is gated and HF_TOKEN has no access to it: accept its terms on "
                    f"{self.settings.endpoint}/{name} with that account."
                )
            return GatedRepo(
                f"{name} is gated: accept its terms on {self.settings.endpoint}/{name} and set "
                "HF_TOKEN to a token of that account."
            )
        if code in ("RepoNotFound", "RevisionNotFound") or (
            status in (401, 404) and code != "EntryNotFound"
        ):
            if status == 401 and message == "Invalid credentials in Authorization header":
                return HubError("HF_TOKEN is not a valid Hugging Face token.")
            hint = "" if token else " (if it is private, set HF_TOKEN)"
            what_missing = "revision of " if code == "RevisionNotFound" else ""
            return RepoNotFound(
                f"there is no {what_missing}model repo {name} on Hugging Face{hint}."
            )
        if code == "EntryNotFound" or status == 404:
            return RepoNotFound(f"{name} has no such file ({what}).")
        if status == 429:
            retry = _retry_after(headers)
            when = f" in {retry:.0f} s" if retry else " in a minute"
            return RateLimited(f"Hugging Face is rate-limiting requests; try again{when}.", retry)
        if status == 403:
            return GatedRepo(f"Hugging Face refused access to {name} ({what}).")
        if status == 416:
            return FileTooShort(f"{what} is shorter than its GGUF header says.")
        if status >= 500:
            return HubUnavailable(f"Hugging Face answered {status} ({what}); try again later.")
        return HubError(f"Hugging Face answered {status} ({what}).")

    # ------------------------------------------------------------------ routes

    async def model_info(self, ref: HubRef) -> dict[str, Any]:
        _, body = await self._get(
            self._api_url(ref),
            what="the repo's file list",
            repo=ref.repo_id,
            cap=self.settings.json_cap_bytes,
        )
        return _json(body, "the repo's file list", self.settings.json_cap_bytes)

    async def search(self, query: str, limit: int = 10) -> list[dict[str, Any]]:
        q = quote(query[:100], safe="")
        url = (
            f"{self.settings.endpoint}/api/models?search={q}&filter=gguf&sort=downloads"
            f"&direction=-1&limit={int(limit)}"
        )
        _, body = await self._get(url, what="search", repo=None, cap=self.settings.json_cap_bytes)
        data = _json(body, "search", self.settings.json_cap_bytes)
        return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []

    async def read_file(
        self, ref: HubRef, path: str, cap: int, revision: str | None = None
    ) -> bytes:
        _, body = await self._get(
            self._file_url(ref, path, revision), what=path, repo=ref.repo_id, cap=cap
        )
        if len(body) >= cap:
            raise TooLarge(f"{path} in {ref.repo_id} is larger than {cap // 1_000_000} MB.")
        return body

    async def read_range(
        self, ref: HubRef, path: str, start: int, end: int, revision: str | None = None
    ) -> bytes:
        """Bytes start..end (inclusive) of a file; fewer at its end."""
        status, body = await self._get(
            self._file_url(ref, path, revision),
            what=path.rsplit("/", 1)[-1],
            repo=ref.repo_id,
            cap=end + 1,
            headers={"Range": f"bytes={start}-{end}", "Accept-Encoding": "identity"},
            locate=(ref.repo_id, revision or ref.revision, path),
        )
        if status == 200:  # the server sent the file from its start
            return body[start : end + 1]
        return body[: end - start + 1]

    async def read_header(
        self,
        ref: HubRef,
        path: str,
        *,
        first: int | None = None,
        revision: str | None = None,
        cap: int | None = None,
    ) -> tuple[Header, int]:
        """The GGUF header of a file: its first bytes, doubling the read until the header is
        whole (tokenizer arrays make headers several MB), up to the cap. Returns the header and
        the bytes read."""
        s = self.settings
        cap = min(cap or s.header_cap_bytes, s.header_cap_bytes)
        want = min(first or s.header_first_bytes, cap)
        buf = bytearray()
        reader = HeaderReader()
        while True:
            chunk = await self.read_range(ref, path, len(buf), want - 1, revision)
            buf += chunk
            try:
                return reader.feed(buf), len(buf)
            except Truncated as t:
                if len(buf) < want:
                    raise FileTooShort(
                        f"{path.rsplit('/', 1)[-1]} ended before its GGUF header did."
                    ) from None
                if want >= cap:
                    raise TooLarge(
                        f"the GGUF header of {path.rsplit('/', 1)[-1]} is larger than "
                        f"{cap / (1024 * 1024):g} MiB; not read."
                    ) from None
                want = min(max(want * 2, t.need), cap)
            except NotGGUF as exc:
                raise HubError(f"{path.rsplit('/', 1)[-1]} is not a GGUF file ({exc}).") from None


class _Retry(Exception):
    pass


def _json(body: bytes, what: str, cap: int) -> Any:
    if len(body) >= cap:
        raise TooLarge(f"Hugging Face sent more than {cap // 1_000_000} MB for {what}.")
    try:
        return json.loads(body)
    except ValueError:
        raise HubUnavailable(f"Hugging Face sent something unreadable for {what}.") from None


def _retry_after(headers) -> float | None:
    value = headers.get("Retry-After")
    if value and value.strip().isdigit():
        return float(value.strip())
    rl = headers.get("RateLimit", "")
    for part in rl.split(";"):
        k, _, v = part.strip().partition("=")
        if k == "t" and v.isdigit():
            return float(v)
    return None
